// `npm run bench`: transpiles src/ and test/ (scripts/build-tests.mjs), then runs the benchmark
// in test/bench/main.ts. A few minutes on two cores; writes bench/results.json.
//   BENCH_RUNS=n                inventory load runs (default 3)
//   BENCH_ACTIVATION_RUNS=n     activation runs (default 3)
//   BENCH_SKIP=inventory,enterprise,workspaceIndex,sizes,activation skip parts while iterating
//                               (inventory: also re-check, heap)
import { spawnSync } from 'node:child_process';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
if (!process.version.startsWith('v22.')) {
  console.error(`npm run bench needs Node 22 (found ${process.version}).`);
  process.exit(2);
}
await buildTests();
const r = spawnSync(process.execPath, ['out/test/bench/main.js'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
