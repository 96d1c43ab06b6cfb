// Entry point that VS Code's extension host require()s (extensionTestsPath): runs every
// *.test.js beside this file with mocha and resolves when they are done, rejecting on failures.
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

export async function run(): Promise<void> {
  // The workbench has no TTY: colours would arrive as escape codes.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // ABI_TEST_GREP narrows a local run to matching tests (code-server passes the environment on).
  if (process.env.ABI_TEST_GREP) mocha.grep(process.env.ABI_TEST_GREP);
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  const { failures, passes } = await new Promise<{ failures: number; passes: number }>((resolve) => {
    const runner = mocha.run((failed) => resolve({ failures: failed, passes: runner.stats?.passes ?? 0 }));
  });
  // One plain line for scripts/test.mjs (and CI) to count.
  console.log(`integration: ${passes} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
