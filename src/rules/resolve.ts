// What a pool spec's image id points at, resolved once per spec against the inventory.
import {
  armIdKey,
  known,
  parseImageId,
  type GalleryImageDefinition,
  type GalleryImageVersion,
  type ImageIdInfo,
  type Inventory,
  type ManagedImage,
  type PoolSpec,
} from '../model';
import { perInventoryCache } from './perInventoryCache';

export interface ResolvedImage {
  /** The literal image id, when known. */
  id?: string;
  /** Parsed id; undefined when missing, unknown or invalid. */
  info?: ImageIdInfo;
  managedImage?: ManagedImage;
  definition?: GalleryImageDefinition;
  /** The referenced version, or the latest version for a definition id. */
  version?: GalleryImageVersion;
}

const cache = new WeakMap<PoolSpec, { inventory: Inventory; resolved: ResolvedImage }>();

export function resolveImage(spec: PoolSpec, inventory: Inventory): ResolvedImage {
  const hit = cache.get(spec);
  if (hit && hit.inventory === inventory) return hit.resolved;
  const resolved = resolveImageId(known(spec.imageId), inventory);
  cache.set(spec, { inventory, resolved });
  return resolved;
}

/** Every pool of a document, on every keystroke, resolves its image id again: answer once per inventory. */
const resolvedById = perInventoryCache<ResolvedImage>(20_000);

/** The resolution of an image id (shared and frozen: callers only read it). */
export function resolveImageId(id: string | undefined, inventory: Inventory): ResolvedImage {
  if (id === undefined) return {};
  return resolvedById(inventory, id, () => Object.freeze(computeResolved(id, inventory)));
}

function computeResolved(id: string, inventory: Inventory): ResolvedImage {
  const info = parseImageId(id);
  if (!info) return { id };
  if (info.kind === 'managedImage') return { id, info, managedImage: inventory.imagesById.get(info.key) };
  const definition = info.definitionId ? inventory.definitionsById.get(armIdKey(info.definitionId)) : undefined;
  const version =
    info.kind === 'galleryImageVersion'
      ? inventory.versionsById.get(info.key)
      : info.definitionId
        ? inventory.latestVersion(info.definitionId)
        : undefined;
  return { id, info, definition, version };
}

export function isManaged(r: ResolvedImage): boolean {
  return r.info?.kind === 'managedImage';
}

export function isGallery(r: ResolvedImage): boolean {
  return r.info?.kind === 'galleryImageDefinition' || r.info?.kind === 'galleryImageVersion';
}
