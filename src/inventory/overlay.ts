// What the inventory knows better than its sources for a while: resources the extension itself
// just created or deleted (from the operation's result), and resources read fresh by id (what an
// open pool document references). An index like Resource Graph lags writes by seconds to
// minutes; until a later load agrees — or a time limit passes — these entries win. Pure: no I/O.
import { armIdKey } from '../model';
import type { InventoryResource, InventorySnapshot } from '../model';

/** Categories an entry can stand in (those listed per subscription). */
export type OverlayCategory = Exclude<InventoryResource['category'], 'subscriptions' | 'pools' | 'virtualMachines' | 'batchAccounts'>;
type ResourceOf<C extends OverlayCategory> = Extract<InventoryResource, { category: C }>['resource'];

export type OverlayOrigin = 'write' | 'read';

interface Entry {
  key: string;
  category: OverlayCategory;
  /** Undefined: the resource does not exist (deleted, or a fresh read found nothing). */
  resource?: { id: string };
  origin: OverlayOrigin;
  expiresAt: number;
}

/** How long an entry wins over loads that disagree with it (then a fresh read decides). */
export const OVERLAY_TTL_MS = 10 * 60_000;

export class InventoryOverlay {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = OVERLAY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The resource exists as given (created by us, or read fresh). */
  present<C extends OverlayCategory>(category: C, resource: ResourceOf<C>, origin: OverlayOrigin): void {
    const key = armIdKey(resource.id);
    this.entries.set(key, { key, category, resource, origin, expiresAt: this.now() + this.ttlMs });
  }

  /** The resource is gone (deleted by us, or a fresh read found nothing). */
  absent(category: OverlayCategory, id: string, origin: OverlayOrigin): void {
    const key = armIdKey(id);
    this.entries.set(key, { key, category, origin, expiresAt: this.now() + this.ttlMs });
  }

  /** What the overlay says of an id: present, absent, or nothing. */
  lookup(id: string): 'present' | 'absent' | undefined {
    const e = this.entries.get(armIdKey(id));
    if (!e || e.expiresAt <= this.now()) return undefined;
    return e.resource ? 'present' : 'absent';
  }

  /**
   * A load answered `category` for a subscription with `items`: entries it now agrees with are
   * dropped (the created resource is listed, the deleted one is not).
   */
  reconcile(category: OverlayCategory, subscriptionId: string, items: readonly { id: string }[]): void {
    const prefix = `/subscriptions/${subscriptionId.toLowerCase()}/`;
    let listed: Set<string> | undefined;
    for (const e of [...this.entries.values()]) {
      if (e.category !== category || !e.key.startsWith(prefix)) continue;
      listed ??= new Set(items.map((i) => armIdKey(i.id)));
      if (listed.has(e.key) === (e.resource !== undefined)) this.entries.delete(e.key);
    }
  }

  /** Removes entries past their time limit and returns their ids (a fresh read decides them). */
  takeExpired(): string[] {
    const t = this.now();
    const out: string[] = [];
    for (const e of [...this.entries.values()]) {
      if (e.expiresAt > t) continue;
      this.entries.delete(e.key);
      out.push(e.resource?.id ?? e.key);
    }
    return out;
  }

  /** The snapshot as the overlay says it is: absent resources hidden, present ones added or replaced. */
  applyTo(snap: InventorySnapshot): void {
    if (this.entries.size === 0) return;
    const t = this.now();
    const live = [...this.entries.values()].filter((e) => e.expiresAt > t);
    const listed = new Set(snap.subscriptions.map((s) => `/subscriptions/${s.subscriptionId.toLowerCase()}/`));
    const categories: OverlayCategory[] = ['images', 'snapshots', 'disks', 'galleries', 'galleryImageDefinitions', 'galleryImageVersions'];
    for (const category of categories) {
      const mine = live.filter((e) => e.category === category);
      if (mine.length === 0) continue;
      const byKey = new Map(mine.map((e) => [e.key, e]));
      const list = snap[category] as { id: string }[];
      const kept = list.filter((item) => !byKey.has(armIdKey(item.id)));
      for (const e of mine) {
        const inListedSubscription = [...listed].some((p) => e.key.startsWith(p));
        if (e.resource && inListedSubscription) kept.push(e.resource);
      }
      (snap as unknown as Record<string, unknown>)[category] = kept;
    }
  }
}
