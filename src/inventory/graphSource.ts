// The inventory source for the signed-in connection: each category from the source that costs
// least, behind the same InventorySource interface the loader always uses.
//
// Azure Resource Graph answers a category for every subscription at once (groups of 300, pages of
// 1,000) where Resource Manager needs a list per subscription, per gallery and per definition.
// A run starts its Resource Graph queries side by side as soon as it knows its subscriptions
// (beginRun): one query shared by the smaller categories (galleries, definitions, versions, disks,
// VMs: its rows are split by type), and one each for images, snapshots and Batch accounts. Each
// list call of the loader is then answered from those rows. Where Resource Graph is missing,
// refused, throttled past a bound, truncated, or would spend more of the quota than a category
// is worth, the same call is answered by Resource Manager — with no loss of data, just more
// requests. Pools, VM extensions, supported images and everything a write or a rule's exact
// check needs stay on Resource Manager.
import * as l10n from '@vscode/l10n';
import {
  armIdKey,
  parentArmId,
  type BatchAccount,
  type Gallery,
  type GalleryImageDefinition,
  type GalleryImageVersion,
  type ManagedDisk,
  type ManagedImage,
  type Snapshot,
  type VirtualMachine,
} from '../model';
import type { AzureClients } from '../azure/clients';
import type { VirtualMachineListing } from '../azure/computeRead';
import { toAzureError } from '../azure/errors';
import { graphCategoryOf, graphMappers, graphVmListing, GRAPH_TYPES } from '../azure/graphMappers';
import { isGraphFallbackError, isGraphUnavailable, ResourceGraphClient, type GraphRow } from '../azure/resourceGraph';
import { buildInventoryQuery, READABLE_SUBSCRIPTIONS_QUERY } from '../azure/resourceGraphQuery';
import type { FreshResource } from '../azure/resourceRead';
import { readFresh } from '../azure/readFresh';
import { azureInventorySource, limitedReads, subOf, type CategoryProvenance, type InventoryReads, type InventorySource, type RunContext } from './source';
import type { SubscriptionCategory } from './state';

/** `azureBatchImages.inventory.source`. */
export type InventorySourceSetting = 'auto' | 'resourceManager';

export type { CategoryProvenance, SourceName } from './source';

/**
 * The categories Resource Graph serves in `auto`, how they are queried, and how their rows are
 * grouped for the loader's list calls.
 *
 * `shared`: one query for all of them (`type in~ (...)`, rows split by type), so together they
 * cost ⌈rows / 1,000⌉ pages rather than a first page each. Definitions and versions are a list
 * per parent in Resource Manager, disks and VMs a list per subscription each: always worth the
 * quota, so the shared query waits for it (up to the bound) rather than give up.
 * `own`: a query of its own. Images and snapshots, the bulk of an estate and one paged list per
 * subscription in Resource Manager, are served from Resource Graph only while the quota affords
 * all their pages (`onlyIfAffordable`, decided from the first page's totalRecords). Batch
 * accounts are few, but the pool lists wait for them: in the shared query they would come after
 * its last page, a round trip later than from a one-page query of their own.
 */
const GRAPH_PLAN = {
  images: { groupBy: 'subscription', query: 'own', onlyIfAffordable: true },
  snapshots: { groupBy: 'subscription', query: 'own', onlyIfAffordable: true },
  disks: { groupBy: 'subscription', query: 'shared', onlyIfAffordable: false },
  virtualMachines: { groupBy: 'subscription', query: 'shared', onlyIfAffordable: false },
  galleries: { groupBy: 'subscription', query: 'shared', onlyIfAffordable: false },
  galleryImageDefinitions: { groupBy: 'parent', query: 'shared', onlyIfAffordable: false },
  galleryImageVersions: { groupBy: 'parent', query: 'shared', onlyIfAffordable: false },
  batchAccounts: { groupBy: 'subscription', query: 'own', onlyIfAffordable: false },
} as const satisfies Record<string, { groupBy: 'subscription' | 'parent'; query: 'own' | 'shared'; onlyIfAffordable: boolean }>;
export type PlannedCategory = keyof typeof GRAPH_PLAN;

/** One Resource Graph query of a run: the categories it answers. */
export interface PlannedQuery {
  categories: PlannedCategory[];
  /** Served only when the quota affords all its pages (else the categories fall back at once). */
  onlyIfAffordable: boolean;
}

/** The queries a run with these categories sends: the shared one first, then one per `own` category. */
export function planGraphQueries(categories: readonly SubscriptionCategory[]): PlannedQuery[] {
  const planned = (Object.keys(GRAPH_PLAN) as PlannedCategory[]).filter((c) => categories.includes(c));
  const shared = planned.filter((c) => GRAPH_PLAN[c].query === 'shared');
  const own = planned.filter((c) => GRAPH_PLAN[c].query === 'own').map((c): PlannedQuery => ({ categories: [c], onlyIfAffordable: GRAPH_PLAN[c].onlyIfAffordable }));
  return shared.length > 0 ? [{ categories: shared, onlyIfAffordable: false }, ...own] : own;
}

/** The KQL of a planned query. */
export function graphQueryText(plan: PlannedQuery): string {
  return buildInventoryQuery({ types: plan.categories.map((c) => GRAPH_TYPES[c]) });
}

/**
 * A query's rows split into its categories and mapped, each grouped by the key its list call
 * asks with (the subscription, or the parent gallery / definition). Every category asked for
 * has an entry (empty when no row is of its type); rows of other types are ignored.
 */
