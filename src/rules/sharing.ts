// Which other pools use the same managed image, or a managed image made from the same OS snapshot
// (the seed's limits and "unique image per pool" advice apply to both). Groups are computed once
// per rule context and image, so a template with thousands of pools stays linear.
import * as l10n from '@vscode/l10n';
import { armIdKey, known, parseArmId, type LivePool, type ManagedImage, type PoolSpec } from '../model';
import type { ResolvedImage } from './resolve';
import type { RuleContext } from './types';
import { perInventoryCache } from './perInventoryCache';
import { scaleMode, targetCounts } from './specFacts';

/** Related locations and names are capped so a template with thousands of pools stays readable and fast. */
export const MAX_LISTED_POOLS = 10;

export interface SharingPools {
  /** Live pools using the image (or a sibling), without the pool the spec describes. */
  live: LivePool[];
  /** Other specs using the image, at most MAX_LISTED_POOLS + 1 of them (see specCount). */
  specs: PoolSpec[];
  /** Number of other specs using the image. */
  specCount: number;
  /** Node totals of the other specs. */
  specTotals: { dedicated: number; lowPriority: number };
  /** Keys of the images considered "the same" (own image first). */
  imageKeys: Set<string>;
  /** Other images made from the same OS snapshot. */
  siblingImages: readonly ManagedImage[];
}

interface Group {
  imageKeys: Set<string>;
  /** The image and the images made from the same OS snapshot. */
  images: readonly ManagedImage[];
  live: LivePool[];
  specs: PoolSpec[];
  members: Set<PoolSpec>;
  totals: { dedicated: number; lowPriority: number };
}

/** True when a live pool is the pool the spec describes (so it is not "another" pool). */
export function isSamePool(spec: PoolSpec, pool: LivePool, ctx: RuleContext): boolean {
  if (spec.livePoolId) return armIdKey(spec.livePoolId) === armIdKey(pool.id);
  const name = known(spec.name);
  if (!name || name.toLowerCase() !== pool.name.toLowerCase()) return false;
  if (ctx.account) return armIdKey(ctx.account.id) === armIdKey(pool.accountId);
  if (spec.accountName) return parseArmId(pool.accountId)?.name.toLowerCase() === spec.accountName.toLowerCase();
  return false;
}

/** Node counts of a live pool for totals: targets when fixed, current nodes when autoscaling. */
export function liveCounts(pool: LivePool): { dedicated: number; lowPriority: number } {
  if (pool.scale.kind === 'fixed') {
    return { dedicated: pool.scale.targetDedicatedNodes, lowPriority: pool.scale.targetLowPriorityNodes };
  }
  return { dedicated: pool.currentDedicatedNodes, lowPriority: pool.currentLowPriorityNodes };
}

/** Node counts of a spec for totals (autoscale / unknown counts contribute 0). */
export function specCounts(spec: PoolSpec): { dedicated: number; lowPriority: number } {
  if (scaleMode(spec) !== 'fixed') return { dedicated: 0, lowPriority: 0 };
  const c = targetCounts(spec);
  return { dedicated: c.dedicated, lowPriority: c.lowPriority };
}

/** Lowercased image id key of a spec (null when unknown), memoised per spec. */
const imageKeyMemo = new WeakMap<PoolSpec, string | null>();

function imageKeyOf(spec: PoolSpec): string | null {
  let key = imageKeyMemo.get(spec);
  if (key === undefined) {
    const id = known(spec.imageId);
    key = id ? armIdKey(id) : null;
    imageKeyMemo.set(spec, key);
  }
  return key;
}

/** otherPools grouped by image key, for arrays that are passed more than once (a shared context). */
const otherPoolIndex = new WeakMap<readonly PoolSpec[], Map<string, PoolSpec[]>>();
const seenOnce = new WeakSet<readonly PoolSpec[]>();

/**
 * The other specs using one of `keys`. Callers that build a fresh otherPools array per spec get
 * a plain scan (no index to build and throw away); an array seen twice is indexed once.
 */
function otherPoolsUsing(others: readonly PoolSpec[], keys: ReadonlySet<string>): PoolSpec[] {
  let index = otherPoolIndex.get(others);
  if (!index) {
    if (!seenOnce.has(others)) {
      seenOnce.add(others);
      return others.filter((o) => {
        const k = imageKeyOf(o);
        return k !== null && keys.has(k);
      });
    }
    index = new Map();
    for (const o of others) {
      const k = imageKeyOf(o);
      if (k === null) continue;
      const list = index.get(k);
      if (list) list.push(o);
      else index.set(k, [o]);
    }
    otherPoolIndex.set(others, index);
  }
  const out: PoolSpec[] = [];
  for (const k of keys) {
    const list = index.get(k);
    if (list) out.push(...list);
  }
  return out;
}

