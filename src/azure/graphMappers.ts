// Resource Graph rows -> model types. A row carries the resource as Resource Manager stores it
// (`properties` nested); the ARM SDK models the mappers take are the same objects with
// `properties` flattened into the top level, so rows are flattened and handed to the same
// mappers: one mapping per type whichever source served it.
import type { BatchAccount as SdkAccount } from '@azure/arm-batch';
import type { Disk, Gallery as SdkGallery, GalleryImage, GalleryImageVersion as SdkVersion, Image, Snapshot as SdkSnapshot } from '@azure/arm-compute';
import type { BatchAccount, Gallery, GalleryImageDefinition, GalleryImageVersion, ManagedDisk, ManagedImage, Snapshot } from '../model';
import type { GraphRow } from './resourceGraph';
import { mapBatchAccount } from './mappers/batch';
import { mapDisk, mapImage, mapSnapshot } from './mappers/compute';
import { mapGallery, mapGalleryImage, mapGalleryImageVersion } from './mappers/gallery';

/** The row as the SDK would have deserialised the same resource from a Resource Manager GET. */
function flatten(row: GraphRow): Record<string, unknown> {
  const properties = typeof row.properties === 'object' && row.properties !== null ? (row.properties as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...properties, id: row.id, name: row.name, type: row.type, location: row.location };
  if (typeof row.tags === 'object' && row.tags !== null) out.tags = row.tags;
  if (typeof row.managedBy === 'string' && row.managedBy) out.managedBy = row.managedBy;
  return out;
}

// The casts are sound for what the mappers read: the wire names equal the SDK's flattened
// names, and dates arrive as ISO strings, which the mappers accept (isoDate).
export const graphMappers = {
  images: (row: GraphRow): ManagedImage | undefined => mapImage(flatten(row) as unknown as Image),
  snapshots: (row: GraphRow): Snapshot | undefined => mapSnapshot(flatten(row) as unknown as SdkSnapshot),
  disks: (row: GraphRow): ManagedDisk | undefined => mapDisk(flatten(row) as unknown as Disk),
  galleries: (row: GraphRow): Gallery | undefined => mapGallery(flatten(row) as unknown as SdkGallery),
  galleryImageDefinitions: (row: GraphRow): GalleryImageDefinition | undefined => mapGalleryImage(flatten(row) as unknown as GalleryImage),
  galleryImageVersions: (row: GraphRow): GalleryImageVersion | undefined => mapGalleryImageVersion(flatten(row) as unknown as SdkVersion),
  batchAccounts: (row: GraphRow): BatchAccount | undefined => mapBatchAccount(flatten(row) as unknown as SdkAccount),
};

/** Resource Graph `type` of each category it can serve. */
export const GRAPH_TYPES = {
  images: 'microsoft.compute/images',
  snapshots: 'microsoft.compute/snapshots',
  disks: 'microsoft.compute/disks',
  galleries: 'microsoft.compute/galleries',
  galleryImageDefinitions: 'microsoft.compute/galleries/images',
  galleryImageVersions: 'microsoft.compute/galleries/images/versions',
  batchAccounts: 'microsoft.batch/batchaccounts',
} as const;

export type GraphCategory = keyof typeof GRAPH_TYPES;
