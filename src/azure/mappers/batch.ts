// @azure/arm-batch and @azure/batch models -> src/model Batch types.
import type { BatchAccount as SdkAccount, Pool, SupportedSku } from '@azure/arm-batch';
import type { BatchServiceModels } from '@azure/batch';
import type { BatchAccount, LivePool, LivePoolScale, SupportedImage } from '../../model';
import { isoDate, normaliseId, scopeOf } from './common';

export function mapBatchAccount(a: SdkAccount): BatchAccount | undefined {
  const id = normaliseId(a.id);
  if (!id) return undefined;
  const quotas: BatchAccount['quotas'] = {};
  if (a.dedicatedCoreQuota !== undefined) quotas.dedicatedCoreQuota = a.dedicatedCoreQuota;
  if (a.lowPriorityCoreQuota !== undefined) quotas.lowPriorityCoreQuota = a.lowPriorityCoreQuota;
  if (a.poolQuota !== undefined) quotas.poolQuota = a.poolQuota;
  const result: BatchAccount = {
    id,
    name: a.name ?? id.split('/').pop() ?? '',
    ...scopeOf(id),
    location: a.location ?? '',
    accountEndpoint: a.accountEndpoint ?? '',
    poolAllocationMode: a.poolAllocationMode ?? 'BatchService',
    allowedAuthenticationModes: [...(a.allowedAuthenticationModes ?? [])],
  };
  if (Object.keys(quotas).length > 0) result.quotas = quotas;
  return result;
}

/** Data plane and management plane both accept Entra ID only when `AAD` is allowed. */
export function accountAllowsEntraId(account: BatchAccount): boolean {
  // An empty list means the service did not say; try rather than hide the account's SKUs.
  if (account.allowedAuthenticationModes.length === 0) return true;
  return account.allowedAuthenticationModes.some((m) => m.toUpperCase() === 'AAD');
}

const DEFAULT_RESIZE_TIMEOUT = 'PT15M';

function scaleOf(p: Pool): LivePoolScale {
  const auto = p.scaleSettings?.autoScale;
  if (auto) return { kind: 'auto', formula: auto.formula };
  const fixed = p.scaleSettings?.fixedScale;
  const scale: LivePoolScale = {
    kind: 'fixed',
    targetDedicatedNodes: fixed?.targetDedicatedNodes ?? 0,
    targetLowPriorityNodes: fixed?.targetLowPriorityNodes ?? 0,
  };
  // Batch's default when the pool sets none. The SDK's models fill it in; raw JSON (pool lists
  // read without the SDK's deserializer) may leave it out.
  if (fixed) scale.resizeTimeout = fixed.resizeTimeout || DEFAULT_RESIZE_TIMEOUT;
  return scale;
}

export function mapPool(p: Pool, accountId: string): LivePool | undefined {
  const id = normaliseId(p.id);
  if (!id) return undefined;
  const vmc = p.deploymentConfiguration?.virtualMachineConfiguration;
  const result: LivePool = {
    id,
    name: p.name ?? id.split('/').pop() ?? '',
    accountId,
    vmSize: p.vmSize ?? '',
    scale: scaleOf(p),
    currentDedicatedNodes: p.currentDedicatedNodes ?? 0,
    currentLowPriorityNodes: p.currentLowPriorityNodes ?? 0,
    allocationState: p.allocationState ?? 'Unknown',
    provisioningState: p.provisioningState ?? 'Unknown',
    resizeErrors: (p.resizeOperationStatus?.errors ?? []).map((e) => ({ code: e.code, message: e.message })),
    inboundNatPoolCount: p.networkConfiguration?.endpointConfiguration?.inboundNatPools?.length ?? 0,
  };
  const imageId = normaliseId(vmc?.imageReference?.id);
  if (imageId) result.imageId = imageId;
  if (vmc?.nodeAgentSkuId) result.nodeAgentSkuId = vmc.nodeAgentSkuId;
  const sec = vmc?.securityProfile;
  if (sec) {
    const profile: NonNullable<LivePool['securityProfile']> = {};
    if (sec.securityType) profile.securityType = sec.securityType;
    if (sec.uefiSettings?.secureBootEnabled !== undefined) profile.secureBootEnabled = sec.uefiSettings.secureBootEnabled;
    if (sec.uefiSettings?.vTpmEnabled !== undefined) profile.vTpmEnabled = sec.uefiSettings.vTpmEnabled;
    result.securityProfile = profile;
  }
  return result;
}

export function mapSupportedImage(i: BatchServiceModels.ImageInformation): SupportedImage {
  const osType = i.osType === 'windows' ? 'Windows' : i.osType === 'linux' ? 'Linux' : String(i.osType);
  const result: SupportedImage = { nodeAgentSkuId: i.nodeAgentSKUId, osType };
  if (i.verificationType) result.verificationType = i.verificationType;
  const eol = isoDate(i.batchSupportEndOfLife);
  if (eol) result.batchSupportEndOfLife = eol;
  const r = i.imageReference;
  if (r) {
    const ref: NonNullable<SupportedImage['imageReference']> = {};
    if (r.publisher) ref.publisher = r.publisher;
    if (r.offer) ref.offer = r.offer;
    if (r.sku) ref.sku = r.sku;
    if (r.version) ref.version = r.version;
    result.imageReference = ref;
  }
  return result;
}

/** A VM size Batch supports in a region (`locations/{loc}/virtualMachineSkus`). */
export interface BatchVmSku {
  name: string;
  familyName?: string;
  /** Capability name -> value, e.g. `vCPUs` -> `4`, `HyperVGenerations` -> `V1,V2`. */
  capabilities: Record<string, string>;
}

export function mapVmSku(s: SupportedSku): BatchVmSku | undefined {
  if (!s.name) return undefined;
  const capabilities: Record<string, string> = {};
  for (const c of s.capabilities ?? []) if (c.name) capabilities[c.name] = c.value ?? '';
  const result: BatchVmSku = { name: s.name, capabilities };
  if (s.familyName) result.familyName = s.familyName;
  return result;
}
