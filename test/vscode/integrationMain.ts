// The integration tier: starts the Azure simulator (demo scenario) and code-server connected to it,
// then runs test/integration inside the extension host with the extension under development.
// Tests reach the simulator's control API through ABI_SIMULATOR_URL. Exit code 0 when all passed.
import { join } from 'node:path';
import { projectRoot } from './codeServer';
import { runTestsInVsCode } from './runTestsInVsCode';
import { startSandbox } from './sandbox';

async function main(): Promise<number> {
  // Small pages so paging code always runs; quick long-running operations so wizards finish fast.
  // The test hooks' switch (src/testHooks.ts): only this host publishes the prompt switch the tests script.
  const sandbox = await startSandbox({ simulator: { pageSize: 5, lroMs: 300, allocationMs: 500 }, env: { AZURE_BATCH_IMAGES_TEST_HOOKS: '1' } });
  try {
    const testsPath = join(projectRoot, 'out', 'test', 'integration', 'index.js');
    const result = await runTestsInVsCode(sandbox.server, projectRoot, testsPath, sandbox.folder);
    if (!result.output.some((line) => /^integration: \d+ passed/.test(line))) {
      console.log(`integration: the extension host reported no result; see ${sandbox.server.logPath}`);
    }
    return result.exitCode;
  } finally {
    await sandbox.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
