// Loads what the signed-in subscriptions hold, category by category, with bounded concurrency,
// reporting each (subscription, category) as it arrives so views fill progressively.
//
// What a category lists, what it is listed per and where it is kept is a table (categories.ts)
// the load walks; how a list is answered is the source's business (source.ts: it takes a request
// slot through the run's context when it sends one). Ordering without locks: every load of a
// slot takes a ticket (tickets.ts); a result is applied only if its ticket is newer than the one
// last applied there. A full refresh aborts older runs; a scoped refresh (after a write) runs
// alongside and wins where it is newer.
import * as l10n from '@vscode/l10n';
import type { BatchVmSku } from '../azure';
import { accountAllowsEntraId, AzureError, CANCELLED_CODE } from '../azure';
import { freshCategoryOf } from '../azure/resourceRead';
import { armIdKey, indexInventory } from '../model';
import type { BatchAccount, Inventory, InventoryCategory, InventorySnapshot } from '../model';
import { CATEGORIES, planCategories } from './categories';
import { Emitter, type Event } from './emitter';
import { gatherKeyedLists, type Gathered } from './gather';
import { DetailReads } from './details';
import { LoadRun } from './loadRun';
import { InventoryOverlay, type OverlayCategory } from './overlay';
import { RequestLimits, subscriptionScope, TENANT_SCOPE } from './requestLimits';
import { runReads, subOf, type CategoryProvenance, type InventoryReads, type InventorySource, type RunContext } from './source';
import {
  InventoryState,
  SUBSCRIPTION_CATEGORIES,
  type CategoryLoadState,
  type LoadIssue,
  type SubscriptionCategory,
  type SubscriptionState,
} from './state';
import { Tickets } from './tickets';

export interface InventoryLoaderOptions {
  /** Azure requests in flight at once per subscription, and per Batch account data plane (default 8). */
  concurrency?: number;
  /** A load that takes longer is stopped; unfinished categories fail with `DeadlineExceeded` (default 120 s). */
  deadlineMs?: number;
  /** Read accounts' supported images through the Batch data plane when asked (loadSupportedImages; default true). */
  supportedImages?: boolean;
  /** Read resource provider registrations per subscription when asked (loadRegisteredProviders; default true). */
  registeredProviders?: boolean;
  /** Look up extensions of VMs behind images when the VM list did not include them (default true). */
  vmExtensionLookups?: boolean;
}

/** What a refresh reloads. Nothing: everything (and the subscription list). */
export interface RefreshScope {
  subscriptionId?: string;
  /** One account's pools (after creating, resizing or deleting a pool). */
  accountId?: string;
  /** Only these categories of `subscriptionId` (e.g. `['images']` after creating an image). */
  categories?: SubscriptionCategory[];
}

export interface InventoryChange {
  /** Absent for the subscription list itself. */
  subscriptionId?: string;
  category: InventoryCategory;
  state: CategoryLoadState;
}

export class InventoryLoader {
  private readonly state = new InventoryState();
  private readonly limits: RequestLimits;
  private readonly options: Required<InventoryLoaderOptions>;
  private readonly changes = new Emitter<InventoryChange>();
  private readonly runs = new Set<LoadRun>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly tickets = new Tickets();
  private readonly vmSkuCache = new Map<string, Promise<BatchVmSku[]>>();
  /** The extension's own writes and fresh reads, winning over loads until they agree. */
  private readonly overlay = new InventoryOverlay();
  /** Ids read fresh since the last full refresh (a fresh read is cached per refresh). */
  private readonly verified = new Map<string, Promise<boolean>>();
  /** Accounts whose supported images were read (or are being read) since the last full refresh. */
  private readonly supportedRead = new Map<string, Promise<boolean>>();
  /** Subscriptions whose provider registrations were read (or are being read) since the last full refresh. */
  private readonly providersRead = new Map<string, Promise<boolean>>();
  /** Provider registration, VM extensions, supported images: reads that never fail a category. */
  private readonly details: DetailReads;
  private cached?: Inventory;
  private disposed = false;

