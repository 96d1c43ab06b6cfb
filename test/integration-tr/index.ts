// Entry point for the pass with the display language Turkish (code-server --locale tr): runs every
// *.test.js beside this file with mocha inside the extension host.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  if (process.env.ABI_TEST_GREP) mocha.grep(process.env.ABI_TEST_GREP);
  for (const name of readdirSync(__dirname)) if (name.endsWith('.test.js')) mocha.addFile(join(__dirname, name));
  const { failures, passes } = await new Promise<{ failures: number; passes: number }>((resolve) => {
    const runner = mocha.run((failed) => resolve({ failures: failed, passes: runner.stats?.passes ?? 0 }));
  });
  console.log(`integration (tr): ${passes} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} Turkish integration test(s) failed`);
}
