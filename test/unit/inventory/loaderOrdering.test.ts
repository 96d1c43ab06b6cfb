// Ordering and partial-failure rules of the loader, with a scripted source: newest result wins
// per slot, partial gallery failures keep what loaded, and the small building blocks
// (semaphore, emitter) behave.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureError } from '../../../src/azure';
import { Emitter, InventoryLoader, RequestLimits, Semaphore, referencedVmKeys } from '../../../src/inventory';
import type { GalleryImageDefinition, LivePool } from '../../../src/model';
import { ACCOUNT_ID, account, deferred, definition, fakeSource, gallery, pool, SUB } from './fakeSource';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('loader ordering', () => {
  it('a scoped account refresh that started later wins over an older full load that finishes last', async () => {
    const fullPools = deferred<LivePool[]>();
    let calls = 0;
    const source = fakeSource({
      listBatchAccounts: async () => [account()],
      listPools: async () => {
        calls++;
        return calls === 1 ? fullPools.promise : [pool('old'), pool('new')];
      },
    });
    const loader = new InventoryLoader(source);
    const full = loader.refresh();
    while (calls === 0) await tick();
    await loader.refresh({ accountId: ACCOUNT_ID });
    assert.deepEqual(loader.snapshot.pools.map((p) => p.name), ['old', 'new']);
    fullPools.resolve([pool('old')]); // stale: listed before the write
    await full;
    assert.deepEqual(loader.snapshot.pools.map((p) => p.name), ['old', 'new']);
    assert.equal(loader.categoryState(SUB, 'pools').kind, 'loaded');
    loader.dispose();
  });

  it('keeps the definitions of galleries that listed, and reports the one that failed', async () => {
    const source = fakeSource({
      listGalleries: async () => [gallery('good'), gallery('bad')],
      listGalleryImageDefinitions: async (id): Promise<GalleryImageDefinition[]> => {
        if (id.endsWith('/bad')) throw new AzureError({ code: 'AuthorizationFailed', message: 'No read access to gallery bad.', status: 403 });
        return [definition('good', 'def1')];
      },
      listGalleryImageVersions: async () => [],
    });
    const loader = new InventoryLoader(source);
    await loader.refresh();
    assert.deepEqual(loader.snapshot.galleryImageDefinitions.map((d) => d.identifier.sku), ['def1']);
    assert.deepEqual(loader.categoryState(SUB, 'galleryImageDefinitions'), { kind: 'failed', code: 'AuthorizationFailed', message: 'No read access to gallery bad.' });
    assert.equal(loader.categoryState(SUB, 'galleryImageVersions').kind, 'loaded');
    assert.deepEqual(
      loader.snapshot.errors.map((e) => [e.category, e.code]),
      [['galleryImageDefinitions', 'AuthorizationFailed']],
    );
    loader.dispose();
  });

  it('a category loading again says so, and keeps the items of the earlier load (the explorer shows them meanwhile)', async () => {
    let calls = 0;
    const second = deferred<ReturnType<typeof account>[]>();
    const loader = new InventoryLoader(fakeSource({ listBatchAccounts: () => (++calls === 1 ? Promise.resolve([account()]) : second.promise) }));
    assert.deepEqual(loader.categoryState(SUB, 'batchAccounts'), { kind: 'loading' }, 'nothing at hand before the first load');
    await loader.refresh();
    const again = loader.refresh({ subscriptionId: SUB, categories: ['batchAccounts'] });
    while (calls < 2) await tick();
    assert.deepEqual(loader.categoryState(SUB, 'batchAccounts'), { kind: 'loading', reloading: true });
    assert.deepEqual(loader.snapshot.batchAccounts.map((a) => a.id), [ACCOUNT_ID]);
    second.resolve([account()]);
    await again;
    assert.deepEqual(loader.categoryState(SUB, 'batchAccounts'), { kind: 'loaded' });
    loader.dispose();
  });

  it('a partial snapshot marks categories still loading as unknown, never as deleted', async () => {
    const images = deferred<never[]>();
    const loader = new InventoryLoader(fakeSource({ listImages: () => images.promise }));
    const load = loader.refresh();
    while (loader.categoryState(SUB, 'snapshots').kind !== 'loaded') await tick();
    const imageId = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/images/x`;
    assert.equal(loader.current.existence(imageId), 'unknown');
    assert.ok(loader.snapshot.errors.some((e) => e.category === 'images' && e.code === 'Loading'));
    images.resolve([]);
    await load;
    assert.equal(loader.current.existence(imageId), 'deleted');
    assert.deepEqual(loader.snapshot.errors, []);
    loader.dispose();
  });

  it('a failed subscription list is captured, not thrown', async () => {
    const loader = new InventoryLoader(
      fakeSource({
        listSubscriptions: async () => {
          throw new AzureError({ code: 'InvalidAuthenticationToken', message: 'The access token is invalid.', status: 401 });
        },
      }),
    );
    const inv = await loader.refresh();
    assert.deepEqual(inv.snapshot.errors, [{ category: 'subscriptions', code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' }]);
    assert.equal(loader.categoryState(undefined, 'subscriptions').kind, 'failed');
    loader.dispose();
  });

  it('caches VM sizes per subscription and region, and retries after a failure', async () => {
    let calls = 0;
    const loader = new InventoryLoader(
      fakeSource({
        listBatchVmSkus: async () => {
          calls++;
          if (calls === 1) throw new AzureError({ code: 'TooManyRequests', message: 'later' });
          return [{ name: 'Standard_D2s_v3', capabilities: {} }];
        },
      }),
    );
    await assert.rejects(loader.vmSkus(SUB, 'East US'), /later/);
    assert.equal((await loader.vmSkus(SUB, 'East US')).length, 1);
    assert.equal((await loader.vmSkus(SUB, 'eastus')).length, 1);
    assert.equal(calls, 2);
    loader.dispose();
  });
});

describe('building blocks', () => {
  it('semaphore: never more than the limit, and a queued task aborts without running', async () => {
    const sem = new Semaphore(2);
    let active = 0;
    let max = 0;
    const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
    const runs = gates.map((g) =>
      sem.run(async () => {
        active++;
        max = Math.max(max, active);
        await g.promise;
        active--;
      }),
    );
    const controller = new AbortController();
    let ran = false;
    const queued = sem.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort();
    await assert.rejects(queued, (e: unknown) => e instanceof AzureError && e.code === 'Cancelled');
    for (const g of gates) g.resolve();
    await Promise.all(runs);
    assert.equal(max, 2);
    assert.equal(ran, false);
    assert.equal(sem.inFlight, 0);
  });

  it('semaphore: a queued task of higher priority starts first; equal priorities keep their order', async () => {
    const sem = new Semaphore(1);
    const gate = deferred<void>();
    const order: string[] = [];
    const busy = sem.run(() => gate.promise);
    const queued = [
      sem.run(async () => void order.push('leaf 1')),
      sem.run(async () => void order.push('leaf 2')),
      sem.run(async () => void order.push('parent 1'), undefined, 1),
      sem.run(async () => void order.push('leaf 3')),
      sem.run(async () => void order.push('parent 2'), undefined, 1),
    ];
    gate.resolve();
    await Promise.all([busy, ...queued]);
    assert.deepEqual(order, ['parent 1', 'parent 2', 'leaf 1', 'leaf 2', 'leaf 3']);
  });

  it('request limits: each scope has its own limit, all of them share the overall ceiling', async () => {
    const limits = new RequestLimits(2, 3);
    const active = new Map<string, number>();
    const max = new Map<string, number>();
    let overall = 0;
    let maxOverall = 0;
    const gates: Array<ReturnType<typeof deferred<void>>> = [];
    const runs: Promise<void>[] = [];
    for (const scope of ['arm:a', 'arm:a', 'arm:a', 'arm:b', 'ARM:B', 'batch:x']) {
      const gate = deferred<void>();
      gates.push(gate);
      runs.push(
        limits.run(scope, async () => {
          const key = scope.toLowerCase();
          active.set(key, (active.get(key) ?? 0) + 1);
          max.set(key, Math.max(max.get(key) ?? 0, active.get(key) ?? 0));
          maxOverall = Math.max(maxOverall, ++overall);
          await gate.promise;
          active.set(key, (active.get(key) ?? 0) - 1);
          overall--;
        }),
      );
    }
    await tick();
    assert.equal(overall, 3, 'the overall ceiling is reached, not exceeded');
    // Finish one at a time so the queued ones get their turn while others still run.
    for (const g of gates) {
      g.resolve();
      for (let i = 0; i < 5; i++) await tick();
      assert.ok(overall <= 3);
    }
    await Promise.all(runs);
    assert.equal(max.get('arm:a'), 2, 'a scope never exceeds its own limit');
    assert.equal(max.get('arm:b'), 2, 'scopes are case-insensitive and hold their limit');
    assert.equal(max.get('batch:x'), 1);
    assert.equal(maxOverall, 3);
  });

  it('emitter: listeners are independent and dispose cleanly', () => {
    const errors: unknown[] = [];
    const e = new Emitter<number>((err) => errors.push(err));
    const seen: number[] = [];
    const a = e.event((v) => seen.push(v));
    e.event(() => {
      throw new Error('listener bug');
    });
    e.fire(1);
    a.dispose();
    e.fire(2);
    assert.deepEqual(seen, [1]);
    assert.equal(errors.length, 2, 'the throwing listener was reported, not rethrown');
    e.dispose();
    assert.equal(e.listenerCount, 0);
  });

  it('lineage: VMs reached from images directly, through disks and through snapshots', () => {
    const vm = (n: string): string => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${n}`;
    const disk = (n: string): string => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/${n}`;
    const snap = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/snapshots/s1`;
    const base = { subscriptionId: SUB, resourceGroup: 'rg', location: 'eastus', provisioningState: 'Succeeded', osType: 'Linux' as const, osState: 'Generalized' };
    const keys = referencedVmKeys(
      [
        { ...base, id: '/i1', name: 'i1', sources: [{ kind: 'vm', id: vm('A'), role: 'os' }] },
        { ...base, id: '/i2', name: 'i2', sources: [{ kind: 'disk', id: disk('d2'), role: 'os' }] },
        { ...base, id: '/i3', name: 'i3', sources: [{ kind: 'snapshot', id: snap, role: 'os' }] },
      ],
      [{ id: snap, sourceResourceId: disk('d3') }],
      [
        { id: disk('d2'), managedBy: vm('B') },
        { id: disk('d3'), managedBy: vm('C') },
        { id: disk('d4'), managedBy: vm('D') },
      ],
    );
    assert.deepEqual([...keys].map((k) => k.split('/').pop()).sort(), ['a', 'b', 'c']);
  });
});
