// The one prompt of the editor features: a quick pick of the inventory's Batch accounts. Kept
// apart so the command can be run with an account id argument (tests, the tree) without prompting.
import * as vscode from 'vscode';
import type { Inventory } from '../model';

/** What the user chose: an account id, `null` to forget the document's choice, undefined when cancelled. */
export type AccountChoice = string | null | undefined;

export async function pickAccount(inventory: Inventory, currentId: string | undefined): Promise<AccountChoice> {
  const accounts = [...inventory.snapshot.batchAccounts].sort((a, b) => a.name.localeCompare(b.name));
  if (accounts.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Batch accounts are loaded. Sign in to Azure to choose the account this pool is deployed to.'));
    return undefined;
  }
  type Item = vscode.QuickPickItem & { accountId: string | null };
  const items: Item[] = accounts.map((a) => ({
    label: a.name,
    description: a.location,
    detail: `${inventory.subscription(a.subscriptionId)?.displayName ?? a.subscriptionId} · ${a.resourceGroup}`,
    picked: currentId !== undefined && a.id.toLowerCase() === currentId.toLowerCase(),
    accountId: a.id,
  }));
  if (currentId) items.push({ label: vscode.l10n.t('No account for this document'), description: vscode.l10n.t('forget the choice'), accountId: null });
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Batch account of this pool document'),
    placeHolder: vscode.l10n.t('The account the pool is deployed to: its region, subscription and node agent SKUs are checked'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return chosen?.accountId;
}