  /** Fires for each (subscription, category) whose state or data changed. */
  readonly onDidChange: Event<InventoryChange> = this.changes.event;

  constructor(
    private readonly source: InventorySource,
    options: InventoryLoaderOptions = {},
  ) {
    this.options = {
      concurrency: options.concurrency ?? 8,
      deadlineMs: options.deadlineMs ?? 120_000,
      supportedImages: options.supportedImages ?? true,
      registeredProviders: options.registeredProviders ?? true,
      vmExtensionLookups: options.vmExtensionLookups ?? true,
    };
    this.limits = new RequestLimits(this.options.concurrency);
    this.details = new DetailReads({
      source,
      tickets: this.tickets,
      call: (scope, task, signal) => this.call(scope, task, signal),
      inRun: (key, work) => this.inRun(key, work),
      invalidate: () => this.invalidate(),
      emit: (s, category) => this.emit(s, category),
    });
  }

  /** The latest inventory: partial while loading (unloaded categories count as unknown). */
  get current(): Inventory {
    if (!this.cached) {
      const snap = this.state.snapshot();
      this.overlay.applyTo(snap);
      this.cached = indexInventory(snap);
    }
    return this.cached;
  }

  /** A resource the extension created: shown at once, whatever the sources say, until they agree. */
  recordCreated<C extends OverlayCategory>(category: C, resource: Parameters<InventoryOverlay['present']>[1] & { id: string }): void {
    this.overlay.present(category, resource as never, 'write');
    this.overlayChanged(resource.id, category);
  }

  /** A resource the extension deleted: hidden at once, whatever the sources say, until they agree. */
  recordDeleted(category: OverlayCategory, id: string): void {
    this.overlay.absent(category, id, 'write');
    this.overlayChanged(id, category);
  }

  /**
   * Reads these resources fresh from Resource Manager (once per refresh each): what an open pool
   * document references must be judged on what exists now, not on what an index still lists.
   * Resolves true when the inventory changed.
   */
  async verify(ids: readonly string[], options: { force?: boolean } = {}): Promise<boolean> {
    const getResource = this.source.getResource?.bind(this.source);
    if (!getResource || this.disposed) return false;
    // Before a write: read again even if read since the last refresh.
    if (options.force) for (const id of ids) this.verified.delete(armIdKey(id));
    const results = await Promise.all(
      ids.map((id) => {
        const key = armIdKey(id);
        const category = freshCategoryOf(id);
        if (!category) return Promise.resolve(false);
        let p = this.verified.get(key);
        if (!p) {
          const controller = new AbortController();
          p = this.call(subscriptionScope(id.split('/')[2] ?? ''), () => getResource(id, controller.signal), controller.signal).then(
            (fresh) => {
              const listed = this.current.resource(id) !== undefined;
              if (!fresh) {
                if (!listed) return false;
                this.overlay.absent(category, id, 'read');
              } else {
                if (listed) return false;
                this.overlay.present(fresh.category, fresh.resource as never, 'read');
              }
              this.overlayChanged(id, category);
              return true;
            },
            () => {
              this.verified.delete(key); // a failed read is tried again next time
              return false;
            },
          );
          this.verified.set(key, p);
        }
        return p;
      }),
    );
    return results.some(Boolean);
  }

