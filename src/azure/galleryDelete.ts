// Gallery deletes, so "Publish to Azure Compute Gallery…" can remove what it created when a
// later step fails (no half-written gallery / definition / version is left behind).
import type { AzureClients } from './clients';
import type { WriteOptions } from './computeWrite';
import { mapErrors } from './errors';
import { checkedParts } from './names';

const parts = checkedParts;

export function deleteGalleryImageVersion(clients: AzureClients, versionId: string, options: WriteOptions = {}): Promise<void> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = parts(versionId, 'microsoft.compute/galleries/images/versions');
    const client = await clients.compute(subscriptionId);
    await client.galleryImageVersions.beginDeleteAndWait(resourceGroup, names[0], names[1], names[2], { abortSignal: options.signal, updateIntervalInMs: clients.tuning.lroPollIntervalMs });
  });
}

export function deleteGalleryImageDefinition(clients: AzureClients, definitionId: string, options: WriteOptions = {}): Promise<void> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = parts(definitionId, 'microsoft.compute/galleries/images');
    const client = await clients.compute(subscriptionId);
    await client.galleryImages.beginDeleteAndWait(resourceGroup, names[0], names[1], { abortSignal: options.signal, updateIntervalInMs: clients.tuning.lroPollIntervalMs });
  });
}

export function deleteGallery(clients: AzureClients, galleryId: string, options: WriteOptions = {}): Promise<void> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = parts(galleryId, 'microsoft.compute/galleries');
    const client = await clients.compute(subscriptionId);
    await client.galleries.beginDeleteAndWait(resourceGroup, names[0], { abortSignal: options.signal, updateIntervalInMs: clients.tuning.lroPollIntervalMs });
  });
}
