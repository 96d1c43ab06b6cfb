// How the loader behaves under load and trouble: the request bound (no per-item GET), bounded
// concurrency, seeded faults, a failing category, cancellation, deadlines and scoped refresh.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../simulator/index';
import { createPoolDataPlane, type AzureClients } from '../../../src/azure';
import { azureInventorySource, InventoryLoader, SUBSCRIPTION_CATEGORIES, type InventorySource } from '../../../src/inventory';
import { azureRequests, connect, startTrustedSimulator } from '../azure/simulatorSetup';
import { expectedPages, MID, midSubscriptionId, writeMidScenario } from './midScenario';
import { scenarioCounts } from './demoScenario';

const PAGE = 10;

/**
 * Wraps a source to observe how many calls are in flight at once, overall and per scope (the
 * subscription a call is about, from its arguments, or the account for data-plane calls; calls
 * still go to the simulator).
 */
function observed(source: InventorySource): { source: InventorySource; maxInFlight: () => number; maxPerScope: () => Map<string, number> } {
  let inFlight = 0;
  let max = 0;
  const perSub = new Map<string, number>();
  const maxPerSub = new Map<string, number>();
  // The loader's scopes: the Batch data plane per account, Resource Manager per subscription.
  const scopeOf = (name: string, args: unknown[]): string => {
    if (name === 'listSupportedImages') return `batch:${(args[0] as { id: string }).id.toLowerCase()}`;
    for (const a of args) {
      const text = typeof a === 'string' ? a : typeof a === 'object' && a !== null && typeof (a as { id?: unknown }).id === 'string' ? (a as { id: string }).id : '';
      const m = /^(?:\/subscriptions\/)?([0-9a-f-]{36})/i.exec(text);
      if (m) return m[1].toLowerCase();
    }
    return 'tenant';
  };
  const wrapped = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(source) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      const sub = scopeOf(name, args);
      inFlight++;
      max = Math.max(max, inFlight);
      perSub.set(sub, (perSub.get(sub) ?? 0) + 1);
      maxPerSub.set(sub, Math.max(maxPerSub.get(sub) ?? 0, perSub.get(sub) ?? 0));
      try {
        return await fn(...args);
      } finally {
        inFlight--;
        perSub.set(sub, (perSub.get(sub) ?? 1) - 1);
      }
    };
  }
  return { source: wrapped as unknown as InventorySource, maxInFlight: () => max, maxPerScope: () => maxPerSub };
}

