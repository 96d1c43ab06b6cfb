// Reads below category level, which never fail a category: a subscription's provider
// registration, the extensions of VMs behind images, an account's supported images. A failure
// becomes an issue of the subscription (LoadIssue) that the next read of the same detail clears.
import { armIdKey } from '../model';
import type { BatchAccount, InventoryCategory } from '../model';
import { referencedVmKeys } from './lineage';
import type { LoadRun } from './loadRun';
import { batchAccountScope, subscriptionScope } from './requestLimits';
import type { InventorySource } from './source';
import type { LoadIssue, SubscriptionState } from './state';
import type { Tickets } from './tickets';

/** What detail reads need of the loader. */
export interface DetailHost {
  readonly source: InventorySource;
  readonly tickets: Tickets;
  call<T>(scope: string, task: () => Promise<T>, signal: AbortSignal): Promise<T>;
  /** Runs `work` in a run of its own that cancel() and dispose() stop. */
  inRun<T>(key: string, work: (run: LoadRun) => Promise<T>): Promise<T>;
  /** The inventory changed (no event). */
  invalidate(): void;
  emit(s: SubscriptionState, category: InventoryCategory): void;
}

export class DetailReads {
  constructor(private readonly host: DetailHost) {}

  /** A subscription's provider registrations (read on first need, in a run of its own). Resolves true when they changed. */
  providers(s: SubscriptionState): Promise<boolean> {
    const subscriptionId = s.subscription.subscriptionId;
    return this.host.inRun(`providers:${subscriptionId.toLowerCase()}`, async (run) => {
      const changed = await this.read(run, s, subscriptionScope(subscriptionId), 'providers', s.subscription.id, (sig) => this.host.source.listRegisteredProviders(subscriptionId, sig), (v) => {
        s.registeredProviders = v;
      });
      if (changed) this.host.emit(s, 'subscriptions');
      return changed;
    });
  }

  /** An account's supported images through its data plane (its own request limit). Resolves true when they changed. */
  supportedImages(s: SubscriptionState, account: BatchAccount): Promise<boolean> {
    return this.host.inRun(`supportedImages:${armIdKey(account.id)}`, async (run) => {
      const changed = await this.read(run, s, batchAccountScope(account.accountEndpoint ?? account.id), 'supportedImages', account.id, (sig) => this.host.source.listSupportedImages(account, sig), (v) => {
        s.supportedImages.set(armIdKey(account.id), v);
      });
      if (changed) this.host.emit(s, 'batchAccounts');
      return changed;
    });
  }

  /**
   * The subscription-wide VM list may not say which extensions a VM has. Looking them up for
   * every VM would be a request per VM, so only VMs behind an image's lineage are asked:
   * image -> VM, image -> disk -> attached VM, image -> snapshot -> source disk -> attached VM.
   */
  async vmExtensions(run: LoadRun, s: SubscriptionState, unknownIds: readonly string[]): Promise<void> {
    if (unknownIds.length === 0 || run.reason) return;
    const unknown = new Map(unknownIds.map((id) => [armIdKey(id), id]));
    const wanted = referencedVmKeys(s.items.images ?? [], s.items.snapshots ?? [], s.items.disks ?? []);
    const targets = [...wanted].filter((k) => unknown.has(k) && !s.vmExtensions.has(k));
    const scope = subscriptionScope(s.subscription.subscriptionId);
    const changed = await Promise.all(
      targets.map((key) => {
        const id = unknown.get(key) ?? key;
        return this.read(run, s, scope, 'vmExtensions', id, (sig) => this.host.source.listVmExtensions(id, sig), (v) => s.vmExtensions.set(key, v));
      }),
    );
    if (changed.some(Boolean)) this.host.emit(s, 'virtualMachines');
  }

  /** One detail read: applied if newest; a failure recorded as an issue. Resolves true when applied. */
  private async read<T>(run: LoadRun, s: SubscriptionState, scope: string, kind: LoadIssue['kind'], resourceId: string, fetch: (signal: AbortSignal) => Promise<T>, apply: (value: T) => void): Promise<boolean> {
    const { tickets } = this.host;
    const slot = `${kind}|${armIdKey(resourceId)}`;
    const ticket = tickets.next();
    try {
      const value = await this.host.call(scope, () => fetch(run.signal), run.signal);
      if (run.reason || !tickets.newer(slot, ticket)) return false;
      apply(value);
      s.issues.delete(slot);
      this.host.invalidate();
      return true;
    } catch (e) {
      if (run.ignorable || !tickets.newer(slot, ticket)) return false;
      const f = run.failure(e);
      if (f.kind === 'failed') s.issues.set(slot, { kind, resourceId, code: f.code ?? 'Unknown', message: f.message });
      this.host.invalidate();
      return false;
    }
  }
}
