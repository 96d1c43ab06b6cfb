import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { armPool, dataPlanePool, doc, rangeOf } from '../helpers/poolDocs';
import { analyse, expectNone, expectOne } from '../helpers/ruleHarness';
import { ACCT, DEF, IMG_A, VER, world } from '../helpers/fixtures';
import { galleryDefinition, galleryVersion, image, snapshotId, subscription, SUB2 } from '../helpers/inventoryBuilder';

const q = (s: string) => JSON.stringify(s);

describe('image-region-mismatch', () => {
  const westImage = { ...IMG_A, location: 'westus' };
  it('fires when the managed image is in another region, suggesting a gallery publish', () => {
    const text = doc(dataPlanePool());
    const f = expectOne(analyse(text, { inventory: world({ images: [westImage] }) }), 'image-region-mismatch', 'error', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /westus/);
    assert.match(f.message, /eastus/);
    assert.deepEqual(f.fix, { kind: 'publishToGallery', imageId: IMG_A.id, region: 'eastus' });
    assert.equal(f.related?.[0].resourceId, IMG_A.id);
  });
  it('offers the matching image in the account region when one exists (ARM)', () => {
    const twin = image('imgA', { resourceGroup: 'rg-east', location: 'East US' });
    const text = doc(armPool());
    const f = expectOne(analyse(text, { inventory: world({ images: [westImage, twin] }) }), 'image-region-mismatch', 'error', rangeOf(text, q(IMG_A.id)));
    assert.deepEqual(f.fix, { kind: 'replaceImageId', candidates: [twin.id] });
  });
  it('matches an image made from the same OS snapshot', () => {
    const sibling = image('other', { location: 'eastus', sources: [{ kind: 'snapshot', id: snapshotId('imgA-os'), role: 'os' }] });
    const f = analyse(doc(armPool()), { inventory: world({ images: [westImage, sibling] }) }).find((x) => x.code === 'image-region-mismatch');
    assert.deepEqual(f?.fix, { kind: 'replaceImageId', candidates: [sibling.id] });
  });
  it('does not fire for the same region spelled differently, nor without an account', () => {
    expectNone(analyse(doc(dataPlanePool()), { inventory: world({ images: [{ ...IMG_A, location: 'East US' }] }) }), 'image-region-mismatch');
    expectNone(analyse(doc(dataPlanePool()), { inventory: world({ images: [westImage] }), account: null }), 'image-region-mismatch');
  });
});

describe('gallery-replica-missing', () => {
  const westOnly = { ...VER, targetRegions: [{ name: 'West US', regionalReplicaCount: 2 }] };
  for (const [shape, make] of [
    ['data plane', dataPlanePool],
    ['ARM', armPool],
  ] as const) {
    it(`fires when the version has no replica in the account region (${shape})`, () => {
      const text = doc(make({ imageId: VER.id }));
      const f = expectOne(analyse(text, { inventory: world({ galleryImageVersions: [westOnly] }) }), 'gallery-replica-missing', 'error', rangeOf(text, q(VER.id)));
      assert.deepEqual(f.fix, { kind: 'addReplica', versionId: VER.id, region: 'eastus' });
      assert.match(f.message, /westus/);
    });
  }
  it('checks the latest version when the pool names the definition', () => {
    const v2 = galleryVersion(DEF, '2.0.0', { targetRegions: [{ name: 'westus', regionalReplicaCount: 1 }] });
    const text = doc(armPool({ imageId: DEF.id }));
    const f = expectOne(analyse(text, { inventory: world({ galleryImageVersions: [VER, v2] }) }), 'gallery-replica-missing', 'error', rangeOf(text, q(DEF.id)));
    assert.equal(f.fix?.kind === 'addReplica' && f.fix.versionId, v2.id);
    // excluded from latest: back to 1.0.0, which is replicated to East US
    const excluded = { ...v2, excludeFromLatest: true };
    expectNone(analyse(text, { inventory: world({ galleryImageVersions: [VER, excluded] }) }), 'gallery-replica-missing');
  });
  it('does not fire when a replica is in the account region', () => {
    expectNone(analyse(doc(armPool({ imageId: VER.id }))), 'gallery-replica-missing');
  });
});

describe('image-subscription-mismatch', () => {
  const otherSubImage = image('imgB', { subscriptionId: SUB2 });
  const def2 = galleryDefinition('def2', {
    id: `/subscriptions/${SUB2}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal/images/def2`,
  });
  const ver2 = galleryVersion(def2, '1.0.0');
  it('is an error for a managed image in another subscription', () => {
    const text = doc(dataPlanePool({ imageId: otherSubImage.id }));
    const f = expectOne(analyse(text, { inventory: world({ images: [IMG_A, otherSubImage], subscriptions: [subscription(), subscription({ subscriptionId: SUB2 })] }) }), 'image-subscription-mismatch', 'error', rangeOf(text, q(otherSubImage.id)));
    assert.match(f.message, new RegExp(SUB2));
    assert.match(f.message, /managed image 'imgB'/);
  });
  it('is a warning for a gallery image in another subscription of the same tenant with Microsoft.Batch registered', () => {
    const text = doc(armPool({ imageId: ver2.id }));
    const inv = world({ subscriptions: [subscription(), subscription({ subscriptionId: SUB2 })], galleryImageDefinitions: [def2], galleryImageVersions: [ver2] });
    expectOne(analyse(text, { inventory: inv }), 'image-subscription-mismatch', 'warning', rangeOf(text, q(ver2.id)));
  });
  it('is an error for a gallery image in another tenant or without Microsoft.Batch registered', () => {
    const text = doc(armPool({ imageId: ver2.id }));
    const otherTenant = world({ subscriptions: [subscription(), subscription({ subscriptionId: SUB2, tenantId: 'bbbbbbbb-0000-0000-0000-000000000000' })], galleryImageDefinitions: [def2], galleryImageVersions: [ver2] });
    const f = expectOne(analyse(text, { inventory: otherTenant }), 'image-subscription-mismatch', 'error', rangeOf(text, q(ver2.id)));
    assert.match(f.message, /tenant/);
    const unregistered = world({ subscriptions: [subscription(), subscription({ subscriptionId: SUB2, registeredProviders: ['Microsoft.Compute'] })], galleryImageDefinitions: [def2], galleryImageVersions: [ver2] });
    const g = expectOne(analyse(text, { inventory: unregistered }), 'image-subscription-mismatch', 'error', rangeOf(text, q(ver2.id)));
    assert.match(g.message, /Microsoft\.Batch/);
  });
  it('does not fire in the same subscription (case-insensitive)', () => {
    expectNone(analyse(doc(dataPlanePool({ imageId: IMG_A.id.toUpperCase() }))), 'image-subscription-mismatch');
    expectNone(analyse(doc(dataPlanePool()), { account: { ...ACCT, subscriptionId: ACCT.subscriptionId.toUpperCase() } }), 'image-subscription-mismatch');
  });
});
