// `npm start`: builds and packages the extension, then serves it in VS Code for the web
// (code-server) on 127.0.0.1 and prints the URL. Ctrl+C stops everything.
//   npm start -- [--port N] [--folder DIR]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { port: { type: 'string' }, folder: { type: 'string' } } });

const pack = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { cwd: root, encoding: 'utf8' });
if (pack.status !== 0) {
  process.stderr.write(pack.stdout + pack.stderr);
  process.exit(pack.status ?? 1);
}
const vsix = join(root, /package: (\S+\.vsix)/.exec(pack.stdout)?.[1] ?? '');
await buildTests();
const { startCodeServer } = await import(join(root, 'out', 'test', 'vscode', 'codeServer.js'));

const folder = values.folder ?? join(root, 'test', 'fixtures', 'empty-workspace');
const server = await startCodeServer({ folder, installVsix: [vsix], port: values.port ? Number(values.port) : undefined });
console.log(`Azure Batch Images is running in VS Code for the web: ${server.url}/?folder=${encodeURIComponent(folder)}`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(() => process.exit(0), () => process.exit(1));
  });
}
