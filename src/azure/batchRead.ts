// Microsoft.Batch reads: accounts per subscription and pools per account through ARM, the
// supported node-agent SKUs per account through the data plane (Batch-scoped token), and the
// VM sizes Batch offers in a region.
import * as l10n from '@vscode/l10n';
import { RESOURCE_TYPES } from '../model';
import type { BatchAccount, LivePool, SupportedImage } from '../model';
import type { AzureClients } from './clients';
import { AzureError, mapErrors } from './errors';
import { mapBatchAccount, mapPool, mapSupportedImage, mapVmSku, type BatchVmSku } from './mappers/batch';
import { checkedName, checkedParts } from './names';
import { collectMapped, msRestSignal, throwIfAborted, untilAborted } from './paging';
import { BATCH_MANAGEMENT_API_VERSION } from './apiVersion';
import { flattenArmResource } from './mappers/common';
import { armListAll } from './rawArm';
import type { Pool } from '@azure/arm-batch';

/** The parts of a Batch account id, each checked against Azure's naming rules (throws otherwise). */
export function accountParts(accountId: string): { subscriptionId: string; resourceGroup: string; accountName: string } {
  const { subscriptionId, resourceGroup, names } = checkedParts(accountId, RESOURCE_TYPES.batchAccount);
  return { subscriptionId, resourceGroup, accountName: names[0] };
}

export function listBatchAccounts(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<BatchAccount[]> {
  return mapErrors(async () => {
    const client = await clients.batchManagement(subscriptionId);
    return collectMapped(client.batchAccountOperations.list({ abortSignal: signal }), mapBatchAccount, signal);
  });
}

/**
 * An account's pools. Read raw through the Batch management client's pipeline (its credential,
 * retries and pinned api-version) and mapped from the JSON by the same mapper as the SDK's
 * models: the SDK's deserializer took a quarter of a large load's CPU (tens of microseconds a
 * pool, for fields the mapper never reads).
 */
export function listPools(clients: AzureClients, accountId: string, signal?: AbortSignal): Promise<LivePool[]> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, accountName } = accountParts(accountId);
    const client = await clients.batchManagement(subscriptionId);
    const url =
      `${clients.cloud.armEndpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}` +
      `/providers/Microsoft.Batch/batchAccounts/${encodeURIComponent(accountName)}/pools?api-version=${BATCH_MANAGEMENT_API_VERSION}`;
    const items = await armListAll(client, url, {
      signal,
      malformed: () => new AzureError({ code: 'InvalidResponse', message: l10n.t("Azure's answer for the pools of {0} holds no list of pools.", accountName) }),
    });
    // The cast is sound for what mapPool reads: the wire names equal the SDK's flattened names.
    return items.map((item) => mapPool(flattenArmResource(item) as unknown as Pool, accountId)).filter((p): p is LivePool => p !== undefined);
  });
}

/** The account's supported images (node agent SKUs), all pages, from the Batch data plane. */
export function listSupportedImages(clients: AzureClients, account: BatchAccount, signal?: AbortSignal): Promise<SupportedImage[]> {
  return mapErrors(async () => {
    if (!account.accountEndpoint) throw new AzureError({ code: 'NoAccountEndpoint', message: l10n.t('The Batch account {0} has no account endpoint.', account.name) });
    const client = await clients.batchData(account.accountEndpoint, account.subscriptionId);
    const out: SupportedImage[] = [];
    // The signal goes to ms-rest-js (it aborts the request and ends the retry policy's waits) and
    // the page is also raced against it (see untilAborted), so cancelling never waits on the SDK.
    let page = await untilAborted(client.account.listSupportedImages({ abortSignal: msRestSignal(signal) }), signal);
    for (;;) {
      throwIfAborted(signal);
      for (const image of page) out.push(mapSupportedImage(image));
      const next = page.odatanextLink;
      if (!next) break;
      page = await untilAborted(client.account.listSupportedImagesNext(next, { abortSignal: msRestSignal(signal) }), signal);
    }
    return out;
  });
}

/** VM sizes Batch supports in a region, for the subscription. */
export function listBatchVmSkus(clients: AzureClients, subscriptionId: string, location: string, signal?: AbortSignal): Promise<BatchVmSku[]> {
  return mapErrors(async () => {
    const client = await clients.batchManagement(subscriptionId);
    const region = checkedName('location', location.replace(/\s+/g, '').toLowerCase());
    return collectMapped(client.location.listSupportedVirtualMachineSkus(region, { abortSignal: signal }), mapVmSku, signal);
  });
}
