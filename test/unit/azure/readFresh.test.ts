// readFresh: what every destructive guard and write reads first comes from Resource Manager, not
// from Resource Graph's index (here 60 s behind) nor from the inventory loaded earlier.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFresh, type AzureClients } from '../../../src/azure';
import type { InventoryLoader } from '../../../src/inventory';
import { armIdKey } from '../../../src/model';
import { DEMO_SUBSCRIPTIONS } from '../../simulator/index';
import { startLaggingIndex, stopLaggingIndex, type LaggingIndex } from './laggingIndex';

const P = DEMO_SUBSCRIPTIONS.production;
const VERSION = `/subscriptions/${P}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions/1.0.0`;
const NEW_ACCOUNT = `/subscriptions/${P}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchfresh`;
const NEW_POOL = `${NEW_ACCOUNT}/pools/pool-fresh`;
const ORPHANED = `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-orphaned`;

describe("readFresh: guards and writes read Resource Manager, not Resource Graph's lagging index", () => {
  let lagging: LaggingIndex;
  let clients: AzureClients;
  let loader: InventoryLoader;
  let arm: LaggingIndex['arm'];

  before(async () => {
    lagging = await startLaggingIndex();
    ({ clients, loader, arm } = lagging);
  });
  after(() => stopLaggingIndex(lagging));

  it('lists the pools that use an image from the accounts Resource Manager has now, though the index does not list the account yet', async () => {
    // A new account and a pool on the version, written outside the extension.
    assert.ok((await arm('PUT', NEW_ACCOUNT, '2024-07-01', { location: 'eastus' })).status < 300);
    const pool = await arm('PUT', NEW_POOL, '2025-06-01', {
      properties: { vmSize: 'STANDARD_D2S_V3', deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: VERSION }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } } },
    });
    assert.ok(pool.status < 300, JSON.stringify(pool.json));
    await loader.refresh();
    const inventory = loader.current;
    assert.equal(inventory.account(NEW_ACCOUNT), undefined, 'the index does not list the new account yet');
    assert.ok(!inventory.poolsUsingVersion(VERSION).some((p) => armIdKey(p.id) === armIdKey(NEW_POOL)), 'so the loaded pools lack its pool');

    const fresh = await readFresh(clients, { poolsUsingImage: VERSION });
    assert.ok(fresh.some((p) => armIdKey(p.id) === armIdKey(NEW_POOL)), `fresh pools: ${fresh.map((p) => p.name).join(', ')}`);
    assert.ok(fresh.every((p) => armIdKey(p.imageId ?? '') === armIdKey(VERSION)));
    // Every pool the inventory knows on that version is there too.
    for (const p of inventory.poolsUsingVersion(VERSION).filter((x) => armIdKey(x.imageId ?? '') === armIdKey(VERSION))) assert.ok(fresh.some((f) => armIdKey(f.id) === armIdKey(p.id)), p.name);
    assert.equal((await readFresh(clients, { pool: NEW_POOL }))?.name, 'pool-fresh');
  });

  it("re-reads a write's target: an image deleted by a plain ARM DELETE is gone while the index still lists it", async () => {
    assert.ok((await arm('DELETE', ORPHANED, '2024-03-01')).status < 300);
    await arm('GET', `/subscriptions/${P}`, '2022-12-01'); // the delete LRO (lroMs 0) completes on the next request
    assert.equal((await arm('GET', ORPHANED, '2024-03-01')).status, 404);
    await loader.refresh();
    assert.equal(loader.current.existence(ORPHANED), 'present', 'the index still lists it');
    assert.equal(await readFresh(clients, { resource: ORPHANED }), undefined);
    // The check before a write (preflight) reads it through the inventory, with the same helper: hidden at once.
    await loader.verify([ORPHANED], { force: true });
    assert.equal(loader.current.resource(ORPHANED), undefined);
    // A pool deleted outside the extension is gone for the next guard.
    assert.ok((await arm('DELETE', NEW_POOL, '2025-06-01')).status < 300);
    await arm('GET', `/subscriptions/${P}`, '2022-12-01');
    assert.equal(await readFresh(clients, { pool: NEW_POOL }), undefined);
  });
});
