import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { armPool, armTemplate, dataPlanePool, doc, keyRange, rangeOf } from '../helpers/poolDocs';
import { analyse, expectNone, expectOne } from '../helpers/ruleHarness';
import { ACCT, DEF, IMG_A, VER, world } from '../helpers/fixtures';

const q = (s: string) => JSON.stringify(s);

describe('node-agent-sku-missing', () => {
  it('fires on the virtualMachineConfiguration key (data plane), offering SKUs of the image OS', () => {
    const text = doc(dataPlanePool({ sku: null }));
    const f = expectOne(analyse(text), 'node-agent-sku-missing', 'error', keyRange(text, 'virtualMachineConfiguration'));
    assert.deepEqual(f.fix, { kind: 'replaceNodeAgentSku', candidates: ['batch.node.ubuntu 22.04'] });
    assert.match(f.message, /nodeAgentSKUId/);
  });
  it('fires for ARM with the ARM spelling, even without an account', () => {
    const text = doc(armPool({ sku: null }));
    const f = expectOne(analyse(text, { account: null }), 'node-agent-sku-missing', 'error', keyRange(text, 'virtualMachineConfiguration'));
    assert.match(f.message, /nodeAgentSkuId/);
  });
  it('does not fire when set, or when virtualMachineConfiguration is an expression', () => {
    expectNone(analyse(doc(dataPlanePool())), 'node-agent-sku-missing');
    const pool = armPool();
    (pool.properties as Record<string, unknown>).deploymentConfiguration = { virtualMachineConfiguration: "[variables('vmc')]" };
    expectNone(analyse(doc(armTemplate([pool]))), 'node-agent-sku-missing');
  });
});

describe('node-agent-sku-mismatch', () => {
  it('fires when the SKU is not supported by the account', () => {
    const text = doc(dataPlanePool({ sku: 'batch.node.centos 7' }));
    const f = expectOne(analyse(text), 'node-agent-sku-mismatch', 'error', rangeOf(text, q('batch.node.centos 7')));
    assert.deepEqual(f.fix, { kind: 'replaceNodeAgentSku', candidates: ['batch.node.ubuntu 22.04'] });
  });
  it("fires when the SKU's OS differs from the image's (ARM)", () => {
    const text = doc(armPool({ sku: 'batch.node.windows amd64' }));
    const f = expectOne(analyse(text), 'node-agent-sku-mismatch', 'error', rangeOf(text, q('batch.node.windows amd64')));
    assert.match(f.message, /Windows/);
    assert.match(f.message, /Linux/);
  });
  it('uses the gallery definition OS and the SKU name without an account', () => {
    const winDef = { ...DEF, osType: 'Windows' as const };
    const text = doc(armPool({ imageId: VER.id }));
    expectOne(analyse(text, { account: null, inventory: world({ galleryImageDefinitions: [winDef] }) }), 'node-agent-sku-mismatch', 'error', rangeOf(text, q('batch.node.ubuntu 22.04')));
  });
  it('does not fire for a matching, supported SKU (case-insensitive)', () => {
    expectNone(analyse(doc(dataPlanePool({ sku: 'Batch.Node.Ubuntu 22.04' }))), 'node-agent-sku-mismatch');
    expectNone(analyse(doc(armPool({ sku: "[parameters('sku')]" }))), 'node-agent-sku-mismatch');
  });
});

