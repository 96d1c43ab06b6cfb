// The inventory source for the signed-in connection: each category from the source that costs
// least, behind the same InventorySource interface the loader always uses.
//
// Azure Resource Graph answers a category for every subscription at once (groups of 300, pages of
// 1,000) where Resource Manager needs a list per subscription, per gallery and per definition.
// A run starts its Resource Graph queries side by side as soon as it knows its subscriptions
// (beginRun); each list call of the loader is then answered from those rows. Where Resource
// Graph is missing, refused, throttled past a bound, truncated, or would spend more of the quota
// than a category is worth, the same call is answered by Resource Manager — with no loss of
// data, just more requests. Pools, VMs, disks, supported images and everything a write or a
// rule's exact check needs stay on Resource Manager.
import * as l10n from '@vscode/l10n';
import {
  armIdKey,
  parentArmId,
  type BatchAccount,
  type Gallery,
  type GalleryImageDefinition,
  type GalleryImageVersion,
  type ManagedImage,
  type Snapshot,
} from '../model';
import type { AzureClients } from '../azure/clients';
import { toAzureError } from '../azure/errors';
import { graphMappers, GRAPH_TYPES, type GraphCategory } from '../azure/graphMappers';
import { isGraphFallbackError, isGraphUnavailable, ResourceGraphClient, type GraphRow } from '../azure/resourceGraph';
import { buildInventoryQuery, READABLE_SUBSCRIPTIONS_QUERY } from '../azure/resourceGraphQuery';
import type { FreshResource } from '../azure/resourceRead';
import { readFresh } from '../azure/readFresh';
import { azureInventorySource, limitedReads, type CategoryProvenance, type InventoryReads, type InventorySource, type RunContext } from './source';
import type { SubscriptionCategory } from './state';

/** `azureBatchImages.inventory.source`. */
export type InventorySourceSetting = 'auto' | 'resourceManager';

export type { CategoryProvenance, SourceName } from './source';

/**
 * The categories Resource Graph serves in `auto`, and how their rows are grouped for the
 * loader's list calls. `fanOut`: Resource Manager needs a request per parent (always worth
 * the quota); the others are one paged list per subscription there, so Resource Graph serves
 * them only while the quota affords all their pages (decided from the first page's totalRecords).
 */
const GRAPH_PLAN: Record<'images' | 'snapshots' | 'galleries' | 'galleryImageDefinitions' | 'galleryImageVersions' | 'batchAccounts', { groupBy: 'subscription' | 'parent'; fanOut: boolean }> = {
  images: { groupBy: 'subscription', fanOut: false },
  snapshots: { groupBy: 'subscription', fanOut: false },
  galleries: { groupBy: 'subscription', fanOut: false },
  galleryImageDefinitions: { groupBy: 'parent', fanOut: true },
  galleryImageVersions: { groupBy: 'parent', fanOut: true },
  batchAccounts: { groupBy: 'subscription', fanOut: false },
};
type PlannedCategory = keyof typeof GRAPH_PLAN;

interface Grouped<T> {
  byKey: Map<string, T[]>;
  answeredAt: string;
}

export interface ConnectionSourceOptions {
  setting?: InventorySourceSetting;
  /** Longest a Resource Graph query waits for the quota before its category falls back (default 10 s). */
  maxThrottleWaitMs?: number;
}

export class ConnectionInventorySource implements InventorySource {
  private readonly arm: InventorySource;
  private readonly graph: ResourceGraphClient;
  private graphUnavailable?: string;
  private readonly provenance = new Map<string, Map<SubscriptionCategory, CategoryProvenance>>();

  constructor(
    private readonly clients: AzureClients,
    private readonly options: ConnectionSourceOptions = {},
  ) {
    this.arm = azureInventorySource(clients);
    this.graph = new ResourceGraphClient(clients, { maxThrottleWaitMs: options.maxThrottleWaitMs });
  }

