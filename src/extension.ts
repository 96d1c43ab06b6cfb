// Wiring only: build the services, register the views and commands. Behaviour lives elsewhere.
import * as vscode from 'vscode';
import { registerCommand } from './commands/registerCommand';
import { signIn } from './commands/signIn';
import { ExplorerTreeProvider } from './tree/explorerTreeProvider';

export const explorerViewId = 'azureBatchImages.explorer';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Azure Batch Images', { log: true });
  context.subscriptions.push(log);

  const explorer = new ExplorerTreeProvider();
  context.subscriptions.push(
    explorer,
    vscode.window.createTreeView(explorerViewId, { treeDataProvider: explorer, showCollapseAll: true }),
  );

  registerCommand(context, 'azureBatchImages.signIn', signIn, log);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
