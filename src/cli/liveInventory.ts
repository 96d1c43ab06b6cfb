// Live inventory for the CLI: a service principal from the environment (the variables every Azure
// SDK tool reads), the same loader the extension uses, and no vscode anywhere on the way.
import * as l10n from '@vscode/l10n';
import { connectionOptionsFromEnv, createServicePrincipalConnection, type Env } from '../azure/connection';
import { AzureClients } from '../azure/clients';
import { ConnectionInventorySource, InventoryLoader } from '../inventory';
import type { InventorySnapshot } from '../model';
import type { LiveInventoryRequest } from './main';

export class LiveInventoryError extends Error {}

/**
 * Loads the inventory; failed categories are recorded in the snapshot's `errors` (the caller
 * decides what they mean). Everything still open when `request.signal` aborts is cancelled:
 * the loader's lists and the connection's token requests.
 */
export async function loadLiveInventory(env: Env, request: LiveInventoryRequest): Promise<InventorySnapshot> {
  const options = connectionOptionsFromEnv(env);
  if (!options.ok) {
    throw new LiveInventoryError(
      l10n.t('set {0} (a service principal; AZURE_AUTHORITY_HOST and AZURE_RESOURCE_MANAGER_ENDPOINT select another cloud), or pass --inventory FILE.', options.missing.join(', ')),
    );
  }
  const connection = await createServicePrincipalConnection(options.options, { signal: request.signal });
  // The extension's sources: Azure Resource Graph where it serves (auto), else Resource Manager.
  const loader = new InventoryLoader(new ConnectionInventorySource(new AzureClients(connection), { setting: request.source }), { deadlineMs: request.timeoutSeconds * 1000 });
  const stop = (): void => loader.cancel();
  request.signal.addEventListener('abort', stop, { once: true });
  try {
    await loader.refresh();
    await Promise.all([
      request.supportedImagesOf ? loader.loadSupportedImages(request.supportedImagesOf) : undefined,
      request.providersOf ? loader.loadRegisteredProviders(request.providersOf) : undefined,
    ]);
    const subscriptions = loader.categoryState(undefined, 'subscriptions');
    if (subscriptions.kind === 'failed') throw new LiveInventoryError(`${subscriptions.code ? `${subscriptions.code}: ` : ''}${subscriptions.message}`);
    if (request.signal.aborted) throw new LiveInventoryError(l10n.t('DeadlineExceeded: stopped at the --timeout deadline.'));
    return loader.snapshot;
  } finally {
    request.signal.removeEventListener('abort', stop);
    loader.dispose();
  }
}
