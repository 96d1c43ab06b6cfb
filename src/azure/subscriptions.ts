// Subscriptions visible to a service principal, through ARM's `GET /subscriptions`
// (@azure/arm-resources-subscriptions, api-version 2022-12-01), all pages.
import type { TokenCredential } from '@azure/identity';
import type { Subscription } from '../model';
import type { AzureCloud } from './cloud';
import { boundArmThrottling } from './armThrottling';
import { toAzureError } from './errors';
import { collect } from './paging';

export async function listSubscriptionsWith(cloud: AzureCloud, credential: TokenCredential, signal?: AbortSignal): Promise<Subscription[]> {
  const { SubscriptionClient } = await import('@azure/arm-resources-subscriptions');
  const client = new SubscriptionClient(credential, { endpoint: cloud.armEndpoint, credentialScopes: [cloud.armScope] });
  boundArmThrottling(client);
  try {
    const items = await collect(client.subscriptions.list({ abortSignal: signal }), signal);
    return items
      .filter((s) => s.subscriptionId && s.state !== 'Disabled')
      .map((s) => ({
        id: s.id ?? `/subscriptions/${s.subscriptionId}`,
        subscriptionId: s.subscriptionId ?? '',
        tenantId: s.tenantId ?? '',
        displayName: s.displayName ?? s.subscriptionId ?? '',
      }));
  } catch (e) {
    throw toAzureError(e);
  }
}
