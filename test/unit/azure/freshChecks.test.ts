// The checks a write runs right before its request (issue 11, item 2): Create Image from Snapshots,
// Publish to Azure Compute Gallery and Add Gallery Replica judge Azure's state as Resource Manager
// has it now, while Resource Graph's index (here 60 s behind) and the inventory loaded from it
// still show the old state. Resources change outside the extension through plain ARM requests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkBeforeCreateImage, checkBeforePublish, createGalleryImageVersion, freshVersionBeforeReplica, readFresh, StaleStateError, type AzureClients } from '../../../src/azure';
import type { InventoryLoader } from '../../../src/inventory';
import { armIdKey, type GalleryImageDefinition, type ManagedImage, type Snapshot } from '../../../src/model';
import { DEMO_SUBSCRIPTIONS } from '../../simulator/index';
import { startLaggingIndex, stopLaggingIndex, type LaggingIndex } from './laggingIndex';

const P = DEMO_SUBSCRIPTIONS.production;
const S = DEMO_SUBSCRIPTIONS.sharedImages;
const IMAGES = `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute`;
const GALLERY = `/subscriptions/${P}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery`;
const SHARED_DEFINITION = `/subscriptions/${S}/resourceGroups/rg-shared-gallery/providers/Microsoft.Compute/galleries/contoso_shared_images/images/ubuntu-shared`;
const SHARED_VERSION = `${SHARED_DEFINITION}/versions/2.0.0`;
const PROD_ACCOUNT = `/subscriptions/${P}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;

async function staleProblems(p: Promise<unknown>): Promise<StaleStateError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof StaleStateError, `expected a StaleStateError, got ${String(error)}`);
  assert.match(error.message, /Nothing was written/);
  return error;
}

describe("fresh checks before writes: Resource Manager's state, not the lagging index's", () => {
  let lagging: LaggingIndex;
  let clients: AzureClients;
  let loader: InventoryLoader;
  let arm: LaggingIndex['arm'];
  const settleLro = () => arm('GET', `/subscriptions/${P}`, '2022-12-01'); // a delete LRO (lroMs 0) completes on the next request
  const snapshot = (name: string): Snapshot => {
    const s = loader.current.snapshotsById.get(armIdKey(`${IMAGES}/snapshots/${name}`));
    assert.ok(s, name);
    return s;
  };
  const image = (name: string): ManagedImage => {
    const i = loader.current.imagesById.get(armIdKey(`${IMAGES}/images/${name}`));
    assert.ok(i, name);
    return i;
  };
  const fittingDefinition = (i: ManagedImage): GalleryImageDefinition => {
    const gen = (g: string | undefined) => (g === 'V2' ? 'V2' : 'V1');
    const d = loader.current.snapshot.galleryImageDefinitions.find(
      (x) => armIdKey(x.galleryId) === armIdKey(GALLERY) && x.osType === i.osType && x.osState === 'Generalized' && gen(x.hyperVGeneration) === gen(i.hyperVGeneration),
    );
    assert.ok(d, `a definition of ${GALLERY} that fits ${i.name}`);
    return d;
  };
  const expectOf = (i: ManagedImage) => ({ osType: i.osType, osState: 'Generalized' as const, hyperVGeneration: i.hyperVGeneration === 'V2' ? ('V2' as const) : ('V1' as const) });

  before(async () => {
    lagging = await startLaggingIndex();
    ({ clients, loader, arm } = lagging);
  });
  after(() => stopLaggingIndex(lagging));

  it('Create Image from Snapshots: passes on unchanged snapshots and a free name; a deleted snapshot, a changed one or a taken name stop it', async () => {
    const os = snapshot('snap-ubuntu-os-v1');
    const data = snapshot('snap-ubuntu-data-v1');
    const freeId = `${IMAGES}/images/img-fresh-check`;
    await checkBeforeCreateImage(clients, { snapshots: [os, data], imageId: freeId });

    // The name taken by an image the index does not list yet.
    const taken = `${IMAGES}/images/img-made-elsewhere`;
    const put = await arm('PUT', taken, '2024-03-01', { location: os.location, properties: { storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', snapshot: { id: os.id } } } } });
    assert.ok(put.status < 300, JSON.stringify(put.json));
    await settleLro();
    await loader.refresh();
    assert.equal(loader.current.imagesById.get(armIdKey(taken)), undefined, 'the index does not list it yet');
    let error = await staleProblems(checkBeforeCreateImage(clients, { snapshots: [os], imageId: taken }));
    assert.deepEqual(
      error.problems.map((p) => [p.category, p.gone]),
      [['images', false]],
    );
    assert.match(error.message, /img-made-elsewhere now exists in resource group rg-images; choose another name/);
    assert.equal(error.problems[0].fresh?.category, 'images', 'the image taking the name, as Azure has it, for the explorer');

    // The inventory's view of a snapshot that has changed since (another generation).
    const stale = { ...os, hyperVGeneration: os.hyperVGeneration === 'V2' ? 'V1' : 'V2' };
    error = await staleProblems(checkBeforeCreateImage(clients, { snapshots: [stale], imageId: freeId }));
    assert.equal(error.problems.length, 1);
    assert.equal(error.problems[0].gone, false);
    assert.match(error.message, /Snapshot snap-ubuntu-os-v1 changed since the explorer loaded it \(Hyper-V generation/);
    assert.equal(error.problems[0].fresh?.category === 'snapshots' && error.problems[0].fresh.resource.hyperVGeneration, os.hyperVGeneration, 'the snapshot as Azure has it now');

    // A data-disk snapshot deleted by a plain ARM DELETE: the index still lists it, the check does not pass.
    assert.ok((await arm('DELETE', data.id, '2024-03-02')).status < 300);
    await settleLro();
    assert.equal((await arm('GET', data.id, '2024-03-02')).status, 404);
    await loader.refresh();
    assert.equal(loader.current.existence(data.id), 'present', 'the index still lists it');
    error = await staleProblems(checkBeforeCreateImage(clients, { snapshots: [os, data], imageId: freeId }));
    assert.deepEqual(
      error.problems.map((p) => [p.id, p.category, p.gone]),
      [[data.id, 'snapshots', true]],
    );
    assert.match(error.message, /Snapshot snap-ubuntu-data-v1 no longer exists in Azure/);
  });

  it('Publish: passes on an unchanged image and definition with a free version name; a taken version, a taken new definition name, an unfit or deleted definition and a deleted image stop it', async () => {
    const source = image('img-build-01');
    const definition = fittingDefinition(source);
    const check = (over: Partial<Parameters<typeof checkBeforePublish>[1]> = {}) =>
      checkBeforePublish(clients, { image: source, definitionId: definition.id, definitionIsNew: false, expect: expectOf(source), versionId: `${definition.id}/versions/9.9.9`, ...over });
    await check();

    const existing = loader.current.versionsOfDefinition(definition.id)[0];
    assert.ok(existing, 'the definition has a version');
    let error = await staleProblems(check({ versionId: existing.id }));
    assert.deepEqual(
      error.problems.map((p) => [p.category, p.gone]),
      [['galleryImageVersions', false]],
    );
    assert.match(error.message, /choose another version name/);

    error = await staleProblems(check({ definitionIsNew: true }));
    assert.match(error.message, /now exists in the gallery/);

    error = await staleProblems(check({ expect: { ...expectOf(source), osState: 'Specialized' } }));
    assert.match(error.message, /no longer fits the source \(OS state Generalized, the source is Specialized\)/);

    // A chosen definition that no longer exists.
    const gone = `${GALLERY}/images/deleted-meanwhile`;
    error = await staleProblems(check({ definitionId: gone, versionId: `${gone}/versions/1.0.0` }));
    assert.deepEqual(
      error.problems.map((p) => [p.id, p.category, p.gone]),
      [[gone, 'galleryImageDefinitions', true]],
    );
    assert.match(error.message, /Image definition deleted-meanwhile no longer exists in Azure/);

    // A new definition in a new gallery whose name is free passes; an existing gallery passes.
    await check({ gallery: { id: `${GALLERY}new`, isNew: true }, definitionId: `${GALLERY}new/images/brand-new`, definitionIsNew: true, versionId: `${GALLERY}new/images/brand-new/versions/1.0.0` });
    await check({ gallery: { id: GALLERY, isNew: false } });
    // A new gallery's name taken meanwhile, and a chosen gallery deleted.
    error = await staleProblems(check({ gallery: { id: GALLERY, isNew: true } }));
    assert.deepEqual(
      error.problems.map((p) => [p.category, p.gone, p.fresh?.category]),
      [['galleries', false, 'galleries']],
    );
    assert.match(error.message, /A gallery named contoso_prod_gallery now exists; choose it or another name\./);
    error = await staleProblems(check({ gallery: { id: `${GALLERY}gone`, isNew: false }, definitionId: `${GALLERY}gone/images/x`, versionId: `${GALLERY}gone/images/x/versions/1.0.0` }));
    assert.deepEqual(
      error.problems.map((p) => [p.category, p.gone]),
      [
        ['galleries', true],
        ['galleryImageDefinitions', true],
      ],
    );

    // The source image and the chosen definition deleted outside the extension.
    const victim = image('img-ubuntu-v1-copy');
    assert.ok((await arm('DELETE', victim.id, '2024-03-01')).status < 300);
    await settleLro();
    error = await staleProblems(check({ image: victim }));
    assert.deepEqual(
      error.problems.map((p) => [p.id, p.category, p.gone]),
      [[victim.id, 'images', true]],
    );
    assert.match(error.message, /Managed image img-ubuntu-v1-copy no longer exists in Azure/);

    // From snapshots: a snapshot deleted since is reported as gone.
    assert.ok((await arm('DELETE', `${IMAGES}/snapshots/snap-ubuntu-tl-os`, '2024-03-02')).status < 300);
    await settleLro();
    error = await staleProblems(check({ image: undefined, snapshots: [snapshot('snap-ubuntu-tl-os')] }));
    assert.equal(error.problems[0]?.gone, true);
  });

  it('Add Gallery Replica: reads the target regions Azure has now, so a replica added meanwhile is kept; a deleted version stops it', async () => {
    const versionId = `${GALLERY}/images/ubuntu-22.04-gen2/versions/1.1.0`;
    const listed = loader.current.versionsById.get(armIdKey(versionId));
    assert.ok(listed, 'the version is listed');
    // Someone else adds a replica region (the index does not show it for a minute).
    const added = [...listed.targetRegions.map((r) => ({ name: r.name, regionalReplicaCount: r.regionalReplicaCount })), { name: 'northeurope', regionalReplicaCount: 2 }];
    const source = listed.diskSources ? { diskSources: listed.diskSources } : { sourceId: listed.sourceId ?? '' };
    await createGalleryImageVersion(clients, { definitionId: listed.definitionId, name: listed.name, location: listed.location, ...source, targetRegions: added });
    await loader.refresh();
    assert.ok(!loader.current.versionsById.get(armIdKey(versionId))?.targetRegions.some((r) => /north ?europe/i.test(r.name)), 'the index still has the old regions');

    const now = await freshVersionBeforeReplica(clients, listed);
    assert.equal(now.targetRegions.find((r) => /north ?europe/i.test(r.name))?.regionalReplicaCount, 2, JSON.stringify(now.targetRegions));
    assert.equal(now.targetRegions.length, added.length);

    assert.ok((await arm('DELETE', versionId, '2023-07-03')).status < 300);
    await settleLro();
    const error = await staleProblems(freshVersionBeforeReplica(clients, listed));
    assert.deepEqual(
      error.problems.map((p) => [p.id, p.category, p.gone]),
      [[versionId, 'galleryImageVersions', true]],
    );
  });

  it("the pools using a gallery image: every selected subscription's Batch accounts, not only the gallery's own", async () => {
    const pool = `${PROD_ACCOUNT}/pools/pool-on-shared`;
    const put = await arm('PUT', pool, '2025-06-01', {
      properties: { vmSize: 'STANDARD_D2S_V3', deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: SHARED_VERSION }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } } },
    });
    assert.ok(put.status < 300, JSON.stringify(put.json));
    const has = (pools: { id: string }[]) => pools.some((p) => armIdKey(p.id) === armIdKey(pool));
    // Only the gallery's subscription (no Batch account uses it there).
    assert.ok(!has(await readFresh(clients, { poolsUsingImage: SHARED_VERSION, subscriptionIds: [S] })));
    // Every selected subscription: by default those the connection lists now.
    assert.ok(has(await readFresh(clients, { poolsUsingImage: SHARED_VERSION })));
    const byVersion = await readFresh(clients, { poolsUsingImage: SHARED_VERSION, subscriptionIds: [P, S] });
    assert.ok(has(byVersion), byVersion.map((p) => p.name).join(', '));
    assert.ok(byVersion.every((p) => armIdKey(p.imageId ?? '') === armIdKey(SHARED_VERSION)));
    // A definition counts the pools on its versions too.
    assert.ok(has(await readFresh(clients, { poolsUsingImage: SHARED_DEFINITION, subscriptionIds: [P, S] })));
    // A managed image stays with its own subscription's accounts.
    const managed = await readFresh(clients, { poolsUsingImage: `${IMAGES}/images/img-ubuntu-v1`, subscriptionIds: [S] });
    assert.ok(managed.every((p) => p.accountId.toLowerCase().includes(P)));
  });
});
