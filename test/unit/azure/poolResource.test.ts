// A pool's raw ARM resource and the in-place image change (Pool - Update) against the simulator:
// allowed for a steady empty pool, refused with Azure's error for a pool with nodes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../simulator/index';
import { AzureError, createPoolArm, getPool, getPoolResource, updatePoolImage, type AzureClients } from '../../../src/azure';
import { connect, startTrustedSimulator } from './simulatorSetup';

const SUB = '11111111-aaaa-4bbb-8ccc-000000000001';
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
const VERSIONS = `/subscriptions/${SUB}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions`;

describe('azure: pool resource and in-place image update', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;
  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo' });
    clients = await connect(sim);
  });
  after(async () => {
    await sim.stop();
  });

  it('reads every property of a pool, and nothing for a missing one', async () => {
    const pool = await getPoolResource(clients, `${ACCOUNT}/pools/pool-shared-a`);
    assert.equal((pool?.properties.scaleSettings as { fixedScale: { resizeTimeout: string } }).fixedScale.resizeTimeout, 'PT20M');
    assert.equal(await getPoolResource(clients, `${ACCOUNT}/pools/no-such-pool`), undefined);
  });

  it('changes the image of a steady empty pool in place and keeps its other properties', async () => {
    await createPoolArm(clients, ACCOUNT, 'empty-pool', {
      properties: {
        vmSize: 'STANDARD_D2S_V3',
        deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: `${VERSIONS}/1.0.0` }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } },
        startTask: { commandLine: 'echo ready' },
      },
    });
    for (let i = 0; i < 100 && (await getPool(clients, ACCOUNT, 'empty-pool')).allocationState.toLowerCase() !== 'steady'; i++) await new Promise((r) => setTimeout(r, 20));
    const updated = await updatePoolImage(clients, `${ACCOUNT}/pools/empty-pool`, { imageId: `${VERSIONS}/1.1.0`, nodeAgentSkuId: 'batch.node.ubuntu 22.04' });
    const vmc = (updated.properties.deploymentConfiguration as { virtualMachineConfiguration: { imageReference: { id: string } } }).virtualMachineConfiguration;
    assert.equal(vmc.imageReference.id, `${VERSIONS}/1.1.0`);
    assert.deepEqual(updated.properties.startTask, { commandLine: 'echo ready' });
  });

  it("refuses with Azure's error for a pool that has nodes", async () => {
    await assert.rejects(
      updatePoolImage(clients, `${ACCOUNT}/pools/pool-shared-b`, { imageId: `${VERSIONS}/1.0.0`, nodeAgentSkuId: 'batch.node.ubuntu 22.04' }),
      (e: unknown) => e instanceof AzureError && e.code === 'PropertyCannotBeUpdated' && /zero dedicated/.test(e.message),
    );
  });
});
