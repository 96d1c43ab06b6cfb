// Runs the unit tier (plain Node, no VS Code) with node:test. Optional args narrow the files,
// e.g. `node scripts/run-unit.mjs simulator` runs out/test/unit/simulator/**.
import { spawnSync } from 'node:child_process';
import { buildTests } from './build-tests.mjs';

await buildTests();
const only = process.argv.slice(2);
const globs = only.length ? only.flatMap((d) => [`out/test/unit/${d}/*.test.js`, `out/test/unit/${d}/**/*.test.js`]) : ['out/test/unit/**/*.test.js'];
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...globs], {
  stdio: 'inherit',
  cwd: new URL('..', import.meta.url).pathname,
});
process.exit(r.status ?? 1);