/** The inventory's side of a group: the same for every document and keystroke until the inventory changes. */
interface LiveGroup {
  imageKeys: Set<string>;
  images: readonly ManagedImage[];
  live: LivePool[];
  liveNames: Set<string>;
}

const liveGroups = perInventoryCache<LiveGroup>();

function liveGroupFor(imageKey: string, image: ManagedImage | undefined, ctx: RuleContext): LiveGroup {
  return liveGroups(ctx.inventory, imageKey, () => {
    const inv = ctx.inventory;
    const siblingImages = image ? inv.imagesSharingOsSnapshot(image.id) : [];
    const imageKeys = new Set([imageKey, ...siblingImages.map((i) => armIdKey(i.id))]);
    const live: LivePool[] = [];
    for (const key of imageKeys) live.push(...inv.poolsByImageId(key));
    const liveNames = new Set(live.map((p) => p.name.toLowerCase()));
    return { imageKeys, images: image ? [image, ...siblingImages] : [], live, liveNames };
  });
}

const groupCache = new WeakMap<RuleContext, Map<string, Group>>();

function groupFor(imageKey: string, image: ManagedImage | undefined, ctx: RuleContext): Group {
  let byImage = groupCache.get(ctx);
  if (!byImage) {
    byImage = new Map();
    groupCache.set(ctx, byImage);
  }
  const hit = byImage.get(imageKey);
  if (hit) return hit;
  const { imageKeys, images, live, liveNames } = liveGroupFor(imageKey, image, ctx);
  const specs: PoolSpec[] = [];
  const totals = { dedicated: 0, lowPriority: 0 };
  for (const other of otherPoolsUsing(ctx.otherPools ?? [], imageKeys)) {
    // The same pool may be both deployed and described in a file: count it once (as live).
    const name = known(other.name);
    if (name && liveNames.has(name.toLowerCase()) && !other.livePoolId) continue;
    specs.push(other);
    const c = specCounts(other);
    totals.dedicated += c.dedicated;
    totals.lowPriority += c.lowPriority;
  }
  const group: Group = { imageKeys, images, live, specs, members: new Set(specs), totals };
  // Every image of the group shares the same answer.
  for (const key of imageKeys) if (!byImage.has(key)) byImage.set(key, group);
  return group;
}

/** The answer for every pool not on a managed image (most of them): one object, never changed. */
const NOT_SHARED: SharingPools = Object.freeze({
  live: [],
  specs: [],
  specCount: 0,
  specTotals: { dedicated: 0, lowPriority: 0 },
  imageKeys: new Set<string>(),
  siblingImages: [],
});

export function poolsSharingManagedImage(spec: PoolSpec, ctx: RuleContext, resolved: ResolvedImage): SharingPools {
  if (resolved.info?.kind !== 'managedImage') return NOT_SHARED;
  const group = groupFor(resolved.info.key, resolved.managedImage, ctx);
  const isMember = group.members.has(spec);
  const own = isMember ? specCounts(spec) : { dedicated: 0, lowPriority: 0 };
  const specs: PoolSpec[] = [];
  for (const s of group.specs) {
    if (specs.length > MAX_LISTED_POOLS) break;
    if (s !== spec) specs.push(s);
  }
  // Sibling images are those other than the spec's own image.
  const ownKey = resolved.info.key;
  const siblingImages = group.images.filter((i) => armIdKey(i.id) !== ownKey);
  return {
    live: group.live.filter((p) => !isSamePool(spec, p, ctx)),
    specs,
    specCount: group.specs.length - (isMember ? 1 : 0),
    specTotals: { dedicated: group.totals.dedicated - own.dedicated, lowPriority: group.totals.lowPriority - own.lowPriority },
    imageKeys: group.imageKeys,
    siblingImages,
  };
}

/** `'a', 'b', 'c', 'd', 'e' and 12 more` — `total` counts names not in the list too. */
export function listNames(names: readonly string[], total = names.length, max = 5): string {
  const shown = names.slice(0, max).map((n) => `'${n}'`);
  return total > shown.length ? l10n.t('{0} and {1} more', shown.join(', '), total - shown.length) : shown.join(', ');
}
