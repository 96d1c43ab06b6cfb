// Applying each text quick fix yields valid JSON and clears the finding when the rules run again.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse, type ParseError } from 'jsonc-parser';
import { applyTextEdits, parsePoolDocument } from '../../../src/pooljson';
import { fixEdits, isTextFix, runRules, type RuleCode, type RuleContext } from '../../../src/rules';
import type { Inventory } from '../../../src/model';
import { armPool, armTemplate, dataPlanePool, doc, type PoolOptions } from '../helpers/poolDocs';
import { ACCT, DEF, VER, world } from '../helpers/fixtures';
import { NOW } from '../helpers/ruleHarness';

function findingsOf(text: string, inventory: Inventory) {
  const d = parsePoolDocument(text);
  const ctx: RuleContext = { account: ACCT, inventory, now: NOW, otherPools: d.specs };
  return d.specs.map((spec) => ({ spec, findings: runRules(spec, ctx) }));
}

/** Applies the fix of the first `code` finding (in pool `index`) and returns the new text. */
function applyFix(text: string, code: RuleCode, inventory: Inventory, index = 0): string {
  const { spec, findings } = findingsOf(text, inventory)[index];
  const finding = findings.find((f) => f.code === code);
  assert.ok(finding?.fix, `no ${code} finding with a fix`);
  assert.ok(isTextFix(finding.fix));
  const edits = fixEdits(text, spec, finding.fix);
  assert.ok(edits && edits.length > 0, 'the fix produces edits');
  const out = applyTextEdits(text, edits);
  const errors: ParseError[] = [];
  parse(out, errors, { allowTrailingComma: false, disallowComments: true });
  assert.deepEqual(errors, [], `not valid JSON after the fix:\n${out}`);
  return out;
}

function codesAfter(text: string, inventory: Inventory, index = 0): RuleCode[] {
  return findingsOf(text, inventory)[index].findings.map((f) => f.code);
}

const cases: { code: RuleCode; options: PoolOptions; inventory?: () => Inventory }[] = [
  { code: 'resize-timeout-short', options: { resizeTimeout: 'PT10M' } },
  { code: 'resize-timeout-short', options: { resizeTimeout: null } },
  { code: 'node-agent-sku-missing', options: { sku: null } },
  { code: 'node-agent-sku-mismatch', options: { sku: 'batch.node.windows amd64' } },
  { code: 'custom-image-node-limit', options: { dedicated: 4000 } },
  { code: 'custom-image-node-limit', options: { dedicated: 10, lowPriority: 1500 } },
  { code: 'image-id-invalid', options: { imageId: 'just-a-name' } },
  { code: 'trusted-launch-mismatch', options: { imageId: VER.id, resizeTimeout: 'PT15M' }, inventory: () => world({ galleryImageDefinitions: [{ ...DEF, securityType: 'TrustedLaunch' }] }) },
  { code: 'trusted-launch-mismatch', options: { imageId: VER.id, resizeTimeout: 'PT15M', securityType: 'trustedLaunch' }, inventory: () => world({ galleryImageDefinitions: [{ ...DEF, securityType: 'ConfidentialVM' }] }) },
];

describe('quick fixes clear their findings', () => {
  for (const [shape, make] of [
    ['data plane', dataPlanePool],
    ['ARM', armPool],
  ] as const) {
    for (const c of cases) {
      it(`${c.code} ${JSON.stringify(c.options)} (${shape})`, () => {
        const inventory = c.inventory?.() ?? world();
        const text = doc(make(c.options));
        assert.ok(codesAfter(text, inventory).includes(c.code), 'the finding is there before the fix');
        const fixed = applyFix(text, c.code, inventory);
        assert.ok(!codesAfter(fixed, inventory).includes(c.code), `still ${c.code} after the fix:\n${fixed}`);
      });
    }
  }
  it('fixes one pool of a template without touching the others', () => {
    const inventory = world();
    const text = doc(armTemplate([armPool({ name: 'a/one', resizeTimeout: null }), armPool({ name: 'a/two', resizeTimeout: null })]));
    const fixed = applyFix(text, 'resize-timeout-short', inventory, 1);
    assert.ok(codesAfter(fixed, inventory, 0).includes('resize-timeout-short'));
    assert.ok(!codesAfter(fixed, inventory, 1).includes('resize-timeout-short'));
  });
  it('returns no edits for fixes that act on Azure or the UI', () => {
    const spec = parsePoolDocument(doc(dataPlanePool())).specs[0];
    assert.equal(fixEdits('', spec, { kind: 'selectAccount' }), undefined);
    assert.equal(fixEdits('', spec, { kind: 'addReplica', versionId: VER.id, region: 'eastus' }), undefined);
    assert.equal(isTextFix({ kind: 'publishToGallery', imageId: 'x', region: 'eastus' }), false);
    assert.equal(fixEdits('', spec, { kind: 'replaceImageId', candidates: [] }), undefined);
  });
});
