// Fresh Resource Manager reads of single resources by id: what the rules judge for an open pool
// document (its image, the image's version and sources) and what writes check first. A missing
// resource is `undefined`, never an error.
import { parseArmId } from '../model';
import type { GalleryImageDefinition, GalleryImageVersion, ManagedDisk, ManagedImage, Snapshot } from '../model';
import type { AzureClients } from './clients';
import { isNotFound, mapErrors } from './errors';
import { mapDisk, mapImage, mapSnapshot } from './mappers/compute';
import { mapGalleryImage, mapGalleryImageVersion } from './mappers/gallery';

export type FreshResource =
  | { category: 'images'; resource: ManagedImage }
  | { category: 'snapshots'; resource: Snapshot }
  | { category: 'disks'; resource: ManagedDisk }
  | { category: 'galleryImageDefinitions'; resource: GalleryImageDefinition }
  | { category: 'galleryImageVersions'; resource: GalleryImageVersion };

/** Category a fresh read can answer for this id, or undefined for types it does not read. */
export function freshCategoryOf(id: string): FreshResource['category'] | undefined {
  const p = parseArmId(id);
  if (!p?.resourceGroup) return undefined;
  switch (p.type.toLowerCase()) {
    case 'microsoft.compute/images':
      return 'images';
    case 'microsoft.compute/snapshots':
      return 'snapshots';
    case 'microsoft.compute/disks':
      return 'disks';
    case 'microsoft.compute/galleries/images':
      return 'galleryImageDefinitions';
    case 'microsoft.compute/galleries/images/versions':
      return 'galleryImageVersions';
    default:
      return undefined;
  }
}

/** GETs the resource; undefined when Azure says it does not exist. */
export async function getResourceFresh(clients: AzureClients, id: string, signal?: AbortSignal): Promise<FreshResource | undefined> {
  const category = freshCategoryOf(id);
  const p = parseArmId(id);
  if (!category || !p?.resourceGroup) return undefined;
  const rg = p.resourceGroup;
  const names = p.names;
  try {
    return await mapErrors(async (): Promise<FreshResource | undefined> => {
      const client = await clients.compute(p.subscriptionId);
      const options = { abortSignal: signal };
      switch (category) {
        case 'images': {
          const r = mapImage(await client.images.get(rg, names[0], options));
          return r && { category, resource: r };
        }
        case 'snapshots': {
          const r = mapSnapshot(await client.snapshots.get(rg, names[0], options));
          return r && { category, resource: r };
        }
        case 'disks': {
          const r = mapDisk(await client.disks.get(rg, names[0], options));
          return r && { category, resource: r };
        }
        case 'galleryImageDefinitions': {
          const r = mapGalleryImage(await client.galleryImages.get(rg, names[0], names[1], options));
          return r && { category, resource: r };
        }
        case 'galleryImageVersions': {
          const r = mapGalleryImageVersion(await client.galleryImageVersions.get(rg, names[0], names[1], names[2], options));
          return r && { category, resource: r };
        }
      }
    });
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
