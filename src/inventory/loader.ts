// Loads what the signed-in subscriptions hold, category by category, with bounded concurrency,
// reporting each (subscription, category) as it arrives so views fill progressively.
//
// Ordering without locks: every load of a slot (a category of a subscription, or one account's
// pools) takes a ticket from a counter; a result is applied only if its ticket is newer than the
// one last applied there. A full refresh aborts older runs; a scoped refresh (after a write)
// runs alongside and wins where it is newer.
import * as l10n from '@vscode/l10n';
import type { BatchVmSku } from '../azure';
import { accountAllowsEntraId, AzureError, CANCELLED_CODE, toAzureError } from '../azure';
import { armIdKey, indexInventory } from '../model';
import type { BatchAccount, Inventory, InventoryCategory, InventorySnapshot, LivePool } from '../model';
import { Emitter, type Event } from './emitter';
import { gatherKeyedLists, gatherLists, type Gathered } from './gather';
import { referencedVmKeys } from './lineage';
import { LoadRun } from './loadRun';
import { InventoryOverlay, type OverlayCategory } from './overlay';
import { freshCategoryOf } from '../azure/resourceRead';
import { batchAccountScope, PARENT_LIST, RequestLimits, subscriptionScope, TENANT_SCOPE } from './requestLimits';
import type { CategoryProvenance, InventoryReads, InventorySource } from './source';
import {
  InventoryState,
  SUBSCRIPTION_CATEGORIES,
  type CategoryLoadState,
  type LoadIssue,
  type SubscriptionCategory,
  type SubscriptionState,
} from './state';

