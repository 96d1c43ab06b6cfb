// Batch accounts and live pools as read from the management plane.

export interface SupportedImage {
  nodeAgentSkuId: string;
  osType: 'Windows' | 'Linux' | (string & {});
  verificationType?: string;
  /** ISO-8601 timestamp after which Batch stops supporting the image. */
  batchSupportEndOfLife?: string;
  imageReference?: { publisher?: string; offer?: string; sku?: string; version?: string };
}

export interface BatchAccountQuotas {
  dedicatedCoreQuota?: number;
  lowPriorityCoreQuota?: number;
  poolQuota?: number;
}

export interface BatchAccount {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  accountEndpoint: string;
  poolAllocationMode: 'BatchService' | 'UserSubscription' | (string & {});
  /** e.g. `['SharedKey', 'AAD', 'TaskAuthenticationToken']`. */
  allowedAuthenticationModes: string[];
  quotas?: BatchAccountQuotas;
  /** The account's supported images (node agent SKUs), when loaded. */
  supportedImages?: SupportedImage[];
}

export type LivePoolScale =
  | { kind: 'fixed'; targetDedicatedNodes: number; targetLowPriorityNodes: number; resizeTimeout?: string }
  | { kind: 'auto'; formula?: string };

export interface LivePool {
  /** ARM id of the pool resource. */
  id: string;
  name: string;
  /** ARM id of the Batch account. */
  accountId: string;
  vmSize: string;
  /** imageReference.id: a managed image, gallery image definition or version id. */
  imageId?: string;
  nodeAgentSkuId?: string;
  scale: LivePoolScale;
  currentDedicatedNodes: number;
  currentLowPriorityNodes: number;
  allocationState: string;
  provisioningState: string;
  resizeErrors: { code: string; message: string }[];
  inboundNatPoolCount: number;
  securityProfile?: { securityType?: string; secureBootEnabled?: boolean; vTpmEnabled?: boolean };
}
