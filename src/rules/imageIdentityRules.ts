// Image identity: is the id well-formed, is it a retiring managed image, does it exist, is it ready.
import * as l10n from '@vscode/l10n';
import { armIdKey, normalizeRegion, parseArmId, type Inventory, type PoolSpec } from '../model';
import { isGallery, resolveImage, type ResolvedImage } from './resolve';
import type { Finding, RuleContext } from './types';
import { perInventoryCache } from './perInventoryCache';

/** Managed-image and VHD pools are retired after this date ([retire]). */
export const MANAGED_IMAGE_RETIREMENT = new Date('2026-03-31T23:59:59Z');

const MAX_CANDIDATES = 20;

/** Custom image ids usable from the account's region: gallery definitions replicated there, then managed images there. */
const candidateCache = perInventoryCache<readonly string[]>();

export function imageCandidates(inventory: Inventory, region: string | undefined, osType?: string): string[] {
  return [...candidateCache(inventory, `${region ?? ''}|${osType ?? ''}`, () => computeImageCandidates(inventory, region, osType))];
}

function computeImageCandidates(inventory: Inventory, region: string | undefined, osType?: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    const key = armIdKey(id);
    if (!seen.has(key) && out.length < MAX_CANDIDATES) {
      seen.add(key);
      out.push(id);
    }
  };
  if (region) {
    for (const v of inventory.versionsReplicatedTo(region)) {
      const def = inventory.definitionsById.get(armIdKey(v.definitionId));
      if (def && def.osState === 'Generalized' && (!osType || def.osType === osType)) add(v.id);
    }
    for (const img of inventory.imagesInRegion(region)) if (!osType || img.osType === osType) add(img.id);
  }
  return out;
}

export function imageIdInvalid(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const v = spec.imageId;
  if (!v || v.unknown || v.value === undefined) return [];
  if (resolveImage(spec, ctx.inventory).info) return [];
  const parsed = parseArmId(v.value);
  const what = parsed
    ? l10n.t('an ARM id of type \'{0}\'', parsed.type || l10n.t('resource group'))
    : l10n.t('\'{0}\', which is not an ARM resource id', v.value);
  return [
    {
      code: 'image-id-invalid',
      severity: 'error',
      message:
        l10n.t('The image id is {0}. Batch custom image pools need the resource id of a managed image (/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/images/{name}) or of an Azure Compute Gallery image definition or version (.../galleries/{gallery}/images/{definition}[/versions/{version}]); the portal\'s short image name does not work in the API.', what),
      range: v.range,
      fix: { kind: 'replaceImageId', candidates: imageCandidates(ctx.inventory, ctx.account?.location) },
    },
  ];
}

export function managedImageRetired(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const r = resolveImage(spec, ctx.inventory);
  if (r.info?.kind !== 'managedImage' || !r.id) return [];
  // '' when neither the account nor the image is known: the publish command then asks.
  const region = normalizeRegion(ctx.account?.location ?? r.managedImage?.location);
  const where = region || l10n.t('the Batch account\'s region');
  const when =
    ctx.now.getTime() > MANAGED_IMAGE_RETIREMENT.getTime()
      ? l10n.t('Pools built from managed images (or VHD blobs) were retired after 31 March 2026')
      : l10n.t('Pools built from managed images (or VHD blobs) are retired after 31 March 2026');
  return [
    {
      code: 'managed-image-retired',
      severity: 'error',
      message:
        l10n.t('{0}: the image \'{1}\' is a managed image, and Azure Compute Gallery is the only supported custom image source afterwards. Publish the image to an Azure Compute Gallery with a replica in {2} and reference the gallery image version instead.', when, r.info.name, where),
      range: spec.imageId?.range,
      fix: { kind: 'publishToGallery', imageId: r.id, region },
    },
  ];
}

function notFoundCandidates(r: ResolvedImage, ctx: RuleContext): string[] {
  const inv = ctx.inventory;
  if (isGallery(r) && r.info?.definitionId) {
    const versions = inv.versionsOfDefinition(r.info.definitionId).filter((v) => !v.excludeFromLatest);
    const ids = versions.map((v) => v.id).reverse();
    if (inv.definitionsById.has(armIdKey(r.info.definitionId)) && versions.length > 0) ids.push(r.info.definitionId);
    return ids.slice(0, MAX_CANDIDATES);
  }
  return imageCandidates(inv, ctx.account?.location);
}

export function imageNotFound(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const r = resolveImage(spec, ctx.inventory);
  if (!r.info || !r.id) return [];
  const inv = ctx.inventory;
  let message: string | undefined;
  if (r.info.kind === 'managedImage') {
    if (inv.existence(r.id) === 'deleted') {
      message = l10n.t('The managed image \'{0}\' does not exist in resource group \'{1}\' (deleted or never created).', r.info.name, r.info.resourceGroup);
    }
  } else if (r.info.kind === 'galleryImageVersion') {
    if (inv.existence(r.id) === 'deleted') {
      message = l10n.t('The gallery image version \'{0}\' of \'{1}/{2}\' does not exist.', String(r.info.versionName), String(r.info.galleryName), String(r.info.definitionName));
    }
  } else if (inv.existence(r.id) === 'deleted') {
    message = l10n.t('The gallery image definition \'{0}/{1}\' does not exist.', String(r.info.galleryName), String(r.info.definitionName));
  } else if (r.definition && !r.version && inv.existence(r.id) === 'present') {
    message = l10n.t('The gallery image definition \'{0}/{1}\' has no version that is not excluded from latest, so the pool has no image to use.', String(r.info.galleryName), String(r.info.definitionName));
  }
  if (!message) return [];
  return [
    {
      code: 'image-not-found',
      severity: 'error',
      message: l10n.t('{0} A pool whose image is missing cannot be created or scaled: resizes fail with AllocationFailed. Pick an existing image.', message),
      range: spec.imageId?.range,
      fix: { kind: 'replaceImageId', candidates: notFoundCandidates(r, ctx) },
    },
  ];
}

export function imageNotReady(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const r = resolveImage(spec, ctx.inventory);
  const target = r.managedImage ?? r.version;
  if (!target) return [];
  const state = target.provisioningState;
  if (!state || state.toLowerCase() === 'succeeded') return [];
  const name = r.managedImage ? l10n.t('managed image \'{0}\'', r.managedImage.name) : l10n.t('gallery image version \'{0}\'', String(r.version?.name));
  return [
    {
      code: 'image-not-ready',
      severity: 'warning',
      message: l10n.t('The {0} is in provisioning state \'{1}\', not \'Succeeded\'. Nodes cannot be allocated from it until it finishes; wait for it, or pick a ready image.', name, state),
      range: spec.imageId?.range,
    },
  ];
}
