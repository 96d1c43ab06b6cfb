// How each pool of a retired image moves to a gallery version, decided from what Azure allows:
// the management plane's Pool - Update (PATCH, api-version 2024-07-01 or later) changes
// deploymentConfiguration only while the pool is steady with zero dedicated and zero Spot nodes
// ("Update Batch pool properties", Azure Batch docs); any other pool gets a replacement built from
// its own specification with only the image changed. Pure: no vscode, no @azure.
import * as l10n from '@vscode/l10n';
import type { LivePool } from '../model';
import { countText } from './counts';

export type PoolMigrationMethod = 'update' | 'replace';

/** The oldest management-plane api-version whose Pool - Update may change deploymentConfiguration. */
export const POOL_IMAGE_UPDATE_MIN_API_VERSION = '2024-07-01';

/** Pool names are at most 64 characters (letters, digits, hyphens, underscores). */
const POOL_NAME_MAX = 64;

/** Tag a published version carries: the image it was made from by a migration (resumed runs find it). */
export const MIGRATION_SOURCE_TAG = 'batch-images-migrated-from';

export interface PoolMethodDecision {
  method: PoolMigrationMethod;
  /** Why, for the plan the user reads. */
  reason: string;
}

/** Update in place when Azure allows it at `apiVersion` (steady, no nodes, none planned); otherwise replace. */
export function poolMigrationMethod(pool: LivePool, apiVersion: string): PoolMethodDecision {
  if (apiVersion.slice(0, 10) < POOL_IMAGE_UPDATE_MIN_API_VERSION) {
    return { method: 'replace', reason: l10n.t('api-version {0} cannot change a pool\'s image', apiVersion) };
  }
  const nodes = pool.currentDedicatedNodes + pool.currentLowPriorityNodes;
  const steady = pool.allocationState.toLowerCase() === 'steady';
  const planned = pool.scale.kind === 'fixed' ? pool.scale.targetDedicatedNodes + pool.scale.targetLowPriorityNodes : undefined;
  if (steady && nodes === 0 && planned === 0) return { method: 'update', reason: l10n.t('the pool is steady with no nodes: its image can be changed in place') };
  if (pool.scale.kind === 'auto') return { method: 'replace', reason: l10n.t('an autoscale pool may gain nodes at any time: a replacement pool takes the new image') };
  if (!steady) return { method: 'replace', reason: l10n.t('the pool is resizing: a replacement pool takes the new image') };
  return { method: 'replace', reason: l10n.t('the pool has {0} (target {1}): Azure changes the image only of an empty pool', countText.nodes(nodes), planned ?? 0) };
}

/** `{name}-gallery`, shortened to fit, with `-2`, `-3`… when the name is taken. */
export function replacementPoolName(poolName: string, taken: ReadonlySet<string>): string {
  const isTaken = (n: string) => taken.has(n.toLowerCase());
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '-gallery' : `-gallery-${i}`;
    const name = `${poolName.slice(0, POOL_NAME_MAX - suffix.length)}${suffix}`;
    if (!isTaken(name)) return name;
  }
}

/** Properties Azure computes for a pool; a PUT must not send them. */
const READ_ONLY_POOL_PROPERTIES = [
  'allocationState',
  'allocationStateTransitionTime',
  'autoScaleRun',
  'creationTime',
  'currentDedicatedNodes',
  'currentLowPriorityNodes',
  'currentNodeCommunicationMode',
  'lastModified',
  'provisioningState',
  'provisioningStateTransitionTime',
  'resizeOperationStatus',
];

export interface ImageChange {
  imageId: string;
  nodeAgentSkuId: string;
  /** virtualMachineConfiguration.securityProfile the new image requires, if any. */
  securityProfile?: Record<string, unknown>;
}

/** The ARM body of a pool as a PUT takes it (no read-only properties). */
export interface ReplacementPoolBody {
  properties: Record<string, unknown>;
  identity?: unknown;
}

/**
 * The replacement of a pool: its own ARM resource with only the image reference (and what the new
 * image requires) changed, and the properties Azure computes left out. Every other property —
 * VM size, scale settings, network, start task, mounts, identity, metadata, resource tags — is
 * kept as it is.
 */
export function replacementPoolBody(resource: { properties: Record<string, unknown>; identity?: unknown }, change: ImageChange): ReplacementPoolBody {
  const properties = structuredClone(resource.properties);
  for (const key of READ_ONLY_POOL_PROPERTIES) delete properties[key];
  const deployment = (properties.deploymentConfiguration ??= {}) as Record<string, unknown>;
  const vmc = (deployment.virtualMachineConfiguration ??= {}) as Record<string, unknown>;
  vmc.imageReference = { id: change.imageId };
  vmc.nodeAgentSkuId = change.nodeAgentSkuId;
  if (change.securityProfile) vmc.securityProfile = structuredClone(change.securityProfile);
  const body: ReplacementPoolBody = { properties };
  const identity = writableIdentity(resource.identity);
  if (identity !== undefined) body.identity = identity;
  return body;
}

/** A user-assigned identity as a PUT takes it: the identities' ids, without Azure's principal and client ids. */
function writableIdentity(identity: unknown): unknown {
  if (typeof identity !== 'object' || identity === null) return undefined;
  const copy = structuredClone(identity) as { type?: string; userAssignedIdentities?: Record<string, unknown> };
  if (!copy.type || copy.type.toLowerCase() === 'none') return undefined;
  if (copy.userAssignedIdentities) {
    for (const key of Object.keys(copy.userAssignedIdentities)) copy.userAssignedIdentities[key] = {};
  }
  return copy;
}

/** The security profile a gallery definition's SecurityType demands of its pools (Trusted Launch / Confidential VM). */
export function securityProfileFor(definitionSecurityType: string | undefined): Record<string, unknown> | undefined {
  const type = definitionSecurityType?.toLowerCase();
  if (type === 'trustedlaunch') return { securityType: 'trustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } };
  if (type === 'confidentialvm') return { securityType: 'confidentialVM', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } };
  return undefined;
}