  /**
   * The supported images (node agent SKUs) of these Batch accounts, read through the Batch data
   * plane on first need — a rule, hover, completion or wizard about a document or command that
   * targets the account — and kept until the next full refresh (a failed read too: its issue
   * says why, and the next refresh tries again). A load never reads them for every account: one
   * data-plane token and list per account was most of a large tenant's requests. Accounts not
   * listed (yet) are skipped: asking again once their list is in reads them. Accounts without
   * Entra ID are never read (the data plane refuses the token; the account-aad-required rule
   * says why). `'all'`: every listed account (an export). Resolves true when the inventory changed.
   */
  async loadSupportedImages(accountIds: readonly string[] | 'all'): Promise<boolean> {
    if (this.disposed || !this.options.supportedImages) return false;
    const targets: { sub: SubscriptionState; account: BatchAccount }[] = [];
    if (accountIds === 'all') {
      for (const sub of this.state.subs.values()) for (const account of sub.items.batchAccounts ?? []) targets.push({ sub, account });
    } else {
      for (const id of accountIds) {
        const found = this.findAccount(id);
        if (found) targets.push(found);
      }
    }
    const results = await Promise.all(
      targets.map(({ sub, account }) => {
        if (!accountAllowsEntraId(account) || !account.accountEndpoint) return Promise.resolve(false);
        return readOnce(this.supportedRead, armIdKey(account.id), () => this.details.supportedImages(sub, account));
      }),
    );
    return results.some(Boolean);
  }

  /**
   * The resource provider registrations of these subscriptions, read on first need — a rule
   * judging an image shared from another subscription needs to know whether Microsoft.Batch is
   * registered there — and kept until the next full refresh (a failed read too: its issue says
   * why). A load never reads them for every subscription: one request per subscription, for a
   * fact one rule needs about a few. `'all'`: every listed subscription (an export, the CLI).
   * Resolves true when the inventory changed.
   */
  async loadRegisteredProviders(subscriptionIds: readonly string[] | 'all'): Promise<boolean> {
    if (this.disposed || !this.options.registeredProviders) return false;
    const targets = subscriptionIds === 'all' ? [...this.state.subs.values()] : subscriptionIds.map((id) => this.state.sub(id)).filter((s): s is SubscriptionState => s !== undefined);
    const results = await Promise.all(
      targets.map((s) => readOnce(this.providersRead, s.subscription.subscriptionId.toLowerCase(), () => this.details.providers(s))),
    );
    return results.some(Boolean);
  }

  private overlayChanged(id: string, category: OverlayCategory): void {
    this.invalidate();
    const subscriptionId = subOf(id);
    const s = subscriptionId ? this.state.sub(subscriptionId) : undefined;
    if (s) this.emit(s, category);
  }

  get snapshot(): InventorySnapshot {
    return this.current.snapshot;
  }

  get isLoading(): boolean {
    return this.running.size > 0;
  }

  /** Which source served each category of a subscription in the latest load (when the source says). */
  sources(subscriptionId: string): ReadonlyMap<SubscriptionCategory, CategoryProvenance> {
    return this.source.describe?.(subscriptionId) ?? new Map();
  }

  /** Failures below category level (supported images, VM extensions, provider registration). */
  get issues(): LoadIssue[] {
    return this.state.issues();
  }

  categoryState(subscriptionId: string | undefined, category: InventoryCategory): CategoryLoadState {
    if (category === 'subscriptions' || subscriptionId === undefined) return this.state.subscriptionsState;
    const s = this.state.sub(subscriptionId);
    if (!s) return { kind: 'loading' };
    const state = s.state(category);
    return state.kind === 'loading' && s.hasData(category) ? { kind: 'loading', reloading: true } : state;
  }

  /** Resolves when no load is in flight. */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Stops every load in flight; unfinished categories fail with code `Cancelled`. */
  cancel(): void {
    for (const run of this.runs) run.abort('cancelled');
  }

  dispose(): void {
    this.disposed = true;
    for (const run of this.runs) run.abort('disposed');
    this.changes.dispose();
  }

