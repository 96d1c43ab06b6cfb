// Creates the explorer view and what it needs; returned so commands can reveal nodes in it.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { ExplorerNode } from './explorerNode';
import { ExplorerTreeProvider } from './explorerTreeProvider';
import { PropertiesDocumentProvider, propertiesScheme } from './propertiesDocument';

export const explorerViewId = 'azureBatchImages.explorer';

export interface Explorer {
  provider: ExplorerTreeProvider;
  view: vscode.TreeView<ExplorerNode>;
}

export function registerExplorer(services: ExtensionServices): Explorer {
  const provider = new ExplorerTreeProvider(services);
  const view = vscode.window.createTreeView(explorerViewId, { treeDataProvider: provider, showCollapseAll: true });
  services.context.subscriptions.push(
    provider,
    view,
    vscode.workspace.registerTextDocumentContentProvider(propertiesScheme, new PropertiesDocumentProvider(services.inventory)),
  );
  return { provider, view };
}
