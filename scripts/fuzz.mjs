// `npm run fuzz`: the fuzz suite (test/unit/fuzz) with a long budget. `npm test` runs the same
// files with a small one. Environment (see test/unit/fuzz/config.ts):
//   FUZZ_SEED=n       replay a seed (default: the fixed seed the unit tier uses)
//   FUZZ_RUNS=n       cases per property (default here: 2000)
//   FUZZ_SECONDS=n    wall-clock limit per property (default here: 120)
//   FUZZ_VERBOSE=1    print each document's label as it is checked (to find a hang)
import { spawnSync } from 'node:child_process';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
process.env.FUZZ_RUNS ??= '2000';
process.env.FUZZ_SECONDS ??= '120';
await buildTests();
console.log(`fuzz: FUZZ_SEED=${process.env.FUZZ_SEED ?? '(default)'} FUZZ_RUNS=${process.env.FUZZ_RUNS} FUZZ_SECONDS=${process.env.FUZZ_SECONDS}`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', 'out/test/unit/fuzz/*.test.js'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
