// Re-check of a pool document as the editor does it on every change: parse the text, then run
// the rules for every pool spec, with a warm inventory. Also proves that re-checking makes no
// network request: the simulator's counters do not move across all the re-checks.
import { performance } from 'node:perf_hooks';
import type { BatchAccount, Inventory } from '../../src/model';
import { parsePoolDocument } from '../../src/pooljson';
import { runRules, type Finding } from '../../src/rules';
import { armTemplateOfSize, dataPlanePoolOfSize } from './documents';
import { median, quantile } from './stats';

export interface RecheckFigure {
  bytes: number;
  pools: number;
  findings: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
}

export function recheck(text: string, inventory: Inventory, account: BatchAccount | undefined): Finding[] {
  const doc = parsePoolDocument(text);
  const ctx = { account, inventory, now: new Date(), otherPools: doc.specs };
  return doc.specs.flatMap((spec) => runRules(spec, ctx));
}

function measure(text: string, inventory: Inventory, account: BatchAccount | undefined, runs: number): RecheckFigure {
  for (let i = 0; i < 3; i++) recheck(text, inventory, account); // warm-up (JIT)
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    findings = recheck(text, inventory, account).length;
    times.push(performance.now() - started);
  }
  return { bytes: text.length, pools: parsePoolDocument(text).specs.length, findings, runs, medianMs: median(times), p95Ms: quantile(times, 0.95) };
}

export type RecheckSizes = '10k' | '200k' | '2m';

export function benchRecheck(inventory: Inventory): Record<RecheckSizes, RecheckFigure> {
  const account = inventory.snapshot.batchAccounts.find((a) => a.supportedImages?.length) ?? inventory.snapshot.batchAccounts[0];
  return {
    '10k': measure(dataPlanePoolOfSize(inventory, 10 * 1024), inventory, account, 200),
    '200k': measure(armTemplateOfSize(inventory, 200 * 1024), inventory, account, 30),
    '2m': measure(armTemplateOfSize(inventory, 2 * 1024 * 1024), inventory, account, 10),
  };
}

/** Simulated typing: many successive edits, each followed by a re-check. */
export function typeAndRecheck(inventory: Inventory, edits: number): number {
  const account = inventory.snapshot.batchAccounts[0];
  let text = dataPlanePoolOfSize(inventory, 4 * 1024);
  let findings = 0;
  for (let i = 0; i < edits; i++) {
    // Type into the pool id, then a node count, as a person would.
    text = i % 2 ? text.replace('"render-pool', `"render-pool${i % 10}`) : text.replace(/"targetDedicatedNodes": \d+/, `"targetDedicatedNodes": ${i}`);
    findings += recheck(text, inventory, account).length;
  }
  return findings;
}
