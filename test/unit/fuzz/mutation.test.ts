// Mutation fuzzing: valid pool documents (the demo workspace's files and generated ones), changed
// by random insertions, deletions, replacements, duplications, truncations and swaps of UTF-16
// code units — broken JSON, split surrogate pairs, stray comments — then checked like any document.
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../helpers/repoRoot';
import { mutate, mutation, poolDocumentText } from './arbitraries';
import { checkDocument, FuzzStats, validity } from './check';
import { fuzzConfig } from './config';
import { describeRun, runCounted } from './counted';
import { FUZZ_ACCOUNTS, fuzzImageIds, fuzzWorld } from './world';

const cfg = fuzzConfig();
const inventory = fuzzWorld();

function seedDocuments(): { name: string; text: string }[] {
  const dir = join(repoRoot(), 'test', 'simulator', 'scenarios', 'demo-workspace');
  const demo = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const generated = fc.sample(poolDocumentText(fuzzImageIds(inventory)), { seed: cfg.seed, numRuns: 12 }).map((d, i) => ({ name: `generated-${i}-${d.shape}`, text: d.text }));
  return [...demo, ...generated].filter((d) => validity(d.text) !== 'invalid');
}

describe(`fuzz: mutated pool documents (FUZZ_SEED=${cfg.seed})`, () => {
  const seeds = seedDocuments();

  it('seeds are valid documents of the demo workspace and generated ones', () => {
    assert.ok(seeds.length >= 20, `only ${seeds.length} seed documents`);
  });

  it('random code-unit mutations: nothing throws, edits stay in range and local', (t) => {
    const stats = new FuzzStats();
    const run = runCounted(
      fc.property(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.nat(FUZZ_ACCOUNTS.length), (i, mutations, a) => {
        checkDocument(mutate(seeds[i].text, mutations), { inventory, account: FUZZ_ACCOUNTS[a] }, stats, `mutated ${seeds[i].name}`);
      }),
      cfg,
      cfg.runs(5),
    );
    t.diagnostic(`${seeds.length} seed documents`);
    t.diagnostic(`mutations: ${describeRun(run)}`);
    t.diagnostic(stats.summary('mutations'));
  });
});
