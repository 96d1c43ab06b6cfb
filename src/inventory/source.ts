// What the loader needs from Azure, as an interface: the real one wraps src/azure, tests may
// substitute fakes. Every method lists (all pages); none reads a single item.
import {
  listBatchAccounts,
  listBatchVmSkus,
  listDisks,
  listGalleries,
  listGalleryImageDefinitions,
  listGalleryImageVersions,
  listImages,
  listPools,
  listRegisteredProviders,
  listSnapshots,
  listSupportedImages,
  listVirtualMachines,
  listVmExtensions,
  type AzureClients,
  type BatchVmSku,
  type VirtualMachineListing,
} from '../azure';
import type {
  BatchAccount,
  Gallery,
  GalleryImageDefinition,
  GalleryImageVersion,
  LivePool,
  ManagedDisk,
  ManagedImage,
  Snapshot,
  Subscription,
  SupportedImage,
  VmExtension,
} from '../model';
import type { FreshResource } from '../azure/resourceRead';
import type { SubscriptionCategory } from './state';

export type SourceName = 'resourceGraph' | 'resourceManager';

/** Which source served a category of a subscription in the latest load, and when it answered. */
export interface CategoryProvenance {
  servedBy: SourceName;
  /** When the answer was produced (for Resource Graph: the index was at least this fresh). */
  at: string;
  /** Why Resource Graph was not used, when it was meant to be. */
  fallbackReason?: string;
}

/** What a load covers: the subscriptions and the categories it reads. */
export interface RunScope {
  subscriptionIds: readonly string[];
  categories: readonly SubscriptionCategory[];
}

/**
 * What a load hands its source: its scope, its signal, and the way to take a request slot. The
 * loader does not know how a source answers; the source calls `limit` around every request it
 * sends for the load, and not for answers that cost none (rows of a query it ran for the whole
 * run), so a subscription's own requests are never queued behind those.
 */
export interface RunContext extends RunScope {
  signal: AbortSignal;
  /**
   * Runs `task` (one request: a list with all its pages) holding one of the subscription's request
   * slots, queued by the category's priority (lists that start more lists go first).
   */
  limit<T>(subscriptionId: string, category: SubscriptionCategory, task: () => Promise<T>): Promise<T>;
}

/** The list calls of one load: one per category, per parent item where a category is listed per parent. */
export type InventoryReads = Pick<
  InventorySource,
  'listImages' | 'listSnapshots' | 'listDisks' | 'listVirtualMachines' | 'listGalleries' | 'listGalleryImageDefinitions' | 'listGalleryImageVersions' | 'listBatchAccounts' | 'listPools'
>;

export interface InventorySource {
  /**
   * Called when a load knows its scope, before its list calls: the list calls of the load. A
   * source that answers many subscriptions with one query (Azure Resource Graph) starts its
   * queries here and answers the load's list calls from them. Without it, the list calls below
   * are used, each holding a request slot (limitedReads).
   */
  beginRun?(run: RunContext): InventoryReads;
  /** Which source served each category of the subscription in the latest load. */
  describe?(subscriptionId: string): ReadonlyMap<SubscriptionCategory, CategoryProvenance>;
  /** A fresh read of one resource (undefined: Azure says it does not exist). */
  getResource?(id: string, signal: AbortSignal): Promise<FreshResource | undefined>;
  listSubscriptions(signal: AbortSignal): Promise<Subscription[]>;
  listRegisteredProviders(subscriptionId: string, signal: AbortSignal): Promise<string[]>;
  listImages(subscriptionId: string, signal: AbortSignal): Promise<ManagedImage[]>;
  listSnapshots(subscriptionId: string, signal: AbortSignal): Promise<Snapshot[]>;
  listDisks(subscriptionId: string, signal: AbortSignal): Promise<ManagedDisk[]>;
  listVirtualMachines(subscriptionId: string, signal: AbortSignal): Promise<VirtualMachineListing>;
  listVmExtensions(vmId: string, signal: AbortSignal): Promise<VmExtension[]>;
  listGalleries(subscriptionId: string, signal: AbortSignal): Promise<Gallery[]>;
  listGalleryImageDefinitions(galleryId: string, signal: AbortSignal): Promise<GalleryImageDefinition[]>;
  listGalleryImageVersions(definitionId: string, signal: AbortSignal): Promise<GalleryImageVersion[]>;
  listBatchAccounts(subscriptionId: string, signal: AbortSignal): Promise<BatchAccount[]>;
  listPools(accountId: string, signal: AbortSignal): Promise<LivePool[]>;
  listSupportedImages(account: BatchAccount, signal: AbortSignal): Promise<SupportedImage[]>;
  listBatchVmSkus(subscriptionId: string, location: string, signal: AbortSignal): Promise<BatchVmSku[]>;
}

