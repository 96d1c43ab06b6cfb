// Azure Compute Gallery writes behind "Publish to Azure Compute Gallery…": a gallery, an image
// definition and an image version replicated to target regions (long-running).
import * as l10n from '@vscode/l10n';
import type { GalleryImageVersionStorageProfile } from '@azure/arm-compute';
import type { Gallery, GalleryDiskSources, GalleryImageDefinition, GalleryImageVersion, OsType, PurchasePlan } from '../model';
import type { AzureClients } from './clients';
import type { WriteOptions } from './computeWrite';
import { AzureError, mapErrors } from './errors';
import { mapGallery, mapGalleryImage, mapGalleryImageVersion } from './mappers/gallery';
import { checkedName, checkedParts } from './names';

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new AzureError({ code: 'UnexpectedResponse', message: l10n.t('Azure returned a {0} without an id.', what) });
  return value;
}

const idParts = checkedParts;

export interface GalleryInput {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  description?: string;
}

export function createOrUpdateGallery(clients: AzureClients, input: GalleryInput, options: WriteOptions = {}): Promise<Gallery> {
  return mapErrors(async () => {
    checkedName('resourceGroup', input.resourceGroup);
    checkedName('gallery', input.name);
    const client = await clients.compute(input.subscriptionId);
    const g = await client.galleries.createOrUpdate(
      input.resourceGroup,
      input.name,
      { location: input.location, description: input.description },
      { abortSignal: options.signal, updateIntervalInMs: clients.tuning.lroPollIntervalMs },
    );
    return required(mapGallery(g), 'gallery');
  });
}

export interface GalleryImageDefinitionInput {
  galleryId: string;
  name: string;
  location: string;
  osType: OsType;
  osState?: 'Generalized' | 'Specialized';
  hyperVGeneration?: 'V1' | 'V2';
  identifier: { publisher: string; offer: string; sku: string };
  /** Written as the `SecurityType` feature (e.g. `TrustedLaunchSupported`); `Standard` is Azure's default, so it is left out. */
  securityType?: string;
  purchasePlan?: PurchasePlan;
  description?: string;
}

export function createOrUpdateGalleryImageDefinition(
  clients: AzureClients,
  input: GalleryImageDefinitionInput,
  options: WriteOptions = {},
): Promise<GalleryImageDefinition> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = idParts(input.galleryId, 'microsoft.compute/galleries');
    checkedName('galleryImageDefinition', input.name);
    const client = await clients.compute(subscriptionId);
    const d = await client.galleryImages.createOrUpdate(
      resourceGroup,
      names[0],
      input.name,
      {
        location: input.location,
        osType: input.osType,
        osState: input.osState ?? 'Generalized',
        hyperVGeneration: input.hyperVGeneration,
        identifier: input.identifier,
        features: input.securityType && input.securityType.toLowerCase() !== 'standard' ? [{ name: 'SecurityType', value: input.securityType }] : undefined,
        purchasePlan: input.purchasePlan,
        description: input.description,
      },
      { abortSignal: options.signal, updateIntervalInMs: clients.tuning.lroPollIntervalMs },
    );
    return required(mapGalleryImage(d), l10n.t('gallery image definition'));
  });
}

/** What a version is published from: a whole image, or an OS disk plus data disks. */
export type GalleryVersionSourceInput =
  /** Managed image (or VM / other version) to publish: storageProfile.source.id. */
  | { sourceId: string; diskSources?: undefined }
  /** Snapshots or managed disks: storageProfile.osDiskImage.source.id and dataDiskImages[].source.id. */
  | { sourceId?: undefined; diskSources: GalleryDiskSources };

export type GalleryImageVersionInput = GalleryVersionSourceInput & {
  definitionId: string;
  /** `Major.Minor.Patch`. */
  name: string;
  /** The gallery's region (must be among the target regions). */
  location: string;
  targetRegions: { name: string; regionalReplicaCount?: number; storageAccountType?: string }[];
  replicaCount?: number;
  excludeFromLatest?: boolean;
};

function storageProfileOf(input: GalleryVersionSourceInput): GalleryImageVersionStorageProfile {
  if (input.diskSources) {
    const { osDiskId, dataDisks } = input.diskSources;
    return {
      osDiskImage: { source: { id: osDiskId } },
      dataDiskImages: dataDisks.length > 0 ? dataDisks.map((d) => ({ lun: d.lun, source: { id: d.id } })) : undefined,
    };
  }
  return { source: { id: input.sourceId } };
}

export function createGalleryImageVersion(clients: AzureClients, input: GalleryImageVersionInput, options: WriteOptions = {}): Promise<GalleryImageVersion> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = idParts(input.definitionId, 'microsoft.compute/galleries/images');
    checkedName('galleryImageVersion', input.name);
    const client = await clients.compute(subscriptionId);
    const v = await client.galleryImageVersions.createOrUpdate(
      resourceGroup,
      names[0],
      names[1],
      input.name,
      {
        location: input.location,
        publishingProfile: {
          targetRegions: input.targetRegions.map((r) => ({
            name: r.name,
            regionalReplicaCount: r.regionalReplicaCount,
            storageAccountType: r.storageAccountType,
          })),
          replicaCount: input.replicaCount,
          excludeFromLatest: input.excludeFromLatest,
        },
        storageProfile: storageProfileOf(input),
      },
      { abortSignal: options.signal, updateIntervalInMs: clients.tuning.lroPollIntervalMs },
    );
    return required(mapGalleryImageVersion(v), l10n.t('gallery image version'));
  });
}
