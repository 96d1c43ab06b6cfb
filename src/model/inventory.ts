// The inventory: everything the signed-in subscriptions hold that the rules need, as plain
// serialisable data (InventorySnapshot), plus lookup indexes built once (Inventory) so rules
// never scan lists.
import { armIdKey, parseArmId } from './armId';
import type { BatchAccount, LivePool } from './batch';
import type { ImageSource, ManagedDisk, ManagedImage, Snapshot, VirtualMachine } from './compute';
import type { Gallery, GalleryImageDefinition, GalleryImageVersion } from './gallery';
import { parseImageId } from './imageId';
import { normalizeRegion } from './region';
import type { Subscription } from './subscription';
import { compareVersionNames } from './version';

export const INVENTORY_FORMAT_VERSION = 1;

/** Every category the inventory loads, in load and display order. */
export const INVENTORY_CATEGORIES = [
  'subscriptions',
  'images',
  'snapshots',
  'disks',
  'virtualMachines',
  'galleries',
  'galleryImageDefinitions',
  'galleryImageVersions',
  'batchAccounts',
  'pools',
] as const;

export type InventoryCategory = (typeof INVENTORY_CATEGORIES)[number];

/** A category that failed to load (for one subscription, or everywhere when subscriptionId is absent). */
export interface InventoryLoadError {
  category: InventoryCategory;
  subscriptionId?: string;
  message: string;
  code?: string;
}

export interface InventorySnapshot {
  formatVersion: number;
  /** ISO timestamp of the load. */
  loadedAt?: string;
  subscriptions: Subscription[];
  images: ManagedImage[];
  snapshots: Snapshot[];
  disks: ManagedDisk[];
  virtualMachines: VirtualMachine[];
  galleries: Gallery[];
  galleryImageDefinitions: GalleryImageDefinition[];
  galleryImageVersions: GalleryImageVersion[];
  batchAccounts: BatchAccount[];
  pools: LivePool[];
  errors: InventoryLoadError[];
}

/**
 * `present`: found in the inventory. `deleted`: its subscription and category were loaded
 * without error and it is not there. `unknown`: we cannot tell (other subscription, failed
 * load, blob URIs).
 */
export type Existence = 'present' | 'deleted' | 'unknown';

export interface ImageSourceStatus {
  source: ImageSource;
  existence: Existence;
}

export interface Inventory {
  readonly snapshot: InventorySnapshot;
  readonly subscriptionsById: ReadonlyMap<string, Subscription>;
  readonly imagesById: ReadonlyMap<string, ManagedImage>;
  readonly snapshotsById: ReadonlyMap<string, Snapshot>;
  readonly disksById: ReadonlyMap<string, ManagedDisk>;
  readonly virtualMachinesById: ReadonlyMap<string, VirtualMachine>;
  readonly galleriesById: ReadonlyMap<string, Gallery>;
  readonly definitionsById: ReadonlyMap<string, GalleryImageDefinition>;
  readonly versionsById: ReadonlyMap<string, GalleryImageVersion>;
  readonly accountsById: ReadonlyMap<string, BatchAccount>;
  readonly poolsById: ReadonlyMap<string, LivePool>;

  /** Subscription by bare guid (case-insensitive). */
  subscription(subscriptionId: string): Subscription | undefined;
  /** Account by ARM id. */
  account(accountId: string): BatchAccount | undefined;
  /** Pools whose imageId is exactly this id (managed image, definition or version). */
  poolsByImageId(imageId: string): readonly LivePool[];
  /** Pools of an account. */
  poolsOfAccount(accountId: string): readonly LivePool[];
  /** Pools using a gallery version: those naming it, plus those naming its definition while it is the latest. */
  poolsUsingVersion(versionId: string): readonly LivePool[];
  /** Pools naming the definition or any of its versions. */
  poolsUsingDefinition(definitionId: string): readonly LivePool[];
  /** Managed images that use the snapshot (as OS or data disk). */
  imagesBySnapshot(snapshotId: string): readonly ManagedImage[];
  /** Other managed images with the same OS-disk snapshot (excluding the image itself). */
  imagesSharingOsSnapshot(imageId: string): readonly ManagedImage[];
  /** The image's backing resources with their existence. */
  imageSources(imageId: string): readonly ImageSourceStatus[];
  /** Existence of any ARM resource of a category the inventory loads. */
  existence(resourceId: string): Existence;
  /** Versions of a definition, sorted ascending by version name. */
  versionsOfDefinition(definitionId: string): readonly GalleryImageVersion[];
  /** Highest version not excluded from latest (what a pool naming the definition gets). */
  latestVersion(definitionId: string): GalleryImageVersion | undefined;
  /** Managed images whose sources include this id (snapshot, disk or VM). */
  imagesBySource(sourceId: string): readonly ManagedImage[];
  /** Managed images located in a region (any spelling: `East US` or `eastus`). */
  imagesInRegion(region: string): readonly ManagedImage[];
  /** Gallery image versions with a target region (replica) in the region. */
  versionsReplicatedTo(region: string): readonly GalleryImageVersion[];
  /** Definition of a version or definition id (undefined when not loaded). */
  definitionOf(imageId: string): GalleryImageDefinition | undefined;
  /** The VM a managed disk belongs to: the disk's managedBy, or a VM listing it as OS / data disk. */
  virtualMachineOfDisk(diskId: string): VirtualMachine | undefined;
  /** Any loaded resource by id (case-insensitive), with its category. */
  resource(id: string): InventoryResource | undefined;
}