export function splitRows(rows: readonly GraphRow[], categories: readonly PlannedCategory[]): Map<PlannedCategory, Map<string, unknown[]>> {
  const out = new Map<PlannedCategory, Map<string, unknown[]>>(categories.map((c) => [c, new Map()]));
  for (const row of rows) {
    const category = graphCategoryOf(row.type);
    const byKey = category ? out.get(category as PlannedCategory) : undefined;
    if (!category || !byKey) continue;
    const item = (graphMappers[category] as (r: GraphRow) => { id: string } | undefined)(row);
    if (!item) continue;
    const key = GRAPH_PLAN[category].groupBy === 'subscription' ? armIdKey(subOf(item.id)) : parentKeyOf(item.id);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(item);
  }
  return out;
}

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
    const plans = planGraphQueries(run.categories);
    if (plans.length === 0) return arm;
    const signal = run.signal;
    const queries = new Map<PlannedCategory, Promise<Grouped<unknown>>>();
    // Which subscriptions Resource Graph can read at all: their categories are served from it,
    // the others (left out of answers without a word) from Resource Manager.
    const readable = this.readableSubscriptions(run.subscriptionIds, signal);
    void readable.catch(() => undefined); // each list call reports the failure it sees
    for (const plan of plans) {
      const p = this.query(plan, run.subscriptionIds, signal);
      for (const category of plan.categories) {
        const one = p.then((result) => ({ byKey: result.byCategory.get(category) ?? new Map<string, unknown[]>(), answeredAt: result.answeredAt }));
        void one.catch(() => undefined); // each list call reports the failure it sees
        queries.set(category, one);
      }
    }
    // Rows of a query already run cost no request: only a fallback to Resource Manager takes a slot.
    const fromGraph = <T, R = T[]>(category: PlannedCategory, key: string, subscriptionId: string, fallback: () => Promise<R>, answer: (items: T[]) => R = (items) => items as R) =>
      this.fromGraph(queries.get(category) as Promise<Grouped<T>> | undefined, readable, category, key, subscriptionId, () => run.limit(subscriptionId, category, fallback), answer);
    return {
      ...arm,
      listImages: (sub, sig) => fromGraph<ManagedImage>('images', armIdKey(sub), sub, () => this.arm.listImages(sub, sig)),
      listSnapshots: (sub, sig) => fromGraph<Snapshot>('snapshots', armIdKey(sub), sub, () => this.arm.listSnapshots(sub, sig)),
      listDisks: (sub, sig) => fromGraph<ManagedDisk>('disks', armIdKey(sub), sub, () => this.arm.listDisks(sub, sig)),
      listVirtualMachines: (sub, sig) => fromGraph<VirtualMachine, VirtualMachineListing>('virtualMachines', armIdKey(sub), sub, () => this.arm.listVirtualMachines(sub, sig), graphVmListing),
      listGalleries: (sub, sig) => fromGraph<Gallery>('galleries', armIdKey(sub), sub, () => this.arm.listGalleries(sub, sig)),
      listGalleryImageDefinitions: (id, sig) => fromGraph<GalleryImageDefinition>('galleryImageDefinitions', armIdKey(id), subOf(id), () => this.arm.listGalleryImageDefinitions(id, sig)),
      listGalleryImageVersions: (id, sig) => fromGraph<GalleryImageVersion>('galleryImageVersions', armIdKey(id), subOf(id), () => this.arm.listGalleryImageVersions(id, sig)),
      listBatchAccounts: (sub, sig) => fromGraph<BatchAccount>('batchAccounts', armIdKey(sub), sub, () => this.arm.listBatchAccounts(sub, sig)),
    };
  }

  private async query(plan: PlannedQuery, subscriptionIds: readonly string[], signal: AbortSignal): Promise<{ byCategory: Map<PlannedCategory, Map<string, unknown[]>>; answeredAt: string }> {
    const result = await this.graph.query(graphQueryText(plan), subscriptionIds, signal, { onlyIfAffordable: plan.onlyIfAffordable });
    return { byCategory: splitRows(result.rows, plan.categories), answeredAt: result.answeredAt };
  }

  private async readableSubscriptions(subscriptionIds: readonly string[], signal: AbortSignal): Promise<Set<string>> {
    const result = await this.graph.query(READABLE_SUBSCRIPTIONS_QUERY, subscriptionIds, signal);
    return new Set(result.rows.map((row) => String(row.subscriptionId ?? '').toLowerCase()).filter(Boolean));
  }

  private async fromGraph<T, R>(
    query: Promise<Grouped<T>> | undefined,
    readable: Promise<Set<string>>,
    category: PlannedCategory,
    key: string,
    subscriptionId: string,
    fallback: () => Promise<R>,
    answer: (items: T[]) => R,
  ): Promise<R> {
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
    return answer(grouped.byKey.get(key) ?? []);
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


/** A child resource with its parent: subscription, group, provider, then two or more type/name pairs (keys are lower case). */
const NESTED_RESOURCE_KEY = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+(?:\/[^/]+\/[^/]+)+$/;

/**
 * `armIdKey(parentArmId(id) ?? '')`: the key a row is grouped under for its parent's list call.
 * A well-formed child id's parent key is its key without the last type/name pair; anything
 * else takes the full parse.
 */
export function parentKeyOf(id: string): string {
  const key = armIdKey(id);
  if (NESTED_RESOURCE_KEY.test(key)) return key.slice(0, key.lastIndexOf('/', key.lastIndexOf('/') - 1));
  return armIdKey(parentArmId(id) ?? '');
}
