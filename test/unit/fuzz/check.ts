// The invariants every document must satisfy, whatever its content: the parser, the rules and
// every text quick fix a finding offers never throw; findings and edits stay inside the text;
// an edit touches only its own pool's range; applying it keeps valid JSON valid (strict JSON
// stays strict) and keeps the pools the document had. Timing per document is recorded.
import { strict as assert } from 'node:assert';
import { parseTree, type ParseError } from 'jsonc-parser';
import type { BatchAccount, Inventory, PoolSpec } from '../../../src/model';
import { applyTextEdits, parsePoolDocument, type TextEdit } from '../../../src/pooljson';
import { fixEdits, isTextFix, runRules, type FixData } from '../../../src/rules';
import { DOCUMENT_HANG_GUARD_MS } from './config';

export const NOW = new Date('2026-01-15T00:00:00Z');

export interface CheckContext {
  inventory: Inventory;
  /** Undefined: the document is not associated with an account (account-not-selected path). */
  account?: BatchAccount;
}

/** Running totals, printed at the end of each test file. */
export class FuzzStats {
  documents = 0;
  specs = 0;
  findings = 0;
  fixes = 0;
  edits = 0;
  validInputs = 0;
  maxMs = 0;
  maxLabel = '';
  totalMs = 0;

  record(ms: number, label: string): void {
    this.documents++;
    this.totalMs += ms;
    if (ms > this.maxMs) {
      this.maxMs = ms;
      this.maxLabel = label;
    }
  }

  summary(name: string): string {
    return (
      `${name}: ${this.documents} documents (${this.validInputs} valid JSON), ${this.specs} pools, ${this.findings} findings, ` +
      `${this.fixes} fixes applied (${this.edits} edits); max ${this.maxMs.toFixed(1)} ms CPU per document${this.maxLabel ? ` (${this.maxLabel})` : ''}, ` +
      `total ${(this.totalMs / 1000).toFixed(2)} s`
    );
  }
}

type Validity = 'strict' | 'lenient' | 'invalid';

/** strict: plain JSON; lenient: valid with comments / trailing commas (what the parser accepts); invalid: syntax errors. */
export function validity(text: string): Validity {
  try {
    const strictErrors: ParseError[] = [];
    parseTree(text, strictErrors, { allowTrailingComma: false, disallowComments: true });
    if (strictErrors.length === 0) return 'strict';
    const lenientErrors: ParseError[] = [];
    parseTree(text, lenientErrors, { allowTrailingComma: true, disallowComments: false });
    return lenientErrors.length === 0 ? 'lenient' : 'invalid';
  } catch (e) {
    // Nesting deeper than jsonc-parser's recursion allows: the analyser reports it as an error too.
    if (e instanceof RangeError) return 'invalid';
    throw e;
  }
}

function choicesOf(fix: FixData): (string | undefined)[] {
  // Every candidate the quick-fix menu would list (bounded: the menu shows a handful).
  if (fix.kind === 'replaceNodeAgentSku' || fix.kind === 'replaceImageId') return [undefined, ...fix.candidates.slice(0, 4)];
  return [undefined];
}

/**
 * Edits lie inside the text, do not overlap, and (for a document that parses cleanly) inside
 * their own pool's range. A broken document may be read differently by the edit builder's
 * parse than by the analyser's, so there only the text bounds are required.
 */
function assertEditsInside(edits: readonly TextEdit[], text: string, spec: PoolSpec | undefined, what: string): void {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let end = 0;
  for (const e of sorted) {
    assert.ok(Number.isInteger(e.offset) && Number.isInteger(e.length) && e.offset >= 0 && e.length >= 0, `${what}: malformed edit ${JSON.stringify({ offset: e.offset, length: e.length })}`);
    assert.ok(e.offset + e.length <= text.length, `${what}: edit beyond the end of the text`);
    assert.ok(e.offset >= end, `${what}: overlapping edits`);
    end = e.offset + e.length;
    assert.equal(typeof e.newText, 'string', `${what}: edit without text`);
    if (spec?.range) {
      const r = spec.range;
      assert.ok(e.offset >= r.offset && e.offset + e.length <= r.offset + r.length, `${what}: edit [${e.offset}, ${e.offset + e.length}) outside its pool [${r.offset}, ${r.offset + r.length})`);
    }
  }
}