export type InventoryResource =
  | { category: 'subscriptions'; resource: Subscription }
  | { category: 'images'; resource: ManagedImage }
  | { category: 'snapshots'; resource: Snapshot }
  | { category: 'disks'; resource: ManagedDisk }
  | { category: 'virtualMachines'; resource: VirtualMachine }
  | { category: 'galleries'; resource: Gallery }
  | { category: 'galleryImageDefinitions'; resource: GalleryImageDefinition }
  | { category: 'galleryImageVersions'; resource: GalleryImageVersion }
  | { category: 'batchAccounts'; resource: BatchAccount }
  | { category: 'pools'; resource: LivePool };

export function emptyInventorySnapshot(): InventorySnapshot {
  return {
    formatVersion: INVENTORY_FORMAT_VERSION,
    subscriptions: [],
    images: [],
    snapshots: [],
    disks: [],
    virtualMachines: [],
    galleries: [],
    galleryImageDefinitions: [],
    galleryImageVersions: [],
    batchAccounts: [],
    pools: [],
    errors: [],
  };
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const item of items) m.set(armIdKey(item.id), item);
  return m;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const NONE: readonly never[] = Object.freeze([]);

/** Category in which a resource type is loaded, for existence checks. */
function categoryOfType(type: string): InventoryCategory | undefined {
  switch (type) {
    case 'microsoft.compute/images':
      return 'images';
    case 'microsoft.compute/snapshots':
      return 'snapshots';
    case 'microsoft.compute/disks':
      return 'disks';
    case 'microsoft.compute/virtualmachines':
      return 'virtualMachines';
    case 'microsoft.compute/galleries':
      return 'galleries';
    case 'microsoft.compute/galleries/images':
      return 'galleryImageDefinitions';
    case 'microsoft.compute/galleries/images/versions':
      return 'galleryImageVersions';
    case 'microsoft.batch/batchaccounts':
      return 'batchAccounts';
    case 'microsoft.batch/batchaccounts/pools':
      return 'pools';
    default:
      return undefined;
  }
}

/** A value built on first use and kept (indexes nobody asks for cost nothing). */
function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T | undefined;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/**
 * Builds the indexes. Pure; each index is built on first use (O(its items)) and kept: a load
 * hands out a new Inventory on every change, and most changes are read by a tree that looks at a
 * few categories, not by every rule.
 */
