// `azureBatchImages.selectDocumentAccount [uri] [accountId]`: sets the target Batch account of a
// pool document. Without an account id it asks (accountPicker.ts); `null` forgets the choice.
import * as vscode from 'vscode';
import type { InventoryView } from '../extensionServices';
import type { DocumentAccounts } from './accountAssociation';
import { pickAccount, type AccountChoice } from './accountPicker';

export const SELECT_ACCOUNT_COMMAND = 'azureBatchImages.selectDocumentAccount';

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') return vscode.Uri.parse(value);
  return vscode.window.activeTextEditor?.document.uri;
}

export function selectAccountHandler(accounts: DocumentAccounts, inventory: InventoryView) {
  return async (uriArg?: unknown, accountArg?: unknown): Promise<string | undefined> => {
    const uri = asUri(uriArg);
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a pool definition to select its Batch account.'));
      return undefined;
    }
    let choice: AccountChoice;
    if (typeof accountArg === 'string' || accountArg === null) choice = accountArg;
    else choice = await pickAccount(inventory.current, accounts.remembered(uri));
    if (choice === undefined) return undefined;
    await accounts.set(uri, choice ?? undefined);
    return choice ?? undefined;
  };
}
