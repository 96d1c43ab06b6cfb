import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse, type ParseError } from 'jsonc-parser';
import {
  addSecurityProfileEdits,
  applyTextEdits,
  capNodesEdits,
  parsePoolDocument,
  replaceImageIdEdits,
  replaceNodeAgentSkuEdits,
  setResizeTimeoutEdits,
} from '../../../src/pooljson';
import type { PoolSpec } from '../../../src/model';
import { armPool, armTemplate, dataPlanePool, doc } from '../helpers/poolDocs';

function strictParse(text: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  assert.deepEqual(errors, [], `edited text is not valid JSON:\n${text}`);
  return value;
}

function edit(text: string, build: (text: string, spec: PoolSpec) => { offset: number; length: number; newText: string }[], index = 0): { text: string; spec: PoolSpec } {
  const spec = parsePoolDocument(text).specs[index];
  const out = applyTextEdits(text, build(text, spec));
  strictParse(out);
  return { text: out, spec: parsePoolDocument(out).specs[index] };
}

describe('setResizeTimeoutEdits', () => {
  it('replaces an existing value (data plane)', () => {
    const r = edit(doc(dataPlanePool({ resizeTimeout: 'PT5M' })), (t, s) => setResizeTimeoutEdits(t, s, 'PT20M'));
    assert.equal(r.spec.resizeTimeout?.value, 'PT20M');
  });
  it('inserts into the pool object (data plane) with the document indentation', () => {
    const text = JSON.stringify(dataPlanePool({ resizeTimeout: null }), null, 4);
    const r = edit(text, (t, s) => setResizeTimeoutEdits(t, s, 'PT20M'));
    assert.equal(r.spec.resizeTimeout?.value, 'PT20M');
    assert.match(r.text, /\n {4}"resizeTimeout": "PT20M"/);
  });
  it('inserts into fixedScale (ARM), creating scaleSettings when missing', () => {
    const r = edit(doc(armPool({ resizeTimeout: null })), (t, s) => setResizeTimeoutEdits(t, s, 'PT25M'));
    assert.equal(r.spec.resizeTimeout?.value, 'PT25M');
    const bare = armPool();
    delete (bare.properties as Record<string, unknown>).scaleSettings;
    const r2 = edit(doc(bare), (t, s) => setResizeTimeoutEdits(t, s, 'PT25M'));
    assert.equal(r2.spec.resizeTimeout?.value, 'PT25M');
    assert.deepEqual((strictParse(r2.text) as { properties: { scaleSettings: unknown } }).properties.scaleSettings, { fixedScale: { resizeTimeout: 'PT25M' } });
  });
  it('edits the right pool of a template with several pools', () => {
    const text = doc(armTemplate([armPool({ name: 'a/one', resizeTimeout: null }), armPool({ name: 'a/two', resizeTimeout: null })]));
    const r = edit(text, (t, s) => setResizeTimeoutEdits(t, s, 'PT20M'), 1);
    const specs = parsePoolDocument(r.text).specs;
    assert.equal(specs[0].resizeTimeout, undefined);
    assert.equal(specs[1].resizeTimeout?.value, 'PT20M');
  });
  it('keeps the edit inside its pool in a minified template (no reformatting of the shared line)', () => {
    const text = JSON.stringify(armTemplate([armPool({ name: 'a/one', resizeTimeout: null }), armPool({ name: 'a/two', resizeTimeout: null })]));
    assert.ok(!text.includes('\n'));
    const spec = parsePoolDocument(text).specs[1];
    const edits = setResizeTimeoutEdits(text, spec, 'PT20M');
    for (const e of edits) assert.ok(e.offset >= spec.range!.offset && e.offset + e.length <= spec.range!.offset + spec.range!.length, 'edit inside pool two');
    const out = applyTextEdits(text, edits);
    strictParse(out);
    const specs = parsePoolDocument(out).specs;
    assert.equal(specs[1].resizeTimeout?.value, 'PT20M');
    assert.equal(specs[0].resizeTimeout, undefined);
    assert.equal(out.slice(0, spec.range!.offset), text.slice(0, spec.range!.offset), 'pool one untouched');
  });
  it('keeps comments and CRLF line endings', () => {
    const text = doc(dataPlanePool({ resizeTimeout: null })).replace('{', '{\n  // keep me').replace(/\n/g, '\r\n');
    const spec = parsePoolDocument(text).specs[0];
    const out = applyTextEdits(text, setResizeTimeoutEdits(text, spec, 'PT20M'));
    assert.ok(out.includes('// keep me'));
    assert.ok(!/[^\r]\n/.test(out), 'only CRLF line breaks');
    assert.equal(parsePoolDocument(out).specs[0].resizeTimeout?.value, 'PT20M');
  });
});

