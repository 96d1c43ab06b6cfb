// Region, subscription and tenant: the image must be reachable from the account's region.
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
      ? `Use the matching image in ${region}: ${candidates.map((c) => c.split('/').pop()).join(', ')}.`
      : `No matching image exists in ${region}: publish this image to an Azure Compute Gallery with a replica in ${region}.`;
  return [
    {
      code: 'image-region-mismatch',
      severity: 'error',
      message:
        `The managed image '${image.name}' is in ${normalizeRegion(image.location)} but the Batch account '${account.name}' is in ${region}. ` +
        `A managed image must be in the same region as the Batch account, otherwise the pool cannot allocate nodes. ${action}`,
      range: spec.imageId?.range,
      related: [{ message: `Image '${image.name}' (${normalizeRegion(image.location)})`, resourceId: image.id }],
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
  const regions = version.targetRegions.map((t) => normalizeRegion(t.name)).join(', ') || 'none';
  const viaLatest = r.info?.kind === 'galleryImageDefinition' ? ` (the latest version of the definition)` : '';
  return [
    {
      code: 'gallery-replica-missing',
      severity: 'error',
      message:
        `Gallery image version '${version.name}'${viaLatest} has no replica in ${region}, the region of Batch account '${account.name}' (replicated to: ${regions}). ` +
        `Batch can only create nodes from a gallery image replicated to the account's region. Add a replica in ${region}.`,
      range: spec.imageId?.range,
      related: [{ message: `Gallery image version '${version.name}'`, resourceId: version.id }],
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
  const label = r.info.kind === 'managedImage' ? `managed image '${r.info.name}'` : `gallery image '${r.info.galleryName}/${r.info.definitionName}${r.info.versionName ? `/${r.info.versionName}` : ''}'`;
  const base = `The ${label} is in subscription ${imageSub} but Batch account '${account.name}' is in subscription ${account.subscriptionId}.`;
  if (r.info.kind === 'managedImage') {
    return [
      {
        code: 'image-subscription-mismatch',
        severity: 'error',
        message: `${base} A managed image must be in the same subscription (and region) as the Batch account. Copy the image into subscription ${account.subscriptionId}, or share it through an Azure Compute Gallery.`,
        range: spec.imageId?.range,
      },
    ];
  }
  const inv = ctx.inventory;
  const accountSub = inv.subscription(account.subscriptionId);
  const sub = inv.subscription(imageSub);
  const problems: string[] = [];
  if (sub && accountSub && sub.tenantId.toLowerCase() !== accountSub.tenantId.toLowerCase()) {
    problems.push(`its tenant (${sub.tenantId}) differs from the account's tenant (${accountSub.tenantId})`);
  }
  if (sub?.registeredProviders && !sub.registeredProviders.some((p) => p.toLowerCase() === 'microsoft.batch')) {
    problems.push(`the Microsoft.Batch resource provider is not registered in subscription ${imageSub}`);
  }
  if (problems.length > 0) {
    return [
      {
        code: 'image-subscription-mismatch',
        severity: 'error',
        message: `${base} A gallery image may live in another subscription only in the same tenant with Microsoft.Batch registered there, but ${problems.join(' and ')}. Register the provider or use a gallery in the account's tenant.`,
        range: spec.imageId?.range,
      },
    ];
  }
  const unverified = sub ? '' : ' That subscription is not loaded, so the tenant and provider registration could not be verified.';
  return [
    {
      code: 'image-subscription-mismatch',
      severity: 'warning',
      message: `${base} This works for gallery images only when both subscriptions are in the same tenant and Microsoft.Batch is registered in subscription ${imageSub}.${unverified}`,
      range: spec.imageId?.range,
    },
  ];
}