describe('inventory load on a mid-size scenario', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;
  before(async () => {
    sim = await startTrustedSimulator({ scenario: writeMidScenario(), pageSize: PAGE });
    clients = await connect(sim);
  });
  after(async () => {
    await sim.stop();
  });

  it('stays within pages + per-parent lists, never GETs an item, and bounds concurrency', async () => {
    sim.clearRequestLog();
    const { source, maxInFlight, maxPerScope } = observed(azureInventorySource(clients));
    const loader = new InventoryLoader(source, { concurrency: 3 });
    await loader.refresh();
    assert.deepEqual(azureRequests(sim).filter((e) => e.route === 'batch.supportedImages.list'), [], 'a load reads no supported images (they are read on first need)');
    // Every account's, as an export asks: the data plane's limits apply per account.
    await loader.loadSupportedImages('all');
    const snap = loader.snapshot;
    assert.deepEqual(snap.errors, []);
    assert.equal(snap.images.length, MID.subscriptions * MID.images);
    assert.equal(snap.galleryImageVersions.length, MID.subscriptions * MID.galleries * MID.definitionsPerGallery * MID.versionsPerDefinition);
    assert.equal(snap.pools.length, MID.subscriptions * MID.accounts * MID.poolsPerAccount);

    const requests = azureRequests(sim);
    const perItem = requests.filter((e) => /\.get$/.test(e.route));
    assert.deepEqual(perItem.map((e) => `${e.method} ${e.path}`), [], 'no GET per item');
    const bound = expectedPages(MID, PAGE);
    assert.ok(requests.length <= bound.total + 2, `${requests.length} requests > bound ${bound.total} + 2`);
    // Per-parent lists are exactly one per gallery, definition and account (x2: pools, supported images).
    const perParent = requests.filter((e) => ['arm.galleryImages.listByParent', 'arm.galleryImageVersions.listByParent', 'arm.pools.listByParent', 'batch.supportedImages.list'].includes(e.route) && !e.path.includes('skiptoken'));
    assert.equal(perParent.length, bound.perParentLists);
    // The limit holds per scope: Resource Manager calls per subscription (where ARM throttles),
    // each account's data plane on its own.
    const perScope = maxPerScope();
    const armScopes = [...perScope].filter(([k]) => !k.startsWith('batch:'));
    assert.equal(armScopes.length, MID.subscriptions + 1, `scopes seen: ${[...perScope.keys()].join(', ')}`); // + the tenant (subscription list)
    for (const [scope, n] of perScope) assert.ok(n <= 3, `${scope}: ${n} in flight`);
    assert.ok(armScopes.some(([, n]) => n === 3), 'a subscription used its whole limit');
    assert.ok(maxInFlight() > 3, `subscriptions loaded side by side (max in flight overall ${maxInFlight()})`);
    // Every account's data plane asks for the Batch token at once: they share one request.
    const tokenRequests = sim.requestLog().filter((e) => e.route === 'aad.token.v2');
    assert.ok(tokenRequests.length <= 2, `${tokenRequests.length} token requests (one per scope expected: ARM, Batch)`);
    loader.dispose();
  });

  it('captures an error in one category instead of failing the load', async () => {
    const real = azureInventorySource(clients);
    const broken = midSubscriptionId(1);
    // The second subscription's snapshots are listed under a subscription id ARM does not know,
    // so the simulator answers with a genuine SubscriptionNotFound for that one category.
    const source: InventorySource = {
      ...real,
      listSnapshots: (sub, signal) => real.listSnapshots(sub === broken ? '99999999-0000-4000-8000-000000000000' : sub, signal),
    };
    const loader = new InventoryLoader(source);
    await loader.refresh();
    const state = loader.categoryState(broken, 'snapshots');
    assert.equal(state.kind, 'failed');
    assert.equal(state.kind === 'failed' && state.code, 'SubscriptionNotFound');
    assert.deepEqual(
      loader.snapshot.errors.map((e) => [e.category, e.subscriptionId, e.code]),
      [['snapshots', broken, 'SubscriptionNotFound']],
    );
    // Everything else loaded, and snapshots of that subscription are "unknown", not "deleted".
    assert.equal(loader.snapshot.images.length, MID.subscriptions * MID.images);
    assert.equal(loader.snapshot.snapshots.length, MID.snapshots);
    const image = loader.snapshot.images.find((i) => i.subscriptionId === broken);
    assert.ok(image);
    assert.deepEqual(loader.current.imageSources(image.id).map((s) => s.existence), ['unknown']);
    for (const c of SUBSCRIPTION_CATEGORIES.filter((c) => c !== 'snapshots')) assert.equal(loader.categoryState(broken, c).kind, 'loaded', c);
    loader.dispose();
  });
});

describe('inventory load under seeded faults', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;
  before(async () => {
    // Retry-After of one second: ms-rest-js (Batch data plane) ignores a Retry-After of 0,
    // which is what a sub-second simulator setting rounds to.
    sim = await startTrustedSimulator({ scenario: writeMidScenario(), pageSize: PAGE, retryAfterMs: 1000 });
    clients = await connect(sim);
  });
  after(async () => {
    await sim.stop();
  });

  it('converges under seeded 429/500/503/reset faults', async () => {
    sim.setFaults('429:0.04,500:0.08,503:0.03,reset:0.04');
    try {
      sim.clearRequestLog();
      const loader = new InventoryLoader(azureInventorySource(clients), { concurrency: 8 });
      await loader.refresh();
      await loader.loadSupportedImages('all');
      const snap = loader.snapshot;
      assert.deepEqual(snap.errors, []);
      assert.deepEqual(loader.issues, []);
      assert.equal(snap.images.length, MID.subscriptions * MID.images);
      assert.equal(snap.pools.length, MID.subscriptions * MID.accounts * MID.poolsPerAccount);
      assert.equal(snap.galleryImageDefinitions.length, MID.subscriptions * MID.galleries * MID.definitionsPerGallery);
      assert.ok(snap.batchAccounts.every((a) => (a.supportedImages?.length ?? 0) > 0));
      const faults = sim.requestLog().filter((e) => e.fault);
      assert.ok(faults.length >= 5, `faults were injected (${faults.length})`);
      assert.ok(new Set(faults.map((f) => f.fault)).size >= 3, 'several fault kinds');
      loader.dispose();
    } finally {
      sim.setFaults('');
    }
  });
});

