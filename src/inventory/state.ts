// The loader's memory: what each subscription holds per category, the load state of each
// (subscription, category), and the assembly of an InventorySnapshot from it. No I/O here.
import * as l10n from '@vscode/l10n';
import { armIdKey, emptyInventorySnapshot, INVENTORY_CATEGORIES } from '../model';
import type {
  InventoryCategory,
  InventoryLoadError,
  InventorySnapshot,
  LivePool,
  Subscription,
  SupportedImage,
  VmExtension,
} from '../model';

/**
 * Load state of one category of one subscription (same shape as the views' CategoryState).
 * `reloading`: loading again while the items of an earlier load are still at hand.
 */
export type CategoryLoadState = { kind: 'loading'; reloading?: boolean } | { kind: 'loaded' } | { kind: 'failed'; code?: string; message: string };

/** The per-subscription categories (everything except the subscription list itself). */
export type SubscriptionCategory = Exclude<InventoryCategory, 'subscriptions'>;

export const SUBSCRIPTION_CATEGORIES: readonly SubscriptionCategory[] = INVENTORY_CATEGORIES.filter(
  (c): c is SubscriptionCategory => c !== 'subscriptions',
);

/** Something that failed below category level: it does not make a category unknown. */
export interface LoadIssue {
  kind: 'supportedImages' | 'vmExtensions' | 'providers';
  /** The account, VM or subscription concerned. */
  resourceId: string;
  code: string;
  message: string;
}

/** The lists a subscription's categories fill (pools are kept per account elsewhere). */
export type CategoryItems = Pick<
  InventorySnapshot,
  'images' | 'snapshots' | 'disks' | 'virtualMachines' | 'galleries' | 'galleryImageDefinitions' | 'galleryImageVersions' | 'batchAccounts'
>;

export class SubscriptionState {
  /** Undefined until the category has been loaded once (stale data stays while reloading). */
  readonly items: Partial<CategoryItems> = {};
  /** Pools per account key, so one account can be refreshed alone. */
  poolsByAccount?: Map<string, LivePool[]>;
  readonly states = new Map<SubscriptionCategory, CategoryLoadState>();
  readonly supportedImages = new Map<string, SupportedImage[]>();
  readonly vmExtensions = new Map<string, VmExtension[]>();
  /** VMs the latest VM list did not say the extensions of. */
  extensionsUnknown: string[] = [];
  readonly issues = new Map<string, LoadIssue>();
  registeredProviders?: string[];

  constructor(public subscription: Subscription) {}

  state(category: SubscriptionCategory): CategoryLoadState {
    return this.states.get(category) ?? { kind: 'loading' };
  }

  hasData(category: SubscriptionCategory): boolean {
    return category === 'pools' ? this.poolsByAccount !== undefined : this.items[category] !== undefined;
  }
}

export class InventoryState {
  subscriptionList: Subscription[] = [];
  subscriptionsState: CategoryLoadState = { kind: 'loading' };
  /** True once a subscription list has been received (before that, nothing is "deleted"). */
  listed = false;
  loadedAt?: string;
  readonly subs = new Map<string, SubscriptionState>();

  sub(subscriptionId: string): SubscriptionState | undefined {
    return this.subs.get(subscriptionId.toLowerCase());
  }

  /** Replaces the subscription list, keeping what is known about subscriptions still there. */
  setSubscriptions(list: Subscription[]): void {
    this.subscriptionList = list;
    this.listed = true;
    const keep = new Set(list.map((s) => s.subscriptionId.toLowerCase()));
    for (const key of [...this.subs.keys()]) if (!keep.has(key)) this.subs.delete(key);
    for (const s of list) {
      const key = s.subscriptionId.toLowerCase();
      const existing = this.subs.get(key);
      if (existing) existing.subscription = s;
      else this.subs.set(key, new SubscriptionState(s));
    }
  }

  issues(): LoadIssue[] {
    return [...this.subs.values()].flatMap((s) => [...s.issues.values()]);
  }

  /**
   * Assembles the snapshot. A category still loading for the first time is reported as an error
   * with code `Loading`, so existence checks answer `unknown` rather than a premature `deleted`.
   */
  snapshot(): InventorySnapshot {
    const snap = emptyInventorySnapshot();
    if (this.loadedAt) snap.loadedAt = this.loadedAt;
    const errors: InventoryLoadError[] = [];
    if (this.subscriptionsState.kind === 'failed') {
      errors.push({ category: 'subscriptions', message: this.subscriptionsState.message, code: this.subscriptionsState.code });
    }
    for (const listed of this.subscriptionList) {
      const s = this.sub(listed.subscriptionId);
      if (!s) continue;
      const subscription: Subscription = { ...s.subscription };
      if (s.registeredProviders) subscription.registeredProviders = [...s.registeredProviders];
      snap.subscriptions.push(subscription);
      const it = s.items;
      if (it.images) snap.images.push(...it.images);
      if (it.snapshots) snap.snapshots.push(...it.snapshots);
      if (it.disks) snap.disks.push(...it.disks);
      if (it.virtualMachines) {
        for (const vm of it.virtualMachines) {
          const ext = s.vmExtensions.get(armIdKey(vm.id));
          snap.virtualMachines.push(ext ? { ...vm, extensions: ext } : vm);
        }
      }
      if (it.galleries) snap.galleries.push(...it.galleries);
      if (it.galleryImageDefinitions) snap.galleryImageDefinitions.push(...it.galleryImageDefinitions);
      if (it.galleryImageVersions) snap.galleryImageVersions.push(...it.galleryImageVersions);
      if (it.batchAccounts) {
        for (const a of it.batchAccounts) {
          const images = s.supportedImages.get(armIdKey(a.id));
          snap.batchAccounts.push(images ? { ...a, supportedImages: images } : a);
        }
      }
      if (s.poolsByAccount) for (const pools of s.poolsByAccount.values()) snap.pools.push(...pools);
      for (const category of SUBSCRIPTION_CATEGORIES) {
        const state = s.state(category);
        if (state.kind === 'failed') {
          errors.push({ category, subscriptionId: listed.subscriptionId, message: state.message, code: state.code });
        } else if (state.kind === 'loading' && !s.hasData(category)) {
          errors.push({ category, subscriptionId: listed.subscriptionId, message: l10n.t('Still loading.'), code: 'Loading' });
        }
      }
    }
    snap.errors = errors;
    return snap;
  }
}
