// Public surface of the access layer. Loads no SDK: every SDK is imported lazily by the
// functions that need it. The VS Code account lives in ./vscodeAccount (import it directly,
// only from extension code) so that the CLI and plain-Node tests never load `vscode`.
export * from './cloud';
export * from './connection';
export * from './errors';
export * from './apiVersion';
export { AzureClients, batchUrlOf, type ClientTuning } from './clients';
export { listImages, listSnapshots, listDisks, listVirtualMachines, listVmExtensions, type VirtualMachineListing } from './computeRead';
export { listGalleries, listGalleryImageDefinitions, listGalleryImageVersions } from './galleryRead';
export { listBatchAccounts, listPools, listSupportedImages, listBatchVmSkus, accountParts } from './batchRead';
export { listRegisteredProviders } from './providers';
export { createImageFromSnapshots, deleteImage, type CreateImageFromSnapshotsInput, type WriteOptions } from './computeWrite';
export {
  createOrUpdateGallery,
  createOrUpdateGalleryImageDefinition,
  createGalleryImageVersion,
  getGalleryImageVersion,
  type GalleryInput,
  type GalleryImageDefinitionInput,
  type GalleryImageVersionInput,
  type GalleryVersionSourceInput,
} from './galleryWrite';
export { createPoolArm, createPoolDataPlane, resizePool, deletePool, getPool, poolParts, type ArmPoolBody, type ResizeInput } from './batchWrite';
export { accountAllowsEntraId, type BatchVmSku } from './mappers/batch';
export { createResourceGroup, deleteResourceGroup } from './resourceGroups';
export { deleteGalleryImageVersion, deleteGalleryImageDefinition, deleteGallery } from './galleryDelete';
export { getPoolResource, updatePoolImage, type PoolResource, type PoolImageUpdate } from './poolResource';
export { readFresh, type FreshRequest } from './readFresh';
export { checkBeforeCreateImage, checkBeforePublish, freshVersionBeforeReplica, StaleStateError, type FreshState, type PublishCheck, type StaleProblem } from './freshChecks';
export type { FreshResource } from './resourceRead';
