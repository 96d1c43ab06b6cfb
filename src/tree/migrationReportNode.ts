// The node at the top of the explorer: "N pools on retired images", opening the migration report.
// Counted from the inventory the tree already holds (no request of its own).
import * as vscode from 'vscode';
import type { Inventory } from '../model';
import { buildMigrationReport } from '../rules';
import { ContextValue } from './contextValues';
import type { ExplorerNode, NodeContext } from './explorerNode';

export const SHOW_MIGRATION_REPORT_COMMAND = 'azureBatchImages.showMigrationReport';

// The tree asks for its root often; the count changes only with the inventory.
const counts = new WeakMap<Inventory, { pools: number; images: number }>();

export function retiredPoolCount(inventory: Inventory): { pools: number; images: number } {
  let count = counts.get(inventory);
  if (!count) {
    const totals = buildMigrationReport(inventory).totals;
    count = { pools: totals.pools, images: totals.images };
    counts.set(inventory, count);
  }
  return count;
}

export class MigrationReportNode implements ExplorerNode {
  readonly id = 'migrationReport';
  constructor(readonly parent: ExplorerNode) {}

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const { pools, images } = retiredPoolCount(ctx.inventory);
    const label = pools === 1 ? vscode.l10n.t('1 pool on retired images') : vscode.l10n.t('{0} pools on retired images', pools);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = images === 1 ? vscode.l10n.t('1 image') : vscode.l10n.t('{0} images', images);
    item.tooltip = vscode.l10n.t('Pools whose image is a managed image or a VHD blob, which Batch no longer accepts since 31 March 2026. Select to open the migration report.');
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = ContextValue.migrationReport;
    item.command = { command: SHOW_MIGRATION_REPORT_COMMAND, title: vscode.l10n.t('Show Migration Report'), arguments: [] };
    return item;
  }

  getChildren(): ExplorerNode[] {
    return [];
  }
}
