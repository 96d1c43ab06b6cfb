// Batch pool writes: create from a pool definition (either shape), resize, delete.
// Creation sends the user's JSON as written (raw request through the SDK client's pipeline):
// the SDKs' older models would silently drop properties they do not know, such as newer
// security settings, and the document is what the user asked for.
import * as l10n from '@vscode/l10n';
import { RESOURCE_TYPES } from '../model';
import type { BatchAccount, LivePool } from '../model';
import { BATCH_DATA_PLANE_API_VERSION, BATCH_MANAGEMENT_API_VERSION } from './apiVersion';
import { accountParts } from './batchRead';
import type { AzureClients } from './clients';
import type { WriteOptions } from './computeWrite';
import { AzureError, errorFromResponse, mapErrors } from './errors';
import { mapPool } from './mappers/batch';
import { msRestSignal, untilAborted } from './paging';
import { checkedName, checkedParts } from './names';
import { armRequest } from './rawArm';

/** The parts of a Batch pool id, each checked against Azure's naming rules (throws otherwise). */
export function poolParts(poolId: string): { subscriptionId: string; resourceGroup: string; accountName: string; poolName: string; accountId: string } {
  const { subscriptionId, resourceGroup, names } = checkedParts(poolId, RESOURCE_TYPES.batchPool);
  const accountId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Batch/batchAccounts/${names[0]}`;
  return { subscriptionId, resourceGroup, accountName: names[0], poolName: names[1], accountId };
}

/** Reads one pool through ARM (used to return the model after a write). */
export function getPool(clients: AzureClients, accountId: string, poolName: string, options: WriteOptions = {}): Promise<LivePool> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, accountName } = accountParts(accountId);
    checkedName('batchPool', poolName);
    const client = await clients.batchManagement(subscriptionId);
    const pool = await client.poolOperations.get(resourceGroup, accountName, poolName, { abortSignal: options.signal });
    const mapped = mapPool(pool, accountId);
    if (!mapped) throw new AzureError({ code: 'UnexpectedResponse', message: l10n.t('Azure returned a pool without an id.') });
    return mapped;
  });
}

/** The parts of an ARM pool resource that belong in a PUT body (template-only fields are dropped). */
export interface ArmPoolBody {
  properties: Record<string, unknown>;
  identity?: unknown;
  tags?: Record<string, string>;
}

/** Creates (or replaces) a pool through ARM (`Microsoft.Batch/batchAccounts/pools`). */
export function createPoolArm(clients: AzureClients, accountId: string, poolName: string, body: ArmPoolBody, options: WriteOptions = {}): Promise<LivePool> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, accountName } = accountParts(accountId);
    checkedName('batchPool', poolName);
    const client = await clients.batchManagement(subscriptionId);
    const url =
      `${clients.cloud.armEndpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}` +
      `/providers/Microsoft.Batch/batchAccounts/${encodeURIComponent(accountName)}/pools/${encodeURIComponent(poolName)}` +
      `?api-version=${BATCH_MANAGEMENT_API_VERSION}`;
    const put: Record<string, unknown> = { properties: body.properties };
    if (body.identity !== undefined) put.identity = body.identity;
    if (body.tags !== undefined) put.tags = body.tags;
    await armRequest(client, 'PUT', url, { body: put, signal: options.signal });
    return getPool(clients, accountId, poolName, options);
  });
}

/**
 * Creates a pool through the Batch data plane (`POST {account}/pools`, the body of
 * `az batch pool create --json-file`). Returns the pool as ARM then reports it.
 */
export function createPoolDataPlane(clients: AzureClients, account: BatchAccount, body: Record<string, unknown>, options: WriteOptions = {}): Promise<LivePool> {
  return mapErrors(async () => {
    const poolName = typeof body.id === 'string' ? body.id : '';
    if (!poolName) throw new AzureError({ code: 'MissingRequiredProperty', message: l10n.t('The pool definition has no "id".') });
    // The id is in the body, not the URL, but the pool is read back by it through ARM.
    checkedName('batchPool', poolName);
    accountParts(account.id);
    const client = await clients.batchData(account.accountEndpoint, account.subscriptionId);
    // The signal goes to ms-rest-js (it aborts the request and ends the retry policy's waits) and
    // the call is raced against it too (see untilAborted). A cancelled create may still have
    // reached the service, so the caller refreshes the account's pools either way.
    const response = await untilAborted(
      client.sendRequest({
        method: 'POST',
        url: `${client.batchUrl}/pools`,
        queryParameters: { 'api-version': BATCH_DATA_PLANE_API_VERSION },
        headers: { 'Content-Type': 'application/json; odata=minimalmetadata; charset=utf-8' },
        body: JSON.stringify(body),
        disableJsonStringifyOnBody: true,
        abortSignal: msRestSignal(options.signal),
      }),
      options.signal,
    );
    if (response.status >= 400) {
      throw errorFromResponse(response.status, response.bodyAsText ?? undefined, response.headers.get('request-id') ?? undefined);
    }
    return getPool(clients, account.id, poolName, options);
  });
}

export interface ResizeInput {
  targetDedicatedNodes: number;
  targetLowPriorityNodes: number;
  /** ISO-8601 duration, e.g. `PT20M`. */
  resizeTimeout?: string;
}

/** Sets a fixed scale on the pool through ARM (starts a resize). */
export function resizePool(clients: AzureClients, poolId: string, input: ResizeInput, options: WriteOptions = {}): Promise<LivePool> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, accountName, poolName, accountId } = poolParts(poolId);
    const client = await clients.batchManagement(subscriptionId);
    const pool = await client.poolOperations.update(
      resourceGroup,
      accountName,
      poolName,
      {
        scaleSettings: {
          fixedScale: {
            targetDedicatedNodes: input.targetDedicatedNodes,
            targetLowPriorityNodes: input.targetLowPriorityNodes,
            resizeTimeout: input.resizeTimeout,
          },
        },
      },
      { abortSignal: options.signal },
    );
    const mapped = mapPool(pool, accountId);
    if (!mapped) throw new AzureError({ code: 'UnexpectedResponse', message: l10n.t('Azure returned a pool without an id.') });
    return mapped;
  });
}

export function deletePool(clients: AzureClients, poolId: string, options: WriteOptions = {}): Promise<void> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, accountName, poolName } = poolParts(poolId);
    const client = await clients.batchManagement(subscriptionId);
    await client.poolOperations.beginDeleteAndWait(resourceGroup, accountName, poolName, {
      abortSignal: msRestSignal(options.signal),
      updateIntervalInMs: clients.tuning.lroPollIntervalMs,
    });
  });
}