/** The list calls of a load: the source's own (beginRun), or its plain list calls each holding a request slot. */
export function runReads(source: InventorySource, run: RunContext): InventoryReads {
  return source.beginRun?.(run) ?? limitedReads(source, run);
}

/** The subscription segment of an id (`id.split('/')[2]`, without splitting the whole id: a load asks this of every row). */
export function subOf(id: string): string {
  const first = id.indexOf('/');
  if (first < 0) return '';
  const second = id.indexOf('/', first + 1);
  if (second < 0) return '';
  const third = id.indexOf('/', second + 1);
  return id.slice(second + 1, third < 0 ? undefined : third);
}

/** A source's list calls, each taking a request slot of the subscription it is about. */
export function limitedReads(source: InventorySource, run: RunContext): InventoryReads {
  return {
    listImages: (id, signal) => run.limit(id, 'images', () => source.listImages(id, signal)),
    listSnapshots: (id, signal) => run.limit(id, 'snapshots', () => source.listSnapshots(id, signal)),
    listDisks: (id, signal) => run.limit(id, 'disks', () => source.listDisks(id, signal)),
    listVirtualMachines: (id, signal) => run.limit(id, 'virtualMachines', () => source.listVirtualMachines(id, signal)),
    listGalleries: (id, signal) => run.limit(id, 'galleries', () => source.listGalleries(id, signal)),
    listGalleryImageDefinitions: (id, signal) => run.limit(subOf(id), 'galleryImageDefinitions', () => source.listGalleryImageDefinitions(id, signal)),
    listGalleryImageVersions: (id, signal) => run.limit(subOf(id), 'galleryImageVersions', () => source.listGalleryImageVersions(id, signal)),
    listBatchAccounts: (id, signal) => run.limit(id, 'batchAccounts', () => source.listBatchAccounts(id, signal)),
    listPools: (id, signal) => run.limit(subOf(id), 'pools', () => source.listPools(id, signal)),
  };
}

/** The source backed by Azure through src/azure. */
export function azureInventorySource(clients: AzureClients): InventorySource {
  return {
    async listSubscriptions(signal) {
      const subs = await clients.connection.listSubscriptions(signal);
      for (const s of subs) if (s.tenantId) clients.rememberTenant(s.subscriptionId, s.tenantId);
      return subs;
    },
    listRegisteredProviders: (sub, signal) => listRegisteredProviders(clients, sub, signal),
    listImages: (sub, signal) => listImages(clients, sub, signal),
    listSnapshots: (sub, signal) => listSnapshots(clients, sub, signal),
    listDisks: (sub, signal) => listDisks(clients, sub, signal),
    listVirtualMachines: (sub, signal) => listVirtualMachines(clients, sub, signal),
    listVmExtensions: (vmId, signal) => listVmExtensions(clients, vmId, signal),
    listGalleries: (sub, signal) => listGalleries(clients, sub, signal),
    listGalleryImageDefinitions: (id, signal) => listGalleryImageDefinitions(clients, id, signal),
    listGalleryImageVersions: (id, signal) => listGalleryImageVersions(clients, id, signal),
    listBatchAccounts: (sub, signal) => listBatchAccounts(clients, sub, signal),
    listPools: (id, signal) => listPools(clients, id, signal),
    listSupportedImages: (account, signal) => listSupportedImages(clients, account, signal),
    listBatchVmSkus: (sub, location, signal) => listBatchVmSkus(clients, sub, location, signal),
  };
}