export interface InventoryLoaderOptions {
  /** Azure requests in flight at once per subscription, and per Batch account data plane (default 8). */
  concurrency?: number;
  /** A load that takes longer is stopped; unfinished categories fail with `DeadlineExceeded` (default 120 s). */
  deadlineMs?: number;
  /** Read accounts' supported images through the Batch data plane when asked (loadSupportedImages; default true). */
  supportedImages?: boolean;
  /** Load resource provider registration per subscription (default true). */
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

/** Categories the overlay can stand in for (see overlay.ts). */
const OVERLAID = new Set<SubscriptionCategory>(['images', 'snapshots', 'disks', 'galleries', 'galleryImageDefinitions', 'galleryImageVersions']);

export class InventoryLoader {
  private readonly state = new InventoryState();
  private readonly limits: RequestLimits;
  private readonly options: Required<InventoryLoaderOptions>;
  private readonly changes = new Emitter<InventoryChange>();
  private readonly runs = new Set<LoadRun>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly applied = new Map<string, number>();
  private readonly vmSkuCache = new Map<string, Promise<BatchVmSku[]>>();
  private ticketCounter = 0;
  /** The extension's own writes and fresh reads, winning over loads until they agree. */
  private readonly overlay = new InventoryOverlay();
  /** Ids read fresh since the last full refresh (a fresh read is cached per refresh). */
  private readonly verified = new Map<string, Promise<boolean>>();
  /** Accounts whose supported images were read (or are being read) since the last full refresh. */
  private readonly supportedRead = new Map<string, Promise<boolean>>();
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
        const key = armIdKey(account.id);
        let p = this.supportedRead.get(key);
        if (!p) this.supportedRead.set(key, (p = this.readSupportedImages(sub, account)));
        return p;
      }),
    );
    return results.some(Boolean);
  }

  private overlayChanged(id: string, category: OverlayCategory): void {
    this.invalidate();
    const subscriptionId = id.split('/')[2];
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
      work = (run) => this.loadAccountPools(run, account.sub, account.account);
    } else if (scope.subscriptionId && sub && !scope.accountId) {
      const categories = new Set<SubscriptionCategory>(scope.categories?.length ? scope.categories : SUBSCRIPTION_CATEGORIES);
      key = `sub:${armIdKey(scope.subscriptionId)}:${[...categories].sort().join(',')}`;
      work = (run) => this.loadSubscription(run, sub, categories, this.readsFor(run, [sub.subscription.subscriptionId], categories));
    } else {
      // Unknown scope (or nothing listed yet): only a full load can answer it.
      key = 'all';
      this.verified.clear();
      this.supportedRead.clear();
      work = (run) => this.loadAll(run);
    }
    // Entries past their time limit: a fresh read decides (after this load has answered).
    const expired = this.overlay.takeExpired();
    for (const run of this.runs) if (key === 'all' || run.key === key) run.abort('superseded');
    const run = new LoadRun(key, this.options.deadlineMs);
    this.runs.add(run);
    const promise = work(run)
      .catch(() => undefined) // Every slot captures its own failure; nothing should reach here.
      .finally(() => {
        run.finish();
        this.runs.delete(run);
        this.running.delete(promise);
      })
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
    const ticket = this.nextTicket();
    this.setSubscriptionsState({ kind: 'loading' });
    let subs;
    try {
      subs = await this.call(TENANT_SCOPE, () => this.source.listSubscriptions(run.signal), run.signal);
    } catch (e) {
      if (this.ignorable(run)) return;
      if (this.newer('subscriptions', ticket)) this.setSubscriptionsState(this.failure(run, e));
      return;
    }
    if (!this.newer('subscriptions', ticket)) return;
    this.state.setSubscriptions(subs);
    this.setSubscriptionsState({ kind: 'loaded' });
    const all = new Set(SUBSCRIPTION_CATEGORIES);
    const reads = this.readsFor(run, [...this.state.subs.values()].map((s) => s.subscription.subscriptionId), all);
    await Promise.all([...this.state.subs.values()].map((s) => this.loadSubscription(run, s, all, reads)));
    if (!run.reason) {
      this.state.loadedAt = new Date().toISOString();
      this.invalidate();
    }
  }

  /** The list calls of a run: the source may answer them from queries it starts now for the whole scope. */
  private readsFor(run: LoadRun, subscriptionIds: string[], categories: Set<SubscriptionCategory>): InventoryReads {
    const reads: InventoryReads = this.source.beginRun?.({ subscriptionIds, categories: [...categories] }, run.signal) ?? this.source;
    run.whenReady = reads.whenReady?.bind(reads);
    return reads;
  }

  private async loadSubscription(run: LoadRun, s: SubscriptionState, categories: Set<SubscriptionCategory>, reads: InventoryReads): Promise<void> {
    const subId = s.subscription.subscriptionId;
    const want = (c: SubscriptionCategory): boolean => categories.has(c);
    const tasks: Promise<unknown>[] = [];
    const all = categories.size === SUBSCRIPTION_CATEGORIES.length;

    if (all && this.options.registeredProviders) tasks.push(this.loadProviders(run, s));

    const images = want('images')
      ? this.slot(run, s, 'images', this.one(s, (sig) => reads.listImages(subId, sig)), (v) => (s.items.images = v))
      : Promise.resolve(s.items.images);
    const snapshots = want('snapshots')
      ? this.slot(run, s, 'snapshots', this.one(s, (sig) => reads.listSnapshots(subId, sig)), (v) => (s.items.snapshots = v))
      : Promise.resolve(s.items.snapshots);
    const disks = want('disks')
      ? this.slot(run, s, 'disks', this.one(s, (sig) => reads.listDisks(subId, sig)), (v) => (s.items.disks = v))
      : Promise.resolve(s.items.disks);
    const vms = want('virtualMachines')
      ? this.slot(run, s, 'virtualMachines', this.one(s, (sig) => reads.listVirtualMachines(subId, sig)), (v) => {
          s.items.virtualMachines = v.vms;
          // Extensions looked up earlier stay valid only for VMs the new list still lacks them for.
          const unknown = new Set(v.extensionsUnknown.map(armIdKey));
          for (const key of [...s.vmExtensions.keys()]) if (!unknown.has(key)) s.vmExtensions.delete(key);
        })
      : Promise.resolve(undefined);
    tasks.push(images, snapshots, disks, vms);
    if (this.options.vmExtensionLookups) {
      tasks.push(
        Promise.all([images, snapshots, disks, vms]).then(([, , , listing]) =>
          listing ? this.loadReferencedVmExtensions(run, s, listing.extensionsUnknown) : undefined,
        ),
      );
    }

    if (want('galleries') || want('galleryImageDefinitions') || want('galleryImageVersions')) tasks.push(this.loadGalleries(run, s, categories, reads));
    if (want('batchAccounts') || want('pools')) tasks.push(this.loadBatch(run, s, categories, reads));
    await Promise.all(tasks);
  }

  private async loadGalleries(run: LoadRun, s: SubscriptionState, categories: Set<SubscriptionCategory>, reads: InventoryReads): Promise<void> {
    const subId = s.subscription.subscriptionId;
    const galleries = categories.has('galleries')
      ? await this.slot(run, s, 'galleries', this.one(s, (sig) => reads.listGalleries(subId, sig), PARENT_LIST), (v) => (s.items.galleries = v))
      : s.items.galleries;
    if (!galleries || run.reason) {
      this.markUnreachable(run, s, ['galleryImageDefinitions', 'galleryImageVersions'], categories);
      return;
    }
    const definitions =
      categories.has('galleryImageDefinitions') || !s.items.galleryImageDefinitions
        ? await this.slot(
            run,
            s,
            'galleryImageDefinitions',
            // Each definition list starts a version list per definition: ahead of leaf lists in the queue.
            (sig, free) => this.gather(s, galleries.map((g) => () => reads.listGalleryImageDefinitions(g.id, sig)), sig, PARENT_LIST, free),
            (v) => (s.items.galleryImageDefinitions = v),
          )
        : s.items.galleryImageDefinitions;
    if (!definitions || run.reason) {
      this.markUnreachable(run, s, ['galleryImageVersions'], categories);
      return;
    }
    await this.slot(
      run,
      s,
      'galleryImageVersions',
      (sig, free) => this.gather(s, definitions.map((d) => () => reads.listGalleryImageVersions(d.id, sig)), sig, 0, free),
      (v) => (s.items.galleryImageVersions = v),
    );
  }

  private async loadBatch(run: LoadRun, s: SubscriptionState, categories: Set<SubscriptionCategory>, reads: InventoryReads): Promise<void> {
    const subId = s.subscription.subscriptionId;
    const accounts = categories.has('batchAccounts')
      ? await this.slot(run, s, 'batchAccounts', this.one(s, (sig) => reads.listBatchAccounts(subId, sig), PARENT_LIST), (v) => {
          s.items.batchAccounts = v;
          const keep = new Set(v.map((a) => armIdKey(a.id)));
          for (const key of [...s.supportedImages.keys()]) if (!keep.has(key)) s.supportedImages.delete(key);
        })
      : s.items.batchAccounts;
    if (!accounts || run.reason) {
      this.markUnreachable(run, s, ['pools'], categories);
      return;
    }
    const tasks: Promise<unknown>[] = [];
    if (categories.has('pools') || !s.poolsByAccount) {
      const ticketHolder: { ticket?: number } = {};
      tasks.push(
        this.slot(
          run,
          s,
          'pools',
          (sig) => this.gatherKeyed(s, accounts.map((a) => [armIdKey(a.id), () => this.source.listPools(a.id, sig)] as const), sig),
          (byAccount) => {
            const next = new Map<string, LivePool[]>();
            for (const a of accounts) {
              const key = armIdKey(a.id);
              const newerAlone = (this.applied.get(this.accountSlot(s, key)) ?? 0) > (ticketHolder.ticket ?? 0);
              const mine = byAccount.get(key);
              const kept = s.poolsByAccount?.get(key);
              if (newerAlone && kept) next.set(key, kept);
              else if (mine) next.set(key, mine);
              else if (kept) next.set(key, kept); // this account's list failed: keep what we had
            }
            s.poolsByAccount = next;
          },
          ticketHolder,
        ),
      );
    }
    // Supported images are not read here: they are read per account on first need (loadSupportedImages).
    await Promise.all(tasks);
  }

  private async loadAccountPools(run: LoadRun, s: SubscriptionState, account: BatchAccount): Promise<void> {
    const key = armIdKey(account.id);
    const slot = this.accountSlot(s, key);
    const ticket = this.nextTicket();
    this.emit(s, 'pools');
    try {
      const pools = await this.call(this.scopeOf(s), () => this.source.listPools(account.id, run.signal), run.signal);
      if (!this.newer(slot, ticket)) return;
      s.poolsByAccount ??= new Map();
      s.poolsByAccount.set(key, pools);
      this.emit(s, 'pools');
    } catch (e) {
      if (this.ignorable(run) || !this.newer(slot, ticket)) return;
      const f = this.failure(run, e);
      if (f.kind === 'failed') s.states.set('pools', f);
      this.emit(s, 'pools');
    }
  }

  // ---- details (never fail a category) -------------------------------------------------------

  private async loadProviders(run: LoadRun, s: SubscriptionState): Promise<void> {
    await this.detail(run, s, this.scopeOf(s), 'providers', s.subscription.id, (sig) => this.source.listRegisteredProviders(s.subscription.subscriptionId, sig), (v) => {
      s.registeredProviders = v;
    });
    this.emit(s, 'subscriptions');
  }

  private async readSupportedImages(s: SubscriptionState, account: BatchAccount): Promise<boolean> {
    const run = new LoadRun(`supportedImages:${armIdKey(account.id)}`, this.options.deadlineMs);
    this.runs.add(run);
    try {
      const changed = await this.detail(run, s, batchAccountScope(account.accountEndpoint ?? account.id), 'supportedImages', account.id, (sig) => this.source.listSupportedImages(account, sig), (v) => {
        s.supportedImages.set(armIdKey(account.id), v);
      });
      if (changed) this.emit(s, 'batchAccounts');
      return changed;
    } finally {
      run.finish();
      this.runs.delete(run);
    }
  }

  /**
   * The subscription-wide VM list may not say which extensions a VM has. Looking them up for
   * every VM would be a request per VM, so only VMs behind an image's lineage are asked:
   * image -> VM, image -> disk -> attached VM, image -> snapshot -> source disk -> attached VM.
   */
  private async loadReferencedVmExtensions(run: LoadRun, s: SubscriptionState, unknownIds: string[]): Promise<void> {
    if (unknownIds.length === 0 || run.reason) return;
    const unknown = new Map(unknownIds.map((id) => [armIdKey(id), id]));
    const wanted = referencedVmKeys(s.items.images ?? [], s.items.snapshots ?? [], s.items.disks ?? []);
    const targets = [...wanted].filter((k) => unknown.has(k) && !s.vmExtensions.has(k));
    let changed = false;
    await Promise.all(
      targets.map(async (key) => {
        const id = unknown.get(key) ?? key;
        const ok = await this.detail(run, s, this.scopeOf(s), 'vmExtensions', id, (sig) => this.source.listVmExtensions(id, sig), (v) => s.vmExtensions.set(key, v));
        changed ||= ok;
      }),
    );
    if (changed) this.emit(s, 'virtualMachines');
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** Loads one category slot: state -> loading, fetch, apply if newest, state -> loaded/failed. */
  private async slot<T>(
    run: LoadRun,
    s: SubscriptionState,
    category: SubscriptionCategory,
    fetch: (signal: AbortSignal, free: boolean) => Promise<Gathered<T>>,
    apply: (value: T) => void,
    ticketOut?: { ticket?: number },
  ): Promise<T | undefined> {
    const slot = `${armIdKey(s.subscription.subscriptionId)}|${category}`;
    const ticket = this.nextTicket();
    if (ticketOut) ticketOut.ticket = ticket;
    s.states.set(category, { kind: 'loading' });
    this.emit(s, category);
    try {
      // A source that answers from a query of its own needs no request slot: pools and the like
      // are not queued behind an answer that costs the subscription no request.
      const free = run.whenReady ? await run.whenReady(category, s.subscription.subscriptionId) : false;
      const result = await fetch(run.signal, free);
      if (run.reason) throw new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') });
      if (!this.newer(slot, ticket)) return result.value;
      apply(result.value);
      if (!result.error && OVERLAID.has(category) && Array.isArray(result.value)) this.overlay.reconcile(category as OverlayCategory, s.subscription.subscriptionId, result.value as { id: string }[]);
      s.states.set(category, result.error ? { kind: 'failed', code: result.error.code, message: result.error.message } : { kind: 'loaded' });
      this.emit(s, category);
      return result.value;
    } catch (e) {
      if (this.ignorable(run) || !this.newer(slot, ticket)) return undefined;
      s.states.set(category, this.failure(run, e));
      this.emit(s, category);
      return undefined;
    }
  }

  private async detail<T>(
    run: LoadRun,
    s: SubscriptionState,
    scope: string,
    kind: LoadIssue['kind'],
    resourceId: string,
    fetch: (signal: AbortSignal) => Promise<T>,
    apply: (value: T) => void,
  ): Promise<boolean> {
    const slot = `${kind}|${armIdKey(resourceId)}`;
    const ticket = this.nextTicket();
    try {
      const value = await this.call(scope, () => fetch(run.signal), run.signal);
      if (run.reason || !this.newer(slot, ticket)) return false;
      apply(value);
      s.issues.delete(slot);
      this.invalidate();
      return true;
    } catch (e) {
      if (this.ignorable(run) || !this.newer(slot, ticket)) return false;
      const f = this.failure(run, e);
      if (f.kind === 'failed') s.issues.set(slot, { kind, resourceId, code: f.code ?? 'Unknown', message: f.message });
      this.invalidate();
      return false;
    }
  }

  private gather<T>(s: SubscriptionState, calls: Array<() => Promise<T[]>>, signal: AbortSignal, priority = 0, free = false): Promise<Gathered<T[]>> {
    return gatherLists(calls.map((c) => () => (free ? c() : this.call(this.scopeOf(s), c, signal, priority))), signal);
  }

  private gatherKeyed<T>(s: SubscriptionState, calls: ReadonlyArray<readonly [string, () => Promise<T[]>]>, signal: AbortSignal): Promise<Gathered<Map<string, T[]>>> {
    return gatherKeyedLists(calls.map(([k, c]) => [k, () => this.call(this.scopeOf(s), c, signal)] as const), signal);
  }

  /** A single list call (all its pages, holding one request slot throughout) as a slot fetch. */
  private one<T>(s: SubscriptionState, fetch: (signal: AbortSignal) => Promise<T>, priority = 0): (signal: AbortSignal, free: boolean) => Promise<Gathered<T>> {
    return async (signal, free) => ({ value: free ? await fetch(signal) : await this.call(this.scopeOf(s), () => fetch(signal), signal, priority) });
  }


  private call<T>(scope: string, task: () => Promise<T>, signal: AbortSignal, priority = 0): Promise<T> {
    return this.limits.run(scope, task, signal, priority);
  }

  /** Resource Manager throttles per subscription: its calls share that subscription's limit. */
  private scopeOf(s: SubscriptionState): string {
    return subscriptionScope(s.subscription.subscriptionId);
  }

  /** Categories that depend on one that failed or was skipped cannot load in this run. */
  private markUnreachable(run: LoadRun, s: SubscriptionState, dependents: SubscriptionCategory[], categories: Set<SubscriptionCategory>): void {
    if (this.ignorable(run)) return;
    for (const c of dependents) {
      if (!categories.has(c)) continue;
      const reason = run.reason === 'deadline' ? l10n.t('The load took too long.') : run.reason === 'cancelled' ? l10n.t('The load was cancelled.') : l10n.t('Its parent resources could not be listed.');
      s.states.set(c, { kind: 'failed', code: run.reason === 'deadline' ? 'DeadlineExceeded' : run.reason === 'cancelled' ? CANCELLED_CODE : 'ParentNotLoaded', message: reason });
      this.emit(s, c);
    }
  }

  private failure(run: LoadRun, e: unknown): CategoryLoadState {
    if (run.reason === 'deadline') return { kind: 'failed', code: 'DeadlineExceeded', message: l10n.t('Loading took longer than {0} s and was stopped.', Math.round(this.options.deadlineMs / 1000)) };
    if (run.reason === 'cancelled') return { kind: 'failed', code: CANCELLED_CODE, message: l10n.t('The load was cancelled.') };
    const err = toAzureError(e);
    return { kind: 'failed', code: err.code, message: err.message };
  }

  /** A run replaced by a newer one (or disposed) leaves no trace: the newer run owns the state. */
  private ignorable(run: LoadRun): boolean {
    return run.reason === 'superseded' || run.reason === 'disposed';
  }

  private nextTicket(): number {
    return ++this.ticketCounter;
  }

  /** True (and records it) when `ticket` is newer than what was last applied to `slot`. */
  private newer(slot: string, ticket: number): boolean {
    if ((this.applied.get(slot) ?? 0) >= ticket) return false;
    this.applied.set(slot, ticket);
    return true;
  }

  private accountSlot(s: SubscriptionState, accountKey: string): string {
    return `${armIdKey(s.subscription.subscriptionId)}|pools|${accountKey}`;
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
