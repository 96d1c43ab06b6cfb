// The migration report on the demo scenario's inventory, loaded through the real SDKs from the
// simulator: exactly the pools on managed images / VHD-blob images, grouped by image, with the
// gallery needs and the exports.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../simulator/index';
import { azureInventorySource, InventoryLoader } from '../../../src/inventory';
import { armIdKey, indexInventory, type Inventory, type InventorySnapshot } from '../../../src/model';
import { buildMigrationReport, formatMigrationReport, migrationReportCsv, replicasForNodes } from '../../../src/rules';
import { connect, startTrustedSimulator } from '../azure/simulatorSetup';
import { galleryVersion, galleryDefinition } from '../helpers/inventoryBuilder';

const PROD = '11111111-aaaa-4bbb-8ccc-000000000001';
const SHARED = '22222222-aaaa-4bbb-8ccc-000000000002';

interface ScenarioResource {
  id: string;
  properties?: { deploymentConfiguration?: { virtualMachineConfiguration?: { imageReference?: { id?: string } } } };
}

/** Pools of the scenario file whose image id is a Microsoft.Compute/images id (read from the file, not copied). */
function demoPoolsOnManagedImages(): string[] {
  const file = join(__dirname, '..', '..', 'simulator', 'scenarios', 'demo.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { resources: ScenarioResource[] };
  return data.resources
    .filter((r) => /\/providers\/Microsoft\.Batch\/batchAccounts\/[^/]+\/pools\/[^/]+$/i.test(r.id))
    .filter((r) => /\/providers\/Microsoft\.Compute\/images\/[^/]+$/i.test(r.properties?.deploymentConfiguration?.virtualMachineConfiguration?.imageReference?.id ?? ''))
    .map((r) => armIdKey(r.id))
    .sort();
}

describe('migration report on the demo scenario', () => {
  let sim: SimulatorHandle;
  let snapshot: InventorySnapshot;
  let inventory: Inventory;

  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo' });
    const loader = new InventoryLoader(azureInventorySource(await connect(sim)), { concurrency: 4 });
    await loader.refresh();
    snapshot = loader.snapshot;
    loader.dispose();
    inventory = indexInventory(snapshot);
  });
  after(async () => {
    await sim.stop();
  });

  it('lists exactly the pools on managed images and VHD-blob images, each once', () => {
    const report = buildMigrationReport(inventory);
    const listed = report.images.flatMap((g) => g.pools.map((p) => armIdKey(p.poolId))).sort();
    assert.deepEqual(listed, demoPoolsOnManagedImages());
    assert.equal(new Set(listed).size, listed.length);
    assert.equal(report.totals.pools, listed.length);
    assert.equal(report.totals.images, report.images.length);
    // Each pool sits under its own image.
    for (const g of report.images) for (const p of g.pools) assert.equal(armIdKey(inventory.poolsById.get(armIdKey(p.poolId))?.imageId ?? ''), armIdKey(g.imageId));
  });

  it('groups the two pools of img-ubuntu-v1 and sizes the gallery version for their nodes', () => {
    const report = buildMigrationReport(inventory);
    const group = report.images.find((g) => g.imageName === 'img-ubuntu-v1');
    assert.ok(group);
    assert.deepEqual(group.pools.map((p) => p.poolName), ['pool-shared-a', 'pool-shared-b']);
    assert.equal(group.kind, 'managedImage');
    assert.equal(group.sourcesState, 'present');
    // The demo's gallery versions published from img-ubuntu-v1 (storageProfile.source), read from the inventory.
    const fromImage = snapshot.galleryImageVersions.filter((v) => armIdKey(v.sourceId ?? '') === armIdKey(group.imageId)).map((v) => v.id).sort();
    assert.ok(fromImage.length > 0);
    assert.deepEqual(group.existingVersions.map((v) => v.id), fromImage);
    const a = group.pools[0];
    assert.deepEqual(
      { account: a.accountName, region: a.region, cd: a.currentDedicatedNodes, td: a.targetDedicatedNodes, cs: a.currentSpotNodes, ts: a.targetSpotNodes, ready: a.readyToSwitch },
      { account: 'batchprodeast', region: 'eastus', cd: 10, td: 10, cs: 0, ts: 0, ready: true },
    );
    // 10 + 20 nodes in East US: one replica.
    assert.deepEqual(group.regionNeeds, [{ region: 'eastus', nodes: 30, pools: 2, replicas: 1 }]);
  });

  it('marks the VHD-blob image, the image whose snapshot is gone and the deleted image', () => {
    const report = buildMigrationReport(inventory);
    const byName = new Map(report.images.map((g) => [g.imageName, g]));
    assert.equal(byName.get('img-from-blob')?.kind, 'vhdBlob');
    assert.equal(byName.get('img-orphaned')?.sourcesState, 'missing');
    const deleted = byName.get('img-deleted-2025');
    assert.equal(deleted?.imageExistence, 'deleted');
    assert.equal(deleted?.sourcesState, 'missing');
    const failed = deleted?.pools.find((p) => p.poolName === 'pool-alloc-failed');
    assert.equal(failed?.resizeErrors[0]?.code, 'AllocationFailed');
    assert.ok(report.totals.poolsWithResizeErrors >= 1);
  });

  it('keeps to the chosen subscriptions', () => {
    assert.equal(buildMigrationReport(inventory, { subscriptionIds: [SHARED] }).totals.pools, 0);
    assert.equal(buildMigrationReport(inventory, { subscriptionIds: [PROD.toUpperCase()] }).totals.pools, buildMigrationReport(inventory).totals.pools);
  });

  it('calls a pool ready to switch once a version made from its image serves its region', () => {
    const image = snapshot.images.find((i) => i.name === 'img-from-blob');
    assert.ok(image);
    assert.deepEqual(buildMigrationReport(inventory).images.find((g) => g.imageName === 'img-from-blob')?.pools.map((p) => p.readyToSwitch), [false]);
    const def = galleryDefinition('migrated');
    const version = { ...galleryVersion(def, '1.0.0'), sourceId: image.id, targetRegions: [{ name: 'East US', regionalReplicaCount: 1 }] };
    const withVersion = indexInventory({ ...snapshot, galleryImageDefinitions: [...snapshot.galleryImageDefinitions, def], galleryImageVersions: [...snapshot.galleryImageVersions, version] });
    const group = buildMigrationReport(withVersion).images.find((g) => g.imageName === 'img-from-blob');
    assert.deepEqual(group?.existingVersions.map((v) => v.id), [version.id]);
    assert.deepEqual(group?.pools.map((p) => p.readyToSwitch), [true]);
    assert.equal(buildMigrationReport(withVersion).totals.poolsReadyToSwitch, buildMigrationReport(inventory).totals.poolsReadyToSwitch + 1);
  });

  it('exports Markdown, CSV (one row per pool) and JSON (the report object)', () => {
    const report = buildMigrationReport(inventory, { now: new Date('2026-12-01T00:00:00Z') });
    const md = formatMigrationReport(report, 'md');
    for (const g of report.images) assert.ok(md.includes(`## ${g.imageName}`), g.imageName);
    for (const p of report.images.flatMap((g) => g.pools)) assert.ok(md.includes(`| ${p.poolName} |`), p.poolName);
    const csv = migrationReportCsv(report).trimEnd().split('\r\n');
    assert.equal(csv.length, report.totals.pools + 1);
    assert.ok(csv[0].startsWith('imageId,imageName,'));
    assert.deepEqual(JSON.parse(formatMigrationReport(report, 'json')), JSON.parse(JSON.stringify(report)));
  });

  it('neutralises spreadsheet formulas and quotes separators in CSV', () => {
    const report = buildMigrationReport(inventory);
    const row = report.images[0].pools[0];
    row.resizeErrors = [{ code: '=HYPERLINK("x")', message: 'a, b' }];
    const line = migrationReportCsv(report).split('\r\n')[1];
    assert.ok(line.includes(`"'=HYPERLINK(""x""): a, b"`), line);
  });

  it('needs one replica per 300 nodes, at least one', () => {
    assert.deepEqual([0, 1, 300, 301, 900, 901].map(replicasForNodes), [1, 1, 1, 2, 3, 4]);
  });
});
