import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { armPool, armTemplate, dataPlanePool, doc, rangeOf } from '../helpers/poolDocs';
import { analyse, expectNone, expectOne } from '../helpers/ruleHarness';
import { ACCT, DEF, IMG_A, SNAP_A, VER, world } from '../helpers/fixtures';
import { disk, diskId, image, livePool, snapshot, snapshotId, vm, vmId } from '../helpers/inventoryBuilder';

const q = (s: string) => JSON.stringify(s);

describe('image-source-deleted', () => {
  it('fires when the OS snapshot behind the image is gone', () => {
    const text = doc(dataPlanePool());
    const f = expectOne(analyse(text, { inventory: world({ snapshots: [] }) }), 'image-source-deleted', 'warning', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /imgA-os/);
    assert.deepEqual(f.related?.map((r) => r.resourceId), [SNAP_A.id]);
  });
  it('lists deleted data-disk snapshots too (ARM)', () => {
    const img = { ...IMG_A, sources: [...IMG_A.sources, { kind: 'snapshot' as const, id: snapshotId('data1'), role: 'data' as const, lun: 1 }] };
    const text = doc(armPool());
    const f = expectOne(analyse(text, { inventory: world({ images: [img] }) }), 'image-source-deleted', 'warning', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /LUN 1/);
  });
  it('does not fire when the sources exist or cannot be checked', () => {
    expectNone(analyse(doc(dataPlanePool())), 'image-source-deleted');
    expectNone(analyse(doc(dataPlanePool()), { inventory: world({ snapshots: [], errors: [{ category: 'snapshots', message: 'denied' }] }) }), 'image-source-deleted');
  });
});

describe('image-not-from-snapshots', () => {
  const fromVm = { ...IMG_A, sources: [{ kind: 'vm' as const, id: vmId('builder'), role: 'os' as const }] };
  const fromBlob = { ...IMG_A, sources: [{ kind: 'blob' as const, uri: 'https://x.blob.core.windows.net/vhds/os.vhd', role: 'os' as const }] };
  it('fires for an image made from a VM', () => {
    const text = doc(dataPlanePool({ dedicated: 10 }));
    const f = expectOne(analyse(text, { inventory: world({ images: [fromVm] }) }), 'image-not-from-snapshots', 'warning', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /generalized VM/);
    assert.doesNotMatch(f.message, /hundreds/);
  });
  it('stresses it for 100 nodes or more (ARM, blob)', () => {
    const text = doc(armPool({ dedicated: 80, lowPriority: 20 }));
    const f = expectOne(analyse(text, { inventory: world({ images: [fromBlob] }) }), 'image-not-from-snapshots', 'warning', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /VHD blob/);
    assert.match(f.message, /100 nodes/);
    assert.match(f.message, /hundreds/);
  });
  it('does not fire for snapshot-based images', () => {
    expectNone(analyse(doc(dataPlanePool({ dedicated: 500 }))), 'image-not-from-snapshots');
  });
});

describe('image-shared-by-pools', () => {
  it('fires when a live pool uses the same image, relating it', () => {
    const other = livePool('other', ACCT, { imageId: IMG_A.id });
    const text = doc(dataPlanePool({ id: 'mine' }));
    const f = expectOne(analyse(text, { inventory: world({ pools: [other] }) }), 'image-shared-by-pools', 'warning', rangeOf(text, q(IMG_A.id)));
    assert.deepEqual(f.related?.map((r) => r.resourceId), [other.id]);
    assert.match(f.message, /'other'/);
  });
  it('fires for images made from the same OS snapshot', () => {
    const sibling = image('imgSibling', { sources: [{ kind: 'snapshot', id: SNAP_A.id, role: 'os' }] });
    const other = livePool('other', ACCT, { imageId: sibling.id });
    const f = analyse(doc(armPool()), { inventory: world({ images: [IMG_A, sibling], pools: [other] }) }).filter((x) => x.code === 'image-shared-by-pools');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /imgSibling/);
  });
  it('relates the other pool of the same template by range', () => {
    const text = doc(armTemplate([armPool({ name: 'acct/one' }), armPool({ name: 'acct/two' })]));
    const findings = analyse(text).filter((x) => x.code === 'image-shared-by-pools');
    assert.equal(findings.length, 2);
    assert.deepEqual(findings[0].range, rangeOf(text, q(IMG_A.id), 0));
    assert.deepEqual(findings[1].range, rangeOf(text, q(IMG_A.id), 1));
    assert.deepEqual(findings[0].related?.[0].range, rangeOf(text, q('acct/two')));
  });
  it('does not count the deployed copy of the pool itself, nor pools on other images', () => {
    const self = livePool('pool1', ACCT, { imageId: IMG_A.id });
    const unrelated = livePool('x', ACCT, { imageId: image('imgZ').id });
    expectNone(analyse(doc(dataPlanePool({ id: 'pool1' })), { inventory: world({ pools: [self, unrelated] }) }), 'image-shared-by-pools');
  });
});

