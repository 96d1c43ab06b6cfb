// Creates the explorer view and what it needs; returned so commands can reveal nodes in it.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { ExplorerNode } from './explorerNode';
import { ExplorerTreeProvider } from './explorerTreeProvider';
import { PropertiesDocumentProvider, propertiesScheme } from './propertiesDocument';
import { ResourceRevealer } from './revealById';

export const explorerViewId = 'azureBatchImages.explorer';

export interface Explorer {
  provider: ExplorerTreeProvider;
  view: vscode.TreeView<ExplorerNode>;
  /** Reveals and selects a resource by id (see revealById.ts). */
  revealer: ResourceRevealer;
}

/**
 * Builds the explorer's provider behind the view the activation shell created (src/shell:
 * the view exists from activation on; its stand-in provider forwards to this one).
 */
export function registerExplorer(services: ExtensionServices, view: vscode.TreeView<ExplorerNode>, attach: (provider: ExplorerTreeProvider) => void): Explorer {
  const provider = new ExplorerTreeProvider(services);
  attach(provider);
  const revealer = new ResourceRevealer(provider, view, explorerViewId);
  services.context.subscriptions.push(
    provider,
    revealer,
    vscode.workspace.registerTextDocumentContentProvider(propertiesScheme, new PropertiesDocumentProvider(services.inventory)),
  );
  return { provider, view, revealer };
}
