// Compute Gallery reads: galleries per subscription, definitions per gallery, versions per
// definition (ARM has no subscription-wide list for the nested types).
import { RESOURCE_TYPES } from '../model';
import type { Gallery, GalleryImageDefinition, GalleryImageVersion } from '../model';
import type { AzureClients } from './clients';
import { mapErrors } from './errors';
import { checkedParts } from './names';
import { mapGallery, mapGalleryImage, mapGalleryImageVersion } from './mappers/gallery';
import { collectMapped } from './paging';


export function listGalleries(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<Gallery[]> {
  return mapErrors(async () => {
    const client = await clients.compute(subscriptionId);
    return collectMapped(client.galleries.list({ abortSignal: signal }), mapGallery, signal);
  });
}

export function listGalleryImageDefinitions(clients: AzureClients, galleryId: string, signal?: AbortSignal): Promise<GalleryImageDefinition[]> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = checkedParts(galleryId, RESOURCE_TYPES.gallery);
    const client = await clients.compute(subscriptionId);
    return collectMapped(client.galleryImages.listByGallery(resourceGroup, names[0], { abortSignal: signal }), mapGalleryImage, signal);
  });
}

export function listGalleryImageVersions(clients: AzureClients, definitionId: string, signal?: AbortSignal): Promise<GalleryImageVersion[]> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = checkedParts(definitionId, RESOURCE_TYPES.galleryImageDefinition);
    const client = await clients.compute(subscriptionId);
    return collectMapped(
      client.galleryImageVersions.listByGalleryImage(resourceGroup, names[0], names[1], { abortSignal: signal }),
      mapGalleryImageVersion,
      signal,
    );
  });
}
