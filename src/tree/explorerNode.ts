import type * as vscode from 'vscode';
import type { Inventory, InventoryCategory } from '../model';
import type { CategoryState, SourceProvenance } from '../extensionServices';

/** What every node reads: the inventory as it is now, and how each category's load went. */
export interface NodeContext {
  readonly inventory: Inventory;
  categoryState(subscriptionId: string, category: InventoryCategory): CategoryState;
  readonly groupByRegion: boolean;
  readonly now: Date;
  /** Which source served each category of a subscription in the latest load (empty when unknown). */
  sources?(subscriptionId: string): ReadonlyMap<InventoryCategory, SourceProvenance>;
}

/**
 * A node of the explorer. `id` is stable across refreshes (VS Code keeps expansion and selection
 * by it); `resourceId` is the ARM id of the Azure resource it stands for, when it stands for one.
 */
export interface ExplorerNode {
  readonly id: string;
  readonly parent: ExplorerNode | undefined;
  readonly resourceId?: string;
  getTreeItem(ctx: NodeContext): vscode.TreeItem;
  getChildren(ctx: NodeContext): ExplorerNode[];
}