/** The hang guard for a document of this length (see DOCUMENT_HANG_GUARD_MS). */
export function boundMs(textLength: number): number {
  return DOCUMENT_HANG_GUARD_MS * Math.max(1, Math.ceil(textLength / (1024 * 1024)));
}

/**
 * Runs everything over one document and asserts the invariants. Returns the CPU milliseconds the
 * product spent (parse, rules, fix edits), without this harness's own re-parsing.
 */
export function checkDocument(text: string, ctx: CheckContext, stats: FuzzStats, label: string, options: { fixedPools?: number } = {}): number {
  if (process.env.FUZZ_VERBOSE) process.stderr.write(`fuzz: ${label} (${text.length} chars)\n`);
  let ms = 0;
  // CPU time, not wall time: the machine is shared, and a hang shows in either.
  const timed = <T>(fn: () => T): T => {
    const started = process.cpuUsage();
    try {
      return fn();
    } finally {
      const used = process.cpuUsage(started);
      ms += (used.user + used.system) / 1000;
    }
  };
  const huge = text.length > 1024 * 1024;
  const input = validity(text);
  if (input !== 'invalid') stats.validInputs++;
  const doc = timed(() => parsePoolDocument(text));
  stats.specs += doc.specs.length;
  for (const e of doc.syntaxErrors) assert.ok(e.range.offset >= 0 && e.range.offset + e.range.length <= text.length + 1, 'syntax error range inside the text');
  // Each fix parses the whole text again: in a template with thousands of pools, fixing every
  // pool would cost pools x size. `fixedPools` applies the fixes of the first and last few only.
  const fixed = options.fixedPools ?? Infinity;
  const fixesWanted = (i: number): boolean => i < fixed / 2 || i >= doc.specs.length - fixed / 2;
  for (const [i, spec] of doc.specs.entries()) {
    const findings = timed(() => runRules(spec, { account: ctx.account, inventory: ctx.inventory, now: NOW, otherPools: doc.specs }));
    stats.findings += findings.length;
    for (const f of findings) {
      if (f.range) assert.ok(f.range.offset >= 0 && f.range.offset + f.range.length <= text.length, `${f.code}: finding range outside the text`);
      if (!f.fix || !isTextFix(f.fix) || !fixesWanted(i)) continue;
      const fix = f.fix;
      for (const choice of huge ? [undefined] : choicesOf(fix)) {
        const what = `${f.code} fix ${fix.kind}${choice !== undefined ? ` (${choice.slice(0, 60)})` : ''}`;
        const edits = timed(() => fixEdits(text, spec, fix, choice));
        if (!edits) continue;
        stats.fixes++;
        stats.edits += edits.length;
        assertEditsInside(edits, text, input === 'invalid' ? undefined : spec, what);
        const after = applyTextEdits(text, edits); // must not throw, whatever the input
        if (input === 'invalid') continue; // keeping a broken document's validity is not the fix's job
        const result = validity(after);
        assert.ok(result !== 'invalid', `${what}: the edited document is no longer valid JSON`);
        if (input === 'strict') assert.equal(result, 'strict', `${what}: the edit introduced comments or trailing commas into plain JSON`);
        const reparsed = parsePoolDocument(after);
        assert.equal(reparsed.specs.length, doc.specs.length, `${what}: the edit changed the number of pools`);
      }
    }
  }
  stats.record(ms, label);
  const bound = boundMs(text.length);
  assert.ok(ms < bound, `${label}: ${ms.toFixed(0)} ms for one document of ${text.length} characters (hang guard ${bound} ms)`);
  return ms;
}
