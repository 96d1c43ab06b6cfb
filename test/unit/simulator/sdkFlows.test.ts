// Whole flows with the real, unmodified Azure SDK clients against the simulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { BatchManagementClient } from '@azure/arm-batch';
import { BatchServiceClient } from '@azure/batch';
import { AzureIdentityCredentialAdapter } from '@azure/ms-rest-js';
import type { ClientSecretCredential } from '@azure/identity';
import type { SimulatorHandle } from '../../simulator/index';
import { ARM_SCOPE, BATCH_SCOPE, call, collect, credentialFor, startTrusted } from './helpers';

const RG = 'rg-flow';
const LOCATION = 'eastus';

function decode(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('real SDK flows', () => {
  let sim: SimulatorHandle;
  let credential: ClientSecretCredential;
  let sub: string;
  let compute: ComputeManagementClient;
  let batchArm: BatchManagementClient;
  const poll = { updateIntervalInMs: 10 };

  before(async () => {
    sim = await startTrusted({ scenario: 'empty', pageSize: 2 });
    credential = credentialFor(sim);
    sub = sim.subscriptionIds[0];
    compute = new ComputeManagementClient(credential, sub, { endpoint: sim.url, credentials: { scopes: [ARM_SCOPE] } });
    batchArm = new BatchManagementClient(credential, sub, { endpoint: sim.url, credentialScopes: [ARM_SCOPE] });
    const token = (await credential.getToken(ARM_SCOPE)).token;
    const rg = await call(sim, 'PUT', `/subscriptions/${sub}/resourcegroups/${RG}?api-version=2022-09-01`, token, { location: LOCATION });
    assert.equal(rg.status, 201);
  });
  after(async () => {
    await sim.stop();
  });

  it('signs in with ClientSecretCredential and gets audience-scoped JWTs', async () => {
    const arm = await credential.getToken(ARM_SCOPE);
    const batch = await credential.getToken(BATCH_SCOPE);
    assert.equal(decode(arm.token).aud, 'https://management.azure.com');
    assert.equal(decode(batch.token).aud, 'https://batch.core.windows.net/');
    assert.equal(decode(arm.token).tid, sim.tenantId);
    assert.ok(arm.expiresOnTimestamp > Date.now());
    assert.ok(sim.issuedTokens().includes(arm.token));
  });

  it('lists subscriptions and tenants with SubscriptionClient, across pages', async () => {
    const client = new SubscriptionClient(credential, { endpoint: sim.url, credentialScopes: [ARM_SCOPE] });
    const subs = await collect(client.subscriptions.list());
    assert.deepEqual(subs.map((x) => x.subscriptionId), sim.subscriptionIds);
    assert.equal(subs[0].tenantId, sim.tenantId);
    assert.equal((await client.subscriptions.get(sub)).state, 'Enabled');
    const tenants = await collect(client.tenants.list());
    assert.deepEqual(tenants.map((t) => t.tenantId), [sim.tenantId]);
  });

  it('creates an image from OS and data-disk snapshots through the LRO poller', async () => {
    const snap = (name: string, osType?: 'Linux') =>
      compute.snapshots.beginCreateOrUpdateAndWait(RG, name, { location: LOCATION, osType, diskSizeGB: 64, creationData: { createOption: 'Empty' } }, poll);
    const os = await snap('snap-os', 'Linux');
    const d0 = await snap('snap-data0');
    const d1 = await snap('snap-data1');
    const image = await compute.images.beginCreateOrUpdateAndWait(
      RG,
      'img-flow_1',
      {
        location: LOCATION,
        // Generation 2, like the gallery definition it is published to below (Azure refuses a mismatch).
        hyperVGeneration: 'V2',
        storageProfile: {
          osDisk: { osType: 'Linux', osState: 'Generalized', snapshot: { id: os.id } },
          dataDisks: [{ lun: 0, snapshot: { id: d0.id } }, { lun: 1, snapshot: { id: d1.id } }],
        },
      },
      poll,
    );
    assert.equal(image.provisioningState, 'Succeeded');
    assert.equal(image.storageProfile?.osDisk?.snapshot?.id, os.id);
    assert.equal(image.storageProfile?.dataDisks?.length, 2);
    const counters = sim.counters();
    assert.ok((counters['arm.operations.status']?.requests ?? 0) >= 1, 'the poller polled the Azure-AsyncOperation URL');
  });

  it('ends an image LRO as Failed when failure is injected', async () => {
    sim.failNext('imageCreate', 'InternalOperationError', 'Simulated: the snapshot could not be read.');
    const os = await compute.snapshots.get(RG, 'snap-os');
    await assert.rejects(
      compute.images.beginCreateOrUpdateAndWait(RG, 'img-fails', { location: LOCATION, storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', snapshot: { id: os.id } } } }, poll),
      /snapshot could not be read/,
    );
    assert.equal((await compute.images.get(RG, 'img-fails')).provisioningState, 'Failed');
  });

  it('publishes a gallery image version with target regions', async () => {
    await compute.galleries.beginCreateOrUpdateAndWait(RG, 'gal.flow_1', { location: LOCATION }, poll);
    await compute.galleryImages.beginCreateOrUpdateAndWait(
      RG, 'gal.flow_1', 'ubuntu',
      { location: LOCATION, osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2', identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '22_04' } },
      poll,
    );
    const image = await compute.images.get(RG, 'img-flow_1');
    const version = await compute.galleryImageVersions.beginCreateOrUpdateAndWait(
      RG, 'gal.flow_1', 'ubuntu', '1.0.0',
      {
        location: LOCATION,
        publishingProfile: { targetRegions: [{ name: 'East US', regionalReplicaCount: 2 }, { name: 'West US 2', regionalReplicaCount: 1 }] },
        storageProfile: { source: { id: image.id } },
      },
      poll,
    );
    assert.equal(version.provisioningState, 'Succeeded');
    assert.deepEqual(version.publishingProfile?.targetRegions?.map((r) => [r.name, r.regionalReplicaCount]), [['East US', 2], ['West US 2', 1]]);
    await assert.rejects(
      compute.galleryImageVersions.beginCreateOrUpdateAndWait(RG, 'gal.flow_1', 'missing-def', '1.0.0', { location: LOCATION, storageProfile: { source: { id: image.id } } }, poll),
      /ParentResourceNotFound|not found/,
    );
  });

  it('lists every compute resource type across pages', async () => {
    assert.equal((await collect(compute.snapshots.list())).length, 3);
    assert.equal((await collect(compute.snapshots.listByResourceGroup(RG))).length, 3);
    assert.equal((await collect(compute.images.list())).length, 2);
    assert.equal((await collect(compute.images.listByResourceGroup(RG))).length, 2);
    assert.equal((await collect(compute.galleries.list())).length, 1);
    assert.equal((await collect(compute.galleryImages.listByGallery(RG, 'gal.flow_1'))).length, 1);
    assert.equal((await collect(compute.galleryImageVersions.listByGalleryImage(RG, 'gal.flow_1', 'ubuntu'))).length, 1);
    const pages = sim.requestLog().filter((e) => e.route === 'arm.snapshots.listBySubscription');
    assert.equal(pages.length, 2, 'three snapshots with page size 2 take two pages');
  });

  it('creates and lists disks, virtual machines and their extensions across pages', async () => {
    const disks = [];
    for (const n of ['vm1-os', 'vm2-os', 'vm3-os']) {
      disks.push(await compute.disks.beginCreateOrUpdateAndWait(RG, n, { location: LOCATION, osType: 'Linux', diskSizeGB: 30, creationData: { createOption: 'Empty' } }, poll));
    }
    for (const [i, d] of disks.entries()) {
      await compute.virtualMachines.beginCreateOrUpdateAndWait(
        RG, `vm${i + 1}`,
        { location: LOCATION, hardwareProfile: { vmSize: 'Standard_D2s_v3' }, storageProfile: { osDisk: { osType: 'Linux', createOption: 'Attach', managedDisk: { id: d.id } } } },
        poll,
      );
    }
    await compute.virtualMachineExtensions.beginCreateOrUpdateAndWait(RG, 'vm1', 'CustomScript', { location: LOCATION, publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript', typeHandlerVersion: '2.1' }, poll);
    assert.equal((await collect(compute.disks.list())).length, 3);
    assert.equal((await collect(compute.disks.listByResourceGroup(RG))).length, 3);
    assert.equal((await collect(compute.virtualMachines.listAll())).length, 3);
    assert.equal((await collect(compute.virtualMachines.list(RG))).length, 3);
    const extensions = await compute.virtualMachineExtensions.list(RG, 'vm1');
    assert.deepEqual(extensions.value?.map((e) => e.name), ['CustomScript']);
    const fromVm = await compute.images.beginCreateOrUpdateAndWait(RG, 'img-from-vm2', { location: LOCATION, sourceVirtualMachine: { id: `${disks[1].id?.split('/providers/')[0]}/providers/Microsoft.Compute/virtualMachines/vm2` } }, poll);
    assert.equal(fromVm.storageProfile?.osDisk?.managedDisk?.id, disks[1].id);
    await compute.images.beginDeleteAndWait(RG, 'img-from-vm2', poll);
  });

  it('creates a Batch account and a gallery pool through ARM, then sees it allocate', async () => {
    const account = await batchArm.batchAccountOperations.beginCreateAndWait(RG, 'flowacct', { location: LOCATION }, poll);
    assert.match(String(account.accountEndpoint), /^127\.0\.0\.1:\d+$/);
    assert.equal(`https://${account.accountEndpoint}`, sim.batchUrl('flowacct'));
    assert.ok(account.allowedAuthenticationModes?.includes('AAD'));
    const versionId = (await compute.galleryImageVersions.get(RG, 'gal.flow_1', 'ubuntu', '1.0.0')).id;
    const pool = await batchArm.poolOperations.create(RG, 'flowacct', 'pool-arm', {
      vmSize: 'STANDARD_D2S_V3',
      deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: versionId }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } },
      scaleSettings: { fixedScale: { targetDedicatedNodes: 2, resizeTimeout: 'PT20M' } },
    });
    assert.equal(pool.allocationState, 'Resizing');
    await new Promise((r) => setTimeout(r, 80));
    const later = await batchArm.poolOperations.get(RG, 'flowacct', 'pool-arm');
    assert.equal(later.allocationState, 'Steady');
    assert.equal(later.currentDedicatedNodes, 2);
    const image = await compute.images.get(RG, 'img-flow_1');
    await assert.rejects(
      batchArm.poolOperations.create(RG, 'flowacct', 'pool-managed', {
        vmSize: 'STANDARD_D2S_V3',
        deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: image.id }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } },
      }),
      /no longer supported/,
    );
    const skus = await collect(batchArm.location.listSupportedVirtualMachineSkus(LOCATION));
    assert.ok(skus.length > 2);
    assert.equal((await collect(batchArm.batchAccountOperations.list())).length, 1);
  });

  it('uses the Batch data plane with a Batch-audience token (supported images, pools shared with ARM)', async () => {
    const client = new BatchServiceClient(new AzureIdentityCredentialAdapter(credential, BATCH_SCOPE), sim.batchUrl('flowacct'));
    const images = await client.account.listSupportedImages();
    assert.ok(images.some((i) => i.nodeAgentSKUId === 'batch.node.ubuntu 22.04' && i.osType === 'linux'));
    const versionId = (await compute.galleryImageVersions.get(RG, 'gal.flow_1', 'ubuntu', '1.0.0')).id;
    await client.pool.add({
      id: 'pool-dp',
      vmSize: 'standard_d2s_v3',
      virtualMachineConfiguration: { imageReference: { virtualMachineImageId: versionId }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
      targetDedicatedNodes: 1,
    });
    const fromArm = await batchArm.poolOperations.get(RG, 'flowacct', 'pool-dp');
    assert.equal(fromArm.deploymentConfiguration?.virtualMachineConfiguration?.imageReference?.id, versionId);
    const listed = await client.pool.list();
    const ids = [...listed.map((p) => p.id)];
    let next = listed.odatanextLink;
    for (let i = 0; next && i < 10; i++) {
      const page = await client.pool.listNext(next);
      ids.push(...page.map((p) => p.id));
      next = page.odatanextLink;
    }
    assert.deepEqual(ids.sort(), ['pool-arm', 'pool-dp']);
    await client.pool.add({ id: 'pool-dp-2', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: { imageReference: { virtualMachineImageId: versionId }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' }, targetDedicatedNodes: 0 });
    const viaArm = await collect(batchArm.poolOperations.listByBatchAccount(RG, 'flowacct'));
    assert.deepEqual(viaArm.map((p) => p.name).sort(), ['pool-arm', 'pool-dp', 'pool-dp-2']);
    assert.equal(sim.requestLog().filter((e) => e.route === 'arm.pools.listByParent').length, 2, 'three pools, page size 2: two pages');
    const first = await client.pool.list();
    assert.ok(first.odatanextLink, 'the data plane pages too');
    const second = await client.pool.listNext(first.odatanextLink);
    assert.equal(first.length + second.length, 3);
    const image = await compute.images.get(RG, 'img-flow_1');
    await assert.rejects(
      client.pool.add({ id: 'pool-dp-managed', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: { imageReference: { virtualMachineImageId: image.id }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' } }),
      (e: { code?: string }) => e.code === 'InvalidPropertyValue',
    );
    const apiVersions = new Set(sim.requestLog().filter((e) => e.route.startsWith('batch.')).map((e) => e.apiVersion));
    assert.ok(apiVersions.size >= 1 && ![...apiVersions].includes(undefined));
  });

  it('rejects an ARM token on the Batch data plane and a Batch token on ARM with 401', async () => {
    const armToken = (await credential.getToken(ARM_SCOPE)).token;
    const batchToken = (await credential.getToken(BATCH_SCOPE)).token;
    const dp = await call(sim, 'GET', `${sim.batchUrl('flowacct')}/supportedimages?api-version=2025-06-01.21.0`, armToken);
    assert.equal(dp.status, 401);
    assert.match(String(dp.headers.get('www-authenticate')), /^Bearer /);
    assert.equal((dp.json as { code: string }).code, 'AuthenticationFailed');
    const arm = await call(sim, 'GET', `/subscriptions/${sub}/resourcegroups?api-version=2022-09-01`, batchToken);
    assert.equal(arm.status, 401);
    assert.equal((arm.json as { error: { code: string } }).error.code, 'InvalidAuthenticationTokenAudience');
    const none = await call(sim, 'GET', `/subscriptions/${sub}/resourcegroups?api-version=2022-09-01`, undefined);
    assert.equal(none.status, 401);
    const garbage = await call(sim, 'GET', `/subscriptions/${sub}/resourcegroups?api-version=2022-09-01`, 'not-a-jwt');
    assert.equal((garbage.json as { error: { code: string } }).error.code, 'InvalidAuthenticationToken');
    const client = new BatchServiceClient(new AzureIdentityCredentialAdapter(credential, ARM_SCOPE), sim.batchUrl('flowacct'));
    await assert.rejects(client.account.listSupportedImages(), (e: { statusCode?: number }) => e.statusCode === 401);
  });

  it('deletes pools on both planes and the account through ARM LROs', async () => {
    const client = new BatchServiceClient(new AzureIdentityCredentialAdapter(credential, BATCH_SCOPE), sim.batchUrl('flowacct'));
    await client.pool.deleteMethod('pool-dp-2');
    await batchArm.poolOperations.beginDeleteAndWait(RG, 'flowacct', 'pool-arm', poll);
    await assert.rejects(batchArm.poolOperations.get(RG, 'flowacct', 'pool-arm'), (e: { statusCode?: number }) => e.statusCode === 404);
    await new Promise((r) => setTimeout(r, 80)); // lroMs is 50: the data-plane delete has finished
    assert.equal((await client.pool.exists('pool-dp-2')).body, false);
    await batchArm.batchAccountOperations.beginDeleteAndWait(RG, 'flowacct', poll);
    assert.equal((await collect(batchArm.batchAccountOperations.list())).length, 0);
    assert.equal(sim.getResource(`/subscriptions/${sub}/resourceGroups/${RG}/providers/Microsoft.Batch/batchAccounts/flowacct/pools/pool-dp`), undefined, 'pools go with their account');
  });

  it('deletes through LROs; deleting a resource group removes its content; images survive their sources', async () => {
    await compute.snapshots.beginDeleteAndWait(RG, 'snap-data1', poll);
    const image = await compute.images.get(RG, 'img-flow_1');
    assert.equal(image.storageProfile?.dataDisks?.[1]?.snapshot?.id?.endsWith('snap-data1'), true);
    const token = (await credential.getToken(ARM_SCOPE)).token;
    const del = await call(sim, 'DELETE', `/subscriptions/${sub}/resourcegroups/${RG}?api-version=2022-09-01`, token);
    assert.equal(del.status, 202);
    const location = String(del.headers.get('location'));
    for (let i = 0; i < 50; i++) {
      const r = await call(sim, 'GET', location, token);
      if (r.status !== 202) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    assert.equal((await collect(compute.images.list())).length, 0);
    const missing = await call(sim, 'GET', `/subscriptions/${sub}/resourceGroups/${RG}/providers/Microsoft.Compute/images/img-flow_1?api-version=2025-04-01`, token);
    assert.equal(missing.status, 404);
    assert.equal((missing.json as { error: { code: string } }).error.code, 'ResourceGroupNotFound');
  });
});
