// The same inventory through both sources: Azure Resource Graph where it serves (`auto`) and
// Resource Manager lists only (`resourceManager`), on the demo and large scenarios; and the
// fallbacks (no Resource Graph in the cloud, a spent quota) lose nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulatorHandle, SimulatorOptions } from '../../simulator/index';
import { ConnectionInventorySource, InventoryLoader, type InventorySourceSetting } from '../../../src/inventory';
import type { InventorySnapshot } from '../../../src/model';
import { connect, startTrustedSimulator } from '../azure/simulatorSetup';

/** The snapshot with every list in a stable order and the load time removed. */
export function comparable(snap: InventorySnapshot, acrossSimulators = false): unknown {
  const sorted = <T extends { id: string }>(xs: T[]): T[] => [...xs].sort((a, b) => a.id.toLowerCase().localeCompare(b.id.toLowerCase()));
  return {
    subscriptions: [...snap.subscriptions].sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId)),
    images: sorted(snap.images),
    snapshots: sorted(snap.snapshots),
    disks: sorted(snap.disks),
    virtualMachines: sorted(snap.virtualMachines),
    galleries: sorted(snap.galleries),
    galleryImageDefinitions: sorted(snap.galleryImageDefinitions),
    galleryImageVersions: sorted(snap.galleryImageVersions),
    // Two simulators give each account its own port: the endpoint differs by design.
    batchAccounts: sorted(snap.batchAccounts).map((a) => (acrossSimulators ? { ...a, accountEndpoint: '<port>' } : a)),
    pools: sorted(snap.pools),
    errors: snap.errors,
  };
}

async function load(sim: SimulatorHandle, setting: InventorySourceSetting): Promise<{ snapshot: InventorySnapshot; source: ConnectionInventorySource }> {
  const source = new ConnectionInventorySource(await connect(sim), { setting, maxThrottleWaitMs: 2000 });
  const loader = new InventoryLoader(source, { concurrency: 8 });
  try {
    await loader.refresh();
    return { snapshot: loader.snapshot, source };
  } finally {
    loader.dispose();
  }
}

function graphQueries(sim: SimulatorHandle): number {
  return sim.counters()['arg.resources']?.requests ?? 0;
}

for (const scenario of ['demo', 'large'] as const) {
  describe(`inventory sources agree on the ${scenario} scenario`, () => {
    let sim: SimulatorHandle;
    const options: SimulatorOptions = { scenario, pageSize: scenario === 'demo' ? 4 : 100, armThrottle: 'off' };
    before(async () => {
      sim = await startTrustedSimulator(options);
    });
    after(async () => sim.stop());

    it('auto (Resource Graph where it serves) and resourceManager give the same inventory', async () => {
      sim.clearRequestLog();
      const rm = await load(sim, 'resourceManager');
      assert.equal(graphQueries(sim), 0, 'resourceManager never asks Resource Graph');
      const rmRequests = sim.requestLog().length;
      sim.clearRequestLog();
      const auto = await load(sim, 'auto');
      assert.ok(graphQueries(sim) > 0, 'auto asks Resource Graph');
      assert.equal(sim.counters()['arm.galleryImageVersions.listByParent']?.requests ?? 0, 0, 'no version list per definition');
      assert.equal(sim.counters()['arm.disks.listBySubscription']?.requests ?? 0, 0, 'no disk list per subscription');
      assert.equal(sim.counters()['arm.virtualMachines.listBySubscription']?.requests ?? 0, 0, 'no VM list per subscription');
      // Readable subscriptions 1, the shared query (galleries, definitions, versions, disks, VMs)
      // ⌈rows / 1,000⌉, images, snapshots and Batch accounts theirs.
      assert.equal(graphQueries(sim), scenario === 'demo' ? 5 : 1 + 2 + 5 + 3 + 1);
      assert.ok(sim.requestLog().length < rmRequests, `auto ${sim.requestLog().length} requests, resourceManager ${rmRequests}`);
      assert.deepEqual(rm.snapshot.errors, []);
      assert.deepEqual(comparable(auto.snapshot), comparable(rm.snapshot));
      const sub = auto.snapshot.subscriptions[0].subscriptionId;
      for (const category of ['galleryImageVersions', 'disks', 'virtualMachines'] as const) assert.equal(auto.source.describe(sub).get(category)?.servedBy, 'resourceGraph', category);
      assert.equal(auto.source.describe(sub).get('pools')?.servedBy, 'resourceManager');
      assert.equal(rm.source.describe(sub).get('galleryImageVersions')?.servedBy, 'resourceManager');
    });
  });
}

