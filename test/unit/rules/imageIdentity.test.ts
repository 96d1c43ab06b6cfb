import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { armPool, dataPlanePool, doc, rangeOf } from '../helpers/poolDocs';
import { analyse, expectNone, expectOne } from '../helpers/ruleHarness';
import { DEF, IMG_A, VER, world } from '../helpers/fixtures';
import { galleryVersion, image, inventory, SUB2 } from '../helpers/inventoryBuilder';

const q = (s: string) => JSON.stringify(s);

describe('image-id-invalid', () => {
  for (const [shape, make] of [
    ['data plane', dataPlanePool],
    ['ARM', armPool],
  ] as const) {
    it(`fires on a bare image name (${shape})`, () => {
      const text = doc(make({ imageId: 'myImage' }));
      const f = expectOne(analyse(text, { inventory: world() }), 'image-id-invalid', 'error', rangeOf(text, q('myImage')));
      assert.equal(f.fix?.kind, 'replaceImageId');
      assert.ok(f.fix?.kind === 'replaceImageId' && f.fix.candidates.includes(IMG_A.id));
    });
  }
  it('fires on an ARM id of another resource type', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/snapshots/snap';
    const text = doc(dataPlanePool({ imageId: id }));
    const f = expectOne(analyse(text, { inventory: world() }), 'image-id-invalid', 'error', rangeOf(text, q(id)));
    assert.match(f.message, /Microsoft\.Compute\/snapshots/);
  });
  it('does not fire on managed image, gallery definition and version ids, nor on marketplace pools', () => {
    for (const id of [IMG_A.id, DEF.id, VER.id]) expectNone(analyse(doc(dataPlanePool({ imageId: id })), { inventory: world() }), 'image-id-invalid');
    expectNone(analyse(doc(dataPlanePool({ imageId: null })), { inventory: world() }), 'image-id-invalid');
  });
});

describe('managed-image-retired', () => {
  it('fires for a managed image with a publish-to-gallery fix for the account region', () => {
    const text = doc(armPool());
    const f = expectOne(analyse(text, { inventory: world() }), 'managed-image-retired', 'error', rangeOf(text, q(IMG_A.id)));
    assert.deepEqual(f.fix, { kind: 'publishToGallery', imageId: IMG_A.id, region: 'eastus' });
    assert.match(f.message, /31 March 2026/);
    assert.match(f.message, /are retired/);
  });
  it('fires for the data-plane shape too, using the image region without an account', () => {
    const text = doc(dataPlanePool());
    const f = expectOne(analyse(text, { account: null }), 'managed-image-retired', 'error', rangeOf(text, q(IMG_A.id)));
    assert.deepEqual(f.fix, { kind: 'publishToGallery', imageId: IMG_A.id, region: 'eastus' });
  });
  it('says "were retired" after the date', () => {
    const f = analyse(doc(armPool()), { inventory: world(), now: new Date('2026-06-01T00:00:00Z') }).find((x) => x.code === 'managed-image-retired');
    assert.match(f?.message ?? '', /were retired/);
  });
  it('does not fire for gallery images', () => {
    expectNone(analyse(doc(armPool({ imageId: VER.id })), { inventory: world() }), 'managed-image-retired');
  });
});

describe('image-not-found', () => {
  it('fires for a deleted managed image in a loaded subscription', () => {
    const text = doc(dataPlanePool());
    const f = expectOne(analyse(text, { inventory: inventory().build() }), 'image-not-found', 'error', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /AllocationFailed/);
  });
  it('fires for a missing gallery version, offering existing versions', () => {
    const missing = galleryVersion(DEF, '9.9.9').id;
    const text = doc(armPool({ imageId: missing }));
    const f = expectOne(analyse(text, { inventory: world() }), 'image-not-found', 'error', rangeOf(text, q(missing)));
    assert.deepEqual(f.fix, { kind: 'replaceImageId', candidates: [VER.id, DEF.id] });
  });
  it('fires for a definition whose versions are all excluded from latest', () => {
    const inv = world({ galleryImageVersions: [{ ...VER, excludeFromLatest: true }] });
    const text = doc(armPool({ imageId: DEF.id }));
    const f = expectOne(analyse(text, { inventory: inv }), 'image-not-found', 'error', rangeOf(text, q(DEF.id)));
    assert.match(f.message, /excluded from latest/);
  });
  it('does not fire when the image exists, or when its subscription is not loaded', () => {
    expectNone(analyse(doc(dataPlanePool()), { inventory: world() }), 'image-not-found');
    const other = image('imgX', { subscriptionId: SUB2 });
    expectNone(analyse(doc(dataPlanePool({ imageId: other.id })), { inventory: world() }), 'image-not-found');
    expectNone(analyse(doc(dataPlanePool({ imageId: DEF.id })), { inventory: world() }), 'image-not-found');
  });
});

describe('image-not-ready', () => {
  it('fires while the image is still being created', () => {
    const text = doc(dataPlanePool());
    const creating = world({ images: [{ ...IMG_A, provisioningState: 'Creating' }] });
    const f = expectOne(analyse(text, { inventory: creating }), 'image-not-ready', 'warning', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /Creating/);
  });
  it('fires for a failed gallery version', () => {
    const failed = { ...VER, provisioningState: 'Failed' };
    const text = doc(armPool({ imageId: VER.id }));
    const inv = world({ galleryImageVersions: [failed] });
    expectOne(analyse(text, { inventory: inv }), 'image-not-ready', 'warning', rangeOf(text, q(VER.id)));
  });
  it('does not fire for Succeeded', () => {
    expectNone(analyse(doc(dataPlanePool()), { inventory: world() }), 'image-not-ready');
  });
});
