// `npm run test:desktop`: the integration suite on desktop VS Code through @vscode/test-cli
// (`.vscode-test.mjs`), for machines that can download VS Code. It builds, checks that the VS Code
// update service answers (so a machine without internet gets a clear message at once instead of a
// stalled download), then runs `vscode-test`. `npm test` does not use it: there the same suite runs
// inside code-server.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
const updateService = 'https://update.code.visualstudio.com/api/releases/stable';

try {
  const response = await fetch(updateService, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
} catch (error) {
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  console.error(
    `test:desktop: cannot reach ${updateService} (${reason}), so desktop VS Code cannot be downloaded on this machine.\n` +
      `Run it where VS Code can be downloaded, or run the same integration suite in code-server with 'npm test -- integration'.`,
  );
  process.exit(2);
}

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await buildTests();
const run = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'test-cli', 'out', 'bin.mjs'), '--config', join(root, '.vscode-test.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