describe('inventory cancellation, deadline and scoped refresh', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;
  const demo = scenarioCounts('demo');
  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo', pageSize: 3 });
    clients = await connect(sim);
  });
  after(async () => {
    await sim.stop();
  });

  it('a newer refresh cancels an older one: the older stops issuing requests and leaves no trace', async () => {
    const loader = new InventoryLoader(azureInventorySource(clients), { concurrency: 2 });
    // Measure one full load alone.
    sim.clearRequestLog();
    await loader.refresh();
    const single = azureRequests(sim).length;
    sim.clearRequestLog();
    const first = loader.refresh();
    await new Promise((r) => setTimeout(r, 15));
    const second = loader.refresh();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.snapshot.images.length, demo.counts.images, 'the older promise still resolves');
    assert.equal(b.snapshot.images.length, demo.counts.images);
    assert.deepEqual(loader.snapshot.errors, []);
    const total = azureRequests(sim).length;
    assert.ok(total < 2 * single, `superseded load stopped early (${total} vs ${2 * single})`);
    loader.dispose();
  });

  it('cancel() stops a load: unfinished categories fail with Cancelled and no request follows', async () => {
    sim.setFaults('slow:1');
    try {
      const loader = new InventoryLoader(azureInventorySource(clients), { concurrency: 2 });
      const load = loader.refresh();
      await new Promise((r) => setTimeout(r, 30));
      loader.cancel();
      await load;
      // Requests already on the wire finish (the log records them on completion); wait them out.
      await new Promise((r) => setTimeout(r, 150));
      const after = sim.requestLog().length;
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(sim.requestLog().length, after, 'nothing is sent after cancellation');
      const states = loader.snapshot.errors.map((e) => e.code);
      assert.ok(states.length > 0);
      assert.ok(states.every((c) => c === 'Cancelled'), states.join(','));
      loader.dispose();
    } finally {
      sim.setFaults('');
    }
  });

  it('a load past its deadline ends with DeadlineExceeded instead of hanging', async () => {
    sim.setFaults('slow:1');
    try {
      const loader = new InventoryLoader(azureInventorySource(clients), { deadlineMs: 80 });
      const started = Date.now();
      await loader.refresh();
      assert.ok(Date.now() - started < 2000);
      const state = loader.categoryState(undefined, 'subscriptions');
      const anyDeadline = state.kind === 'failed' ? state.code === 'DeadlineExceeded' : loader.snapshot.errors.some((e) => e.code === 'DeadlineExceeded');
      assert.ok(anyDeadline);
      loader.dispose();
    } finally {
      sim.setFaults('');
    }
  });

  it('refresh({ accountId }) reloads only that account\'s pools after a write', async () => {
    const loader = new InventoryLoader(azureInventorySource(clients));
    await loader.refresh();
    const west = loader.snapshot.batchAccounts.find((a) => a.name === 'batchprodwest');
    const healthy = loader.snapshot.pools.find((p) => p.name === 'pool-west-healthy');
    assert.ok(west && healthy?.imageId && healthy.nodeAgentSkuId);
    await createPoolDataPlane(clients, west, {
      id: 'pool-added-by-test',
      vmSize: 'Standard_D2s_v3',
      virtualMachineConfiguration: { imageReference: { virtualMachineImageId: healthy.imageId }, nodeAgentSKUId: healthy.nodeAgentSkuId },
      targetDedicatedNodes: 0,
    });
    const events: string[] = [];
    loader.onDidChange((c) => events.push(`${c.category}:${c.state.kind}`));
    sim.clearRequestLog();
    await loader.refresh({ accountId: west.id });
    assert.ok(loader.current.poolsOfAccount(west.id).some((p) => p.name === 'pool-added-by-test'));
    assert.deepEqual([...new Set(azureRequests(sim).map((e) => e.route))], ['arm.pools.listByParent']);
    assert.ok(events.every((e) => e.startsWith('pools:')));
    assert.equal(loader.snapshot.pools.length, demo.counts.pools + 1);
    loader.dispose();
  });

  it('refresh({ subscriptionId, categories }) reloads just those lists', async () => {
    const loader = new InventoryLoader(azureInventorySource(clients));
    await loader.refresh();
    sim.clearRequestLog();
    const sub = loader.snapshot.subscriptions[0].subscriptionId;
    await loader.refresh({ subscriptionId: sub, categories: ['images'] });
    assert.deepEqual([...new Set(azureRequests(sim).map((e) => e.route))], ['arm.images.listBySubscription']);
    assert.deepEqual(loader.snapshot.errors, []);
    loader.dispose();
  });
});
