// runRules serves the image-level rules from a cache per inventory, account and image id. Its
// answers must be exactly the rules' own: for every pool of generated documents (few image ids,
// so many pools share one while differing in everything else), with and without an account,
// before and after the managed-image retirement date, on a first and a repeated run.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parsePoolDocument } from '../../../src/pooljson';
import { RULES, runRules, type Finding, type RuleContext } from '../../../src/rules';
import { IMAGE_LEVEL_RULES } from '../../../src/rules/imageLevelCache';
import { poolDocumentText } from '../fuzz/arbitraries';
import { fuzzConfig } from '../fuzz/config';
import { countedParams } from '../fuzz/counted';
import { FUZZ_ACCOUNTS, fuzzImageIds, fuzzWorld } from '../fuzz/world';

/** What runRules returned before the cache: every rule called directly, in catalogue order. */
function uncached(spec: Parameters<typeof runRules>[0], ctx: RuleContext): Finding[] {
  return RULES.flatMap((r) => r.rule(spec, ctx));
}

const BEFORE = new Date('2026-01-15T00:00:00Z');
const AFTER = new Date('2026-06-01T00:00:00Z');

describe('image-level findings cache', () => {
  const cfg = fuzzConfig();
  const inventory = fuzzWorld();
  const imageIds = fuzzImageIds(inventory);

  it('covers rules of the catalogue only', () => {
    const codes = new Set(RULES.map((r) => r.code));
    for (const code of IMAGE_LEVEL_RULES) assert.ok(codes.has(code), code);
  });

  it('gives every pool exactly the findings the rules compute, at its own range, on every run', () => {
    let pools = 0;
    fc.assert(
      fc.property(fc.array(poolDocumentText(imageIds), { minLength: 1, maxLength: 4 }), fc.nat(FUZZ_ACCOUNTS.length), fc.boolean(), (docs, a, late) => {
        const account = FUZZ_ACCOUNTS[a]; // undefined for the last index: no account
        const now = late ? AFTER : BEFORE;
        for (let run = 0; run < 2; run++) {
          for (const { text } of docs) {
            const specs = parsePoolDocument(text).specs;
            const ctx: RuleContext = { account, inventory, now, otherPools: specs };
            for (const spec of specs) {
              pools++;
              assert.deepStrictEqual(runRules(spec, ctx), uncached(spec, { ...ctx }));
            }
          }
        }
      }),
      countedParams(cfg, cfg.runs(2)),
    );
    assert.ok(pools > 0);
  });

  it('reports a shared image at each pool\'s own image id', () => {
    const id = imageIds[0];
    const pool = (name: string, extra: string) =>
      `{"type":"Microsoft.Batch/batchAccounts/pools","name":"${name}",${extra}"properties":{"deploymentConfiguration":{"virtualMachineConfiguration":{"imageReference":{"id":${JSON.stringify(id)}}}}}}`;
    const text = `{"resources":[${pool('a/p1', '')},${pool('a/p2', '"apiVersion":"2024-07-01",')}]}`;
    const specs = parsePoolDocument(text).specs;
    const ctx: RuleContext = { account: FUZZ_ACCOUNTS[0], inventory, now: BEFORE, otherPools: specs };
    const [first, second] = specs.map((s) => runRules(s, ctx).filter((f) => IMAGE_LEVEL_RULES.has(f.code)));
    assert.ok(first.length > 0, 'the image has image-level findings');
    assert.deepEqual(first.map((f) => f.code), second.map((f) => f.code));
    for (const [i, s] of specs.entries()) for (const f of [first, second][i]) assert.deepEqual(f.range, s.imageId?.range);
    assert.notDeepEqual(first[0].range, second[0].range);
  });
});
