import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { deserializeInventorySnapshot, indexInventory, InventoryFormatError, serializeInventorySnapshot, type Inventory } from '../../../src/model';
import { account, galleryDefinition, galleryVersion, image, inventory, livePool, snapshot, snapshotId, SUB, SUB2, vmId } from '../helpers/inventoryBuilder';

describe('indexInventory', () => {
  const acct = account('acct');
  const imgA = image('imgA');
  const imgB = image('imgB', { sources: [{ kind: 'snapshot', id: snapshotId('imgA-os'), role: 'os' }] });
  const imgVm = image('imgVm', { sources: [{ kind: 'vm', id: vmId('gone'), role: 'os' }] });
  const def = galleryDefinition('def');
  const v1 = galleryVersion(def, '1.0.0');
  const v2 = galleryVersion(def, '1.2.0');
  const v3 = galleryVersion(def, '1.10.0', { excludeFromLatest: true });
  const p1 = livePool('p1', acct, { imageId: imgA.id.toUpperCase() });
  const p2 = livePool('p2', acct, { imageId: def.id });
  const p3 = livePool('p3', acct, { imageId: v1.id });
  const inv = inventory({
    images: [imgA, imgB, imgVm],
    snapshots: [snapshot('imgA-os')],
    galleryImageDefinitions: [def],
    galleryImageVersions: [v3, v1, v2],
    batchAccounts: [acct],
    pools: [p1, p2, p3],
  }).build();

  it('indexes by lowercased id', () => {
    assert.equal(inv.imagesById.get(imgA.id.toLowerCase()), imgA);
    assert.equal(inv.account(acct.id.toUpperCase()), acct);
  });
  it('finds any resource by id with its category', () => {
    assert.deepEqual(inv.resource(imgA.id.toUpperCase()), { category: 'images', resource: imgA });
    assert.deepEqual(inv.resource(v2.id), { category: 'galleryImageVersions', resource: v2 });
    assert.equal(inv.resource(`/subscriptions/${SUB}`)?.category, 'subscriptions');
    assert.equal(inv.resource(snapshotId('nope')), undefined);
    assert.equal(inv.resource('not an id'), undefined);
  });
  it('maps images to pools case-insensitively', () => {
    assert.deepEqual(inv.poolsByImageId(imgA.id), [p1]);
    assert.deepEqual(inv.poolsByImageId(imgB.id), []);
  });
  it('maps snapshots to images and finds images sharing the OS snapshot', () => {
    assert.deepEqual(inv.imagesBySnapshot(snapshotId('imgA-os')), [imgA, imgB]);
    assert.deepEqual(inv.imagesSharingOsSnapshot(imgA.id), [imgB]);
  });
  it('reports source existence', () => {
    assert.deepEqual(inv.imageSources(imgA.id).map((s) => s.existence), ['present']);
    assert.deepEqual(inv.imageSources(imgVm.id).map((s) => s.existence), ['deleted']);
    assert.equal(inv.existence(snapshotId('x', SUB2)), 'unknown');
  });
  it('computes the latest version, skipping excluded ones', () => {
    assert.equal(inv.latestVersion(def.id)?.name, '1.2.0');
    assert.deepEqual(inv.versionsOfDefinition(def.id).map((v) => v.name), ['1.0.0', '1.2.0', '1.10.0']);
  });
  it('maps versions and definitions to pools', () => {
    assert.deepEqual(inv.poolsUsingVersion(v2.id), [p2]);
    assert.deepEqual(inv.poolsUsingVersion(v1.id), [p3]);
    assert.deepEqual(new Set(inv.poolsUsingDefinition(def.id)), new Set([p2, p3]));
  });
  it('answers the same whether its indexes are built on first use or all at once, in any order', () => {
    const questions: Array<(i: Inventory) => unknown> = [
      (i) => i.latestVersion(def.id)?.name,
      (i) => i.poolsUsingVersion(v2.id).map((p) => p.id),
      (i) => i.imageSources(imgVm.id).map((s) => s.existence),
      (i) => i.imagesSharingOsSnapshot(imgA.id).map((x) => x.id),
      (i) => i.resource(p3.id)?.category,
      (i) => i.poolsOfAccount(acct.id).length,
      (i) => i.imagesInRegion(imgA.location).length,
      (i) => i.existence(snapshotId('imgA-os')),
      (i) => i.snapshotsById.size,
    ];
    const eager = indexInventory(inv.snapshot, { eager: true });
    const expected = questions.map((q) => q(eager));
    assert.deepEqual(expected, ['1.2.0', [p2.id], ['deleted'], [imgB.id], 'pools', 3, 3, 'present', 1]);
    assert.deepEqual(questions.map((q) => q(indexInventory(inv.snapshot))), expected);
    // Asked in the opposite order (other indexes built first), a fresh lazy index still agrees.
    const lazy = indexInventory(inv.snapshot);
    assert.deepEqual([...questions].reverse().map((q) => q(lazy)), [...expected].reverse());
  });
  it('treats failed categories as unknown', () => {
    const inv2 = inventory({ errors: [{ category: 'virtualMachines', message: 'forbidden' }], images: [imgVm] }).build();
    assert.deepEqual(inv2.imageSources(imgVm.id).map((s) => s.existence), ['unknown']);
  });
});

describe('inventory serialisation', () => {
  it('round-trips', () => {
    const data = inventory({ images: [image('x')] }).data;
    const back = deserializeInventorySnapshot(serializeInventorySnapshot(data));
    assert.deepEqual(back, data);
  });
  it('rejects unknown versions and bad lists', () => {
    assert.throws(() => deserializeInventorySnapshot('{"formatVersion": 99}'), InventoryFormatError);
    assert.throws(() => deserializeInventorySnapshot('{"images": {}}'), InventoryFormatError);
    assert.throws(() => deserializeInventorySnapshot('nope'), InventoryFormatError);
  });
  it('defaults missing lists', () => {
    assert.deepEqual(deserializeInventorySnapshot('{"images": []}').pools, []);
    const { sources: _omitted, ...withoutSources } = image('i');
    const img = deserializeInventorySnapshot(JSON.stringify({ images: [withoutSources] })).images[0];
    assert.deepEqual(img.sources, []);
  });
  it('rejects items that would break the indexes, saying where', () => {
    assert.throws(() => deserializeInventorySnapshot('{"images": [{"name": "x"}]}'), /"images"\[0\]\.id is missing/);
    assert.throws(() => deserializeInventorySnapshot('{"pools": [{"id": "p", "accountId": "a"}]}'), /"pools"\[0\]\.name is missing/);
    assert.throws(() => deserializeInventorySnapshot('{"snapshots": [3]}'), /must be an object/);
  });
});
