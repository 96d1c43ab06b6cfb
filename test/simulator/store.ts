// In-memory state of the simulated cloud: subscriptions, resource groups and ARM resources.
// Resources are indexed by kind (the resource type's route name) so per-type lists stay cheap
// even with the 10,000-resource "large" scenario.
import { idKey, parseArmId, resourceGroupId } from './armId';
import type { JsonObject } from './json';

export type RegistrationState = 'Registered' | 'NotRegistered' | 'Registering' | 'Unregistered';

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: string;
  /** Lower-cased provider namespace -> registration state. Missing means NotRegistered. */
  providers: Map<string, RegistrationState>;
}

export interface ResourceGroup {
  subscriptionId: string;
  name: string;
  location: string;
  tags?: JsonObject;
  provisioningState: string;
}

export interface ArmResource {
  key: string;
  kind: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** Key of the parent resource for nested types (gallery image -> gallery). */
  parentKey?: string;
  /** The resource as ARM returns it: id, name, type, location, properties, ... */
  body: JsonObject;
}

/** What the Resource Graph index still shows for a resource changed less than the lag ago. */
interface PendingIndexChange {
  due: number;
  /** The resource as the index last saw it (undefined: the index did not have it). */
  before?: ArmResource;
}

export class Store {
  readonly subscriptions = new Map<string, Subscription>();
  readonly resourceGroups = new Map<string, ResourceGroup>();
  private readonly byKind = new Map<string, Map<string, ArmResource>>();
  private readonly kindOfKey = new Map<string, string>();
  /** The same resources by kind and subscription: a subscription's list must not scan the whole cloud. */
  private readonly byKindAndSubscription = new Map<string, Map<string, ArmResource>>();
  /**
   * Resource Graph is eventually consistent: a write reaches its index only `indexLagMs` later.
   * Until then the index shows the resource as it was before the first pending write.
   */
  indexLagMs = 0;
  /** Bumped by every write: an answer computed at one generation holds until the next. */
  private writes = 0;
  private readonly pendingIndex = new Map<string, PendingIndexChange>();

  subscription(id: string): Subscription | undefined {
    return this.subscriptions.get(id.toLowerCase());
  }

  /** Changes whenever a subscription or resource is added, changed or removed. */
  get generation(): number {
    return this.writes;
  }

  /** Whether the index still shows some resources as they were before a recent write (see indexLagMs). */
  hasPendingIndexChanges(): boolean {
    const now = Date.now();
    for (const [key, p] of this.pendingIndex) if (p.due <= now) this.pendingIndex.delete(key);
    return this.pendingIndex.size > 0;
  }

  addSubscription(sub: Subscription): void {
    this.writes++;
    this.subscriptions.set(sub.subscriptionId.toLowerCase(), sub);
  }

  resourceGroup(subscriptionId: string, name: string): ResourceGroup | undefined {
    return this.resourceGroups.get(idKey(resourceGroupId(subscriptionId, name)));
  }

  putResourceGroup(rg: ResourceGroup): void {
    this.resourceGroups.set(idKey(resourceGroupId(rg.subscriptionId, rg.name)), rg);
  }

  get(id: string): ArmResource | undefined {
    const key = idKey(id);
    const kind = this.kindOfKey.get(key);
    return kind === undefined ? undefined : this.byKind.get(kind)?.get(key);
  }

  put(resource: ArmResource): void {
    this.writes++;
    this.noteIndexChange(resource.key);
    let bucket = this.byKind.get(resource.kind);
    if (!bucket) {
      bucket = new Map();
      this.byKind.set(resource.kind, bucket);
    }
    bucket.set(resource.key, resource);
    this.kindOfKey.set(resource.key, resource.kind);
    const subKey = kindAndSubscription(resource.kind, resource.subscriptionId);
    let subBucket = this.byKindAndSubscription.get(subKey);
    if (!subBucket) {
      subBucket = new Map();
      this.byKindAndSubscription.set(subKey, subBucket);
    }
    subBucket.set(resource.key, resource);
  }

