// Resource provider registration per subscription (`GET /subscriptions/{id}/providers`), which
// the rules need to judge cross-subscription gallery images. No installed SDK covers it, so it
// goes raw through an ARM client's pipeline (auth, retries); every page is followed.
import type { AzureClients } from './clients';
import { checkedName } from './names';
import { armListAll } from './rawArm';

const PROVIDERS_API_VERSION = '2021-04-01';

/** Namespaces in state `Registered`, e.g. `Microsoft.Batch`. */
export async function listRegisteredProviders(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<string[]> {
  checkedName('subscriptionId', subscriptionId);
  const client = await clients.batchManagement(subscriptionId);
  const url = `${clients.cloud.armEndpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/providers?api-version=${PROVIDERS_API_VERSION}`;
  const providers = (await armListAll(client, url, { signal })) as { namespace?: string; registrationState?: string }[];
  return providers.filter((p) => p?.namespace && p.registrationState === 'Registered').map((p) => p.namespace as string);
}
