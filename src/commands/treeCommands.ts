// Commands on explorer nodes: Refresh, Retry, Copy Resource ID, Open in Portal, View Properties,
// Reveal. Each works from the tree (node passed) and, where it makes sense, from the palette.
import * as vscode from 'vscode';
import { portalResourceUrl, type AzureCloud } from '../azure/cloud';
import { armIdKey, parseImageId } from '../model';
import type { ExtensionServices } from '../extensionServices';
import type { Explorer } from '../tree';
import type { ExplorerNode } from '../tree/explorerNode';
import { ManagedImageNode, PoolNode, PoolReferenceNode } from '../tree/resourceNodes';
import { LoadErrorNode } from '../tree/stateNodes';
import { registerCommand } from './registerCommand';
import { propertiesUri } from '../tree/propertiesDocument';

function resourceIdOf(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  const id = (arg as ExplorerNode | undefined)?.resourceId;
  if (!id) throw new Error(vscode.l10n.t('Select an Azure resource in the Azure Batch Images explorer first.'));
  return id;
}

/** Reveals a resource by id: its node from the current inventory, resolved by VS Code through getParent. */
export function revealResource(explorer: Explorer, resourceId: string, token?: vscode.CancellationToken): Promise<void> {
  return explorer.revealer.reveal(resourceId, token);
}

/**
 * The portal page of a resource in the signed-in cloud's portal (public, US Government, China or
 * the configured one), tenant-qualified so the right directory opens.
 */
export function portalUrl(cloud: AzureCloud, resourceId: string, tenantId: string | undefined): vscode.Uri {
  const url = portalResourceUrl(cloud, resourceId, tenantId);
  if (!url) {
    throw new Error(
      vscode.l10n.t(
        'No Azure portal is known for the Resource Manager endpoint {0}: set {1} to the portal of this cloud.',
        cloud.armEndpoint,
        'azureBatchImages.servicePrincipal.portalUrl',
      ),
    );
  }
  return vscode.Uri.parse(url, true);
}

export function registerTreeCommands(services: ExtensionServices, explorer: Explorer): void {
  const { inventory } = services;
  registerCommand(services, 'azureBatchImages.refresh', () => inventory.refresh());
  registerCommand(
    services,
    'azureBatchImages.retryLoad',
    async (node: unknown) => {
      const subscriptionId = node instanceof LoadErrorNode && node.subscriptionId ? node.subscriptionId : undefined;
      await inventory.refresh(subscriptionId ? { subscriptionId } : undefined);
    },
  );
  registerCommand(
    services,
    'azureBatchImages.copyResourceId',
    async (node: unknown) => {
      const id = resourceIdOf(node);
      await vscode.env.clipboard.writeText(id);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
    },
  );
  registerCommand(
    services,
    'azureBatchImages.openInPortal',
    async (node: unknown) => {
      const id = resourceIdOf(node);
      const subscription = inventory.current.subscription(id.split('/')[2] ?? '');
      const { cloud } = await services.azure();
      const uri = portalUrl(cloud, id, subscription?.tenantId);
      await vscode.env.openExternal(uri);
      // Returned for callers (and tests) that need the address that was opened.
      return uri.toString(true);
    },
  );
  registerCommand(
    services,
    'azureBatchImages.viewProperties',
    async (node: unknown) => {
      const document = await vscode.workspace.openTextDocument(propertiesUri(resourceIdOf(node)));
      await vscode.languages.setTextDocumentLanguage(document, 'json');
      await vscode.window.showTextDocument(document, { preview: true });
    },
  );
  registerCommand(services, 'azureBatchImages.revealResource', (id: unknown) => revealResource(explorer, resourceIdOf(id)));
  registerCommand(
    services,
    'azureBatchImages.revealImage',
    async (node: unknown) => {
      const pool = node instanceof PoolNode || node instanceof PoolReferenceNode ? node.pool : undefined;
      if (!pool?.imageId) throw new Error(vscode.l10n.t('Select a pool that uses a custom image.'));
      await revealResource(explorer, pool.imageId);
    },
  );
  registerCommand(
    services,
    'azureBatchImages.revealPools',
    async (node: unknown) => {
      const id = resourceIdOf(node);
      const kind = parseImageId(id)?.kind;
      const pools = kind === 'galleryImageVersion' ? inventory.current.poolsUsingVersion(id) : kind === 'galleryImageDefinition' ? inventory.current.poolsUsingDefinition(id) : inventory.current.poolsByImageId(id);
      if (pools.length === 0) {
        await vscode.window.showInformationMessage(vscode.l10n.t('No pool uses {0}.', String(id.split('/').pop())));
        return;
      }
      // Expanding the image shows its pools; reveal the first under its account, which selects it.
      if (node instanceof ManagedImageNode) await explorer.view.reveal(node, { expand: true });
      const unique = new Map(pools.map((p) => [armIdKey(p.id), p]));
      await revealResource(explorer, [...unique.values()][0].id);
    },
  );
}
