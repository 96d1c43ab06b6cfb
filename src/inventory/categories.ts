// The categories a subscription's load walks, as a table: what each lists, the category it is
// listed per item of (galleries -> definitions -> versions, accounts -> pools), where its answer is
// kept in SubscriptionState, and the priority of its requests. The loader walks this table with
// generic code: adding a category is an entry here (and its items' type in state.ts).
import { armIdKey } from '../model';
import type { LivePool } from '../model';
import type { VirtualMachineListing } from '../azure';
import { PARENT_LIST } from './requestLimits';
import type { InventoryReads } from './source';
import { SUBSCRIPTION_CATEGORIES, type CategoryItems, type SubscriptionCategory, type SubscriptionState } from './state';

/** What storing an answer may need to know about other loads. */
export interface StoreContext {
  /** True when one parent item's list was loaded alone (a scoped refresh) after this load began: that one is newer. */
  newerAlone(parentKey: string): boolean;
}

export interface CategorySpec {
  /** Listed once per item of this category (after its list is in); absent: once per subscription. */
  readonly parent?: SubscriptionCategory;
  /** Priority of its requests: PARENT_LIST when its answer starts more lists (they go first). */
  readonly priority: number;
  /** The extension's own writes and fresh reads stand in for it until a load agrees (overlay.ts). */
  readonly overlaid: boolean;
  /** One list call: of the subscription (its id), or of one parent item (the item's id). */
  list(reads: InventoryReads, id: string, signal: AbortSignal): Promise<unknown>;
  /** Keeps a load's answer: the list, or for a category listed per parent, the lists by parent key. */
  store(s: SubscriptionState, answer: unknown, context: StoreContext): void;
  /** Keeps one parent item's list, loaded alone; only categories kept per parent item have it. */
  storeOne?(s: SubscriptionState, parentKey: string, list: unknown): void;
  /** The items held now (undefined: never loaded): what the overlay reconciles, and what dependants are listed per. */
  items(s: SubscriptionState): readonly { id: string }[] | undefined;
}

type ListKey = keyof CategoryItems;
type Items<K extends ListKey> = NonNullable<CategoryItems[K]>;

/** A category listed once per subscription, kept as one list. */
function perSubscription<K extends ListKey>(key: K, spec: { priority?: number; overlaid: boolean; list(reads: InventoryReads, id: string, signal: AbortSignal): Promise<Items<K>>; also?(s: SubscriptionState, value: Items<K>): void }): CategorySpec {
  return {
    priority: spec.priority ?? 0,
    overlaid: spec.overlaid,
    list: spec.list,
    store(s, answer) {
      s.items[key] = answer as Items<K>;
      spec.also?.(s, answer as Items<K>);
    },
    items: (s) => s.items[key],
  };
}

/** A category listed once per item of `parent`, kept as one list (a failed parent's items are dropped). */
function perParent<K extends ListKey>(key: K, parent: SubscriptionCategory, spec: { priority?: number; overlaid: boolean; list(reads: InventoryReads, id: string, signal: AbortSignal): Promise<Items<K>> }): CategorySpec {
  return {
    parent,
    priority: spec.priority ?? 0,
    overlaid: spec.overlaid,
    list: spec.list,
    store(s, answer) {
      s.items[key] = [...(answer as Map<string, Items<K>>).values()].flat() as Items<K>;
    },
    items: (s) => s.items[key],
  };
}

export const CATEGORIES: Readonly<Record<SubscriptionCategory, CategorySpec>> = {
  images: perSubscription('images', { overlaid: true, list: (reads, id, signal) => reads.listImages(id, signal) }),
  snapshots: perSubscription('snapshots', { overlaid: true, list: (reads, id, signal) => reads.listSnapshots(id, signal) }),
  disks: perSubscription('disks', { overlaid: true, list: (reads, id, signal) => reads.listDisks(id, signal) }),
  virtualMachines: {
    priority: 0,
    overlaid: false,
    list: (reads, id, signal) => reads.listVirtualMachines(id, signal),
    store(s, answer) {
      const listing = answer as VirtualMachineListing;
      s.items.virtualMachines = listing.vms;
      s.extensionsUnknown = listing.extensionsUnknown;
      // Extensions looked up earlier stay valid only for VMs the new list still lacks them for.
      const unknown = new Set(listing.extensionsUnknown.map(armIdKey));
      for (const key of [...s.vmExtensions.keys()]) if (!unknown.has(key)) s.vmExtensions.delete(key);
    },
    items: (s) => s.items.virtualMachines,
  },
  galleries: perSubscription('galleries', { priority: PARENT_LIST, overlaid: true, list: (reads, id, signal) => reads.listGalleries(id, signal) }),
  galleryImageDefinitions: perParent('galleryImageDefinitions', 'galleries', { priority: PARENT_LIST, overlaid: true, list: (reads, id, signal) => reads.listGalleryImageDefinitions(id, signal) }),
  galleryImageVersions: perParent('galleryImageVersions', 'galleryImageDefinitions', { overlaid: true, list: (reads, id, signal) => reads.listGalleryImageVersions(id, signal) }),
  batchAccounts: perSubscription('batchAccounts', {
    priority: PARENT_LIST,
    overlaid: false,
    list: (reads, id, signal) => reads.listBatchAccounts(id, signal),
    also(s, accounts) {
      const keep = new Set(accounts.map((a) => armIdKey(a.id)));
      for (const key of [...s.supportedImages.keys()]) if (!keep.has(key)) s.supportedImages.delete(key);
    },
  }),
  // Kept per account, so one account's pools can be refreshed alone (after a pool write).
  pools: {
    parent: 'batchAccounts',
    priority: 0,
    overlaid: false,
    list: (reads, id, signal) => reads.listPools(id, signal),
    store(s, answer, context) {
      const byAccount = answer as Map<string, LivePool[]>;
      const next = new Map<string, LivePool[]>();
      for (const a of s.items.batchAccounts ?? []) {
        const key = armIdKey(a.id);
        const mine = byAccount.get(key);
        const kept = s.poolsByAccount?.get(key);
        if (context.newerAlone(key) && kept) next.set(key, kept);
        else if (mine) next.set(key, mine);
        else if (kept) next.set(key, kept); // this account's list failed: keep what we had
      }
      s.poolsByAccount = next;
    },
    storeOne(s, accountKey, list) {
      s.poolsByAccount ??= new Map();
      s.poolsByAccount.set(accountKey, list as LivePool[]);
    },
    items: (s) => (s.poolsByAccount ? [...s.poolsByAccount.values()].flat() : undefined),
  },
};

/**
 * The categories a load of `asked` reads for a subscription, parents first: those asked, and
 * dependants never loaded (a failed parent left them without items) under a chain the load walks.
 */
export function planCategories(asked: ReadonlySet<SubscriptionCategory>, hasData: (category: SubscriptionCategory) => boolean): Set<SubscriptionCategory> {
  const root = (c: SubscriptionCategory): SubscriptionCategory => {
    const parent = CATEGORIES[c].parent;
    return parent ? root(parent) : c;
  };
  const walkedRoots = new Set([...asked].map(root));
  return new Set(SUBSCRIPTION_CATEGORIES.filter((c) => asked.has(c) || (CATEGORIES[c].parent !== undefined && !hasData(c) && walkedRoots.has(root(c)))));
}
