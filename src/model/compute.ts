// Compute resources behind a managed image: the image itself, snapshots, disks and VMs.

export type OsType = 'Windows' | 'Linux';

export interface PurchasePlan {
  name: string;
  publisher: string;
  product: string;
}

export type ImageSourceKind = 'snapshot' | 'disk' | 'blob' | 'vm';

/** One backing resource of a managed image (storageProfile.osDisk / dataDisks / sourceVirtualMachine). */
export interface ImageSource {
  kind: ImageSourceKind;
  /** ARM id for snapshot / disk / vm sources. */
  id?: string;
  /** Blob URI for `blob` sources. */
  uri?: string;
  role: 'os' | 'data';
  lun?: number;
}

export interface ManagedImage {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  provisioningState: string;
  osType: OsType;
  osState: string;
  hyperVGeneration?: string;
  sources: ImageSource[];
  tags?: Record<string, string>;
}

export interface Snapshot {
  id: string;
  name: string;
  location: string;
  osType?: OsType;
  diskSizeGB?: number;
  hyperVGeneration?: string;
  purchasePlan?: PurchasePlan;
  /** creationData.sourceResourceId: the disk (or snapshot) it was taken from. */
  sourceResourceId?: string;
  timeCreated?: string;
  /** securityProfile.securityType, e.g. `TrustedLaunch` (a disk of a Trusted Launch VM). */
  securityType?: string;
  /** supportedCapabilities.supportedSecurityOption, e.g. `TrustedLaunchSupported`. */
  supportedSecurityOption?: string;
}

export interface ManagedDisk {
  id: string;
  location: string;
  osType?: OsType;
  purchasePlan?: PurchasePlan;
  /** The VM the disk is attached to. */
  managedBy?: string;
  sourceResourceId?: string;
  /** securityProfile.securityType, e.g. `TrustedLaunch`. */
  securityType?: string;
  /** supportedCapabilities.supportedSecurityOption, e.g. `TrustedLaunchSupported`. */
  supportedSecurityOption?: string;
}

export interface VmExtension {
  name: string;
  type: string;
  publisher: string;
}

export interface VirtualMachine {
  id: string;
  location: string;
  extensions: VmExtension[];
  osDiskId?: string;
  dataDiskIds: string[];
}
