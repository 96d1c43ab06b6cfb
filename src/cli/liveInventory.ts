// Live inventory for the CLI: a service principal from the environment (the variables every Azure
// SDK tool reads), the same loader the extension uses, and no vscode anywhere on the way.
import * as l10n from '@vscode/l10n';
import { connectionOptionsFromEnv, createServicePrincipalConnection, type Env } from '../azure/connection';
import { AzureClients } from '../azure/clients';
import { InventoryLoader, azureInventorySource } from '../inventory';
import type { InventorySnapshot } from '../model';
import type { LiveInventoryRequest } from './main';

/** Loading gives up after this long rather than hanging a CI job. */
const deadlineMs = 5 * 60_000;

export class LiveInventoryError extends Error {}

export async function loadLiveInventory(env: Env, request: LiveInventoryRequest, warn: (message: string) => void): Promise<InventorySnapshot> {
  const options = connectionOptionsFromEnv(env);
  if (!options.ok) {
    throw new LiveInventoryError(
      l10n.t('set {0} (a service principal; AZURE_AUTHORITY_HOST and AZURE_RESOURCE_MANAGER_ENDPOINT select another cloud), or pass --inventory FILE.', options.missing.join(', ')),
    );
  }
  const connection = await createServicePrincipalConnection(options.options);
  const loader = new InventoryLoader(azureInventorySource(new AzureClients(connection)), { deadlineMs });
  try {
    // With --account, only that account's subscription matters.
    const subscriptionId = request.accountId?.split('/')[2];
    await loader.refresh();
    const subscriptions = loader.categoryState(undefined, 'subscriptions');
    if (subscriptions.kind === 'failed') throw new LiveInventoryError(`${subscriptions.code ? `${subscriptions.code}: ` : ''}${subscriptions.message}`);
    const snapshot = loader.snapshot;
    for (const e of snapshot.errors) {
      if (subscriptionId && e.subscriptionId && e.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) continue;
      warn(l10n.t('could not load {0}{1}: {2}{3} (rules that need it are skipped)', e.category, e.subscriptionId ? l10n.t(' of subscription {0}', e.subscriptionId) : '', e.code ? `${e.code}: ` : '', e.message));
    }
    return snapshot;
  } finally {
    loader.dispose();
  }
}
