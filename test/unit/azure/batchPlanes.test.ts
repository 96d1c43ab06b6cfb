// Batch on both planes: lists, supported images, VM sizes, pool writes; and the api-version
// pin, asserted from what actually reached the simulator.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../simulator/index';
import {
  AzureError,
  BATCH_DATA_PLANE_API_VERSION,
  BATCH_MINIMUM_API_DATE,
  createPoolArm,
  createPoolDataPlane,
  deletePool,
  getPool,
  listBatchAccounts,
  listBatchVmSkus,
  listPools,
  listSupportedImages,
  resizePool,
  type AzureClients,
} from '../../../src/azure';
import type { BatchAccount, LivePool } from '../../../src/model';
import { connect, startTrustedSimulator } from './simulatorSetup';

const SUB1 = '11111111-aaaa-4bbb-8ccc-000000000001';

describe('Batch management and data planes', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;
  let east: BatchAccount;
  let healthy: LivePool;

  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo', pageSize: 5 });
    clients = await connect(sim);
    const accounts = await listBatchAccounts(clients, SUB1);
    const found = accounts.find((a) => a.name === 'batchprodeast');
    assert.ok(found);
    east = found;
    const pools = await listPools(clients, east.id);
    const h = pools.find((p) => p.name === 'pool-healthy-gallery');
    assert.ok(h?.imageId && h.nodeAgentSkuId);
    healthy = h;
  });
  after(async () => {
    await sim.stop();
  });

  it('lists accounts with endpoint, auth modes and quotas, and every pool of an account across pages', async () => {
    assert.equal(east.location.toLowerCase().replace(/\s/g, ''), 'eastus');
    assert.ok(east.allowedAuthenticationModes.includes('AAD'));
    assert.ok(east.quotas?.poolQuota);
    const pools = await listPools(clients, east.id);
    assert.ok(pools.length > 5, 'more pools than one page');
    assert.ok(pools.every((p) => p.accountId === east.id));
    const listCalls = sim.requestLog().filter((e) => e.route === 'arm.pools.listByParent');
    assert.ok(listCalls.length >= 2);
  });

  it('lists supported images (data plane) and VM sizes (management plane)', async () => {
    const images = await listSupportedImages(clients, east);
    assert.ok(images.some((i) => i.nodeAgentSkuId === 'batch.node.ubuntu 22.04' && i.osType === 'Linux'));
    assert.ok(images.some((i) => i.osType === 'Windows'));
    const skus = await listBatchVmSkus(clients, SUB1, 'East US');
    const d2 = skus.find((s) => s.name === 'Standard_D2s_v3');
    assert.equal(d2?.capabilities.vCPUs, '2');
  });

  it('creates a pool through ARM, resizes it and deletes it', async () => {
    const created = await createPoolArm(clients, east.id, 'pool-test-arm', {
      properties: {
        vmSize: 'Standard_D2s_v3',
        deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: healthy.imageId }, nodeAgentSkuId: healthy.nodeAgentSkuId } },
        scaleSettings: { fixedScale: { targetDedicatedNodes: 1, targetLowPriorityNodes: 0, resizeTimeout: 'PT20M' } },
      },
    });
    assert.equal(created.name, 'pool-test-arm');
    assert.equal(created.imageId?.toLowerCase(), healthy.imageId?.toLowerCase());
    assert.deepEqual(created.scale, { kind: 'fixed', targetDedicatedNodes: 1, targetLowPriorityNodes: 0, resizeTimeout: 'PT20M' });
    const resized = await resizePool(clients, created.id, { targetDedicatedNodes: 3, targetLowPriorityNodes: 2, resizeTimeout: 'PT30M' });
    assert.deepEqual(resized.scale, { kind: 'fixed', targetDedicatedNodes: 3, targetLowPriorityNodes: 2, resizeTimeout: 'PT30M' });
    await deletePool(clients, created.id);
    assert.ok(!(await listPools(clients, east.id)).some((p) => p.name === 'pool-test-arm'));
  });

  it('creates a pool through the data plane and reports Batch errors with their code', async () => {
    const body = {
      id: 'pool-test-dp',
      vmSize: 'Standard_D2s_v3',
      virtualMachineConfiguration: { imageReference: { virtualMachineImageId: healthy.imageId }, nodeAgentSKUId: healthy.nodeAgentSkuId },
      targetDedicatedNodes: 2,
      resizeTimeout: 'PT20M',
    };
    const pool = await createPoolDataPlane(clients, east, body);
    assert.equal(pool.name, 'pool-test-dp');
    assert.equal(pool.scale.kind, 'fixed');
    const again = await createPoolDataPlane(clients, east, body).then(
      () => assert.fail('expected PoolExists'),
      (e: unknown) => e,
    );
    assert.ok(again instanceof AzureError);
    assert.equal(again.code, 'PoolExists');
    assert.equal(again.status, 409);
    assert.equal(again.message, 'The specified pool already exists.');
    assert.ok(again.requestId);
  });

  it('maps an ARM 404 into AzureError with ARM\'s code and message', async () => {
    const e = await getPool(clients, east.id, 'no-such-pool').then(
      () => assert.fail('expected 404'),
      (x: unknown) => x,
    );
    assert.ok(e instanceof AzureError);
    assert.equal(e.status, 404);
    assert.equal(e.code, 'ResourceNotFound');
    assert.match(e.message, /no-such-pool/);
  });

  it('sends api-version 2025-06-01 or newer on both Batch planes, whatever the SDKs default to', () => {
    const log = sim.requestLog();
    const management = log.filter((e) => /microsoft\.batch/i.test(e.path));
    const dataPlane = log.filter((e) => e.route.startsWith('batch.'));
    assert.ok(management.length > 5, 'management-plane calls were made');
    assert.ok(dataPlane.length >= 2, 'data-plane calls were made');
    for (const e of management) {
      assert.ok(e.apiVersion && e.apiVersion >= BATCH_MINIMUM_API_DATE, `${e.method} ${e.path} used ${e.apiVersion}`);
    }
    for (const e of dataPlane) assert.equal(e.apiVersion, BATCH_DATA_PLANE_API_VERSION, `${e.method} ${e.path}`);
    // The SDK defaults would have been older: prove the pin is what changed them.
    assert.ok(!log.some((e) => e.apiVersion === '2023-11-01' || e.apiVersion === '2022-10-01.16.0'));
  });
});
