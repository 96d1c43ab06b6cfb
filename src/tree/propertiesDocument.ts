// Read-only JSON views of resources, served from the inventory (no extra Azure call) under a
// scheme of our own, so VS Code shows them as read-only documents.
import * as vscode from 'vscode';
import { armIdKey } from '../model';
import type { InventoryView } from '../extensionServices';

export const propertiesScheme = 'azure-batch-images';

export function propertiesUri(resourceId: string): vscode.Uri {
  const name = resourceId.split('/').pop() ?? 'resource';
  return vscode.Uri.from({ scheme: propertiesScheme, path: `/${name}.json`, query: resourceId });
}

export class PropertiesDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly inventory: InventoryView) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const key = armIdKey(uri.query);
    const inv = this.inventory.current;
    const maps = [inv.imagesById, inv.snapshotsById, inv.disksById, inv.virtualMachinesById, inv.galleriesById, inv.definitionsById, inv.versionsById, inv.accountsById, inv.poolsById, inv.subscriptionsById];
    for (const map of maps) {
      const found = map.get(key);
      if (found) return `${JSON.stringify(found, null, 2)}\n`;
    }
    return `${JSON.stringify({ id: uri.query, note: vscode.l10n.t('Not in the loaded inventory: deleted, or not loaded yet.') }, null, 2)}\n`;
  }
}
