// Property-based fuzzing: generated pool documents of every shape through the parser, the rules
// (realistic inventory, several accounts or none) and every text quick fix. See check.ts for the
// invariants and config.ts for the budget (FUZZ_SEED, FUZZ_RUNS, FUZZ_SECONDS).
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { armTemplate, dataPlanePool, poolDocumentText, serialize, textStyle } from './arbitraries';
import { checkDocument, FuzzStats } from './check';
import { fuzzConfig } from './config';
import { FUZZ_ACCOUNTS, fuzzImageIds, fuzzWorld } from './world';

const cfg = fuzzConfig();
const inventory = fuzzWorld();
const imageIds = fuzzImageIds(inventory);
const accountIndex = fc.nat(FUZZ_ACCOUNTS.length); // the last index means "no account selected"

function params(scale = 1): fc.Parameters<unknown> {
  return { seed: cfg.seed, numRuns: cfg.runs(scale), interruptAfterTimeLimit: cfg.timeLimitMs, markInterruptAsFailure: false };
}

describe(`fuzz: generated pool documents (FUZZ_SEED=${cfg.seed})`, () => {
  it('any shape, any style: nothing throws, findings and edits stay in range, edits keep JSON valid', (t) => {
    const stats = new FuzzStats();
    fc.assert(
      fc.property(poolDocumentText(imageIds), accountIndex, ({ shape, text }, a) => {
        checkDocument(text, { inventory, account: FUZZ_ACCOUNTS[a] }, stats, shape);
      }),
      params(4),
    );
    t.diagnostic(stats.summary('all shapes'));
  });

  it('ARM templates with several pools: each fix edits only its own pool', (t) => {
    const stats = new FuzzStats();
    fc.assert(
      fc.property(armTemplate(imageIds), textStyle, accountIndex, (value, style, a) => {
        checkDocument(serialize(value, style), { inventory, account: FUZZ_ACCOUNTS[a] }, stats, 'armTemplate');
      }),
      params(2),
    );
    t.diagnostic(stats.summary('templates'));
  });

  it('data-plane pools with every property present in random casing', (t) => {
    const stats = new FuzzStats();
    fc.assert(
      fc.property(dataPlanePool(imageIds), textStyle, (value, style) => {
        checkDocument(serialize(value, style), { inventory, account: FUZZ_ACCOUNTS[0] }, stats, 'dataPlane');
      }),
      params(2),
    );
    t.diagnostic(stats.summary('data plane'));
  });
});