describe('base-image-purchase-plan', () => {
  const plan = { name: 'byol', publisher: 'thirdparty', product: 'appliance' };
  it('is an error when the managed image snapshot carries a purchase plan', () => {
    const text = doc(dataPlanePool());
    const f = expectOne(analyse(text, { inventory: world({ snapshots: [{ ...SNAP_A, purchasePlan: plan }] }) }), 'base-image-purchase-plan', 'error', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /thirdparty\/appliance\/byol/);
  });
  it('is a warning when a gallery definition lacks the plan its source has', () => {
    const ver = { ...VER, sourceId: IMG_A.id };
    const text = doc(armPool({ imageId: VER.id }));
    const inv = world({ snapshots: [{ ...SNAP_A, purchasePlan: plan }], galleryImageVersions: [ver] });
    expectOne(analyse(text, { inventory: inv }), 'base-image-purchase-plan', 'warning', rangeOf(text, q(VER.id)));
    const withPlan = world({ snapshots: [{ ...SNAP_A, purchasePlan: plan }], galleryImageVersions: [ver], galleryImageDefinitions: [{ ...DEF, purchasePlan: plan }] });
    expectNone(analyse(text, { inventory: withPlan }), 'base-image-purchase-plan');
  });
  it('follows a gallery version made from a VM to its OS disk', () => {
    const osDisk = disk('builder-os', { purchasePlan: plan });
    const builder = vm('builder', { osDiskId: osDisk.id });
    const ver = { ...VER, sourceId: builder.id };
    const text = doc(dataPlanePool({ imageId: VER.id }));
    expectOne(analyse(text, { inventory: world({ disks: [osDisk], virtualMachines: [builder], galleryImageVersions: [ver] }) }), 'base-image-purchase-plan', 'warning', rangeOf(text, q(VER.id)));
  });
  it('does not fire for first-party bases', () => {
    expectNone(analyse(doc(dataPlanePool())), 'base-image-purchase-plan');
  });
});

describe('source-vm-has-extensions', () => {
  const osDisk = disk('builder-os', { managedBy: vmId('builder') });
  const snap = snapshot('imgA-os', { sourceResourceId: diskId('builder-os') });
  it('fires when the VM behind the snapshot still has extensions', () => {
    const builder = vm('builder', { extensions: [{ name: 'CustomScript', type: 'CustomScript', publisher: 'Microsoft.Azure.Extensions' }] });
    const text = doc(dataPlanePool());
    const f = expectOne(analyse(text, { inventory: world({ snapshots: [snap], disks: [osDisk], virtualMachines: [builder] }) }), 'source-vm-has-extensions', 'warning', rangeOf(text, q(IMG_A.id)));
    assert.match(f.message, /CustomScript/);
    assert.deepEqual(f.related?.map((r) => r.resourceId), [builder.id]);
  });
  it('finds the VM through its OS disk id when the disk does not say managedBy', () => {
    const builder = vm('builder', { osDiskId: diskId('builder-os'), extensions: [{ name: 'ext', type: 'CustomScriptExtension', publisher: 'Microsoft.Compute' }] });
    const text = doc(armPool());
    expectOne(analyse(text, { inventory: world({ snapshots: [snap], virtualMachines: [builder] }) }), 'source-vm-has-extensions', 'warning', rangeOf(text, q(IMG_A.id)));
  });
  it('does not fire when the VM has no extensions or is gone', () => {
    expectNone(analyse(doc(dataPlanePool()), { inventory: world({ snapshots: [snap], disks: [osDisk], virtualMachines: [vm('builder')] }) }), 'source-vm-has-extensions');
    expectNone(analyse(doc(dataPlanePool()), { inventory: world({ snapshots: [snap], disks: [osDisk] }) }), 'source-vm-has-extensions');
  });
});
