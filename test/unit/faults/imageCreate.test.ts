// Fault suite, writes: creating a managed image from snapshots (a long-running operation) while
// the simulator injects faults. Azure leaves an image whose creation failed in the resource group
// with provisioningState Failed (the portal lists it as Failed until someone deletes it); the
// simulator models exactly that, so the access layer must report the operation's own code and
// message (not a fault's), and the inventory must show the leftover as Failed. Removing it is the
// command's job (createImageFromSnapshots command; integration-tested).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureError, createImageFromSnapshots, deleteImage, type AzureClients } from '../../../src/azure';
import type { SimulatorHandle } from '../../simulator/index';
import type { InventoryLoader } from '../../../src/inventory';
import { connectTo, faulted, MIXED_FAULTS, newLoader, realSource, settle, startFaultySimulator, watchProcess, withinDeadline } from './harness';

const SEEDS = [6, 12];
const guard = watchProcess();
console.log(`fault suite (image creation): ${SEEDS.length} seeds × (Failed operation, rejected PUT, successful create)`);

after(async () => {
  await settle();
  guard.dispose();
  guard.assertNone();
});

interface Setup {
  sim: SimulatorHandle;
  clients: AzureClients;
  loader: InventoryLoader;
  sub: string;
  os: { id: string; location: string; resourceGroup: string };
}

async function setUp(seed: number): Promise<Setup> {
  const sim = await startFaultySimulator({ seed });
  const clients = await connectTo(sim);
  const loader = newLoader(realSource(clients));
  await loader.refresh();
  const snap = loader.snapshot.snapshots.find((s) => s.name === 'snap-build-01-os');
  assert.ok(snap, 'the demo OS snapshot');
  const resourceGroup = snap.id.split('/')[4];
  return { sim, clients, loader, sub: snap.id.split('/')[2], os: { id: snap.id, location: snap.location, resourceGroup } };
}

function create(s: Setup, name: string): Promise<unknown> {
  return withinDeadline(
    createImageFromSnapshots(s.clients, { subscriptionId: s.sub, resourceGroup: s.os.resourceGroup, name, location: s.os.location, osType: 'Linux', osSnapshotId: s.os.id }),
    30_000,
    `creating ${name}`,
  );
}

function imageId(s: Setup, name: string): string {
  return `/subscriptions/${s.sub}/resourceGroups/${s.os.resourceGroup}/providers/Microsoft.Compute/images/${name}`;
}

describe('fault suite: image creation under faults', { concurrency: true }, () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, { timeout: 60_000 }, async () => {
      const s = await setUp(seed);
      try {
        const before = s.sim.resourceCounts().images;
        s.sim.setFaults(MIXED_FAULTS);
        s.sim.clearRequestLog();

        // 1. The operation ends Failed: Azure's code and message, not a transport fault's.
        s.sim.failNext('imageCreate', 'InternalDiskManagementError', 'The snapshot could not be copied (simulated).');
        const failed = await create(s, `img-fails-${seed}`).then(() => undefined, (e: unknown) => e);
        assert.ok(failed instanceof AzureError, String(failed));
        assert.equal(failed.code, 'InternalDiskManagementError', failed.message);
        assert.equal(failed.message, 'The snapshot could not be copied (simulated).');
        const leftover = s.sim.getResource(imageId(s, `img-fails-${seed}`));
        assert.equal((leftover?.properties as { provisioningState?: string } | undefined)?.provisioningState, 'Failed', 'Azure (and the simulator) keep the image, in Failed state');
        await withinDeadline(s.loader.refresh({ subscriptionId: s.sub, categories: ['images'] }), 30_000, 'images refresh');
        assert.deepEqual(s.loader.snapshot.errors, []);
        assert.equal(s.loader.snapshot.images.find((i) => i.name === `img-fails-${seed}`)?.provisioningState, 'Failed', 'the inventory shows it as Failed');

        // Deleting the leftover (what the command does) works under the same faults.
        await withinDeadline(deleteImage(s.clients, imageId(s, `img-fails-${seed}`)), 30_000, 'delete');
        assert.equal(s.sim.getResource(imageId(s, `img-fails-${seed}`)), undefined);

        // 2. A creation whose PUT is refused on every attempt leaves nothing behind.
        s.sim.setFaults('500:1');
        const refused = await create(s, `img-refused-${seed}`).then(() => undefined, (e: unknown) => e);
        assert.ok(refused instanceof AzureError, String(refused));
        assert.equal(refused.code, 'InternalServerError');
        assert.equal(refused.status, 500);
        assert.equal(s.sim.getResource(imageId(s, `img-refused-${seed}`)), undefined, 'no image was created');

        // 3. A creation that succeeds through the faults appears once, Succeeded.
        s.sim.setFaults(MIXED_FAULTS);
        await create(s, `img-ok-${seed}`);
        assert.equal((s.sim.getResource(imageId(s, `img-ok-${seed}`))?.properties as { provisioningState?: string } | undefined)?.provisioningState, 'Succeeded');
        assert.ok(faulted(s.sim).length > 0, 'faults were injected along the way');
        s.sim.setFaults('');
        assert.equal(s.sim.resourceCounts().images, before + 1, 'only the successful image remains');
        await s.loader.refresh({ subscriptionId: s.sub, categories: ['images'] });
        assert.equal(s.loader.snapshot.images.length, before + 1);
      } finally {
        s.sim.setFaults('');
        s.loader.dispose();
        await s.sim.stop();
      }
    });
  }
});
