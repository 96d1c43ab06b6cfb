// Entry points: run the catalogue over a document's pool, a live pool, or an image.
import * as l10n from '@vscode/l10n';
import { armIdKey, parseImageId, type Inventory, type LivePool, type PoolSpec } from '../model';
import { RULES, type RuleInfo } from './catalogue';
import { IMAGE_LEVEL_RULES, imageLevelFindings } from './imageLevelCache';
import { listNames, MAX_LISTED_POOLS } from './sharing';
import { MANAGED_IMAGE_DEDICATED_LIMIT, MANAGED_IMAGE_LOW_PRIORITY_LIMIT } from './scaleRules';
import type { Finding, RuleCode, RuleContext, RuleOptions, Severity } from './types';

function run(spec: PoolSpec, ctx: RuleContext, options: RuleOptions | undefined, include: (r: RuleInfo) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (!include(rule)) continue;
    const override = options?.overrides?.[rule.code];
    if (override === false || override === 'off') continue;
    const found = IMAGE_LEVEL_RULES.has(rule.code) ? imageLevelFindings(rule, spec, ctx) : rule.rule(spec, ctx);
    for (const f of found) out.push(override ? { ...f, severity: override as Severity } : f);
  }
  return out;
}

/** All enabled rules for one pool spec, in catalogue order. */
export function runRules(spec: PoolSpec, ctx: RuleContext, options?: RuleOptions): Finding[] {
  return run(spec, ctx, options, () => true);
}

/** A live pool as a range-less spec, so the same rules apply. */
export function livePoolToSpec(pool: LivePool): PoolSpec {
  const v = <T>(value: T) => ({ value, unknown: false });
  const fixed = pool.scale.kind === 'fixed' ? pool.scale : undefined;
  const sp = pool.securityProfile;
  return {
    shape: 'arm',
    name: v(pool.name),
    path: [],
    livePoolId: pool.id,
    accountId: pool.accountId,
    imageId: pool.imageId !== undefined ? v(pool.imageId) : undefined,
    nodeAgentSkuId: pool.nodeAgentSkuId !== undefined ? v(pool.nodeAgentSkuId) : undefined,
    vmSize: v(pool.vmSize),
    targetDedicatedNodes: fixed ? v(fixed.targetDedicatedNodes) : undefined,
    targetLowPriorityNodes: fixed ? v(fixed.targetLowPriorityNodes) : undefined,
    autoScale: v(pool.scale.kind === 'auto'),
    resizeTimeout: fixed?.resizeTimeout !== undefined ? v(fixed.resizeTimeout) : undefined,
    inboundNatPools: v(pool.inboundNatPoolCount),
    securityProfile: sp ? v({ securityType: sp.securityType, secureBootEnabled: sp.secureBootEnabled, vTpmEnabled: sp.vTpmEnabled }) : undefined,
    anchors: {},
  };
}

/**
 * Rules for a live pool (explorer decorations). The account defaults to the pool's account from
 * the inventory; findings carry no ranges.
 */
export function rulesForLivePool(pool: LivePool, ctx: RuleContext, options?: RuleOptions): Finding[] {
  const account = ctx.account ?? ctx.inventory.account(pool.accountId);
  // Marketplace pools go through too: the node agent rules (e.g. end of life) apply to them.
  return run(livePoolToSpec(pool), { ...ctx, account }, options, (r) => r.live);
}

/** Codes that describe an image itself, independent of any pool. */
const IMAGE_CODES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'managed-image-retired',
  'image-not-ready',
  'image-source-deleted',
  'image-not-from-snapshots',
  'base-image-purchase-plan',
  'source-vm-has-extensions',
  'gallery-image-specialized',
]);

/**
 * Rules for an image node in the explorer (managed image, gallery definition or version id):
 * the image's own problems, plus sharing and node-limit totals across the live pools using it.
 */
export function rulesForImage(image: string | { id: string }, inventory: Inventory, options?: RuleOptions, now = new Date()): Finding[] {
  const id = typeof image === 'string' ? image : image.id;
  const spec: PoolSpec = { shape: 'arm', path: [], imageId: { value: id, unknown: false }, anchors: {}, autoScale: { value: true, unknown: false } };
  const ctx: RuleContext = { inventory, now };
  const out = run(spec, ctx, options, (r) => IMAGE_CODES.has(r.code));
  if (parseImageId(id)?.kind === 'managedImage') out.push(...imagePoolTotals(id, inventory, options));
  return out;
}

function imagePoolTotals(imageId: string, inventory: Inventory, options: RuleOptions | undefined): Finding[] {
  const out: Finding[] = [];
  const keys = [armIdKey(imageId), ...inventory.imagesSharingOsSnapshot(imageId).map((i) => armIdKey(i.id))];
  const pools = keys.flatMap((k) => inventory.poolsByImageId(k));
  if (pools.length >= 2) {
    const sharedOverride = options?.overrides?.['image-shared-by-pools'];
    if (sharedOverride !== false && sharedOverride !== 'off') {
      out.push({
        code: 'image-shared-by-pools',
        severity: sharedOverride || 'warning',
        message: l10n.t('{0} pools use this managed image or images of the same OS snapshot: {1}. Use a unique custom image for each pool.', pools.length, listNames(pools.map((p) => p.name))),
        related: pools.slice(0, MAX_LISTED_POOLS).map((p) => ({ message: l10n.t('Pool \'{0}\'', p.name), resourceId: p.id })),
      });
    }
  }
  let dedicated = 0;
  let lowPriority = 0;
  for (const p of pools) {
    if (p.scale.kind === 'fixed') {
      dedicated += p.scale.targetDedicatedNodes;
      lowPriority += p.scale.targetLowPriorityNodes;
    } else {
      dedicated += p.currentDedicatedNodes;
      lowPriority += p.currentLowPriorityNodes;
    }
  }
  const limitOverride = options?.overrides?.['custom-image-node-limit'];
  if (limitOverride !== false && limitOverride !== 'off' && (dedicated > MANAGED_IMAGE_DEDICATED_LIMIT || lowPriority > MANAGED_IMAGE_LOW_PRIORITY_LIMIT)) {
    out.push({
      code: 'custom-image-node-limit',
      severity: limitOverride || 'error',
      message: l10n.t('Pools using this managed image total {0} dedicated and {1} low-priority nodes; a managed image supports at most {2} dedicated or {3} low-priority nodes across all its pools.', dedicated, lowPriority, MANAGED_IMAGE_DEDICATED_LIMIT, MANAGED_IMAGE_LOW_PRIORITY_LIMIT),
      related: pools.slice(0, MAX_LISTED_POOLS).map((p) => ({ message: l10n.t('Pool \'{0}\'', p.name), resourceId: p.id })),
    });
  }
  return out;
}
