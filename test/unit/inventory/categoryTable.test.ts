// The loader walks a table of categories (src/inventory/categories.ts) and leaves how a list is
// answered to the source: each entry drives a list call per subscription or per parent item and
// the state events of its category; every category a run loads reports `loading` at once; a
// source decides which of its answers take a request slot.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureError } from '../../../src/azure';
import { InventoryLoader, limitedReads, SUBSCRIPTION_CATEGORIES, type InventoryChange, type InventorySource, type SubscriptionCategory } from '../../../src/inventory';
import { CATEGORIES } from '../../../src/inventory/categories';
import type { GalleryImageVersion, ManagedDisk, ManagedImage, Snapshot } from '../../../src/model';
import { ACCOUNT_ID, account, deferred, definition, fakeSource, gallery, pool, SUB } from './fakeSource';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Lets the loader's promises settle until `done` holds (a bounded number of turns, so a regression fails instead of hanging). */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await tick();
  assert.ok(done(), what);
}
const rg = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute`;

function version(definitionId: string, name: string): GalleryImageVersion {
  return { id: `${definitionId}/versions/${name}`, definitionId, name, location: 'eastus', provisioningState: 'Succeeded', excludeFromLatest: false, targetRegions: [] };
}

function image(name: string): ManagedImage {
  return { id: `${rg}/images/${name}`, name, subscriptionId: SUB, resourceGroup: 'rg', location: 'eastus', provisioningState: 'Succeeded', osType: 'Linux', osState: 'Generalized', sources: [] };
}

const snapshot = (name: string): Snapshot => ({ id: `${rg}/snapshots/${name}`, name, location: 'eastus' });
const disk = (name: string): ManagedDisk => ({ id: `${rg}/disks/${name}`, location: 'eastus' });

/** A subscription with something in every category: one gallery with two definitions of one version each, one account with two pools. */
function fullSource(calls: string[], overrides: Partial<InventorySource> = {}): InventorySource {
  const record = <T>(method: string, id: string, value: T): Promise<T> => {
    calls.push(`${method} ${id}`);
    return Promise.resolve(value);
  };
  return fakeSource({
    listImages: (id) => record('listImages', id, [image('i1')]),
    listSnapshots: (id) => record('listSnapshots', id, [snapshot('s1')]),
    listDisks: (id) => record('listDisks', id, [disk('d1')]),
    listGalleries: (id) => record('listGalleries', id, [gallery('g')]),
    listGalleryImageDefinitions: (id) => record('listGalleryImageDefinitions', id, [definition('g', 'a'), definition('g', 'b')]),
    listGalleryImageVersions: (id) => record('listGalleryImageVersions', id, [version(id, '1.0.0')]),
    listBatchAccounts: (id) => record('listBatchAccounts', id, [account()]),
    listPools: (id) => record('listPools', id, [pool('p1'), pool('p2')]),
    ...overrides,
  });
}

/** The state kinds each category of SUB reported, in order. */
function kindsOf(changes: InventoryChange[]): Map<SubscriptionCategory, string[]> {
  const out = new Map<SubscriptionCategory, string[]>();
  for (const c of changes) {
    if (c.subscriptionId !== SUB || c.category === 'subscriptions') continue;
    const list = out.get(c.category) ?? [];
    list.push(c.state.kind);
    out.set(c.category, list);
  }
  return out;
}

describe('category table', () => {
  it('each entry is listed per subscription or once per item of its parent, stored, and reported loading then loaded', async () => {
    const calls: string[] = [];
    const loader = new InventoryLoader(fullSource(calls), { registeredProviders: false });
    const changes: InventoryChange[] = [];
    loader.onDidChange((c) => changes.push(c));
    await loader.refresh();
    const snap = loader.snapshot;
    assert.deepEqual(snap.errors, []);
    const listOf: Record<SubscriptionCategory, string> = {
      images: 'listImages',
      snapshots: 'listSnapshots',
      disks: 'listDisks',
      virtualMachines: 'listVirtualMachines',
      galleries: 'listGalleries',
      galleryImageDefinitions: 'listGalleryImageDefinitions',
      galleryImageVersions: 'listGalleryImageVersions',
      batchAccounts: 'listBatchAccounts',
      pools: 'listPools',
    };
    const itemsOf = snap as unknown as Record<SubscriptionCategory, readonly { id: string }[]>;
    for (const category of SUBSCRIPTION_CATEGORIES) {
      if (category === 'virtualMachines') continue; // the fake's VM list is not recorded
      const parent = CATEGORIES[category].parent;
      const expected = parent ? itemsOf[parent].map((p) => p.id) : [SUB];
      const made = calls.filter((c) => c.startsWith(`${listOf[category]} `)).map((c) => c.slice(listOf[category].length + 1));
      assert.deepEqual(made.sort(), [...expected].sort(), `${category}: one list ${parent ? `per ${parent} item` : 'of the subscription'}`);
    }
    assert.equal(snap.galleryImageDefinitions.length, 2);
    assert.equal(snap.galleryImageVersions.length, 2, 'one version per definition');
    assert.deepEqual(loader.current.poolsOfAccount(ACCOUNT_ID).map((p) => p.name), ['p1', 'p2']);
    const kinds = kindsOf(changes);
    for (const category of SUBSCRIPTION_CATEGORIES) assert.deepEqual(kinds.get(category), ['loading', 'loaded'], category);
    loader.dispose();
  });

  it('every category a run loads reports loading at once, dependants included, before any parent list answers', async () => {
    const galleries = deferred<ReturnType<typeof gallery>[]>();
    const accounts = deferred<ReturnType<typeof account>[]>();
    const calls: string[] = [];
    const loader = new InventoryLoader(
      fullSource(calls, { listGalleries: () => galleries.promise, listBatchAccounts: () => accounts.promise }),
      { registeredProviders: false },
    );
    const changes: InventoryChange[] = [];
    loader.onDidChange((c) => changes.push(c));
    const load = loader.refresh();
    await until(() => changes.some((c) => c.category === 'pools'), 'pools reported before the account list answered');
    const atStart = kindsOf(changes);
    for (const category of ['galleries', 'galleryImageDefinitions', 'galleryImageVersions', 'batchAccounts', 'pools'] as const) {
      assert.deepEqual(atStart.get(category), ['loading'], `${category}: one loading event at the start`);
    }
    assert.equal(loader.categoryState(SUB, 'pools').kind, 'loading');
    assert.ok(!calls.some((c) => c.startsWith('listGalleryImageDefinitions') || c.startsWith('listPools')), 'no dependant list before its parent list');
    galleries.resolve([gallery('g')]);
    accounts.resolve([account()]);
    await load;
    const kinds = kindsOf(changes);
    for (const category of SUBSCRIPTION_CATEGORIES) assert.deepEqual(kinds.get(category), ['loading', 'loaded'], category);
    loader.dispose();
  });

  it('a dependant marked loading at the start fails with ParentNotLoaded when its parent list fails', async () => {
    const loader = new InventoryLoader(
      fullSource([], {
        listGalleries: async () => {
          throw new AzureError({ code: 'AuthorizationFailed', message: 'No access.', status: 403 });
        },
      }),
      { registeredProviders: false },
    );
    const changes: InventoryChange[] = [];
    loader.onDidChange((c) => changes.push(c));
    await loader.refresh();
    const kinds = kindsOf(changes);
    for (const category of ['galleries', 'galleryImageDefinitions', 'galleryImageVersions'] as const) assert.deepEqual(kinds.get(category), ['loading', 'failed'], category);
    assert.deepEqual(
      loader.snapshot.errors.map((e) => [e.category, e.code]),
      [
        ['galleries', 'AuthorizationFailed'],
        ['galleryImageDefinitions', 'ParentNotLoaded'],
        ['galleryImageVersions', 'ParentNotLoaded'],
      ],
    );
    loader.dispose();
  });

  it('a scoped refresh loads what it asks, and dependants that were never loaded under it', async () => {
    let galleriesFail = true;
    const calls: string[] = [];
    const loader = new InventoryLoader(
      fullSource(calls, {
        listGalleries: async () => {
          calls.push('listGalleries');
          if (galleriesFail) throw new AzureError({ code: 'InternalServerError', message: 'Try again.', status: 500 });
          return [gallery('g')];
        },
      }),
      { registeredProviders: false },
    );
    await loader.refresh();
    assert.equal(loader.categoryState(SUB, 'galleryImageDefinitions').kind, 'failed');
    galleriesFail = false;
    calls.length = 0;
    await loader.refresh({ subscriptionId: SUB, categories: ['galleries'] });
    assert.deepEqual(loader.snapshot.errors, [], 'definitions and versions, never loaded, came with their parent');
    assert.equal(loader.snapshot.galleryImageVersions.length, 2);
    // Now that everything is held: galleries and versions again, the definitions kept.
    calls.length = 0;
    await loader.refresh({ subscriptionId: SUB, categories: ['galleries', 'galleryImageVersions'] });
    assert.deepEqual([...new Set(calls.map((c) => c.split(' ')[0]))].sort(), ['listGalleries', 'listGalleryImageVersions']);
    // Batch accounts alone: pools already held are kept, not listed again.
    calls.length = 0;
    await loader.refresh({ subscriptionId: SUB, categories: ['batchAccounts'] });
    assert.deepEqual(calls, [`listBatchAccounts ${SUB}`]);
    assert.equal(loader.snapshot.pools.length, 2);
    loader.dispose();
  });
});

describe('the source decides which answers take a request slot', () => {
  it('an answer from memory takes no slot and arrives while the subscription\'s only slot is busy; requests queue for it', async () => {
    const busy = deferred<Snapshot[]>();
    const inSlot: SubscriptionCategory[] = [];
    const base = fullSource([], { listSnapshots: () => busy.promise });
    const source: InventorySource = {
      ...base,
      // Like a source that ran one query for the whole load: images come from memory; every
      // other list is a request, holding a slot of the subscription's limit while it runs.
      beginRun(run) {
        const limited = limitedReads(base, {
          ...run,
          limit: (subscriptionId, category, task) =>
            run.limit(subscriptionId, category, () => {
              inSlot.push(category);
              return task();
            }),
        });
        return { ...limited, listImages: async () => [image('from-memory')] };
      },
    };
    const loader = new InventoryLoader(source, { concurrency: 1, registeredProviders: false });
    const load = loader.refresh();
    await until(() => loader.categoryState(SUB, 'images').kind === 'loaded', 'images answered from memory while the slot is busy');
    assert.deepEqual(loader.snapshot.images.map((i) => i.name), ['from-memory']);
    assert.deepEqual(inSlot, ['snapshots'], 'the one slot is held by the snapshot list; the answer from memory did not need it');
    for (const category of ['snapshots', 'disks', 'galleries', 'batchAccounts'] as const) assert.equal(loader.categoryState(SUB, category).kind, 'loading', `${category} waits for the slot`);
    busy.resolve([snapshot('s1')]);
    await load;
    assert.deepEqual(loader.snapshot.errors, []);
    assert.ok(!inSlot.includes('images'));
    for (const category of SUBSCRIPTION_CATEGORIES.filter((c) => c !== 'images')) assert.ok(inSlot.includes(category), `${category} took a slot`);
    loader.dispose();
  });
});