describe('other edit builders', () => {
  const NEW = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0';
  for (const [shape, make] of [
    ['data plane', dataPlanePool],
    ['ARM', armPool],
  ] as const) {
    it(`replaces the image id (${shape})`, () => {
      const r = edit(doc(make()), (t, s) => replaceImageIdEdits(t, s, NEW));
      assert.equal(r.spec.imageId?.value, NEW);
    });
    it(`inserts the image id when the reference has none (${shape})`, () => {
      const r = edit(doc(make({ imageId: null })), (t, s) => replaceImageIdEdits(t, s, NEW));
      assert.equal(r.spec.imageId?.value, NEW);
    });
    it(`replaces or inserts the node agent SKU with the shape's spelling (${shape})`, () => {
      const r = edit(doc(make({ sku: 'old' })), (t, s) => replaceNodeAgentSkuEdits(t, s, 'batch.node.windows amd64'));
      assert.equal(r.spec.nodeAgentSkuId?.value, 'batch.node.windows amd64');
      const r2 = edit(doc(make({ sku: null })), (t, s) => replaceNodeAgentSkuEdits(t, s, 'batch.node.ubuntu 22.04'));
      assert.equal(r2.spec.nodeAgentSkuId?.value, 'batch.node.ubuntu 22.04');
      assert.ok(r2.text.includes(shape === 'ARM' ? '"nodeAgentSkuId"' : '"nodeAgentSKUId"'));
    });
    it(`caps node counts (${shape})`, () => {
      const r = edit(doc(make({ dedicated: 3000, lowPriority: 1500 })), (t, s) => capNodesEdits(t, s, { targetDedicatedNodes: 2500, targetLowPriorityNodes: 1000 }));
      assert.equal(r.spec.targetDedicatedNodes?.value, 2500);
      assert.equal(r.spec.targetLowPriorityNodes?.value, 1000);
      const noop = capNodesEdits('', parsePoolDocument(doc(make({ dedicated: 10 }))).specs[0], { targetDedicatedNodes: 2500 });
      assert.deepEqual(noop, []);
    });
    it(`adds a security profile inside virtualMachineConfiguration (${shape})`, () => {
      const r = edit(doc(make()), (t, s) => addSecurityProfileEdits(t, s, 'trustedLaunch'));
      assert.deepEqual(r.spec.securityProfile?.value, { securityType: 'trustedLaunch', secureBootEnabled: true, vTpmEnabled: true });
      const parsed = strictParse(r.text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test navigation of arbitrary JSON
      const vmc = shape === 'ARM' ? parsed.properties.deploymentConfiguration.virtualMachineConfiguration : parsed.virtualMachineConfiguration;
      assert.deepEqual(vmc.securityProfile, { securityType: 'trustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } });
    });
  }
  // Found by `npm run fuzz -- --cases 100000`: jsonc-parser's `modify` threw "Can not add index to
  // parent of type string" out of the quick-fix builder for a pool whose configuration is not an object.
  for (const [shape, text] of [
    ['ARM', '{"type": "Microsoft.Batch/batchAccounts/pools", "name": "acct/p", "properties": {"vmSize": "STANDARD_D2S_V3", "deploymentConfiguration": {"virtualMachineConfiguration": "broken"}}}'],
    ['data plane', '{"id": "p", "vmSize": "STANDARD_D2S_V3", "virtualMachineConfiguration": 7}'],
  ] as const) {
    it(`offers no edit (and does not throw) when the path runs through a non-object (${shape})`, () => {
      const spec = parsePoolDocument(text).specs[0];
      assert.ok(spec, 'the document is still read as a pool');
      assert.deepEqual(replaceNodeAgentSkuEdits(text, spec, 'batch.node.ubuntu 22.04'), []);
      assert.deepEqual(replaceImageIdEdits(text, spec, NEW), []);
      assert.deepEqual(addSecurityProfileEdits(text, spec, 'trustedLaunch'), []);
    });
  }
  it('completes an existing security profile, keeping other settings', () => {
    const pool = dataPlanePool();
    (pool.virtualMachineConfiguration as Record<string, unknown>).securityProfile = { encryptionAtHost: true, securityType: 'standard' };
    const r = edit(doc(pool), (t, s) => addSecurityProfileEdits(t, s, 'confidentialVM'));
    const vmc = (strictParse(r.text) as { virtualMachineConfiguration: { securityProfile: unknown } }).virtualMachineConfiguration;
    assert.deepEqual(vmc.securityProfile, { encryptionAtHost: true, securityType: 'confidentialVM', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } });
  });
});
