// `npm run fuzz`: the fuzz suite (test/unit/fuzz) with a long budget. `npm test` runs the same
// files with a small one. Options and environment (see test/unit/fuzz/config.ts):
//   --cases N         exactly N cases per property (FUZZ_CASES), no time limit unless FUZZ_SECONDS
//   FUZZ_SEED=n       replay a seed (default: the fixed seed the unit tier uses)
//   FUZZ_RUNS=n       base cases per property (default here: 2000; cheap properties run a multiple)
//   FUZZ_SECONDS=n    wall-clock limit per property (default here: 120 without --cases); a property
//                     cut short reports how many cases it ran
//   FUZZ_VERBOSE=1    print each document's label as it is checked (to find a hang)
import { spawnSync } from 'node:child_process';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const [name, inline] = args[i].split('=', 2);
  if (name !== '--cases') {
    console.error(`fuzz: unknown argument "${args[i]}" (expected --cases N)`);
    process.exit(2);
  }
  const value = inline ?? args[++i];
  if (!/^[1-9]\d*$/.test(value ?? '')) {
    console.error(`fuzz: --cases needs a positive whole number, not "${value ?? ''}"`);
    process.exit(2);
  }
  process.env.FUZZ_CASES = value;
}
if (!process.env.FUZZ_CASES) {
  process.env.FUZZ_RUNS ??= '2000';
  process.env.FUZZ_SECONDS ??= '120';
}
await buildTests();
const shown = ['FUZZ_SEED', 'FUZZ_CASES', 'FUZZ_RUNS', 'FUZZ_SECONDS'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`);
console.log(`fuzz: ${shown.join(' ') || '(defaults)'}`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', 'out/test/unit/fuzz/*.test.js'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
