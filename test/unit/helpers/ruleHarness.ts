// Runs the rules over a document text the way the editor does, for assertions in rule tests.
import { strict as assert } from 'node:assert';
import type { BatchAccount, Inventory, PoolSpec, TextRange } from '../../../src/model';
import { parsePoolDocument } from '../../../src/pooljson';
import { runRules, type Finding, type RuleCode, type RuleContext, type RuleOptions } from '../../../src/rules';
import { ACCT, world } from './fixtures';

export const NOW = new Date('2026-01-15T00:00:00Z');

export interface HarnessOptions {
  account?: BatchAccount | null;
  inventory?: Inventory;
  now?: Date;
  otherPools?: PoolSpec[];
  options?: RuleOptions;
}

/** Findings for every pool of the document (default: the healthy fixture world and its account 'acct' in eastus). */
export function analyse(text: string, o: HarnessOptions = {}): Finding[] {
  const d = parsePoolDocument(text);
  assert.ok(d.specs.length > 0, 'the document has no pool');
  const ctx: RuleContext = {
    account: o.account === null ? undefined : (o.account ?? ACCT),
    inventory: o.inventory ?? world(),
    now: o.now ?? NOW,
    otherPools: o.otherPools ?? d.specs,
  };
  return d.specs.flatMap((s) => runRules(s, ctx, o.options));
}

export function withCode(findings: Finding[], code: RuleCode): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** Asserts exactly one finding of `code`, with the severity and range, and returns it. */
export function expectOne(findings: Finding[], code: RuleCode, severity: Finding['severity'], range: TextRange | undefined): Finding {
  const hits = withCode(findings, code);
  assert.equal(hits.length, 1, `expected one '${code}', got ${hits.length}: ${JSON.stringify(findings.map((f) => f.code))}`);
  assert.equal(hits[0].severity, severity);
  assert.deepEqual(hits[0].range, range);
  assert.ok(hits[0].message.length > 40, 'message explains what, why and what to do');
  return hits[0];
}

export function expectNone(findings: Finding[], code: RuleCode): void {
  const hits = withCode(findings, code);
  assert.equal(hits.length, 0, `unexpected '${code}': ${hits.map((h) => h.message).join(' | ')}`);
}