  // Everything not served from an index goes straight to Resource Manager.
  listSubscriptions = (signal: AbortSignal) => this.arm.listSubscriptions(signal);
  listRegisteredProviders = (sub: string, signal: AbortSignal) => this.arm.listRegisteredProviders(sub, signal);
  listImages = (sub: string, signal: AbortSignal) => this.served(sub, 'images', () => this.arm.listImages(sub, signal));
  listSnapshots = (sub: string, signal: AbortSignal) => this.served(sub, 'snapshots', () => this.arm.listSnapshots(sub, signal));
  listDisks = (sub: string, signal: AbortSignal) => this.served(sub, 'disks', () => this.arm.listDisks(sub, signal));
  listVirtualMachines = (sub: string, signal: AbortSignal) => this.served(sub, 'virtualMachines', () => this.arm.listVirtualMachines(sub, signal));
  listVmExtensions = (vmId: string, signal: AbortSignal) => this.arm.listVmExtensions(vmId, signal);
  listGalleries = (sub: string, signal: AbortSignal) => this.served(sub, 'galleries', () => this.arm.listGalleries(sub, signal));
  listGalleryImageDefinitions = (id: string, signal: AbortSignal) => this.served(subOf(id), 'galleryImageDefinitions', () => this.arm.listGalleryImageDefinitions(id, signal));
  listGalleryImageVersions = (id: string, signal: AbortSignal) => this.served(subOf(id), 'galleryImageVersions', () => this.arm.listGalleryImageVersions(id, signal));
  listBatchAccounts = (sub: string, signal: AbortSignal) => this.served(sub, 'batchAccounts', () => this.arm.listBatchAccounts(sub, signal));
  listPools = (id: string, signal: AbortSignal) => this.served(subOf(id), 'pools', () => this.arm.listPools(id, signal));
  listSupportedImages = (account: BatchAccount, signal: AbortSignal) => this.arm.listSupportedImages(account, signal);
  listBatchVmSkus = (sub: string, location: string, signal: AbortSignal) => this.arm.listBatchVmSkus(sub, location, signal);

  /** A fresh read (never the index): the same helper every guard and write uses. */
  getResource(id: string, signal: AbortSignal): Promise<FreshResource | undefined> {
    return readFresh(this.clients, { resource: id }, signal);
  }

  /** Which source served each category of the subscription in the latest load. */
  describe(subscriptionId: string): ReadonlyMap<SubscriptionCategory, CategoryProvenance> {
    return this.provenance.get(subscriptionId.toLowerCase()) ?? new Map();
  }

  beginRun(run: RunContext): InventoryReads {
    // What Resource Graph does not answer goes to Resource Manager, each request holding a slot.
    const arm = limitedReads(this, run);
    if (this.options.setting === 'resourceManager' || this.graphUnavailable || run.subscriptionIds.length === 0) return arm;
    const planned = (Object.keys(GRAPH_PLAN) as PlannedCategory[]).filter((c) => run.categories.includes(c));
    if (planned.length === 0) return arm;
    const signal = run.signal;
    const queries = new Map<PlannedCategory, Promise<Grouped<unknown>>>();
    // Which subscriptions Resource Graph can read at all: their categories are served from it,
    // the others (left out of answers without a word) from Resource Manager.
    const readable = this.readableSubscriptions(run.subscriptionIds, signal);
    void readable.catch(() => undefined); // each list call reports the failure it sees
    for (const category of planned) {
      const p = this.query(category, run.subscriptionIds, signal);
      void p.catch(() => undefined); // each list call reports the failure it sees
      queries.set(category, p);
    }
    // Rows of a query already run cost no request: only a fallback to Resource Manager takes a slot.
    const fromGraph = <T>(category: PlannedCategory, key: string, subscriptionId: string, fallback: () => Promise<T[]>) =>
      this.fromGraph(queries.get(category) as Promise<Grouped<T>> | undefined, readable, category, key, subscriptionId, () => run.limit(subscriptionId, category, fallback));
    return {
      ...arm,
      listImages: (sub, sig) => fromGraph<ManagedImage>('images', armIdKey(sub), sub, () => this.arm.listImages(sub, sig)),
      listSnapshots: (sub, sig) => fromGraph<Snapshot>('snapshots', armIdKey(sub), sub, () => this.arm.listSnapshots(sub, sig)),
      listGalleries: (sub, sig) => fromGraph<Gallery>('galleries', armIdKey(sub), sub, () => this.arm.listGalleries(sub, sig)),
      listGalleryImageDefinitions: (id, sig) => fromGraph<GalleryImageDefinition>('galleryImageDefinitions', armIdKey(id), subOf(id), () => this.arm.listGalleryImageDefinitions(id, sig)),
      listGalleryImageVersions: (id, sig) => fromGraph<GalleryImageVersion>('galleryImageVersions', armIdKey(id), subOf(id), () => this.arm.listGalleryImageVersions(id, sig)),
      listBatchAccounts: (sub, sig) => fromGraph<BatchAccount>('batchAccounts', armIdKey(sub), sub, () => this.arm.listBatchAccounts(sub, sig)),
    };
  }