  /** Reloads everything, or only what a write touched. Never rejects: failures are captured per category. */
  refresh(scope: RefreshScope = {}): Promise<Inventory> {
    if (this.disposed) return Promise.resolve(this.current);
    let key: string;
    let work: (run: LoadRun) => Promise<void>;
    const sub = scope.subscriptionId ? this.state.sub(scope.subscriptionId) : undefined;
    const account = scope.accountId ? this.findAccount(scope.accountId) : undefined;
    if (scope.accountId && account) {
      key = `account:${armIdKey(scope.accountId)}`;
      work = (run) => this.loadOne(run, account.sub, 'pools', account.account.id);
    } else if (scope.subscriptionId && sub && !scope.accountId) {
      const asked = new Set<SubscriptionCategory>(scope.categories?.length ? scope.categories : SUBSCRIPTION_CATEGORIES);
      key = `sub:${armIdKey(scope.subscriptionId)}:${[...asked].sort().join(',')}`;
      work = (run) => this.loadSubscriptions(run, [sub], asked);
    } else {
      // Unknown scope (or nothing listed yet): only a full load can answer it.
      key = 'all';
      this.verified.clear();
      this.supportedRead.clear();
      this.providersRead.clear();
      // Registrations are read again on their next need: an answer from before the refresh must
      // not stand in for it (a provider unregistered since would still look registered).
      for (const sub of this.state.subs.values()) sub.registeredProviders = undefined;
      work = (run) => this.loadAll(run);
    }
    // Entries past their time limit: a fresh read decides (after this load has answered).
    const expired = this.overlay.takeExpired();
    for (const run of this.runs) if (key === 'all' || run.key === key) run.abort('superseded');
    const promise = this.inRun(key, work)
      .catch(() => undefined) // Every slot captures its own failure; nothing should reach here.
      .finally(() => this.running.delete(promise))
      .then(async () => {
        if (expired.length > 0) await this.verify(expired);
        return this.current;
      });
    this.running.add(promise);
    return promise;
  }

  /** VM sizes Batch supports in a region (cached per subscription and region, loaded on demand). */
  vmSkus(subscriptionId: string, location: string): Promise<BatchVmSku[]> {
    const key = `${subscriptionId.toLowerCase()}|${location.replace(/\s+/g, '').toLowerCase()}`;
    let p = this.vmSkuCache.get(key);
    if (!p) {
      const controller = new AbortController();
      p = this.call(subscriptionScope(subscriptionId), () => this.source.listBatchVmSkus(subscriptionId, location, controller.signal), controller.signal);
      this.vmSkuCache.set(key, p);
      void p.catch(() => this.vmSkuCache.delete(key));
    }
    return p;
  }

  // ---- runs ---------------------------------------------------------------------------------

  private async loadAll(run: LoadRun): Promise<void> {
    const ticket = this.tickets.next();
    this.setSubscriptionsState({ kind: 'loading' });
    let subs;
    try {
      subs = await this.call(TENANT_SCOPE, () => this.source.listSubscriptions(run.signal), run.signal);
    } catch (e) {
      if (run.ignorable) return;
      if (this.tickets.newer('subscriptions', ticket)) this.setSubscriptionsState(run.failure(e));
      return;
    }
    if (!this.tickets.newer('subscriptions', ticket)) return;
    this.state.setSubscriptions(subs);
    this.setSubscriptionsState({ kind: 'loaded' });
    await this.loadSubscriptions(run, [...this.state.subs.values()], new Set(SUBSCRIPTION_CATEGORIES));
    if (!run.reason) {
      this.state.loadedAt = new Date().toISOString();
      this.invalidate();
    }
  }

  /** Loads the `asked` categories of these subscriptions (and dependants never loaded), parents before children. */
  private async loadSubscriptions(run: LoadRun, subs: SubscriptionState[], asked: ReadonlySet<SubscriptionCategory>): Promise<void> {
    const plans = subs.map((s) => ({ s, planned: planCategories(asked, (c) => s.hasData(c)) }));
    const categories = new Set(plans.flatMap((p) => [...p.planned]));
    const reads = runReads(this.source, this.context(run, subs.map((s) => s.subscription.subscriptionId), categories));
    // Every category the run loads says so at once, dependants included: the explorer's first
    // level shows each category loading without waiting for the gallery and account lists.
    for (const { s, planned } of plans) {
      for (const c of planned) {
        s.states.set(c, { kind: 'loading' });
        this.emit(s, c);
      }
    }
    await Promise.all(plans.map(({ s, planned }) => this.walkSubscription(run, s, planned, reads)));
  }

