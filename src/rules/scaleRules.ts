// Scale: custom-image node limits, resize timeouts, replica counts.
import * as l10n from '@vscode/l10n';
import { known, normalizeRegion, type PoolSpec, type SpecValue } from '../model';
import { formatMinutes, MS_PER_MINUTE, minutesToIsoDuration, parseIsoDuration } from './duration';
import { replicaIn } from './regionRules';
import { isGallery, isManaged, resolveImage } from './resolve';
import { liveCounts, MAX_LISTED_POOLS, poolsSharingManagedImage, specCounts } from './sharing';
import { poolLabel, scaleMode, scaleRange, targetCounts } from './specFacts';
import type { Finding, RelatedLocation, RuleContext } from './types';

/** Batch's pool size limits for custom (managed) images ([seed]). */
export const MANAGED_IMAGE_DEDICATED_LIMIT = 2500;
export const MANAGED_IMAGE_LOW_PRIORITY_LIMIT = 1000;
/** Above this many nodes a managed-image pool may need several resizes ([seed]). */
export const LARGE_POOL_NODES = 300;
/** One gallery replica per this many concurrently created VMs ([gallery]). */
export const NODES_PER_REPLICA = 300;
/** Service default when resizeTimeout is not set. */
export const DEFAULT_RESIZE_TIMEOUT_MINUTES = 15;
export const MANAGED_IMAGE_RESIZE_TIMEOUT_MINUTES = 20;
export const GALLERY_RESIZE_TIMEOUT_MINUTES_PER_1000 = 15;

export function customImageNodeLimit(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const r = resolveImage(spec, ctx.inventory);
  if (!isManaged(r) || scaleMode(spec) !== 'fixed') return [];
  const sharing = poolsSharingManagedImage(spec, ctx, r);
  const others = { dedicated: 0, lowPriority: 0 };
  for (const p of sharing.live) {
    const c = liveCounts(p);
    others.dedicated += c.dedicated;
    others.lowPriority += c.lowPriority;
  }
  others.dedicated += sharing.specTotals.dedicated;
  others.lowPriority += sharing.specTotals.lowPriority;
  const related: RelatedLocation[] = [
    ...sharing.live.slice(0, MAX_LISTED_POOLS).map((p) => {
      const c = liveCounts(p);
      return { message: l10n.t('Pool \'{0}\': {1} dedicated, {2} low-priority nodes', p.name, c.dedicated, c.lowPriority), resourceId: p.id };
    }),
    ...sharing.specs.slice(0, MAX_LISTED_POOLS).map((s) => {
      const c = specCounts(s);
      return {
        message: l10n.t('Pool \'{0}\': {1} dedicated, {2} low-priority nodes', known(s.name) ?? l10n.t('(unnamed)'), c.dedicated, c.lowPriority),
        range: s.name?.range ?? s.range,
        source: s.source,
      };
    }),
  ].slice(0, MAX_LISTED_POOLS);
  const findings: Finding[] = [];
  const check = (value: SpecValue<number> | undefined, othersCount: number, limit: number, kind: 'dedicated' | 'low-priority') => {
    const own = known(value);
    if (own === undefined || own <= 0) return;
    const capKey = kind === 'dedicated' ? 'targetDedicatedNodes' : 'targetLowPriorityNodes';
    // What is left under the shared limit; when the other pools exceed it on their own, this
    // pool can at least respect the per-pool limit.
    const cap = othersCount <= limit ? limit - othersCount : limit;
    if (own > limit) {
      const shared =
        othersCount === 0
          ? ''
          : othersCount <= limit
            ? l10n.t(' Pools sharing the image already use {0}, so {1} remain.', othersCount, cap)
            : l10n.t(' Pools sharing the image already use {0} together, above the limit on their own.', othersCount);
      findings.push({
        code: 'custom-image-node-limit',
        severity: 'error',
        message:
          l10n.t('{0} targets {1} {2} nodes, but Batch limits pools using a managed (custom) image to {3} {2} nodes.{4} Reduce the count to {5} or less, or use an Azure Compute Gallery image, which scales further.', poolLabel(spec), own, kind, limit, shared, cap),
        range: value?.range,
        related: related.length > 0 ? related : undefined,
        fix: { kind: 'capNodes', [capKey]: cap },
      });
    } else if (own + othersCount > limit && othersCount <= limit) {
      // Only when this pool is what pushes the total over: when the other pools exceed the limit
      // on their own, the finding belongs to them (and capping this pool to 0 would not help).
      findings.push({
        code: 'custom-image-node-limit',
        severity: 'error',
        message:
          l10n.t('Pools sharing this managed image (or images of the same OS snapshot) would total {0} {1} nodes ({2} here + {3} in {4}), above the limit of {5}. Reduce this pool to {6} or less, or give each pool its own image.', own + othersCount, kind, own, othersCount, otherPools(sharing.live.length + sharing.specCount), limit, cap),
        range: value?.range,
        related,
        fix: { kind: 'capNodes', [capKey]: cap },
      });
    }
  };
  check(spec.targetDedicatedNodes, others.dedicated, MANAGED_IMAGE_DEDICATED_LIMIT, 'dedicated');
  check(spec.targetLowPriorityNodes, others.lowPriority, MANAGED_IMAGE_LOW_PRIORITY_LIMIT, 'low-priority');
  return findings;
}

