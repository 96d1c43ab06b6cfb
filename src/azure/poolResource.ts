// A pool's full ARM resource (every property, as Azure stores it) and the in-place image change
// of the management plane's Pool - Update (PATCH, api-version 2024-07-01 or later). Raw requests
// through the SDK client's pipeline: the installed SDK's models would drop properties they do not
// know, and a replacement pool must keep every one of them.
import * as l10n from '@vscode/l10n';
import { BATCH_MANAGEMENT_API_VERSION } from './apiVersion';
import { poolParts } from './batchWrite';
import type { AzureClients } from './clients';
import type { WriteOptions } from './computeWrite';
import { AzureError, isAzureError, mapErrors } from './errors';
import { armRequest } from './rawArm';

/** An ARM pool resource as returned by GET (`properties`, `identity`, `tags`, …). */
export interface PoolResource {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  identity?: Record<string, unknown>;
  tags?: Record<string, string>;
  [key: string]: unknown;
}

function poolUrl(clients: AzureClients, poolId: string): { url: string; subscriptionId: string } {
  const { subscriptionId, resourceGroup, accountName, poolName } = poolParts(poolId);
  const url =
    `${clients.cloud.armEndpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}` +
    `/providers/Microsoft.Batch/batchAccounts/${encodeURIComponent(accountName)}/pools/${encodeURIComponent(poolName)}` +
    `?api-version=${BATCH_MANAGEMENT_API_VERSION}`;
  return { url, subscriptionId };
}

/** GET of the pool's ARM resource; undefined when it does not exist. */
export function getPoolResource(clients: AzureClients, poolId: string, options: WriteOptions = {}): Promise<PoolResource | undefined> {
  return mapErrors(async () => {
    const { url, subscriptionId } = poolUrl(clients, poolId);
    const client = await clients.batchManagement(subscriptionId);
    try {
      const response = await armRequest(client, 'GET', url, { signal: options.signal });
      const body = response.body as PoolResource | undefined;
      if (!body || typeof body.properties !== 'object') throw new AzureError({ code: 'UnexpectedResponse', message: l10n.t('Azure returned no pool body for {0}.', poolId) });
      return body;
    } catch (error) {
      if (isAzureError(error) && (error.status === 404 || error.code === 'ResourceNotFound' || error.code === 'PoolNotFound')) return undefined;
      throw error;
    }
  });
}

export interface PoolImageUpdate {
  imageId: string;
  nodeAgentSkuId: string;
  /** virtualMachineConfiguration.securityProfile the new image requires (Trusted Launch), if any. */
  securityProfile?: Record<string, unknown>;
}

/**
 * Points an empty pool at another image in place (Pool - Update). Azure accepts a change of
 * deploymentConfiguration only while the pool is steady with zero dedicated and zero Spot nodes;
 * the caller checks that first, Azure refuses otherwise.
 */
export function updatePoolImage(clients: AzureClients, poolId: string, update: PoolImageUpdate, options: WriteOptions = {}): Promise<PoolResource> {
  return mapErrors(async () => {
    const { url, subscriptionId } = poolUrl(clients, poolId);
    const client = await clients.batchManagement(subscriptionId);
    const current = await getPoolResource(clients, poolId, options);
    if (!current) throw new AzureError({ code: 'ResourceNotFound', message: l10n.t('The pool {0} does not exist.', poolId) });
    // deploymentConfiguration is replaced as a whole by the service: send all of it, image changed.
    const deployment = structuredClone((current.properties.deploymentConfiguration ?? {}) as Record<string, unknown>);
    const vmc = (deployment.virtualMachineConfiguration ?? {}) as Record<string, unknown>;
    vmc.imageReference = { id: update.imageId };
    vmc.nodeAgentSkuId = update.nodeAgentSkuId;
    if (update.securityProfile) vmc.securityProfile = update.securityProfile;
    deployment.virtualMachineConfiguration = vmc;
    const response = await armRequest(client, 'PATCH', url, { body: { properties: { deploymentConfiguration: deployment } }, signal: options.signal });
    return response.body as PoolResource;
  });
}
