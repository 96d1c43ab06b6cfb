import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { repoRoot } from '../helpers/repoRoot';
import { parsePoolDocument } from '../../../src/pooljson';
import { assertWithinBudget, bestCpuMsPair } from '../helpers/timing';
import { livePoolToSpec, RULE_CODES, RULES, ruleDocUrl, rulesForImage, rulesForLivePool, runRules } from '../../../src/rules';
import { armPool, armTemplate, dataPlanePool, doc, rangeOf, valueRange } from '../helpers/poolDocs';
import { analyse, expectOne, NOW, withCode } from '../helpers/ruleHarness';
import { ACCT, DEF, IMG_A, VER, world } from '../helpers/fixtures';
import { image, livePool, vmId } from '../helpers/inventoryBuilder';

describe('catalogue', () => {
  it('has one rule per code, in the order of docs/rules.md', () => {
    assert.deepEqual(
      RULES.map((r) => r.code),
      [...RULE_CODES],
    );
  });
  it('documents every code under a heading that is its anchor', () => {
    const docs = readFileSync(join(repoRoot(), 'docs', 'rules.md'), 'utf8');
    const headings = [...docs.matchAll(/^### ([a-z-]+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, [...RULE_CODES]);
  });
  it('links every code to its docs anchor', () => {
    assert.equal(ruleDocUrl('image-region-mismatch'), 'https://github.com/batch-images-team/azure-batch-images/blob/main/docs/rules.md#image-region-mismatch');
  });
});

describe('runRules options', () => {
  const text = doc(dataPlanePool({ resizeTimeout: 'PT5M' }));
  it('disables a code', () => {
    assert.equal(withCode(analyse(text, { options: { overrides: { 'resize-timeout-short': 'off' } } }), 'resize-timeout-short').length, 0);
    assert.equal(withCode(analyse(text, { options: { overrides: { 'resize-timeout-short': false } } }), 'resize-timeout-short').length, 0);
  });
  it('changes a severity', () => {
    expectOne(analyse(text, { options: { overrides: { 'resize-timeout-short': 'error' } } }), 'resize-timeout-short', 'error', valueRange(text, 'resizeTimeout', 'PT5M'));
  });
  it('a healthy gallery pool has no findings at all', () => {
    const findings = analyse(doc(armPool({ imageId: VER.id, resizeTimeout: 'PT15M' })));
    assert.deepEqual(findings.map((f) => f.code), []);
  });
});

describe('documents', () => {
  it('analyses every pool of an ARM template separately', () => {
    const text = doc(
      armTemplate([
        armPool({ name: 'acct/gallery', imageId: VER.id }),
        armPool({ name: 'acct/bad', imageId: 'notAnId', sku: null }),
      ]),
    );
    const findings = analyse(text);
    const codes = findings.map((f) => f.code).sort();
    assert.deepEqual(codes, ['image-id-invalid', 'node-agent-sku-missing']);
    assert.deepEqual(withCode(findings, 'image-id-invalid')[0].range, rangeOf(text, '"notAnId"'));
  });
  it('still analyses a document with syntax errors', () => {
    const text = doc(dataPlanePool({ resizeTimeout: 'PT5M' })).replace('"vmSize"', '"vmSize" "oops",');
    const d = parsePoolDocument(text);
    assert.ok(d.syntaxErrors.length > 0);
    expectOne(analyse(text), 'resize-timeout-short', 'warning', valueRange(text, 'resizeTimeout', 'PT5M'));
  });
  it('skips rules whose inputs are ARM expressions', () => {
    const text = doc(armTemplate([armPool({ name: "[parameters('n')]", imageId: "[parameters('img')]", sku: "[parameters('sku')]", dedicated: "[parameters('d')]", resizeTimeout: "[parameters('t')]" })]));
    assert.deepEqual(analyse(text).map((f) => f.code), []);
  });
});

describe('rulesForLivePool', () => {
  it('runs the same rules without ranges, using the pool account from the inventory', () => {
    const west = { ...IMG_A, location: 'westus' };
    const pool = livePool('p', ACCT, { imageId: IMG_A.id, scale: { kind: 'fixed', targetDedicatedNodes: 3000, targetLowPriorityNodes: 0, resizeTimeout: 'PT10M' } });
    const findings = rulesForLivePool(pool, { inventory: world({ images: [west], pools: [pool] }), now: NOW });
    const codes = new Set(findings.map((f) => f.code));
    for (const c of ['managed-image-retired', 'image-region-mismatch', 'custom-image-node-limit', 'resize-timeout-short', 'large-pool-resize'] as const) assert.ok(codes.has(c), `missing ${c}`);
    assert.ok(!codes.has('account-not-selected'));
    assert.ok(!codes.has('image-shared-by-pools'), 'the pool does not share with itself');
    assert.ok(findings.every((f) => f.range === undefined));
  });
  it('skips fixed-size rules for autoscale pools', () => {
    const auto = livePool('a', ACCT, { imageId: IMG_A.id, scale: { kind: 'auto', formula: 'x' } });
    assert.ok(!rulesForLivePool(auto, { inventory: world(), now: NOW }).some((f) => f.code === 'resize-timeout-short'));
  });
  it('checks marketplace pools for their node agent only', () => {
    assert.deepEqual(rulesForLivePool(livePool('m', ACCT), { inventory: world(), now: NOW }), []);
    const eol = { ...ACCT, supportedImages: [{ nodeAgentSkuId: 'batch.node.ubuntu 22.04', osType: 'linux', batchSupportEndOfLife: '2026-02-01T00:00:00Z' }] };
    const findings = rulesForLivePool(livePool('m', eol), { inventory: world({ batchAccounts: [eol] }), now: NOW });
    assert.deepEqual(findings.map((f) => f.code), ['node-agent-sku-end-of-life']);
  });
  it('converts a live pool into a range-less spec', () => {
    const spec = livePoolToSpec(livePool('p', ACCT, { imageId: VER.id, inboundNatPoolCount: 2 }));
    assert.equal(spec.imageId?.value, VER.id);
    assert.equal(spec.inboundNatPools?.value, 2);
    assert.equal(spec.autoScale?.value, false);
    assert.equal(spec.targetDedicatedNodes?.value, 2);
    assert.equal(spec.range, undefined);
  });
});

describe('rulesForImage', () => {
  it('reports the image’s own problems and sharing across live pools', () => {
    const img = { ...IMG_A, sources: [{ kind: 'vm' as const, id: vmId('gone'), role: 'os' as const }] };
    const p1 = livePool('p1', ACCT, { imageId: IMG_A.id, scale: { kind: 'fixed', targetDedicatedNodes: 2000, targetLowPriorityNodes: 0 } });
    const p2 = livePool('p2', ACCT, { imageId: IMG_A.id, scale: { kind: 'fixed', targetDedicatedNodes: 1000, targetLowPriorityNodes: 0 } });
    const codes = rulesForImage(img, world({ images: [img], pools: [p1, p2] }), undefined, NOW).map((f) => f.code).sort();
    assert.deepEqual(codes, ['custom-image-node-limit', 'image-not-from-snapshots', 'image-shared-by-pools', 'image-source-deleted', 'managed-image-retired']);
  });
  it('reports a specialized gallery definition and nothing for a healthy version', () => {
    const inv = world({ galleryImageDefinitions: [{ ...DEF, osState: 'Specialized' }] });
    assert.deepEqual(rulesForImage(VER.id, inv).map((f) => f.code), ['gallery-image-specialized']);
    assert.deepEqual(rulesForImage(VER.id, world()), []);
  });
  it('a single-pool managed image only carries the retirement finding', () => {
    const p1 = livePool('p1', ACCT, { imageId: IMG_A.id });
    assert.deepEqual(rulesForImage(IMG_A.id, world({ pools: [p1] }), undefined, NOW).map((f) => f.code), ['managed-image-retired']);
  });
});

describe('performance', () => {
  it('re-checks a 2 MB ARM template (a few pools among many other resources) within 150 ms', () => {
    const resources: unknown[] = [];
    for (let i = 0; i < 40; i++) resources.push(armPool({ name: `acct/p${i}`, imageId: i % 2 ? VER.id : IMG_A.id, dedicated: i }));
    // Filler: the network, storage and VM resources real templates are mostly made of.
    for (let i = 0; resources.length < 4200; i++) {
      resources.push({
        type: 'Microsoft.Network/networkSecurityGroups',
        apiVersion: '2023-09-01',
        name: `nsg-${i}`,
        location: '[resourceGroup().location]',
        properties: { securityRules: [{ name: 'ssh', properties: { priority: 100, access: 'Allow', direction: 'Inbound', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '22' } }] },
      });
    }
    const text = doc(armTemplate(resources));
    assert.ok(text.length > 2_000_000, `template is ${text.length} chars`);
    const inv = world();
    const run = () => {
      const d = parsePoolDocument(text);
      const ctx = { account: ACCT, inventory: inv, now: NOW, otherPools: d.specs };
      return d.specs.flatMap((s) => runRules(s, ctx));
    };
    assert.ok(run().length >= 40);
    // Baseline: the bare jsonc-parser tree of the same text, the floor for any analysis of it.
    const t = bestCpuMsPair(run, () => parseTree(text, [], { allowTrailingComma: true }), 4);
    assertWithinBudget('2 MB template', t.ours, 150, t.baseline, 2);
  });
  it('stays linear on a 2 MB template made only of pools sharing images', () => {
    // 3,000 pools: half on the gallery version, half spread over 30 managed images (50 pools each).
    const images = Array.from({ length: 30 }, (_, i) => image(`img${i}`));
    const pools = [];
    for (let i = 0; i < 3000; i++) pools.push(armPool({ name: `acct/p${i}`, imageId: i % 2 ? VER.id : images[i % 30].id, dedicated: i % 50 }));
    const text = doc(armTemplate(pools));
    assert.ok(text.length > 2_000_000, `template is ${text.length} chars`);
    const inv = world({ images });
    const run = () => {
      const d = parsePoolDocument(text);
      const ctx = { account: ACCT, inventory: inv, now: NOW, otherPools: d.specs };
      return d.specs.flatMap((s) => runRules(s, ctx));
    };
    assert.ok(run().length > 3000);
    const t = bestCpuMsPair(run, () => parseTree(text, [], { allowTrailingComma: true }), 3);
    // Every pool gets findings here; an O(n²) step would be far beyond this ratio.
    assertWithinBudget('3,000-pool template', t.ours, 150, t.baseline, 6);

  });
  it('gives the same findings whether callers share one context or build one per spec', () => {
    const images = Array.from({ length: 3 }, (_, i) => image(`img${i}`));
    const pools = Array.from({ length: 60 }, (_, i) => armPool({ name: `acct/p${i}`, imageId: i % 4 === 0 ? VER.id : images[i % 3].id, dedicated: 170 }));
    const d = parsePoolDocument(doc(armTemplate(pools)));
    const inv = world({ images });
    const ctx = { account: ACCT, inventory: inv, now: NOW, otherPools: d.specs };
    const shared = d.specs.map((s) => runRules(s, ctx));
    // The second kind of caller passes a fresh array without the spec itself, once per spec.
    const perSpec = d.specs.map((spec) => runRules(spec, { account: ACCT, inventory: inv, now: NOW, otherPools: d.specs.filter((s) => s !== spec) }));
    assert.deepEqual(perSpec, shared);
    assert.ok(shared.flat().some((f) => f.code === 'custom-image-node-limit'), 'totals across the template are exercised');
  });
  it('checks a 10 KB document in well under 5 ms', () => {
    const text = doc(armTemplate(Array.from({ length: 14 }, (_, i) => armPool({ name: `acct/p${i}` }))));
    assert.ok(text.length > 9000 && text.length < 12000, `document is ${text.length} chars`);
    const t = bestCpuMsPair(() => analyse(text), () => parseTree(text, [], { allowTrailingComma: true }), 20);
    assertWithinBudget('10 KB document', t.ours, 5, t.baseline, 6);
  });
});
