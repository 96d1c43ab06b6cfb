// The demo scenario must keep an example of every broken situation the extension detects, next to
// healthy resources, plus the pool files that exercise them. These tests pin each one down.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BatchServiceClient } from '@azure/batch';
import { AzureIdentityCredentialAdapter } from '@azure/ms-rest-js';
import { ALLOCATION_FAILED_MESSAGE, DEMO_IDENTITY, DEMO_SUBSCRIPTIONS, type SimulatorHandle } from '../../simulator/index';
import { ARM_SCOPE, BATCH_SCOPE, call, credentialFor, startTrusted } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test-side JSON navigation; shapes are asserted explicitly

const P = DEMO_SUBSCRIPTIONS.production;
const S = DEMO_SUBSCRIPTIONS.sharedImages;
const id = (sub: string, rg: string, path: string): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/${path}`;
const EAST = id(P, 'rg-batch', 'Microsoft.Batch/batchAccounts/batchprodeast');
const IMG = (n: string): string => id(P, 'rg-images', `Microsoft.Compute/images/${n}`);
const RULE_CODES = [
  'image-id-invalid', 'managed-image-retired', 'image-not-found', 'image-not-ready', 'image-region-mismatch', 'gallery-replica-missing',
  'image-subscription-mismatch', 'image-source-deleted', 'image-not-from-snapshots', 'image-shared-by-pools', 'base-image-purchase-plan',
  'source-vm-has-extensions', 'custom-image-node-limit', 'inbound-nat-limit', 'resize-timeout-short', 'large-pool-resize', 'gallery-replicas-low',
  'node-agent-sku-missing', 'node-agent-sku-mismatch', 'node-agent-sku-end-of-life', 'gallery-image-specialized', 'trusted-launch-mismatch',
  'account-aad-required', 'account-not-selected',
];

describe('demo scenario', () => {
  let sim: SimulatorHandle;
  let token: string;
  const get = (rid: string): Json => {
    const r = sim.getResource(rid);
    assert.ok(r, `missing ${rid}`);
    return r as Json;
  };
  const armGet = async (path: string): Promise<Json> => {
    const r = await call(sim, 'GET', `${path}${path.includes('?') ? '&' : '?'}api-version=2025-06-01`, token);
    assert.equal(r.status, 200, path);
    return r.json as Json;
  };
  let allPools: Json[] = [];
  const pools = (): Json[] => allPools;

  before(async () => {
    sim = await startTrusted({ scenario: 'demo', allocationMs: 30 });
    token = (await credentialFor(sim).getToken(ARM_SCOPE)).token;
    allPools = [];
    for (const acct of ['batchprodeast', 'batchprodwest', 'batchsharedkey']) {
      const body = await armGet(`${id(P, 'rg-batch', `Microsoft.Batch/batchAccounts/${acct}`)}/pools`);
      allPools.push(...(body.value as Json[]));
    }
  });
  after(async () => {
    await sim.stop();
  });

  it('uses the fixed identity and two subscriptions of one tenant', async () => {
    assert.equal(sim.tenantId, DEMO_IDENTITY.tenantId);
    assert.equal(sim.clientId, DEMO_IDENTITY.clientId);
    const subs = (await armGet('/subscriptions')).value as Json[];
    assert.deepEqual(subs.map((s) => s.subscriptionId).sort(), [P, S].sort());
    assert.ok(subs.every((s) => s.tenantId === DEMO_IDENTITY.tenantId));
  });

  it('has healthy resources next to the broken ones', () => {
    const healthy = pools().find((p) => p.name === 'pool-healthy-gallery');
    assert.ok(healthy);
    const version = get(healthy.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.id);
    assert.ok(version.properties.publishingProfile.targetRegions.some((r: Json) => r.name === 'eastus'));
    assert.ok(get(EAST).properties.allowedAuthenticationModes.includes('AAD'));
  });

  it('has an image in another region than the account that uses it', () => {
    const pool = pools().find((p) => p.name === 'pool-region-mismatch');
    const image = get(pool?.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.id);
    assert.notEqual(image.location, get(EAST).location);
  });

  it('has an image whose snapshot was deleted, and images made from a VM and from a blob', () => {
    const orphan = get(IMG('img-orphaned'));
    assert.equal(sim.getResource(orphan.properties.storageProfile.osDisk.snapshot.id), undefined);
    const fromVm = get(IMG('img-from-vm'));
    const vm = get(fromVm.properties.sourceVirtualMachine.id);
    const ext = get(`${vm.id}/extensions/CustomScript`);
    assert.equal(ext.properties.type, 'CustomScript');
    assert.ok(get(IMG('img-from-blob')).properties.storageProfile.osDisk.blobUri);
    const viaSnapshot = get(IMG('img-build-01'));
    const snap = get(viaSnapshot.properties.storageProfile.osDisk.snapshot.id);
    assert.equal(snap.properties.creationData.sourceResourceId, vm.properties.storageProfile.osDisk.managedDisk.id);
  });

  it('has two pools on one managed image and a pool over the custom-image node limit', () => {
    const byImage = new Map<string, number>();
    for (const p of pools()) {
      const img = String(p.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.id ?? '').toLowerCase();
      byImage.set(img, (byImage.get(img) ?? 0) + 1);
    }
    assert.ok((byImage.get(IMG('img-ubuntu-v1').toLowerCase()) ?? 0) >= 2);
    assert.ok(pools().some((p) => (p.properties.scaleSettings.fixedScale?.targetDedicatedNodes ?? 0) > 2500));
  });

  it('has a fixed-size pool without resizeTimeout and one with inbound NAT pools', () => {
    assert.ok(pools().some((p) => p.properties.scaleSettings.fixedScale && p.properties.scaleSettings.fixedScale.resizeTimeout === undefined));
    assert.ok(pools().some((p) => (p.properties.networkConfiguration?.endpointConfiguration?.inboundNatPools ?? []).length > 0));
  });

  it('has a snapshot with a purchase plan, a not-Succeeded image and a Shared-Key-only account', () => {
    assert.ok(get(id(P, 'rg-images', 'Microsoft.Compute/snapshots/snap-marketplace-os')).properties.purchasePlan.publisher);
    assert.notEqual(get(IMG('img-creating')).properties.provisioningState, 'Succeeded');
    assert.deepEqual(get(id(P, 'rg-batch', 'Microsoft.Batch/batchAccounts/batchsharedkey')).properties.allowedAuthenticationModes, ['SharedKey']);
  });

  it('has gallery versions without a replica in the account region, a specialized and a Trusted Launch definition', () => {
    const west = get(id(P, 'rg-gallery', 'Microsoft.Compute/galleries/contoso_west_gallery/images/ubuntu-westonly/versions/1.0.0'));
    assert.ok(!west.properties.publishingProfile.targetRegions.some((r: Json) => r.name === 'eastus'));
    const gallery = id(S, 'rg-shared-gallery', 'Microsoft.Compute/galleries/contoso_shared_images');
    assert.equal(get(`${gallery}/images/windows-specialized`).properties.osState, 'Specialized');
    assert.deepEqual(get(`${gallery}/images/ubuntu-trusted-launch`).properties.features, [{ name: 'SecurityType', value: 'TrustedLaunch' }]);
    const low = get(id(P, 'rg-gallery', 'Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions/1.1.0'));
    const replicas = low.properties.publishingProfile.targetRegions[0].regionalReplicaCount as number;
    assert.ok(pools().some((p) => p.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.id === low.id && p.properties.scaleSettings.fixedScale.targetDedicatedNodes / 300 > replicas));
  });

  it('has a node agent SKU of the wrong OS and SKUs at or near end of life (data plane)', async () => {
    const wrong = pools().find((p) => p.name === 'pool-wrong-os-agent');
    const image = get(wrong?.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.id);
    assert.equal(image.properties.storageProfile.osDisk.osType, 'Windows');
    assert.match(wrong?.properties.deploymentConfiguration.virtualMachineConfiguration.nodeAgentSkuId, /ubuntu/);
    const client = new BatchServiceClient(new AzureIdentityCredentialAdapter(credentialFor(sim), BATCH_SCOPE), sim.batchUrl('batchprodeast'));
    const supported = await client.account.listSupportedImages();
    const withEol = supported.filter((s) => s.batchSupportEndOfLife !== undefined).map((s) => s.nodeAgentSKUId);
    assert.ok(withEol.includes('batch.node.ubuntu 20.04') && withEol.includes('batch.node.el 8'));
    assert.ok(pools().some((p) => p.properties.deploymentConfiguration.virtualMachineConfiguration.nodeAgentSkuId === 'batch.node.el 8'));
  });

  it('has a live pool with an AllocationFailed resize error, and a resize onto a bad image fails the same way', async () => {
    const client = new BatchServiceClient(new AzureIdentityCredentialAdapter(credentialFor(sim), BATCH_SCOPE), sim.batchUrl('batchprodeast'));
    const failed = await client.pool.get('pool-alloc-failed');
    assert.equal(failed.resizeErrors?.[0]?.code, 'AllocationFailed');
    assert.equal(failed.resizeErrors?.[0]?.message, ALLOCATION_FAILED_MESSAGE);
    const before = await client.pool.get('pool-region-mismatch');
    await client.pool.resize('pool-region-mismatch', { targetDedicatedNodes: 5 });
    await new Promise((r) => setTimeout(r, 60)); // allocationMs is 30 in this suite
    const after = await client.pool.get('pool-region-mismatch');
    assert.notEqual(after.allocationStateTransitionTime?.getTime(), before.allocationStateTransitionTime?.getTime(), 'the pool went through a resize');
    assert.equal(after.allocationState, 'steady');
    assert.equal(after.resizeErrors?.[0]?.code, 'AllocationFailed');
    assert.equal(after.currentDedicatedNodes, 0);
    await client.pool.resize('pool-healthy-gallery', { targetDedicatedNodes: 6 });
    await new Promise((r) => setTimeout(r, 60));
    const healthy = await client.pool.get('pool-healthy-gallery');
    assert.equal(healthy.currentDedicatedNodes, 6);
    assert.equal(healthy.resizeErrors, undefined);
  });

  it('ships pool files whose README covers every rule code and every file', () => {
    const dir = join(__dirname, '..', '..', 'simulator', 'scenarios', 'demo-workspace');
    const files = readdirSync(dir).filter((f) => f.endsWith('.pool.json'));
    assert.ok(files.length >= 20);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const f of files) {
      assert.ok(readme.includes(`\`${f}\``), `README lists ${f}`);
      const parsed = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json;
      assert.ok(parsed.virtualMachineConfiguration || parsed.properties || parsed.resources, `${f} is a data-plane pool, an ARM pool or an ARM template`);
    }
    for (const code of RULE_CODES) assert.ok(readme.includes(code), `README maps a file to ${code}`);
    const shapes = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json);
    assert.ok(shapes.some((s) => s.virtualMachineConfiguration));
    assert.ok(shapes.some((s) => s.type === 'Microsoft.Batch/batchAccounts/pools'));
    assert.ok(shapes.some((s) => Array.isArray(s.resources) && s.resources.length >= 3));
  });
});
