// Microsoft.Compute writes used by commands: create a managed image from disk snapshots (the
// seed's recommended path) and delete an image. Both are long-running; the SDK polls them.
import * as l10n from '@vscode/l10n';
import { RESOURCE_TYPES } from '../model';
import type { ManagedImage, OsType } from '../model';
import type { AzureClients } from './clients';
import { AzureError, mapErrors } from './errors';
import { mapImage } from './mappers/compute';
import { checkedName, checkedParts } from './names';

export interface CreateImageFromSnapshotsInput {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  osType: OsType;
  /** ARM id of the OS-disk snapshot. */
  osSnapshotId: string;
  dataSnapshots?: { lun: number; snapshotId: string }[];
  /** Batch needs generalized images; Specialized is accepted for completeness. */
  osState?: 'Generalized' | 'Specialized';
  hyperVGeneration?: 'V1' | 'V2';
  zoneResilient?: boolean;
  tags?: Record<string, string>;
}

export interface WriteOptions {
  signal?: AbortSignal;
}

export function createImageFromSnapshots(clients: AzureClients, input: CreateImageFromSnapshotsInput, options: WriteOptions = {}): Promise<ManagedImage> {
  return mapErrors(async () => {
    checkedName('resourceGroup', input.resourceGroup);
    checkedName('managedImage', input.name);
    const client = await clients.compute(input.subscriptionId);
    const poller = client.images.createOrUpdate(
      input.resourceGroup,
      input.name,
      {
        location: input.location,
        tags: input.tags,
        hyperVGeneration: input.hyperVGeneration,
        storageProfile: {
          osDisk: { osType: input.osType, osState: input.osState ?? 'Generalized', snapshot: { id: input.osSnapshotId } },
          dataDisks: (input.dataSnapshots ?? []).map((d) => ({ lun: d.lun, snapshot: { id: d.snapshotId } })),
          zoneResilient: input.zoneResilient,
        },
      },
      { abortSignal: options.signal, updateIntervalInMs: clients.tuning.lroPollIntervalMs },
    );
    const image = await poller;
    const mapped = mapImage(image);
    if (!mapped) throw new AzureError({ code: 'UnexpectedResponse', message: l10n.t('Azure returned an image without an id.') });
    return mapped;
  });
}

export function deleteImage(clients: AzureClients, imageId: string, options: WriteOptions = {}): Promise<void> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = checkedParts(imageId, RESOURCE_TYPES.managedImage);
    const client = await clients.compute(subscriptionId);
    await client.images.delete(resourceGroup, names[0], { abortSignal: options.signal, updateIntervalInMs: clients.tuning.lroPollIntervalMs });
  });
}