describe('VMs through both sources', () => {
  it('looks up the extensions of a VM behind an image\'s lineage when Resource Graph served the VMs, and gets what the Resource Manager list said', async () => {
    // The demo scenario with its build VM (behind img-from-vm) listed with its instance view, as
    // Resource Manager's `$expand=instanceView` list gives it; Resource Graph's row has none.
    const dir = mkdtempSync(join(tmpdir(), 'abi-vms-'));
    const demo = JSON.parse(readFileSync(join(__dirname, '../../simulator/scenarios/demo.json'), 'utf8')) as { resources: Array<{ id: string; properties: Record<string, unknown> }> };
    const vm = demo.resources.find((r) => /\/virtualMachines\/vm-build-01$/i.test(r.id));
    assert.ok(vm);
    vm.properties.instanceView = { extensions: [{ name: 'CustomScript', type: 'Microsoft.Azure.Extensions.CustomScript' }] };
    const file = join(dir, 'demo-vm-view.json');
    writeFileSync(file, JSON.stringify(demo));
    const sim = await startTrustedSimulator({ scenario: file, pageSize: 4 });
    try {
      const lookups = (): number => sim.counters()['arm.vmExtensions.listByParent']?.requests ?? 0;
      const rm = await load(sim, 'resourceManager');
      assert.equal(lookups(), 0, 'the Resource Manager list said which extensions it has');
      const auto = await load(sim, 'auto');
      assert.equal(lookups(), 1, 'one lookup: the only VM an image\'s lineage leads to');
      assert.equal(auto.source.describe(auto.snapshot.subscriptions[0].subscriptionId).get('virtualMachines')?.servedBy, 'resourceGraph');
      assert.deepEqual(comparable(auto.snapshot), comparable(rm.snapshot));
      const built = auto.snapshot.virtualMachines.find((v) => v.id.toLowerCase() === vm.id.toLowerCase());
      assert.deepEqual(built?.extensions, [{ name: 'CustomScript', type: 'CustomScript', publisher: 'Microsoft.Azure.Extensions' }]);
    } finally {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inventory source fallbacks', () => {
  it('reads everything from Resource Manager in a cloud without Resource Graph, and says why', async () => {
    const sim = await startTrustedSimulator({ scenario: 'demo', pageSize: 4 });
    const without = await startTrustedSimulator({ scenario: 'demo', pageSize: 4, resourceGraph: false });
    try {
      const reference = await load(sim, 'resourceManager');
      const fallback = await load(without, 'auto');
      assert.deepEqual(comparable(fallback.snapshot, true), comparable(reference.snapshot, true));
      const sub = fallback.snapshot.subscriptions[0].subscriptionId;
      const versions = fallback.source.describe(sub).get('galleryImageVersions');
      assert.equal(versions?.servedBy, 'resourceManager');
      assert.match(versions?.fallbackReason ?? '', /InvalidResourceNamespace/);
    } finally {
      await sim.stop();
      await without.stop();
    }
  });

  it('never takes a subscription Resource Graph cannot read as complete: its categories come from Resource Manager', async () => {
    const sim = await startTrustedSimulator({ scenario: 'demo', pageSize: 4 });
    const unreadable = sim.subscriptionIds[1];
    const partial = await startTrustedSimulator({ scenario: 'demo', pageSize: 4, argUnreadableSubscriptions: [unreadable] });
    try {
      const reference = await load(sim, 'resourceManager');
      const auto = await load(partial, 'auto');
      assert.deepEqual(auto.snapshot.errors, []);
      assert.deepEqual(comparable(auto.snapshot, true), comparable(reference.snapshot, true), 'nothing of the unreadable subscription is missing');
      const readable = sim.subscriptionIds[0];
      assert.equal(auto.source.describe(readable).get('galleryImageVersions')?.servedBy, 'resourceGraph');
      for (const category of ['images', 'snapshots', 'disks', 'virtualMachines', 'galleries', 'galleryImageDefinitions', 'galleryImageVersions', 'batchAccounts'] as const) {
        const p = auto.source.describe(unreadable).get(category);
        assert.equal(p?.servedBy, 'resourceManager', category);
        assert.match(p?.fallbackReason ?? '', /cannot read subscription/, category);
      }
      assert.ok((partial.counters()['arm.galleryImageVersions.listByParent']?.requests ?? 0) > 0, 'the unreadable subscription\'s versions were listed per definition');
    } finally {
      await sim.stop();
      await partial.stop();
    }
  });

  it('with a quota of 2 per 5 s completes with the same inventory and no errors', async () => {
    const sim = await startTrustedSimulator({ scenario: 'demo', pageSize: 4 });
    const tight = await startTrustedSimulator({ scenario: 'demo', pageSize: 4, argQuota: '2/5s' });
    try {
      const reference = await load(sim, 'resourceManager');
      const throttled = await load(tight, 'auto');
      assert.deepEqual(throttled.snapshot.errors, []);
      assert.deepEqual(comparable(throttled.snapshot, true), comparable(reference.snapshot, true));
      const served = throttled.snapshot.subscriptions.flatMap((s) => [...throttled.source.describe(s.subscriptionId).values()].map((p) => p.servedBy));
      assert.ok(served.includes('resourceGraph') && served.includes('resourceManager'), 'some categories fell back, some did not');
    } finally {
      await sim.stop();
      await tight.stop();
    }
  });
});
