import type { OsType, PurchasePlan } from './compute';

export interface Gallery {
  id: string;
  location: string;
}

export type GallerySecurityType =
  | 'TrustedLaunch'
  | 'ConfidentialVM'
  | 'TrustedLaunchSupported'
  | 'TrustedLaunchAndConfidentialVmSupported'
  | 'ConfidentialVmSupportedWithDiskEncryption'
  | 'Standard'
  | (string & {});

export interface GalleryImageDefinition {
  id: string;
  galleryId: string;
  location: string;
  osType: OsType;
  osState: 'Generalized' | 'Specialized';
  hyperVGeneration?: string;
  /** From the definition's `features` entry named `SecurityType`. */
  securityType?: GallerySecurityType;
  purchasePlan?: PurchasePlan;
  identifier: { publisher: string; offer: string; sku: string };
}

export interface TargetRegion {
  /** Region name as Azure returns it (display or programmatic form); compare with sameRegion. */
  name: string;
  regionalReplicaCount: number;
}

/** A version published from disks: storageProfile.osDiskImage.source / dataDiskImages[].source. */
export interface GalleryDiskSources {
  osDiskId: string;
  dataDisks: { lun: number; id: string }[];
}

export interface GalleryImageVersion {
  id: string;
  definitionId: string;
  /** Version name, e.g. `1.0.0`. */
  name: string;
  location: string;
  provisioningState: string;
  excludeFromLatest: boolean;
  targetRegions: TargetRegion[];
  /** storageProfile.source.id (a managed image, snapshot or VM), else the OS disk's source. */
  sourceId?: string;
  /** Set when the version was published from snapshots or disks rather than a whole image. */
  diskSources?: GalleryDiskSources;
  publishedDate?: string;
}
