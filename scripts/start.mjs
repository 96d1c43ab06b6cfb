// `npm start`: builds and packages the extension, then serves it in VS Code for the web
// (code-server) on 127.0.0.1 and prints the URL. Ctrl+C stops everything.
//   npm start -- [--port N] [--folder DIR] [--scenario demo|large|empty|FILE]
// With no Azure service principal in the environment it is a sandbox: the Azure simulator runs
// the demo scenario and the extension is signed in to it, with the demo pool files open. With
// AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET set it connects to that Azure instead
// (AZURE_AUTHORITY_HOST and AZURE_RESOURCE_MANAGER_ENDPOINT select another cloud).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
/** The demo pool file the sandbox opens: a retired managed image in another region than its account. */
const START_FILE = 'region-mismatch.pool.json';
const { values } = parseArgs({ options: { port: { type: 'string' }, folder: { type: 'string' }, scenario: { type: 'string' } } });

const pack = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { cwd: root, encoding: 'utf8' });
if (pack.status !== 0) {
  process.stderr.write(pack.stdout + pack.stderr);
  process.exit(pack.status ?? 1);
}
const vsix = join(root, /package: (\S+\.vsix)/.exec(pack.stdout)?.[1] ?? '');
await buildTests();
const port = values.port ? Number(values.port) : undefined;
const realAzure = Boolean(process.env.AZURE_TENANT_ID && process.env.AZURE_CLIENT_ID && process.env.AZURE_CLIENT_SECRET);

let stop;
let url;
let note;
if (realAzure) {
  const { startCodeServer } = await import(join(root, 'out', 'test', 'vscode', 'codeServer.js'));
  const folder = values.folder ?? process.cwd();
  const server = await startCodeServer({
    folder,
    installVsix: [vsix],
    port,
    settings: {
      'azureBatchImages.authentication.mode': 'servicePrincipal',
      'azureBatchImages.servicePrincipal.tenantId': process.env.AZURE_TENANT_ID,
      'azureBatchImages.servicePrincipal.clientId': process.env.AZURE_CLIENT_ID,
      'azureBatchImages.servicePrincipal.authorityHost': process.env.AZURE_AUTHORITY_HOST ?? '',
      'azureBatchImages.servicePrincipal.resourceManagerEndpoint': process.env.AZURE_RESOURCE_MANAGER_ENDPOINT ?? '',
    },
  });
  stop = () => server.stop();
  url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  note = `Signed in as service principal ${process.env.AZURE_CLIENT_ID}.`;
} else {
  const { startSandbox, demoDefaultAccount } = await import(join(root, 'out', 'test', 'vscode', 'sandbox.js'));
  const scenario = values.scenario ?? 'demo';
  // The demo pool files target batchprodeast (the workspace's default account), and one of them
  // opens with the workbench: its diagnostics are there without a click.
  const demo = scenario === 'demo' && !values.folder;
  const sandbox = await startSandbox({
    installVsix: [vsix],
    port,
    simulator: { scenario },
    workspaceSettings: demo ? { 'azureBatchImages.defaultBatchAccount': demoDefaultAccount } : undefined,
  });
  stop = () => sandbox.stop();
  const folder = values.folder ?? sandbox.folder;
  const open = demo ? `&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://${sandbox.server.host}${join(folder, START_FILE)}`]]))}` : '';
  url = `${sandbox.server.url}/?folder=${encodeURIComponent(folder)}${open}`;
  note = `Sandbox: signed in to the Azure simulator at ${sandbox.simulator.url} (scenario ${scenario}), the demo pool files in the workspace${demo ? `, ${START_FILE} open` : ''}.`;
}
console.log(`Azure Batch Images is running in VS Code for the web: ${url}`);
console.log(note);
console.log('Press Ctrl+C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    stop().then(() => process.exit(0), () => process.exit(1));
  });
}