  private async walkSubscription(run: LoadRun, s: SubscriptionState, planned: ReadonlySet<SubscriptionCategory>, reads: InventoryReads): Promise<void> {
    const walked = new Map<SubscriptionCategory, Promise<boolean>>();
    const walk = (c: SubscriptionCategory): Promise<boolean> => {
      let p = walked.get(c);
      if (!p) walked.set(c, (p = this.walkCategory(run, s, c, planned, reads, walk)));
      return p;
    };
    const tasks: Promise<unknown>[] = [...planned].map(walk);
    if (this.options.vmExtensionLookups && planned.has('virtualMachines')) {
      const lineage = Promise.all((['images', 'snapshots', 'disks', 'virtualMachines'] as const).map(walk));
      tasks.push(lineage.then(([, , , vms]) => (vms ? this.details.vmExtensions(run, s, s.extensionsUnknown) : undefined)));
    }
    await Promise.all(tasks);
  }

  /** Resolves true when the category's items are there for its dependants (loaded now, or earlier and not planned). */
  private async walkCategory(run: LoadRun, s: SubscriptionState, category: SubscriptionCategory, planned: ReadonlySet<SubscriptionCategory>, reads: InventoryReads, walk: (c: SubscriptionCategory) => Promise<boolean>): Promise<boolean> {
    const spec = CATEGORIES[category];
    if (!planned.has(category)) return spec.items(s) !== undefined;
    if (spec.parent && (!(await walk(spec.parent)) || run.reason)) {
      // Its parent list failed or the run stopped: it cannot load in this run.
      if (!run.ignorable) {
        s.states.set(category, run.unreachable());
        this.emit(s, category);
      }
      return false;
    }
    return this.slot(run, s, category, reads);
  }