export function indexInventory(snapshot: InventorySnapshot, options: { eager?: boolean } = {}): Inventory {
  const subscriptionsByGuid = lazy(() => {
    const m = new Map<string, Subscription>();
    for (const s of snapshot.subscriptions) m.set(s.subscriptionId.toLowerCase(), s);
    return m;
  });
  const subscriptionsById = lazy(() => byId(snapshot.subscriptions));
  const imagesById = lazy(() => byId(snapshot.images));
  const snapshotsById = lazy(() => byId(snapshot.snapshots));
  const disksById = lazy(() => byId(snapshot.disks));
  const virtualMachinesById = lazy(() => byId(snapshot.virtualMachines));
  const galleriesById = lazy(() => byId(snapshot.galleries));
  const definitionsById = lazy(() => byId(snapshot.galleryImageDefinitions));
  const versionsById = lazy(() => byId(snapshot.galleryImageVersions));
  const accountsById = lazy(() => byId(snapshot.batchAccounts));
  const poolsById = lazy(() => byId(snapshot.pools));

  // Failed loads: "category|sub" or "category|*" for all subscriptions.
  const failed = lazy(() => {
    const set = new Set<string>();
    for (const e of snapshot.errors) set.add(`${e.category}|${e.subscriptionId?.toLowerCase() ?? '*'}`);
    return set;
  });

  const poolIndexes = lazy(() => {
    const byImage = new Map<string, LivePool[]>();
    const byDefinition = new Map<string, LivePool[]>();
    const byAccount = new Map<string, LivePool[]>();
    for (const pool of snapshot.pools) {
      push(byAccount, armIdKey(pool.accountId), pool);
      if (!pool.imageId) continue;
      push(byImage, armIdKey(pool.imageId), pool);
      const info = parseImageId(pool.imageId);
      if (info?.definitionId) push(byDefinition, armIdKey(info.definitionId), pool);
    }
    return { byImage, byDefinition, byAccount };
  });

  const imageSourceIndexes = lazy(() => {
    const bySnapshot = new Map<string, ManagedImage[]>();
    const byOsSnapshot = new Map<string, ManagedImage[]>();
    const bySource = new Map<string, ManagedImage[]>();
    for (const image of snapshot.images) {
      for (const src of image.sources) {
        if (!src.id) continue;
        const key = armIdKey(src.id);
        push(bySource, key, image);
        if (src.kind === 'snapshot') {
          push(bySnapshot, key, image);
          if (src.role === 'os') push(byOsSnapshot, key, image);
        }
      }
    }
    return { bySnapshot, byOsSnapshot, bySource };
  });

  const versionsByDefinition = lazy(() => {
    const m = new Map<string, GalleryImageVersion[]>();
    for (const v of snapshot.galleryImageVersions) push(m, armIdKey(v.definitionId), v);
    for (const list of m.values()) list.sort((a, b) => compareVersionNames(a.name, b.name));
    return m;
  });

  const latestByDefinition = lazy(() => {
    const m = new Map<string, GalleryImageVersion>();
    for (const [key, list] of versionsByDefinition()) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (!list[i].excludeFromLatest) {
          m.set(key, list[i]);
          break;
        }
      }
    }
    return m;
  });

  const imagesByRegion = lazy(() => {
    const m = new Map<string, ManagedImage[]>();
    for (const image of snapshot.images) push(m, normalizeRegion(image.location), image);
    return m;
  });
  const versionsByRegion = lazy(() => {
    const m = new Map<string, GalleryImageVersion[]>();
    for (const v of snapshot.galleryImageVersions) {
      const seen = new Set<string>();
      for (const r of v.targetRegions) {
        const region = normalizeRegion(r.name);
        if (seen.has(region)) continue;
        seen.add(region);
        push(m, region, v);
      }
    }
    return m;
  });

  const vmByDisk = lazy(() => {
    const m = new Map<string, VirtualMachine>();
    for (const vm of snapshot.virtualMachines) {
      if (vm.osDiskId) m.set(armIdKey(vm.osDiskId), vm);
      for (const d of vm.dataDiskIds) m.set(armIdKey(d), vm);
    }
    return m;
  });

  const loadedSubscriptions = lazy(() => new Set(snapshot.subscriptions.map((s) => s.subscriptionId.toLowerCase())));

  const mapOf = (category: InventoryCategory): ReadonlyMap<string, unknown> => {
    switch (category) {
      case 'subscriptions': return subscriptionsById();
      case 'images': return imagesById();
      case 'snapshots': return snapshotsById();
      case 'disks': return disksById();
      case 'virtualMachines': return virtualMachinesById();
      case 'galleries': return galleriesById();
      case 'galleryImageDefinitions': return definitionsById();
      case 'galleryImageVersions': return versionsById();
      case 'batchAccounts': return accountsById();
      case 'pools': return poolsById();
    }
  };

  // Rules ask about the same few sources for many pools; answers do not change for an index.
  const existenceCache = new Map<string, Existence>();
  function existence(resourceId: string): Existence {
    const cacheKey = armIdKey(resourceId);
    let answer = existenceCache.get(cacheKey);
    if (answer === undefined) {
      answer = computeExistence(resourceId);
      existenceCache.set(cacheKey, answer);
    }
    return answer;
  }

  function computeExistence(resourceId: string): Existence {
    const p = parseArmId(resourceId);
    if (!p) return 'unknown';
    const category = categoryOfType(p.type.toLowerCase());
    if (!category) return 'unknown';
    if (mapOf(category).has(armIdKey(resourceId))) return 'present';
    const sub = p.subscriptionId.toLowerCase();
    if (!loadedSubscriptions().has(sub)) return 'unknown';
    if (failed().has(`${category}|${sub}`) || failed().has(`${category}|*`)) return 'unknown';
    return 'deleted';
  }

  const get = <T>(m: Map<string, T[]>, id: string): readonly T[] => m.get(armIdKey(id)) ?? NONE;

  if (options.eager) {
    // Every index now (a heap measurement wants them all).
    for (const build of [subscriptionsByGuid, subscriptionsById, imagesById, snapshotsById, disksById, virtualMachinesById, galleriesById, definitionsById, versionsById, accountsById, poolsById, failed, poolIndexes, imageSourceIndexes, latestByDefinition, imagesByRegion, versionsByRegion, vmByDisk, loadedSubscriptions]) build();
  }

  const inventory: Inventory = {
    snapshot,
    get subscriptionsById() { return subscriptionsById(); },
    get imagesById() { return imagesById(); },
    get snapshotsById() { return snapshotsById(); },
    get disksById() { return disksById(); },
    get virtualMachinesById() { return virtualMachinesById(); },
    get galleriesById() { return galleriesById(); },
    get definitionsById() { return definitionsById(); },
    get versionsById() { return versionsById(); },
    get accountsById() { return accountsById(); },
    get poolsById() { return poolsById(); },
    subscription: (guid) => subscriptionsByGuid().get(guid.toLowerCase()),
    account: (id) => accountsById().get(armIdKey(id)),
    poolsByImageId: (id) => get(poolIndexes().byImage, id),
    poolsOfAccount: (id) => get(poolIndexes().byAccount, id),
    poolsUsingDefinition: (id) => get(poolIndexes().byDefinition, id),
    poolsUsingVersion(versionId) {
      const direct = get(poolIndexes().byImage, versionId);
      const info = parseImageId(versionId);
      if (!info?.definitionId) return direct;
      const latest = latestByDefinition().get(armIdKey(info.definitionId));
      if (!latest || armIdKey(latest.id) !== armIdKey(versionId)) return direct;
      const viaDefinition = get(poolIndexes().byImage, info.definitionId);
      return viaDefinition.length === 0 ? direct : [...direct, ...viaDefinition];
    },
    imagesBySnapshot: (id) => get(imageSourceIndexes().bySnapshot, id),
    imagesBySource: (id) => get(imageSourceIndexes().bySource, id),
    imagesSharingOsSnapshot(imageId) {
      const image = imagesById().get(armIdKey(imageId));
      if (!image) return NONE;
      const os = image.sources.find((s) => s.role === 'os' && s.kind === 'snapshot' && s.id);
      if (!os?.id) return NONE;
      const key = armIdKey(image.id);
      return get(imageSourceIndexes().byOsSnapshot, os.id).filter((i) => armIdKey(i.id) !== key);
    },
    imageSources(imageId) {
      const image = imagesById().get(armIdKey(imageId));
      if (!image) return NONE;
      return image.sources.map((source) => ({
        source,
        existence: source.id ? existence(source.id) : 'unknown',
      }));
    },
    existence,
    versionsOfDefinition: (id) => get(versionsByDefinition(), id),
    latestVersion: (id) => latestByDefinition().get(armIdKey(id)),
    imagesInRegion: (region) => imagesByRegion().get(normalizeRegion(region)) ?? NONE,
    versionsReplicatedTo: (region) => versionsByRegion().get(normalizeRegion(region)) ?? NONE,
    virtualMachineOfDisk(diskId) {
      const key = armIdKey(diskId);
      const managedBy = disksById().get(key)?.managedBy;
      return (managedBy ? virtualMachinesById().get(armIdKey(managedBy)) : undefined) ?? vmByDisk().get(key);
    },
    resource(id) {
      const key = armIdKey(id);
      const category = categoryOfType(parseArmId(id)?.type.toLowerCase() ?? '') ?? (key.split('/').length === 3 ? 'subscriptions' : undefined);
      if (!category) return undefined;
      const resource = mapOf(category).get(key);
      // The map of a category holds that category's resources (mapOf), so the pair is consistent.
      return resource === undefined ? undefined : ({ category, resource } as InventoryResource);
    },
    definitionOf(imageId) {
      const info = parseImageId(imageId);
      return info?.definitionId ? definitionsById().get(armIdKey(info.definitionId)) : undefined;
    },
  };
  return inventory;
}

/** An empty, indexed inventory (no subscriptions loaded: every existence is `unknown`). */
export function emptyInventory(): Inventory {
  return indexInventory(emptyInventorySnapshot());
}