describe('node-agent-sku-end-of-life', () => {
  const eol = (date: string) => ({
    ...ACCT,
    supportedImages: [{ nodeAgentSkuId: 'batch.node.ubuntu 22.04', osType: 'linux', verificationType: 'verified', batchSupportEndOfLife: date }, { nodeAgentSkuId: 'batch.node.ubuntu 24.04', osType: 'linux', verificationType: 'verified' }],
  });
  it('warns within 90 days', () => {
    const text = doc(dataPlanePool());
    const f = expectOne(analyse(text, { account: eol('2026-03-01T00:00:00Z') }), 'node-agent-sku-end-of-life', 'warning', rangeOf(text, q('batch.node.ubuntu 22.04')));
    assert.match(f.message, /2026-03-01 \(in 45 days\)/);
    assert.deepEqual(f.fix, { kind: 'replaceNodeAgentSku', candidates: ['batch.node.ubuntu 24.04'] });
  });
  it('warns when already past (ARM)', () => {
    const text = doc(armPool());
    const f = expectOne(analyse(text, { account: eol('2025-12-01T00:00:00Z') }), 'node-agent-sku-end-of-life', 'warning', rangeOf(text, q('batch.node.ubuntu 22.04')));
    assert.match(f.message, /reached/);
  });
  it('does not warn more than 90 days ahead or without a date', () => {
    expectNone(analyse(doc(dataPlanePool()), { account: eol('2026-06-01T00:00:00Z') }), 'node-agent-sku-end-of-life');
    expectNone(analyse(doc(dataPlanePool())), 'node-agent-sku-end-of-life');
  });
});

describe('gallery-image-specialized', () => {
  it('fires for a specialized definition (version and definition ids)', () => {
    const inv = world({ galleryImageDefinitions: [{ ...DEF, osState: 'Specialized' }] });
    for (const [id, make] of [
      [VER.id, armPool],
      [DEF.id, dataPlanePool],
    ] as const) {
      const text = doc(make({ imageId: id }));
      const f = expectOne(analyse(text, { inventory: inv }), 'gallery-image-specialized', 'error', rangeOf(text, q(id)));
      assert.match(f.message, /gal\/def/);
    }
  });
  it('does not fire for generalized definitions or managed images', () => {
    expectNone(analyse(doc(dataPlanePool({ imageId: VER.id }))), 'gallery-image-specialized');
    expectNone(analyse(doc(dataPlanePool({ imageId: IMG_A.id }))), 'gallery-image-specialized');
  });
});

describe('trusted-launch-mismatch', () => {
  const tl = world({ galleryImageDefinitions: [{ ...DEF, securityType: 'TrustedLaunch' }] });
  for (const [shape, make] of [
    ['data plane', dataPlanePool],
    ['ARM', armPool],
  ] as const) {
    it(`fires without a securityProfile, on the virtualMachineConfiguration key (${shape})`, () => {
      const text = doc(make({ imageId: VER.id }));
      const f = expectOne(analyse(text, { inventory: tl }), 'trusted-launch-mismatch', 'error', keyRange(text, 'virtualMachineConfiguration'));
      assert.deepEqual(f.fix, { kind: 'addSecurityProfile', securityType: 'trustedLaunch' });
    });
  }
  it('fires on a wrong security type, on the profile', () => {
    const cvm = world({ galleryImageDefinitions: [{ ...DEF, securityType: 'ConfidentialVM' }] });
    const text = doc(dataPlanePool({ imageId: VER.id, securityType: 'trustedLaunch' }));
    const start = text.indexOf('{', text.indexOf('"securityProfile"'));
    const end = text.indexOf('}', text.indexOf('}', start) + 1) + 1;
    const f = expectOne(analyse(text, { inventory: cvm }), 'trusted-launch-mismatch', 'error', { offset: start, length: end - start });
    assert.deepEqual(f.fix, { kind: 'addSecurityProfile', securityType: 'confidentialVM' });
  });
  it('does not fire with the matching profile, for "supported" types, or for expressions', () => {
    expectNone(analyse(doc(dataPlanePool({ imageId: VER.id, securityType: 'TrustedLaunch' })), { inventory: tl }), 'trusted-launch-mismatch');
    const supported = world({ galleryImageDefinitions: [{ ...DEF, securityType: 'TrustedLaunchSupported' }] });
    expectNone(analyse(doc(dataPlanePool({ imageId: VER.id })), { inventory: supported }), 'trusted-launch-mismatch');
    const pool = armPool({ imageId: VER.id });
    const vmc = ((pool.properties as Record<string, any>).deploymentConfiguration as Record<string, any>).virtualMachineConfiguration; // eslint-disable-line @typescript-eslint/no-explicit-any -- navigating a test fixture
    vmc.securityProfile = "[variables('sp')]";
    expectNone(analyse(doc(armTemplate([pool])), { inventory: tl }), 'trusted-launch-mismatch');
  });
});
