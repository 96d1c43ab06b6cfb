// The integration tier: starts code-server on a workspace and runs test/integration inside its
// extension host with the extension under development loaded. Exit code 0 when every test passed.
import { join } from 'node:path';
import { projectRoot, startCodeServer } from './codeServer';
import { runTestsInVsCode } from './runTestsInVsCode';

async function main(): Promise<number> {
  const folder = process.env.ABI_TEST_WORKSPACE ?? join(projectRoot, 'test', 'fixtures', 'empty-workspace');
  const server = await startCodeServer({ folder });
  try {
    const testsPath = join(projectRoot, 'out', 'test', 'integration', 'index.js');
    const result = await runTestsInVsCode(server, projectRoot, testsPath, folder);
    if (!result.output.some((line) => /^integration: \d+ passed/.test(line))) {
      console.log(`integration: the extension host reported no result; see ${server.logPath}`);
    }
    return result.exitCode;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
