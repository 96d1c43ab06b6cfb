// Runs a property and reports what really ran. `fc.assert` with a time limit stops early without
// failing and says nothing, so a report of the planned count overstated the coverage; this reads
// fast-check's run details instead and says when the time limit cut a property short.
import fc from 'fast-check';
import type { FuzzConfig } from './config';

export interface CountedRun {
  planned: number;
  /** Cases that ran to completion (fast-check's numRuns, skips excluded). */
  ran: number;
  /** True when the time limit stopped the property before `planned`. */
  cutShort: boolean;
  elapsedMs: number;
}

/** fast-check parameters for a property of `cfg` with `planned` cases. */
export function countedParams(cfg: FuzzConfig, planned: number): fc.Parameters<unknown> {
  const params: fc.Parameters<unknown> = { seed: cfg.seed, numRuns: planned, markInterruptAsFailure: false };
  if (cfg.timeLimitMs !== undefined) params.interruptAfterTimeLimit = cfg.timeLimitMs;
  return params;
}

/** Checks `property` (throws fast-check's own report on a counterexample) and counts what ran. */
export function runCounted<Ts>(property: fc.IProperty<Ts>, cfg: FuzzConfig, planned: number): CountedRun {
  const started = performance.now();
  const details = fc.check(property, countedParams(cfg, planned) as fc.Parameters<Ts>);
  const elapsedMs = performance.now() - started;
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
  return { planned, ran: details.numRuns, cutShort: details.interrupted, elapsedMs };
}

/** "12,345 of 100,000 cases (cut short by FUZZ_SECONDS), 812 cases/s". */
export function describeRun(run: CountedRun): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const rate = run.elapsedMs > 0 ? Math.round((run.ran * 1000) / run.elapsedMs) : run.ran;
  const count = run.cutShort ? `${n(run.ran)} of ${n(run.planned)} cases (cut short by the time limit, FUZZ_SECONDS)` : `${n(run.ran)} cases`;
  return `${count} in ${(run.elapsedMs / 1000).toFixed(1)} s, ${n(rate)} cases/s`;
}