export function inboundNatLimit(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const count = known(spec.inboundNatPools);
  if (!count || !isManaged(resolveImage(spec, ctx.inventory))) return [];
  return [
    {
      code: 'inbound-nat-limit',
      severity: 'warning',
      message:
        l10n.t('{0} uses a managed image and configures {1}. With inbound NAT pools, the custom-image limits ({2} dedicated / {3} low-priority nodes) may be reduced; plan for a smaller maximum pool size.', poolLabel(spec), (count === 1 ? l10n.t('1 inbound NAT pool') : l10n.t('{0} inbound NAT pools', count)), MANAGED_IMAGE_DEDICATED_LIMIT, MANAGED_IMAGE_LOW_PRIORITY_LIMIT),
      range: spec.inboundNatPools?.range,
    },
  ];
}

/** Recommended resizeTimeout in minutes for a custom-image pool, or undefined for other pools. */
export function recommendedResizeTimeoutMinutes(spec: PoolSpec, ctx: RuleContext): number | undefined {
  const r = resolveImage(spec, ctx.inventory);
  if (isManaged(r)) return MANAGED_IMAGE_RESIZE_TIMEOUT_MINUTES;
  if (isGallery(r)) {
    const total = targetCounts(spec).total;
    return Math.max(1, Math.ceil(total / 1000)) * GALLERY_RESIZE_TIMEOUT_MINUTES_PER_1000;
  }
  return undefined;
}

export function resizeTimeoutShort(spec: PoolSpec, ctx: RuleContext): Finding[] {
  if (scaleMode(spec) !== 'fixed' || spec.resizeTimeout?.unknown) return [];
  const recommended = recommendedResizeTimeoutMinutes(spec, ctx);
  if (recommended === undefined) return [];
  const value = spec.resizeTimeout?.value;
  // A missing resizeTimeout always fires: the pool silently runs on the service default
  // (15 min), which RULES.md asks to make explicit, and which is short for managed images.
  const ms = value === undefined ? undefined : parseIsoDuration(value);
  if (value !== undefined && (ms === undefined || ms >= recommended * MS_PER_MINUTE)) return [];
  const r = resolveImage(spec, ctx.inventory);
  const why = isManaged(r)
    ? l10n.t('Nodes from a managed image take longer to allocate; a fixed-size pool should allow {0}-30 minutes', recommended)
    : l10n.t('For a gallery image, allow 15 minutes per started 1,000 nodes ({0} nodes → {1} minutes)', targetCounts(spec).total, recommended);
  const current =
    ms === undefined
      ? l10n.t('has no resizeTimeout, so the service default of {0} min applies', DEFAULT_RESIZE_TIMEOUT_MINUTES)
      : l10n.t('has resizeTimeout {0} ({1})', String(value), formatMinutes(ms));
  const iso = minutesToIsoDuration(recommended);
  return [
    {
      code: 'resize-timeout-short',
      severity: 'warning',
      message: l10n.t('{0} {1}. {2}; otherwise the resize stops before the pool reaches its target size and another resize is needed. Set resizeTimeout to {3}.', poolLabel(spec), current, why, iso),
      range: spec.resizeTimeout?.range ?? scaleRange(spec),
      fix: { kind: 'setResizeTimeout', value: iso },
    },
  ];
}

export function largePoolResize(spec: PoolSpec, ctx: RuleContext): Finding[] {
  if (scaleMode(spec) !== 'fixed' || !isManaged(resolveImage(spec, ctx.inventory))) return [];
  const c = targetCounts(spec);
  if (c.total <= LARGE_POOL_NODES) return [];
  const range = c.dedicated > 0 ? spec.targetDedicatedNodes?.range : spec.targetLowPriorityNodes?.range;
  return [
    {
      code: 'large-pool-resize',
      severity: 'information',
      message:
        l10n.t('{0} targets {1} nodes from a managed image. Above {2} nodes the pool may not reach its target size in one resize operation: expect to resize several times, or use an Azure Compute Gallery image with enough replicas.', poolLabel(spec), c.total, LARGE_POOL_NODES),
      range,
    },
  ];
}

export function galleryReplicasLow(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const account = ctx.account;
  const version = resolveImage(spec, ctx.inventory).version;
  if (!account || !version || scaleMode(spec) !== 'fixed') return [];
  const replica = replicaIn(version, account.location);
  if (!replica) return [];
  const total = targetCounts(spec).total;
  const recommended = Math.ceil(total / NODES_PER_REPLICA);
  const current = replica.regionalReplicaCount ?? 1;
  if (current >= recommended) return [];
  const region = normalizeRegion(account.location);
  return [
    {
      code: 'gallery-replicas-low',
      severity: 'warning',
      message:
        l10n.t('Gallery image version \'{0}\' has {1} in {2}, but {3} targets {4} nodes: allow one replica per {5} concurrently created VMs, i.e. {6}. Too few replicas slow or throttle node allocation; raise the regional replica count to {6}.', version.name, (current === 1 ? l10n.t('1 replica') : l10n.t('{0} replicas', current)), region, poolLabel(spec), total, NODES_PER_REPLICA, recommended),
      range: spec.imageId?.range,
      related: [{ message: l10n.t('Gallery image version \'{0}\'', version.name), resourceId: version.id }],
      fix: { kind: 'raiseReplicaCount', versionId: version.id, region, current, recommended },
    },
  ];
}

function otherPools(n: number): string {
  return n === 1 ? l10n.t('1 other pool') : l10n.t('{0} other pools', n);
}
