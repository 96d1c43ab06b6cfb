// Recognises the three kinds of image id a Batch pool may reference.
import { armIdKey, formatArmId, parseArmId, RESOURCE_TYPES } from './armId';

export type ImageIdKind = 'managedImage' | 'galleryImageDefinition' | 'galleryImageVersion';

export interface ImageIdInfo {
  readonly kind: ImageIdKind;
  /** Normalised id (leading slash). */
  readonly id: string;
  readonly key: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** Managed image name, or the gallery image definition name. */
  readonly name: string;
  readonly galleryName?: string;
  readonly definitionName?: string;
  readonly versionName?: string;
  /** For gallery ids: the image definition id (the id itself for a definition). */
  readonly definitionId?: string;
}

// Documents repeat the same few image ids across many pools; results are immutable, so memoise.
const MEMO_LIMIT = 4096;
const memo = new Map<string, ImageIdInfo | null>();

/** Classifies an image id; undefined when it is none of the three accepted shapes. */
export function parseImageId(id: string): ImageIdInfo | undefined {
  const hit = memo.get(id);
  if (hit !== undefined) return hit ?? undefined;
  const info = classifyImageId(id);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(id, info ? Object.freeze(info) : null);
  return info;
}

function classifyImageId(id: string): ImageIdInfo | undefined {
  const p = parseArmId(id);
  if (!p || !p.resourceGroup) return undefined;
  const type = p.type.toLowerCase();
  const base = { id: p.id, key: armIdKey(p.id), subscriptionId: p.subscriptionId, resourceGroup: p.resourceGroup };
  if (type === RESOURCE_TYPES.managedImage) {
    return { ...base, kind: 'managedImage', name: p.names[0] };
  }
  if (type === RESOURCE_TYPES.galleryImageDefinition || type === RESOURCE_TYPES.galleryImageVersion) {
    const definitionId = galleryImageDefinitionId(p.subscriptionId, p.resourceGroup, p.names[0], p.names[1]);
    const common = { ...base, name: p.names[1], galleryName: p.names[0], definitionName: p.names[1], definitionId };
    if (type === RESOURCE_TYPES.galleryImageDefinition) return { ...common, kind: 'galleryImageDefinition' };
    return { ...common, kind: 'galleryImageVersion', versionName: p.names[2] };
  }
  return undefined;
}

export function isManagedImageId(id: string): boolean {
  return parseImageId(id)?.kind === 'managedImage';
}

export function isGalleryImageId(id: string): boolean {
  const k = parseImageId(id)?.kind;
  return k === 'galleryImageDefinition' || k === 'galleryImageVersion';
}

export function managedImageId(subscriptionId: string, resourceGroup: string, name: string): string {
  return formatArmId({ subscriptionId, resourceGroup, provider: 'Microsoft.Compute', types: ['images'], names: [name] });
}

export function galleryId(subscriptionId: string, resourceGroup: string, gallery: string): string {
  return formatArmId({ subscriptionId, resourceGroup, provider: 'Microsoft.Compute', types: ['galleries'], names: [gallery] });
}

export function galleryImageDefinitionId(subscriptionId: string, resourceGroup: string, gallery: string, definition: string): string {
  return formatArmId({
    subscriptionId,
    resourceGroup,
    provider: 'Microsoft.Compute',
    types: ['galleries', 'images'],
    names: [gallery, definition],
  });
}

export function galleryImageVersionId(
  subscriptionId: string,
  resourceGroup: string,
  gallery: string,
  definition: string,
  version: string,
): string {
  return formatArmId({
    subscriptionId,
    resourceGroup,
    provider: 'Microsoft.Compute',
    types: ['galleries', 'images', 'versions'],
    names: [gallery, definition, version],
  });
}

export function batchAccountId(subscriptionId: string, resourceGroup: string, account: string): string {
  return formatArmId({ subscriptionId, resourceGroup, provider: 'Microsoft.Batch', types: ['batchAccounts'], names: [account] });
}

export function batchPoolId(subscriptionId: string, resourceGroup: string, account: string, pool: string): string {
  return formatArmId({
    subscriptionId,
    resourceGroup,
    provider: 'Microsoft.Batch',
    types: ['batchAccounts', 'pools'],
    names: [account, pool],
  });
}
