// The access layer refuses a name Azure would refuse before it builds a URL, for reads and
// writes alike: nothing reaches the simulator, and the error names the rule. The traversal
// `acct/..` (a pool PUT that would land on the Batch account) is the case that mattered.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../simulator/index';
import {
  AzureError,
  createGalleryImageVersion,
  createImageFromSnapshots,
  createOrUpdateGallery,
  createPoolArm,
  createPoolDataPlane,
  createResourceGroup,
  deleteImage,
  deletePool,
  getPool,
  listBatchAccounts,
  listBatchVmSkus,
  listGalleryImageVersions,
  listPools,
  listSupportedImages,
  type AzureClients,
} from '../../../src/azure';
import type { BatchAccount } from '../../../src/model';
import { azureRequests, connect, startTrustedSimulator } from './simulatorSetup';

const SUB = '11111111-aaaa-4bbb-8ccc-000000000001';
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
const DEFINITION = `/subscriptions/${SUB}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2`;

async function refused(what: string, call: () => Promise<unknown>, code: 'InvalidResourceName' | 'InvalidResourceId' | 'InvalidAccountEndpoint'): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof AzureError, `${what}: ${String(e)}`);
    assert.equal(e.code, code, `${what}: ${e.code} ${e.message}`);
    return true;
  });
}

describe('names are checked before any URL is built', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;
  let account: BatchAccount;

  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo' });
    clients = await connect(sim);
    const found = (await listBatchAccounts(clients, SUB)).find((a) => a.name === 'batchprodeast');
    assert.ok(found);
    account = found;
  });
  after(async () => {
    await sim.stop();
  });

  it('refuses the traversal and other bad names on every write and read, sending nothing', async () => {
    const accountBefore = JSON.stringify(account);
    sim.clearRequestLog();
    const body = { properties: { vmSize: 'STANDARD_D2S_V3' } };
    await refused('ARM pool "..""', () => createPoolArm(clients, ACCOUNT, '..', body), 'InvalidResourceName');
    await refused('ARM pool "."', () => createPoolArm(clients, ACCOUNT, '.', body), 'InvalidResourceName');
    await refused('ARM pool "a/b"', () => createPoolArm(clients, ACCOUNT, 'a/b', body), 'InvalidResourceName');
    await refused('data-plane pool id', () => createPoolDataPlane(clients, account, { id: '..', vmSize: 'standard_d2s_v3' }), 'InvalidResourceName');
    await refused('get pool', () => getPool(clients, ACCOUNT, '..'), 'InvalidResourceName');
    await refused('delete pool', () => deletePool(clients, `${ACCOUNT}/pools/..`), 'InvalidResourceId');
    await refused('list pools of a traversal account id', () => listPools(clients, `/subscriptions/${SUB}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/..`), 'InvalidResourceId');
    await refused('delete image', () => deleteImage(clients, `/subscriptions/${SUB}/resourceGroups/../providers/Microsoft.Compute/images/img`), 'InvalidResourceId');
    await refused('list versions', () => listGalleryImageVersions(clients, `${DEFINITION.replace('ubuntu-22.04-gen2', '..')}`), 'InvalidResourceId');
    await refused('new version name', () => createGalleryImageVersion(clients, { definitionId: DEFINITION, name: '../..', location: 'eastus', sourceId: 'x', targetRegions: [] }), 'InvalidResourceName');
    await refused('new gallery', () => createOrUpdateGallery(clients, { subscriptionId: SUB, resourceGroup: 'rg-gallery', name: '..', location: 'eastus' }), 'InvalidResourceName');
    await refused('new image', () => createImageFromSnapshots(clients, { subscriptionId: SUB, resourceGroup: '..', name: 'img', location: 'eastus', osType: 'Linux', osSnapshotId: 'x' }), 'InvalidResourceName');
    await refused('new resource group', () => createResourceGroup(clients, SUB, '..', 'eastus'), 'InvalidResourceName');
    await refused('subscription id', () => listBatchAccounts(clients, '..'), 'InvalidResourceName');
    await refused('region', () => listBatchVmSkus(clients, SUB, '../..'), 'InvalidResourceName');
    await refused('account endpoint from Azure', () => listSupportedImages(clients, { ...account, accountEndpoint: `${account.accountEndpoint}/../../other` }), 'InvalidAccountEndpoint');
    assert.deepEqual(azureRequests(sim).map((e) => `${e.method} ${e.path}`), [], 'no request reached Azure');
    // The account is as it was, and a valid name still works.
    const again = (await listBatchAccounts(clients, SUB)).find((a) => a.name === 'batchprodeast');
    assert.equal(JSON.stringify(again), accountBefore);
    assert.ok((await listPools(clients, ACCOUNT)).length > 0);
  });
});
