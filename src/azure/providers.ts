// Resource provider registration per subscription (`GET /subscriptions/{id}/providers`), which
// the rules need to judge cross-subscription gallery images. No installed SDK covers it, so it
// goes raw through an ARM client's pipeline (auth, retries); every page is followed.
import type { AzureClients } from './clients';
import { checkedName } from './names';
import { armRequest } from './rawArm';
import { throwIfAborted } from './paging';

const PROVIDERS_API_VERSION = '2021-04-01';

interface ProviderPage {
  value?: { namespace?: string; registrationState?: string }[];
  nextLink?: string;
}

/** Namespaces in state `Registered`, e.g. `Microsoft.Batch`. */
export async function listRegisteredProviders(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<string[]> {
  checkedName('subscriptionId', subscriptionId);
  const client = await clients.batchManagement(subscriptionId);
  const out: string[] = [];
  let url: string | undefined =
    `${clients.cloud.armEndpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/providers?api-version=${PROVIDERS_API_VERSION}`;
  while (url) {
    throwIfAborted(signal);
    const { body } = await armRequest(client, 'GET', url, { signal });
    const page = (body ?? {}) as ProviderPage;
    for (const p of page.value ?? []) {
      if (p.namespace && p.registrationState === 'Registered') out.push(p.namespace);
    }
    url = page.nextLink;
  }
  return out;
}
