// Region, subscription and tenant: the image must be reachable from the account's region.
import * as l10n from '@vscode/l10n';
import { armIdKey, normalizeRegion, sameRegion, type GalleryImageVersion, type ManagedImage, type PoolSpec } from '../model';
import { resolveImage } from './resolve';
import type { Finding, RuleContext } from './types';
import { perInventoryCache } from './perInventoryCache';

/** Images in the account's region that look like the same image: same name, or same OS snapshot. */
const matchingCache = perInventoryCache<readonly string[]>();

function matchingImagesInRegion(image: ManagedImage, region: string, ctx: RuleContext): string[] {
  return [...matchingCache(ctx.inventory, `${armIdKey(image.id)}|${region}`, () => computeMatchingImagesInRegion(image, region, ctx))];
}

function computeMatchingImagesInRegion(image: ManagedImage, region: string, ctx: RuleContext): string[] {
  const inv = ctx.inventory;
  const os = image.sources.find((s) => s.role === 'os' && s.kind === 'snapshot' && s.id);
  const osKey = os?.id ? armIdKey(os.id) : undefined;
  return inv
    .imagesInRegion(region)
    .filter((other) => {
      if (armIdKey(other.id) === armIdKey(image.id) || other.osType !== image.osType) return false;
      if (other.name.toLowerCase() === image.name.toLowerCase()) return true;
      const otherOs = other.sources.find((s) => s.role === 'os' && s.kind === 'snapshot' && s.id);
      return osKey !== undefined && otherOs?.id !== undefined && armIdKey(otherOs.id) === osKey;
    })
    .map((i) => i.id);
}

export function imageRegionMismatch(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const account = ctx.account;
  const image = resolveImage(spec, ctx.inventory).managedImage;
  if (!account || !image || sameRegion(image.location, account.location)) return [];
  const region = normalizeRegion(account.location);
  const candidates = matchingImagesInRegion(image, region, ctx);
  const action =
    candidates.length > 0
      ? l10n.t('Use the matching image in {0}: {1}.', region, candidates.map((c) => c.split('/').pop()).join(', '))
      : l10n.t('No matching image exists in {0}: publish this image to an Azure Compute Gallery with a replica in {0}.', region);
  return [
    {
      code: 'image-region-mismatch',
      severity: 'error',
      message:
        l10n.t('The managed image \'{0}\' is in {1} but the Batch account \'{2}\' is in {3}. A managed image must be in the same region as the Batch account, otherwise the pool cannot allocate nodes. {4}', image.name, normalizeRegion(image.location), account.name, region, action),
      range: spec.imageId?.range,
      related: [{ message: l10n.t('Image \'{0}\' ({1})', image.name, normalizeRegion(image.location)), resourceId: image.id }],
      fix:
        candidates.length > 0
          ? { kind: 'replaceImageId', candidates }
          : { kind: 'publishToGallery', imageId: image.id, region },
    },
  ];
}

export function replicaIn(version: GalleryImageVersion, region: string): { name: string; regionalReplicaCount: number } | undefined {
  return version.targetRegions.find((r) => sameRegion(r.name, region));
}

export function galleryReplicaMissing(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const account = ctx.account;
  const r = resolveImage(spec, ctx.inventory);
  const version = r.version;
  if (!account || !version || replicaIn(version, account.location)) return [];
  const region = normalizeRegion(account.location);
  const regions = version.targetRegions.map((t) => normalizeRegion(t.name)).join(', ') || l10n.t('none');
  const viaLatest = r.info?.kind === 'galleryImageDefinition' ? l10n.t(' (the latest version of the definition)') : '';
  return [
    {
      code: 'gallery-replica-missing',
      severity: 'error',
      message:
        l10n.t('Gallery image version \'{0}\'{1} has no replica in {2}, the region of Batch account \'{3}\' (replicated to: {4}). Batch can only create nodes from a gallery image replicated to the account\'s region. Add a replica in {2}.', version.name, viaLatest, region, account.name, regions),
      range: spec.imageId?.range,
      related: [{ message: l10n.t('Gallery image version \'{0}\'', version.name), resourceId: version.id }],
      fix: { kind: 'addReplica', versionId: version.id, region },
    },
  ];
}

export function imageSubscriptionMismatch(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const account = ctx.account;
  const r = resolveImage(spec, ctx.inventory);
  if (!account || !r.info) return [];
  const imageSub = r.info.subscriptionId;
  if (imageSub.toLowerCase() === account.subscriptionId.toLowerCase()) return [];
  const label = r.info.kind === 'managedImage' ? l10n.t('managed image \'{0}\'', r.info.name) : l10n.t('gallery image \'{0}/{1}{2}\'', String(r.info.galleryName), String(r.info.definitionName), r.info.versionName ? `/${r.info.versionName}` : '');
  const base = l10n.t('The {0} is in subscription {1} but Batch account \'{2}\' is in subscription {3}.', label, imageSub, account.name, account.subscriptionId);
  if (r.info.kind === 'managedImage') {
    return [
      {
        code: 'image-subscription-mismatch',
        severity: 'error',
        message: l10n.t('{0} A managed image must be in the same subscription (and region) as the Batch account. Copy the image into subscription {1}, or share it through an Azure Compute Gallery.', base, account.subscriptionId),
        range: spec.imageId?.range,
      },
    ];
  }
  const inv = ctx.inventory;
  const accountSub = inv.subscription(account.subscriptionId);
  const sub = inv.subscription(imageSub);
  const problems: string[] = [];
  if (sub && accountSub && sub.tenantId.toLowerCase() !== accountSub.tenantId.toLowerCase()) {
    problems.push(l10n.t('its tenant ({0}) differs from the account\'s tenant ({1})', sub.tenantId, accountSub.tenantId));
  }
  if (sub?.registeredProviders && !sub.registeredProviders.some((p) => p.toLowerCase() === 'microsoft.batch')) {
    problems.push(l10n.t('the Microsoft.Batch resource provider is not registered in subscription {0}', imageSub));
  }
  if (problems.length > 0) {
    return [
      {
        code: 'image-subscription-mismatch',
        severity: 'error',
        message: l10n.t('{0} A gallery image may live in another subscription only in the same tenant with Microsoft.Batch registered there, but {1}. Register the provider or use a gallery in the account\'s tenant.', base, problems.join(' and ')),
        range: spec.imageId?.range,
      },
    ];
  }
  const unverified = sub ? '' : l10n.t(' That subscription is not loaded, so the tenant and provider registration could not be verified.');
  return [
    {
      code: 'image-subscription-mismatch',
      severity: 'warning',
      message: l10n.t('{0} This works for gallery images only when both subscriptions are in the same tenant and Microsoft.Batch is registered in subscription {1}.{2}', base, imageSub, unverified),
      range: spec.imageId?.range,
    },
  ];
}
