// Writes behind the commands: an image from disk snapshots through the long-running operation,
// a failed creation, publishing to a gallery with target regions, deleting an image.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../simulator/index';
import {
  AzureError,
  createGalleryImageVersion,
  createImageFromSnapshots,
  createOrUpdateGallery,
  createOrUpdateGalleryImageDefinition,
  deleteImage,
  listGalleryImageVersions,
  listImages,
  listSnapshots,
  type AzureClients,
} from '../../../src/azure';
import { parseArmId, type Snapshot } from '../../../src/model';
import { connect, startTrustedSimulator } from './simulatorSetup';

const SUB1 = '11111111-aaaa-4bbb-8ccc-000000000001';

describe('compute and gallery writes', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;
  let os: Snapshot;
  let data: Snapshot;

  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo', lroMs: 80 });
    clients = await connect(sim);
    const snaps = await listSnapshots(clients, SUB1);
    const o = snaps.find((s) => s.name === 'snap-ubuntu-os-v1');
    const d = snaps.find((s) => s.name === 'snap-ubuntu-data-v1');
    assert.ok(o && d);
    os = o;
    data = d;
  });
  after(async () => {
    await sim.stop();
  });

  const rgOf = (id: string): string => parseArmId(id)?.resourceGroup ?? '';

  it('creates a managed image from OS and data snapshots through the LRO', async () => {
    const image = await createImageFromSnapshots(clients, {
      subscriptionId: SUB1,
      resourceGroup: rgOf(os.id),
      name: 'img-test-from-snapshots',
      location: os.location,
      osType: 'Linux',
      osSnapshotId: os.id,
      dataSnapshots: [{ lun: 0, snapshotId: data.id }],
      hyperVGeneration: 'V2',
    });
    assert.equal(image.name, 'img-test-from-snapshots');
    assert.equal(image.provisioningState, 'Succeeded', 'the poller waited for the operation to finish');
    assert.equal(image.osType, 'Linux');
    assert.deepEqual(
      image.sources.map((s) => [s.kind, s.role, s.lun, s.id?.toLowerCase()]),
      [
        ['snapshot', 'os', undefined, os.id.toLowerCase()],
        ['snapshot', 'data', 0, data.id.toLowerCase()],
      ],
    );
    const log = sim.requestLog();
    assert.ok(log.some((e) => e.route === 'arm.images.put' && e.status === 201));
    assert.ok(log.some((e) => e.route.startsWith('arm.operations.')), 'the operation was polled');
    assert.ok((await listImages(clients, SUB1)).some((i) => i.name === 'img-test-from-snapshots'));
  });

  it('reports a failed image creation with the operation\'s code and message', async () => {
    sim.failNext('imageCreate', 'InternalOperationError', 'The source snapshot could not be read (simulated).');
    const e = await createImageFromSnapshots(clients, {
      subscriptionId: SUB1,
      resourceGroup: rgOf(os.id),
      name: 'img-test-fails',
      location: os.location,
      osType: 'Linux',
      osSnapshotId: os.id,
    }).then(
      () => assert.fail('expected the LRO to fail'),
      (x: unknown) => x,
    );
    assert.ok(e instanceof AzureError);
    assert.equal(e.code, 'InternalOperationError');
    assert.match(e.message, /source snapshot could not be read/);
  });

  it('rejects a snapshot that does not exist with ARM\'s validation error', async () => {
    const e = await createImageFromSnapshots(clients, {
      subscriptionId: SUB1,
      resourceGroup: rgOf(os.id),
      name: 'img-test-missing-source',
      location: os.location,
      osType: 'Linux',
      osSnapshotId: os.id.replace(/[^/]+$/, 'snap-that-does-not-exist'),
    }).then(
      () => assert.fail('expected 400'),
      (x: unknown) => x,
    );
    assert.ok(e instanceof AzureError);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'InvalidParameter');
  });

  it('publishes an image to a gallery with replicas in target regions', async () => {
    const rg = rgOf(os.id);
    const gallery = await createOrUpdateGallery(clients, { subscriptionId: SUB1, resourceGroup: rg, name: 'test_gallery', location: 'eastus' });
    assert.match(gallery.id, /galleries\/test_gallery$/);
    const definition = await createOrUpdateGalleryImageDefinition(clients, {
      galleryId: gallery.id,
      name: 'ubuntu-test',
      location: 'eastus',
      osType: 'Linux',
      hyperVGeneration: 'V2',
      identifier: { publisher: 'contoso', offer: 'ubuntu', sku: 'test' },
      securityType: 'TrustedLaunchSupported',
    });
    assert.equal(definition.osState, 'Generalized');
    assert.equal(definition.securityType, 'TrustedLaunchSupported');
    assert.equal(definition.galleryId.toLowerCase(), gallery.id.toLowerCase());
    const image = (await listImages(clients, SUB1)).find((i) => i.name === 'img-test-from-snapshots');
    assert.ok(image);
    const version = await createGalleryImageVersion(clients, {
      definitionId: definition.id,
      name: '1.0.0',
      location: 'eastus',
      sourceId: image.id,
      targetRegions: [
        { name: 'eastus', regionalReplicaCount: 3 },
        { name: 'westus2', regionalReplicaCount: 1 },
      ],
    });
    assert.equal(version.provisioningState, 'Succeeded');
    assert.deepEqual(
      version.targetRegions.map((r) => [r.name, r.regionalReplicaCount]),
      [
        ['eastus', 3],
        ['westus2', 1],
      ],
    );
    assert.equal(version.sourceId?.toLowerCase(), image.id.toLowerCase());
    assert.deepEqual((await listGalleryImageVersions(clients, definition.id)).map((v) => v.name), ['1.0.0']);
  });

  it("maps a snapshot's security profile and supported security option", async () => {
    const tl = (await listSnapshots(clients, SUB1)).find((s) => s.name === 'snap-ubuntu-tl-os');
    assert.ok(tl);
    assert.equal(tl.securityType, 'TrustedLaunch');
    assert.equal(tl.supportedSecurityOption, 'TrustedLaunchSupported');
    assert.equal(tl.hyperVGeneration, 'V2');
    assert.equal(os.securityType, undefined);
  });

  it('publishes a version straight from OS and data-disk snapshots and reads the disk sources back', async () => {
    const gallery = `/subscriptions/${SUB1}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery`;
    const definition = await createOrUpdateGalleryImageDefinition(clients, {
      galleryId: gallery,
      name: 'from-snapshots',
      location: 'eastus',
      osType: 'Linux',
      identifier: { publisher: 'contoso', offer: 'snapshots', sku: 'gen1' },
      securityType: 'Standard',
    });
    assert.equal(definition.securityType, undefined, 'Standard is Azure\'s default and is not written as a feature');
    const version = await createGalleryImageVersion(clients, {
      definitionId: definition.id,
      name: '1.0.0',
      location: 'eastus',
      diskSources: { osDiskId: os.id, dataDisks: [{ lun: 1, id: data.id }] },
      targetRegions: [{ name: 'eastus', regionalReplicaCount: 2, storageAccountType: 'Standard_ZRS' }],
    });
    assert.equal(version.provisioningState, 'Succeeded');
    assert.equal(version.sourceId?.toLowerCase(), os.id.toLowerCase(), 'the OS disk stands for the source');
    assert.deepEqual(version.diskSources && { os: version.diskSources.osDiskId.toLowerCase(), data: version.diskSources.dataDisks.map((d) => [d.lun, d.id.toLowerCase()]) }, {
      os: os.id.toLowerCase(),
      data: [[1, data.id.toLowerCase()]],
    });
    const stored = sim.getResource(version.id)?.properties as { storageProfile: unknown; publishingProfile: { targetRegions: { storageAccountType: string }[] } };
    assert.deepEqual(stored.storageProfile, {
      osDiskImage: { source: { id: os.id }, sizeInGB: os.diskSizeGB, hostCaching: 'ReadOnly' },
      dataDiskImages: [{ lun: 1, source: { id: data.id }, sizeInGB: data.diskSizeGB, hostCaching: 'None' }],
    });
    assert.equal(stored.publishingProfile.targetRegions[0].storageAccountType, 'Standard_ZRS');
  });

  it('deletes an image (long-running)', async () => {
    const image = (await listImages(clients, SUB1)).find((i) => i.name === 'img-test-from-snapshots');
    assert.ok(image);
    // The version published from it keeps a reference; delete a fresh image instead.
    const spare = await createImageFromSnapshots(clients, {
      subscriptionId: SUB1,
      resourceGroup: rgOf(os.id),
      name: 'img-test-delete-me',
      location: os.location,
      osType: 'Linux',
      osSnapshotId: os.id,
    });
    await deleteImage(clients, spare.id);
    assert.ok(!(await listImages(clients, SUB1)).some((i) => i.name === 'img-test-delete-me'));
  });
});
