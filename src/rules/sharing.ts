// Which other pools use the same managed image, or a managed image made from the same OS snapshot
// (the seed's limits and "unique image per pool" advice apply to both).
import { armIdKey, known, parseArmId, type LivePool, type ManagedImage, type PoolSpec } from '../model';
import type { ResolvedImage } from './resolve';
import type { RuleContext } from './types';
import { scaleMode, targetCounts } from './specFacts';

export interface SharingPools {
  live: LivePool[];
  specs: PoolSpec[];
  /** Keys of the images considered "the same" (own image first). */
  imageKeys: Set<string>;
  /** Other images made from the same OS snapshot. */
  siblingImages: readonly ManagedImage[];
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

export function poolsSharingManagedImage(spec: PoolSpec, ctx: RuleContext, resolved: ResolvedImage): SharingPools {
  const empty: SharingPools = { live: [], specs: [], imageKeys: new Set(), siblingImages: [] };
  if (resolved.info?.kind !== 'managedImage') return empty;
  const inv = ctx.inventory;
  const siblingImages = resolved.managedImage ? inv.imagesSharingOsSnapshot(resolved.managedImage.id) : [];
  const imageKeys = new Set([resolved.info.key, ...siblingImages.map((i) => armIdKey(i.id))]);
  const live: LivePool[] = [];
  for (const key of imageKeys) {
    for (const pool of inv.poolsByImageId(key)) if (!isSamePool(spec, pool, ctx)) live.push(pool);
  }
  const liveNames = new Set(live.map((p) => p.name.toLowerCase()));
  const specs = (ctx.otherPools ?? []).filter((other) => {
    if (other === spec) return false;
    const id = known(other.imageId);
    if (!id || !imageKeys.has(armIdKey(id))) return false;
    // The same pool may be both deployed and described in a file: count it once.
    const name = known(other.name);
    return !(name && liveNames.has(name.toLowerCase()) && !other.livePoolId);
  });
  return { live, specs, imageKeys, siblingImages };
}

/** Node counts of a live pool for totals: targets when fixed, current nodes when autoscaling. */
export function liveCounts(pool: LivePool): { dedicated: number; lowPriority: number } {
  if (pool.scale.kind === 'fixed') {
    return { dedicated: pool.scale.targetDedicatedNodes, lowPriority: pool.scale.targetLowPriorityNodes };
  }
  return { dedicated: pool.currentDedicatedNodes, lowPriority: pool.currentLowPriorityNodes };
}

/** Node counts of another spec for totals (autoscale / unknown counts contribute 0). */
export function specCounts(spec: PoolSpec): { dedicated: number; lowPriority: number } {
  if (scaleMode(spec) !== 'fixed') return { dedicated: 0, lowPriority: 0 };
  const c = targetCounts(spec);
  return { dedicated: c.dedicated, lowPriority: c.lowPriority };
}