  private async query(category: PlannedCategory, subscriptionIds: readonly string[], signal: AbortSignal): Promise<Grouped<unknown>> {
    const map = graphMappers[category as GraphCategory] as (row: GraphRow) => unknown;
    const result = await this.graph.query(buildInventoryQuery({ types: [GRAPH_TYPES[category as GraphCategory]] }), subscriptionIds, signal, { onlyIfAffordable: !GRAPH_PLAN[category].fanOut });
    const byKey = new Map<string, unknown[]>();
    for (const row of result.rows) {
      const item = map(row) as { id: string } | undefined;
      if (!item) continue;
      const key = GRAPH_PLAN[category].groupBy === 'subscription' ? armIdKey(subOf(item.id)) : armIdKey(parentArmId(item.id) ?? '');
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(item);
    }
    return { byKey, answeredAt: result.answeredAt };
  }

  private async readableSubscriptions(subscriptionIds: readonly string[], signal: AbortSignal): Promise<Set<string>> {
    const result = await this.graph.query(READABLE_SUBSCRIPTIONS_QUERY, subscriptionIds, signal);
    return new Set(result.rows.map((row) => String(row.subscriptionId ?? '').toLowerCase()).filter(Boolean));
  }

  private async fromGraph<T>(query: Promise<Grouped<T>> | undefined, readable: Promise<Set<string>>, category: PlannedCategory, key: string, subscriptionId: string, fallback: () => Promise<T[]>): Promise<T[]> {
    if (!query) return this.served(subscriptionId, category, fallback);
    let grouped: Grouped<T>;
    let readableSet: Set<string>;
    try {
      [grouped, readableSet] = await Promise.all([query, readable]);
    } catch (e) {
      if (!isGraphFallbackError(e)) throw e;
      const err = toAzureError(e);
      if (isGraphUnavailable(e)) this.graphUnavailable = `${err.code}: ${err.message}`;
      return this.served(subscriptionId, category, fallback, `${err.code}: ${err.message}`);
    }
    // A subscription left out of Resource Graph's answers is never shown as complete from them.
    if (!readableSet.has(subscriptionId.toLowerCase())) {
      return this.served(subscriptionId, category, fallback, l10n.t('Azure Resource Graph cannot read subscription {0}.', subscriptionId));
    }
    this.note(subscriptionId, category, { servedBy: 'resourceGraph', at: grouped.answeredAt });
    return grouped.byKey.get(key) ?? [];
  }

  private async served<T>(subscriptionId: string, category: SubscriptionCategory, read: () => Promise<T>, fallbackReason?: string): Promise<T> {
    const at = new Date().toISOString();
    const value = await read();
    this.note(subscriptionId, category, fallbackReason ? { servedBy: 'resourceManager', at, fallbackReason } : { servedBy: 'resourceManager', at });
    return value;
  }

  private note(subscriptionId: string, category: SubscriptionCategory, p: CategoryProvenance): void {
    const key = subscriptionId.toLowerCase();
    let m = this.provenance.get(key);
    if (!m) this.provenance.set(key, (m = new Map()));
    m.set(category, p);
  }
}

function subOf(id: string): string {
  return id.split('/')[2] ?? '';
}