  /** Deletes a resource and everything nested under it (ARM cascades child resources). */
  delete(id: string): boolean {
    const key = idKey(id);
    const kind = this.kindOfKey.get(key);
    if (kind === undefined) return false;
    for (const child of this.all().filter((r) => r.key.startsWith(key + '/'))) this.removeKey(child.key);
    this.removeKey(key);
    return true;
  }

  private removeKey(key: string): void {
    const kind = this.kindOfKey.get(key);
    if (kind === undefined) return;
    this.writes++;
    this.noteIndexChange(key);
    const resource = this.byKind.get(kind)?.get(key);
    this.byKind.get(kind)?.delete(key);
    this.kindOfKey.delete(key);
    if (resource) this.byKindAndSubscription.get(kindAndSubscription(kind, resource.subscriptionId))?.delete(key);
  }

  /** Records that `key` is about to change, so the index keeps showing the old state for a while. */
  private noteIndexChange(key: string): void {
    if (this.indexLagMs <= 0) return;
    const now = Date.now();
    const pending = this.pendingIndex.get(key);
    if (pending && pending.due > now) {
      pending.due = now + this.indexLagMs;
      return;
    }
    const current = this.get(key);
    this.pendingIndex.set(key, { due: now + this.indexLagMs, before: current ? { ...current, body: JSON.parse(JSON.stringify(current.body)) as JsonObject } : undefined });
  }

  /**
   * The resources of `kind` as the Resource Graph index sees them now: the stored ones, except
   * that a resource written or deleted less than `indexLagMs` ago still shows its earlier state.
   */
  indexedOfKind(kind: string): ArmResource[] {
    const now = Date.now();
    for (const [key, p] of this.pendingIndex) if (p.due <= now) this.pendingIndex.delete(key);
    const out: ArmResource[] = [];
    for (const r of this.byKind.get(kind)?.values() ?? []) {
      const pending = this.pendingIndex.get(r.key);
      if (!pending) out.push(r);
      else if (pending.before) out.push(pending.before);
    }
    for (const [key, p] of this.pendingIndex) {
      if (p.before && p.before.kind === kind && !this.kindOfKey.has(key)) out.push(p.before);
    }
    return out;
  }

  /** The resources of `kind` in one subscription (any case), in the order ofKind lists them. */
  ofKindInSubscription(kind: string, subscriptionId: string): ArmResource[] {
    return [...(this.byKindAndSubscription.get(kindAndSubscription(kind, subscriptionId))?.values() ?? [])];
  }

  ofKind(kind: string): ArmResource[] {
    return [...(this.byKind.get(kind)?.values() ?? [])];
  }

  all(): ArmResource[] {
    return [...this.byKind.values()].flatMap((m) => [...m.values()]);
  }

  deleteResourceGroup(subscriptionId: string, name: string): void {
    const prefix = idKey(resourceGroupId(subscriptionId, name)) + '/';
    for (const r of this.all()) if (r.key.startsWith(prefix)) this.removeKey(r.key);
    this.resourceGroups.delete(prefix.slice(0, -1));
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = { resourceGroups: this.resourceGroups.size };
    for (const [kind, m] of this.byKind) out[kind] = m.size;
    return out;
  }
}

/** Builds a stored resource record from a body that already carries its `id`. */
export function recordFor(kind: string, body: JsonObject, parentKey?: string): ArmResource {
  const id = String(body.id);
  const parts = parseArmId(id);
  if (!parts?.resourceGroup) throw new Error(`not a resource-group scoped id: ${id}`);
  const last = parts.segments[parts.segments.length - 1];
  return { key: idKey(id), kind, subscriptionId: parts.subscriptionId, resourceGroup: parts.resourceGroup, name: last[1], parentKey, body };
}

function kindAndSubscription(kind: string, subscriptionId: string): string {
  return `${kind}|${subscriptionId.toLowerCase()}`;
}
