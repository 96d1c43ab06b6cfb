// Compute Gallery reads: galleries per subscription, definitions per gallery, versions per
// definition (ARM has no subscription-wide list for the nested types).
import * as l10n from '@vscode/l10n';
import { parseArmId } from '../model';
import type { Gallery, GalleryImageDefinition, GalleryImageVersion } from '../model';
import type { AzureClients } from './clients';
import { AzureError, mapErrors } from './errors';
import { mapGallery, mapGalleryImage, mapGalleryImageVersion } from './mappers/gallery';
import { collectMapped } from './paging';

function partsOf(id: string, depth: number): { subscriptionId: string; resourceGroup: string; names: readonly string[] } {
  const p = parseArmId(id);
  if (!p?.resourceGroup || p.names.length < depth) throw new AzureError({ code: 'InvalidResourceId', message: l10n.t('Not a valid resource id: {0}', id) });
  return { subscriptionId: p.subscriptionId, resourceGroup: p.resourceGroup, names: p.names };
}

export function listGalleries(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<Gallery[]> {
  return mapErrors(async () => {
    const client = await clients.compute(subscriptionId);
    return collectMapped(client.galleries.list({ abortSignal: signal }), mapGallery, signal);
  });
}

export function listGalleryImageDefinitions(clients: AzureClients, galleryId: string, signal?: AbortSignal): Promise<GalleryImageDefinition[]> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = partsOf(galleryId, 1);
    const client = await clients.compute(subscriptionId);
    return collectMapped(client.galleryImages.listByGallery(resourceGroup, names[0], { abortSignal: signal }), mapGalleryImage, signal);
  });
}

export function listGalleryImageVersions(clients: AzureClients, definitionId: string, signal?: AbortSignal): Promise<GalleryImageVersion[]> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = partsOf(definitionId, 2);
    const client = await clients.compute(subscriptionId);
    return collectMapped(
      client.galleryImageVersions.listByGalleryImage(resourceGroup, names[0], names[1], { abortSignal: signal }),
      mapGalleryImageVersion,
      signal,
    );
  });
}
