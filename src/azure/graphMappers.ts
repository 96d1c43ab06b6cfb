// Resource Graph rows -> model types. A row carries the resource as Resource Manager stores it
// (`properties` nested); the ARM SDK models the mappers take are the same objects with
// `properties` flattened into the top level, so rows are flattened and handed to the same
// mappers: one mapping per type whichever source served it.
import type { BatchAccount as SdkAccount } from '@azure/arm-batch';
import type { Disk, Gallery as SdkGallery, GalleryImage, GalleryImageVersion as SdkVersion, Image, Snapshot as SdkSnapshot, VirtualMachine as SdkVirtualMachine } from '@azure/arm-compute';
import type { BatchAccount, Gallery, GalleryImageDefinition, GalleryImageVersion, ManagedDisk, ManagedImage, Snapshot, VirtualMachine } from '../model';
import type { VirtualMachineListing } from './computeRead';
import type { GraphRow } from './resourceGraph';
import { mapBatchAccount } from './mappers/batch';
import { flattenArmResource } from './mappers/common';
import { mapDisk, mapImage, mapSnapshot, mapVirtualMachine } from './mappers/compute';
import { mapGallery, mapGalleryImage, mapGalleryImageVersion } from './mappers/gallery';


/**
 * A VM row as the VM mapper should read it. Resource Graph indexes the VM's model: not its
 * extension child resources (`resources`) nor the instance view a Resource Manager list expands
 * (`instanceView.extensions`). Either is dropped should a row carry it, so a VM from Resource
 * Graph never claims to know its extensions (see graphVmListing).
 */
function vmModel(row: GraphRow): Record<string, unknown> {
  const flat = flattenArmResource(row);
  delete flat.resources;
  delete flat.instanceView;
  return flat;
}

// The casts are sound for what the mappers read: the wire names equal the SDK's flattened
// names, and dates arrive as ISO strings, which the mappers accept (isoDate).
export const graphMappers = {
  images: (row: GraphRow): ManagedImage | undefined => mapImage(flattenArmResource(row) as unknown as Image),
  snapshots: (row: GraphRow): Snapshot | undefined => mapSnapshot(flattenArmResource(row) as unknown as SdkSnapshot),
  disks: (row: GraphRow): ManagedDisk | undefined => mapDisk(flattenArmResource(row) as unknown as Disk),
  virtualMachines: (row: GraphRow): VirtualMachine | undefined => mapVirtualMachine(vmModel(row) as unknown as SdkVirtualMachine),
  galleries: (row: GraphRow): Gallery | undefined => mapGallery(flattenArmResource(row) as unknown as SdkGallery),
  galleryImageDefinitions: (row: GraphRow): GalleryImageDefinition | undefined => mapGalleryImage(flattenArmResource(row) as unknown as GalleryImage),
  galleryImageVersions: (row: GraphRow): GalleryImageVersion | undefined => mapGalleryImageVersion(flattenArmResource(row) as unknown as SdkVersion),
  batchAccounts: (row: GraphRow): BatchAccount | undefined => mapBatchAccount(flattenArmResource(row) as unknown as SdkAccount),
};

/** Resource Graph `type` of each category it can serve. */
export const GRAPH_TYPES = {
  images: 'microsoft.compute/images',
  snapshots: 'microsoft.compute/snapshots',
  disks: 'microsoft.compute/disks',
  virtualMachines: 'microsoft.compute/virtualmachines',
  galleries: 'microsoft.compute/galleries',
  galleryImageDefinitions: 'microsoft.compute/galleries/images',
  galleryImageVersions: 'microsoft.compute/galleries/images/versions',
  batchAccounts: 'microsoft.batch/batchaccounts',
} as const;

export type GraphCategory = keyof typeof GRAPH_TYPES;

/** The category of a row's `type` (any case); undefined for a type no category reads. */
export function graphCategoryOf(type: unknown): GraphCategory | undefined {
  return CATEGORY_OF_TYPE.get(String(type ?? '').toLowerCase());
}

/** GRAPH_TYPES the other way round: asked once per row. */
const CATEGORY_OF_TYPE = new Map<string, GraphCategory>((Object.keys(GRAPH_TYPES) as GraphCategory[]).map((c) => [GRAPH_TYPES[c], c]));

/**
 * The VMs of a subscription as Resource Manager's list call reports them: a row never says which
 * extensions its VM has, so every VM is listed as unknown (the loader then looks them up for the
 * VMs an image's lineage leads to, as it does when a Resource Manager list lacks them).
 */
export function graphVmListing(vms: VirtualMachine[]): VirtualMachineListing {
  return { vms, extensionsUnknown: vms.map((vm) => vm.id) };
}
