// The fuzz budget is reported honestly: a property cut short by its time limit says how many
// cases it ran, and `--cases N` (FUZZ_CASES) means N cases for every property.
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fuzzConfig } from './config';
import { describeRun, runCounted } from './counted';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // a slow property case
  }
}

describe('fuzz: honest counts', () => {
  it('a property cut short by the time limit reports the cases actually run', () => {
    const run = runCounted(fc.property(fc.nat(), () => busy(5)), { ...fuzzConfig({}), timeLimitMs: 200 }, 1000);
    assert.equal(run.cutShort, true);
    assert.ok(run.ran < 1000 && run.ran > 0, `ran ${run.ran}`);
    const text = describeRun(run);
    assert.match(text, new RegExp(`^${run.ran.toLocaleString('en-US')} of 1,000 cases \\(cut short`));
  });

  it('a property that completes reports its full count and a throughput', () => {
    const run = runCounted(fc.property(fc.nat(), () => undefined), fuzzConfig({}), 300);
    assert.deepEqual([run.ran, run.cutShort], [300, false]);
    assert.match(describeRun(run), /^300 cases in [\d.]+ s, [\d,]+ cases\/s$/);
  });

  it('a counterexample still fails with fast-check\'s report', () => {
    assert.throws(() => runCounted(fc.property(fc.nat(), (n) => n < 50), fuzzConfig({}), 1000), /Counterexample/);
  });

  it('FUZZ_CASES is the exact count of every property, with no time limit; the CI tier stays small', () => {
    const long = fuzzConfig({ FUZZ_CASES: '100000' });
    assert.deepEqual([long.runs(), long.runs(2), long.runs(5)], [100_000, 100_000, 100_000]);
    assert.equal(long.timeLimitMs, undefined);
    assert.equal(long.long, true);
    const ci = fuzzConfig({});
    assert.ok(ci.runs(5) <= 200, `CI tier runs ${ci.runs(5)}`);
    assert.equal(ci.timeLimitMs, 4000);
    assert.equal(fuzzConfig({ FUZZ_CASES: '10', FUZZ_SECONDS: '30' }).timeLimitMs, 30_000);
  });
});
