// Timing for performance tests on shared, busy machines: CPU time (not wall time) of the best of
// several runs, and a budget that also accepts a bounded ratio to a baseline measured alongside,
// so a loaded machine slows both sides alike while an accidental O(n²) still fails.
import { strict as assert } from 'node:assert';

export function bestCpuMs(fn: () => unknown, runs = 5): number {
  fn(); // warm-up: JIT and caches
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Passes when `ms` is within the absolute budget, or within `ratio` times the baseline. */
export function assertWithinBudget(label: string, ms: number, budgetMs: number, baselineMs: number, ratio: number): void {
  assert.ok(
    ms < budgetMs || ms < baselineMs * ratio,
    `${label}: ${ms.toFixed(1)} ms CPU (budget ${budgetMs} ms; baseline ${baselineMs.toFixed(1)} ms × ${ratio} = ${(baselineMs * ratio).toFixed(1)} ms)`,
  );
}

/** Best CPU times of two functions measured alternately, so load and GC affect both alike. */
export function bestCpuMsPair(ours: () => unknown, baseline: () => unknown, runs = 5): { ours: number; baseline: number } {
  ours();
  baseline();
  let bestOurs = Infinity;
  let bestBaseline = Infinity;
  for (let i = 0; i < runs; i++) {
    bestOurs = Math.min(bestOurs, bestCpuMs(ours, 1));
    bestBaseline = Math.min(bestBaseline, bestCpuMs(baseline, 1));
  }
  return { ours: bestOurs, baseline: bestBaseline };
}
