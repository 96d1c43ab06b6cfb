// Property-based fuzzing: generated pool documents of every shape through the parser, the rules
// (realistic inventory, several accounts or none) and every text quick fix. See check.ts for the
// invariants and config.ts for the budget (FUZZ_SEED, FUZZ_RUNS, FUZZ_SECONDS).
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { armTemplate, dataPlanePool, poolDocumentText, serialize, textStyle } from './arbitraries';
import { checkDocument, FuzzStats } from './check';
import { fuzzConfig } from './config';
import { describeRun, runCounted } from './counted';
import { FUZZ_ACCOUNTS, fuzzImageIds, fuzzWorld } from './world';

const cfg = fuzzConfig();
const inventory = fuzzWorld();
const imageIds = fuzzImageIds(inventory);
const accountIndex = fc.nat(FUZZ_ACCOUNTS.length); // the last index means "no account selected"

describe(`fuzz: generated pool documents (FUZZ_SEED=${cfg.seed})`, () => {
  it('any shape, any style: nothing throws, findings and edits stay in range, edits keep JSON valid', (t) => {
    const stats = new FuzzStats();
    const run = runCounted(
      fc.property(poolDocumentText(imageIds), accountIndex, ({ shape, text }, a) => {
        checkDocument(text, { inventory, account: FUZZ_ACCOUNTS[a] }, stats, shape);
      }),
      cfg,
      cfg.runs(4),
    );
    t.diagnostic(`all shapes: ${describeRun(run)}`);
    t.diagnostic(stats.summary('all shapes'));
  });

  it('ARM templates with several pools: each fix edits only its own pool', (t) => {
    const stats = new FuzzStats();
    const run = runCounted(
      fc.property(armTemplate(imageIds), textStyle, accountIndex, (value, style, a) => {
        checkDocument(serialize(value, style), { inventory, account: FUZZ_ACCOUNTS[a] }, stats, 'armTemplate');
      }),
      cfg,
      cfg.runs(2),
    );
    t.diagnostic(`templates: ${describeRun(run)}`);
    t.diagnostic(stats.summary('templates'));
  });

  it('data-plane pools with every property present in random casing', (t) => {
    const stats = new FuzzStats();
    const run = runCounted(
      fc.property(dataPlanePool(imageIds), textStyle, (value, style) => {
        checkDocument(serialize(value, style), { inventory, account: FUZZ_ACCOUNTS[0] }, stats, 'dataPlane');
      }),
      cfg,
      cfg.runs(2),
    );
    t.diagnostic(`data plane: ${describeRun(run)}`);
    t.diagnostic(stats.summary('data plane'));
  });
});
