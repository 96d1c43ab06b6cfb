// Resource groups, for wizards that offer "new resource group": a raw ARM request through the
// Batch management client's pipeline (same credential and retries); no resources SDK is installed for it.
import type { AzureClients } from './clients';
import type { WriteOptions } from './computeWrite';
import { mapErrors } from './errors';
import { checkedName } from './names';
import { armRequest } from './rawArm';

const RESOURCE_GROUP_API_VERSION = '2021-04-01';

function groupUrl(clients: AzureClients, subscriptionId: string, name: string): string {
  checkedName('subscriptionId', subscriptionId);
  checkedName('resourceGroup', name);
  return `${clients.cloud.armEndpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/resourcegroups/${encodeURIComponent(name)}?api-version=${RESOURCE_GROUP_API_VERSION}`;
}

/** Creates the resource group (or leaves an existing one as it is: PUT with the same location is idempotent). */
export function createResourceGroup(clients: AzureClients, subscriptionId: string, name: string, location: string, options: WriteOptions = {}): Promise<void> {
  return mapErrors(async () => {
    const client = await clients.batchManagement(subscriptionId);
    await armRequest(client, 'PUT', groupUrl(clients, subscriptionId, name), { body: { location }, signal: options.signal });
  });
}

/** Starts deleting a resource group and everything in it (used to undo a group a failed wizard created). */
export function deleteResourceGroup(clients: AzureClients, subscriptionId: string, name: string, options: WriteOptions = {}): Promise<void> {
  return mapErrors(async () => {
    const client = await clients.batchManagement(subscriptionId);
    await armRequest(client, 'DELETE', groupUrl(clients, subscriptionId, name), { signal: options.signal });
  });
}
