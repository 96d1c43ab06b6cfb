// The integration tier: starts the Azure simulator (demo scenario) and code-server connected to it,
// then runs test/integration inside the extension host with the extension under development; then
// the same with the display language Turkish (code-server --locale tr) for test/integration-tr.
// Tests reach the simulator's control API through ABI_SIMULATOR_URL. Exit code 0 when all passed.
import { join } from 'node:path';
import { projectRoot } from './codeServer';
import { runTestsInVsCode } from './runTestsInVsCode';
import { startSandbox } from './sandbox';

interface Pass {
  exitCode: number;
  passed: number;
  failed: number;
}

async function runPass(suite: string, locale?: string): Promise<Pass> {
  // Small pages so paging code always runs; quick long-running operations so wizards finish fast.
  // Resource Graph's quota is generous here: suites reload often; the Resource Graph suite sets
  // Azure's own quota, a tight one and a long index lag itself (PUT /__simulator/resource-graph).
  // The test hooks' switch (src/testHooks.ts): only this host publishes the prompt switch the tests script.
  const sandbox = await startSandbox({ simulator: { pageSize: 5, lroMs: 300, allocationMs: 500, argQuota: '1000/5s' }, locale, env: { AZURE_BATCH_IMAGES_TEST_HOOKS: '1' } });
  try {
    const testsPath = join(projectRoot, 'out', 'test', suite, 'index.js');
    const result = await runTestsInVsCode(sandbox.server, projectRoot, testsPath, sandbox.folder, undefined, locale);
    const counts = result.output.map((line) => /^integration(?: \([a-z-]+\))?: (\d+) passed, (\d+) failed/.exec(line)).filter((m) => m !== null).pop();
    if (!counts) console.log(`integration: the extension host reported no result; see ${sandbox.server.logPath}`);
    return { exitCode: result.exitCode, passed: Number(counts?.[1] ?? 0), failed: Number(counts?.[2] ?? 0) };
  } finally {
    await sandbox.stop();
  }
}

async function main(): Promise<number> {
  const english = await runPass('integration');
  const turkish = await runPass('integration-tr', 'tr');
  // The line scripts/test.mjs counts: both passes together.
  console.log(`integration: ${english.passed + turkish.passed} passed, ${english.failed + turkish.failed} failed`);
  return english.exitCode !== 0 ? english.exitCode : turkish.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
