// The explorer's TreeDataProvider: subscriptions → categories → resources, built from the current
// inventory on demand. Nodes are cheap, recreated on every call; VS Code keeps expansion and
// selection by their stable ids. Inventory changes refresh the tree, coalesced so that a load
// reporting many categories in a burst repaints once.
import * as vscode from 'vscode';
import { armIdKey, armResourceType, type InventoryCategory } from '../model';
import type { ExtensionServices } from '../extensionServices';
import type { ExplorerNode, NodeContext } from './explorerNode';
import { emptyNode, LoadErrorNode, loadingNode, RegionNode } from './stateNodes';
import { CategoryNode, SubscriptionNode, type CategoryKind } from './subscriptionNodes';

const refreshDelayMs = 100;

/** The explorer category that lists resources of an ARM type (and of its child types). */
function categoryOfResource(resourceId: string): CategoryKind | undefined {
  const type = armResourceType(resourceId)?.toLowerCase() ?? '';
  if (type.startsWith('microsoft.compute/images')) return 'images';
  if (type.startsWith('microsoft.compute/snapshots')) return 'snapshots';
  if (type.startsWith('microsoft.compute/galleries')) return 'galleries';
  if (type.startsWith('microsoft.batch/batchaccounts')) return 'batchAccounts';
  return undefined;
}

class RootNode implements ExplorerNode {
  readonly id = 'root';
  readonly parent = undefined;
  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem('root');
  }
  getChildren(): ExplorerNode[] {
    return [];
  }
}

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly root = new RootNode();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly services: ExtensionServices) {
    this.disposables.push(
      services.inventory.onDidChange(() => this.scheduleRefresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('azureBatchImages.explorer.groupByRegion')) this.refresh();
      }),
    );
  }

  private context(): NodeContext {
    const inventory = this.services.inventory;
    return {
      inventory: inventory.current,
      categoryState: (subscriptionId: string, category: InventoryCategory) => inventory.categoryState(subscriptionId, category),
      groupByRegion: vscode.workspace.getConfiguration('azureBatchImages').get<boolean>('explorer.groupByRegion', false),
      now: new Date(),
    };
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem(this.context());
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    const ctx = this.context();
    if (node) return node.getChildren(ctx);
    if (!this.services.inventory.signedIn) return []; // the welcome view takes over
    const state = ctx.categoryState('', 'subscriptions');
    if (state.kind === 'failed') return [new LoadErrorNode(this.root, '', 'subscriptions', state.code, state.message)];
    const subscriptions = [...ctx.inventory.snapshot.subscriptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
    if (subscriptions.length === 0) {
      return [state.kind === 'loading' ? loadingNode(this.root, 'subscriptions') : emptyNode(this.root, vscode.l10n.t('No subscriptions: check the subscription filter or the account\'s access'))];
    }
    return subscriptions.map((s) => new SubscriptionNode(s));
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent === this.root ? undefined : node.parent;
  }

  /**
   * Finds the node of a resource by walking only the branches that can hold it: its
   * subscription, its category, region groups, then ancestors whose id prefixes its id.
   */
  findNode(resourceId: string): ExplorerNode | undefined {
    const target = armIdKey(resourceId);
    const category = categoryOfResource(resourceId);
    const ctx = this.context();
    const descend = (children: ExplorerNode[]): ExplorerNode | undefined => {
      for (const child of children) {
        const key = child.resourceId ? armIdKey(child.resourceId) : undefined;
        if (key === target && !(child instanceof SubscriptionNode && category)) return child;
        const leadsThere =
          (key !== undefined && target.startsWith(`${key}/`)) ||
          (child instanceof CategoryNode && child.kind === category) ||
          child instanceof RegionNode;
        if (leadsThere) {
          const found = descend(child.getChildren(ctx));
          if (found) return found;
        }
      }
      return undefined;
    };
    return descend(this.getChildren());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh();
    }, refreshDelayMs);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
