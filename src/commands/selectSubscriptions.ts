// "Select Subscriptions…": which subscriptions the explorer and the checks use. The choice is the
// `azureResourceGroups.selectedSubscriptions` setting that the other Azure extensions share
// (entries "tenantId/subscriptionId"; empty means all), so one filter serves them all — or our
// own `azureBatchImages.selectedSubscriptions` when no extension registers the shared one.
import * as vscode from 'vscode';
import { saveSelectedSubscriptions, selectedSubscriptionFilter } from '../config';
import type { InventoryView } from '../extensionServices';
import type { ConnectionManager } from '../services/connectionManager';
import type { PickItem, UserInput } from '../ui';


export async function selectSubscriptions(connections: ConnectionManager, inventory: InventoryView, ui: UserInput): Promise<void> {
  const connection = connections.current ?? (await connections.connectSilently());
  if (!connection) throw new Error(vscode.l10n.t('Sign in to Azure first: run "Azure Batch Images: Sign in to Azure…".'));
  const all = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing your Azure subscriptions…') },
    () => connection.listAllSubscriptions(),
  );
  if (all.length === 0) throw new Error(vscode.l10n.t('This identity can see no subscription. Ask for a role assignment, then try again.'));
  const selected = new Set(selectedSubscriptionFilter().map((entry) => entry.split('/').pop()?.toLowerCase()));
  const items: PickItem<string>[] = all
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((s) => ({
      label: s.displayName,
      description: s.subscriptionId,
      detail: vscode.l10n.t('Tenant {0}', s.tenantId),
      picked: selected.size === 0 || selected.has(s.subscriptionId.toLowerCase()),
      data: `${s.tenantId}/${s.subscriptionId}`,
    }));
  const picked = await ui.pickMany(items, { title: vscode.l10n.t('Select Subscriptions'), placeHolder: vscode.l10n.t('Subscriptions to show in Azure Batch Images (and the other Azure extensions)') });
  if (picked.length === 0) throw new Error(vscode.l10n.t('Select at least one subscription.'));
  // Everything selected is stored as "no filter", so subscriptions added later show up too.
  const value = picked.length === all.length ? [] : picked.map((p) => p.data);
  await saveSelectedSubscriptions(value);
  // The inventory reloads on the setting change; wait for it so the tree is current when we return.
  await inventory.whenIdle();
}