  /** One parent item's list of a category kept per parent item (one account's pools), loaded alone. */
  private async loadOne(run: LoadRun, s: SubscriptionState, category: SubscriptionCategory, parentId: string): Promise<void> {
    const spec = CATEGORIES[category];
    const key = armIdKey(parentId);
    const slot = this.itemSlot(s, category, key);
    const ticket = this.tickets.next();
    this.emit(s, category);
    try {
      const reads = runReads(this.source, this.context(run, [s.subscription.subscriptionId], [category]));
      const list = await spec.list(reads, parentId, run.signal);
      if (!this.tickets.newer(slot, ticket)) return;
      spec.storeOne?.(s, key, list);
      this.emit(s, category);
    } catch (e) {
      if (run.ignorable || !this.tickets.newer(slot, ticket)) return;
      s.states.set(category, run.failure(e));
      this.emit(s, category);
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** Loads one category slot: fetch, apply if newest, state -> loaded/failed. True when its items are there for dependants. */
  private async slot(run: LoadRun, s: SubscriptionState, category: SubscriptionCategory, reads: InventoryReads): Promise<boolean> {
    const spec = CATEGORIES[category];
    const subscriptionId = s.subscription.subscriptionId;
    const slot = `${armIdKey(subscriptionId)}|${category}`;
    const ticket = this.tickets.next();
    // Marked loading as the run began; again only if another load answered since.
    if (s.state(category).kind !== 'loading') {
      s.states.set(category, { kind: 'loading' });
      this.emit(s, category);
    }
    try {
      const result = await this.fetch(run, s, category, reads);
      if (run.reason) throw new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') });
      if (!this.tickets.newer(slot, ticket)) return true;
      spec.store(s, result.value, { newerAlone: (key) => this.tickets.latest(this.itemSlot(s, category, key)) > ticket });
      if (!result.error && spec.overlaid) this.overlay.reconcile(category as OverlayCategory, subscriptionId, spec.items(s) ?? []);
      s.states.set(category, result.error ? { kind: 'failed', code: result.error.code, message: result.error.message } : { kind: 'loaded' });
      this.emit(s, category);
      return true;
    } catch (e) {
      if (run.ignorable || !this.tickets.newer(slot, ticket)) return false;
      s.states.set(category, run.failure(e));
      this.emit(s, category);
      return false;
    }
  }

  /** A category's answer: its list of the subscription, or its lists per parent item (what succeeded, and the first failure). */
  private fetch(run: LoadRun, s: SubscriptionState, category: SubscriptionCategory, reads: InventoryReads): Promise<Gathered<unknown>> {
    const spec = CATEGORIES[category];
    if (!spec.parent) return spec.list(reads, s.subscription.subscriptionId, run.signal).then((value) => ({ value }));
    const parents = CATEGORIES[spec.parent].items(s) ?? [];
    return gatherKeyedLists(parents.map((p) => [armIdKey(p.id), () => spec.list(reads, p.id, run.signal) as Promise<unknown[]>] as const), run.signal);
  }

  /** What a run hands its source: its scope, and request slots of the subscriptions' limits at each category's priority. */
  private context(run: LoadRun, subscriptionIds: readonly string[], categories: Iterable<SubscriptionCategory>): RunContext {
    return {
      subscriptionIds,
      categories: [...categories],
      signal: run.signal,
      limit: (subscriptionId, category, task) => this.call(subscriptionScope(subscriptionId), task, run.signal, CATEGORIES[category].priority),
    };
  }

  /** Work in a run: cancel() and dispose() stop it, a refresh of the same key (or a full one) supersedes it. */
  private async inRun<T>(key: string, work: (run: LoadRun) => Promise<T>): Promise<T> {
    const run = new LoadRun(key, this.options.deadlineMs);
    this.runs.add(run);
    try {
      return await work(run);
    } finally {
      run.finish();
      this.runs.delete(run);
    }
  }

  private call<T>(scope: string, task: () => Promise<T>, signal: AbortSignal, priority = 0): Promise<T> {
    return this.limits.run(scope, task, signal, priority);
  }

  /** The slot of one parent item's list (one account's pools), refreshed alone. */
  private itemSlot(s: SubscriptionState, category: SubscriptionCategory, parentKey: string): string {
    return `${armIdKey(s.subscription.subscriptionId)}|${category}|${parentKey}`;
  }

  private findAccount(accountId: string): { sub: SubscriptionState; account: BatchAccount } | undefined {
    const key = armIdKey(accountId);
    for (const sub of this.state.subs.values()) {
      const account = sub.items.batchAccounts?.find((a) => armIdKey(a.id) === key);
      if (account) return { sub, account };
    }
    return undefined;
  }

  private setSubscriptionsState(state: CategoryLoadState): void {
    this.state.subscriptionsState = state;
    this.invalidate();
    this.changes.fire({ category: 'subscriptions', state });
  }

  private emit(s: SubscriptionState, category: InventoryCategory): void {
    this.invalidate();
    const state = category === 'subscriptions' ? this.state.subscriptionsState : s.state(category);
    this.changes.fire({ subscriptionId: s.subscription.subscriptionId, category, state });
  }

  private invalidate(): void {
    this.cached = undefined;
  }
}

/** The read made for `key` since the cache was last cleared (in flight or done), or a new one. */
function readOnce(cache: Map<string, Promise<boolean>>, key: string, read: () => Promise<boolean>): Promise<boolean> {
  let p = cache.get(key);
  if (!p) cache.set(key, (p = read()));
  return p;
}
