// @vscode/test-cli configuration: `npx vscode-test` (or `npm run test:desktop`, which builds first
// and checks that VS Code can be downloaded) runs the integration suite (test/integration) in
// desktop VS Code, downloaded by @vscode/test-electron. Like the code-server run of `npm test`, the
// extension under development talks to the project's Azure simulator (demo scenario), which this
// file starts in the CLI's process, with the same user settings and environment as the sandbox.
// Machines without access to update.code.visualstudio.com use `npm test` instead.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('.', import.meta.url).pathname;
const out = join(root, 'out', 'test');
if (!existsSync(join(out, 'integration', 'index.js'))) {
  throw new Error('out/test is not built: run `npm run test:desktop`, which builds before it runs vscode-test');
}
const { startSimulator } = await import(join(out, 'simulator', 'index.js'));
const { quietSettings } = await import(join(out, 'vscode', 'codeServer.js'));
const { demoWorkspace, simulatorSettings } = await import(join(out, 'vscode', 'sandbox.js'));

// Small pages so paging code always runs; quick long-running operations (as in integrationMain).
const simulator = await startSimulator({ scenario: 'demo', pageSize: 5, lroMs: 300, allocationMs: 500 });
const state = mkdtempSync(join(tmpdir(), 'abi-desktop-'));
process.on('exit', () => rmSync(state, { recursive: true, force: true }));
const userDataDir = join(state, 'user-data');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, 'security.workspace.trust.enabled': false, ...simulatorSettings(simulator) }, null, 2));
const workspace = join(state, 'demo-workspace');
cpSync(demoWorkspace, workspace, { recursive: true });

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  version: process.env.VSCODE_VERSION ?? 'stable',
  extensionDevelopmentPath: root,
  workspaceFolder: workspace,
  launchArgs: ['--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust'],
  env: {
    NODE_EXTRA_CA_CERTS: simulator.caCertPath,
    AZURE_CLIENT_SECRET: simulator.clientSecret,
    // The tests script prompts through the test hooks, which only this switch publishes (src/testHooks.ts).
    AZURE_BATCH_IMAGES_TEST_HOOKS: '1',
    ABI_SIMULATOR_URL: simulator.url,
  },
  mocha: { ui: 'bdd', timeout: 60_000, color: false, ...(process.env.ABI_TEST_GREP ? { grep: process.env.ABI_TEST_GREP } : {}) },
  // Fail rather than wait when the download stalls.
  download: { timeout: 30_000 },
});
