// `npm run test:desktop`: the integration suite on desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (these CI machines cannot; there `npm test` runs the
// same suite inside code-server).
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await buildTests();
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [join(root, 'test', 'fixtures', 'empty-workspace'), '--disable-extensions', '--disable-workspace-trust'],
    // The tests script prompts through the test hooks, which only this switch publishes (src/testHooks.ts).
    extensionTestsEnv: { AZURE_BATCH_IMAGES_TEST_HOOKS: '1' },
  });
} catch (error) {
  console.error(`test:desktop failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
