// The explorer's TreeDataProvider: subscriptions → categories → resources, built from the current
// inventory on demand. Nodes are cheap, recreated on every call; VS Code keeps expansion and
// selection by their stable ids. Inventory changes refresh the tree, coalesced so that a load
// reporting many categories in a burst repaints once.
import * as vscode from 'vscode';
import { armIdKey, armResourceType, type InventoryCategory } from '../model';
import type { ExtensionServices } from '../extensionServices';
import type { ExplorerNode, NodeContext } from './explorerNode';
import { MigrationReportNode, retiredPoolCount } from './migrationReportNode';
import { emptyNode, LoadErrorNode, loadingNode, RegionNode } from './stateNodes';
import { CategoryNode, SubscriptionNode, type CategoryKind } from './subscriptionNodes';

const refreshDelayMs = 100;
/**
 * How long a reveal waits at most for VS Code to ask for the roots after a refresh. VS Code asks
 * at once in a visible view; the bound is for a view it never asks for (hidden or collapsed as the
 * refresh arrived): the reveal then gives up and says so instead of hanging. One timer per wait,
 * cleared when the wait ends.
 */
export const rootsWaitLimitMs = 10_000;

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
    return new vscode.TreeItem('root'); // l10n-ignore: the tree's invisible root
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
  private refreshes = 0;
  /** Waiting for VS Code to ask for the roots after a delivered refresh (see deliverRefresh): true when it asked. */
  private rootWaiters: Array<(asked: boolean) => void> = [];
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
      sources: (subscriptionId: string) => inventory.sources?.(subscriptionId) ?? new Map(),
    };
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem(this.context());
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    const ctx = this.context();
    if (node) return node.getChildren(ctx);
    this.releaseRootWaiters(true);
    return this.rootNodes(ctx);
  }

  /** The roots as the inventory has them now (findNode reads them without VS Code asking). */
  private rootNodes(ctx: NodeContext): ExplorerNode[] {
    if (!this.services.inventory.signedIn) return []; // the welcome view takes over
    const state = ctx.categoryState('', 'subscriptions');
    if (state.kind === 'failed') return [new LoadErrorNode(this.root, '', vscode.l10n.t('subscriptions'), state.code, state.message)];
    const subscriptions = [...ctx.inventory.snapshot.subscriptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
    if (subscriptions.length === 0) {
      return [state.kind === 'loading' ? loadingNode(this.root, vscode.l10n.t('subscriptions')) : emptyNode(this.root, vscode.l10n.t('No subscriptions: check the subscription filter or the account\'s access'))];
    }
    const nodes: ExplorerNode[] = subscriptions.map((s) => new SubscriptionNode(s));
    // Pools that can no longer be created or resized come first, as one entry to the migration report.
    if (retiredPoolCount(ctx.inventory).pools > 0) nodes.unshift(new MigrationReportNode(this.root));
    return nodes;
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
    return descend(this.rootNodes(ctx));
  }

  refresh(): void {
    this.refreshes++;
    this.changed.fire(undefined);
  }

  /** How many refreshes this provider has told VS Code about (a reveal asks again only after one). */
  get refreshCount(): number {
    return this.refreshes;
  }

  /**
   * Tells VS Code the tree changed now (a refresh waiting for its timer goes at once) and, when the
   * view is visible, resolves once VS Code has asked for the roots again: the children it holds
   * from then on are read from the inventory as it is now. VS Code's reveal waits for the
   * refreshes it has been told about, then resolves the node through getParent against them.
   */
  deliverRefresh(visible: boolean, token?: vscode.CancellationToken): Promise<boolean> {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    const served = visible ? this.waitForRoots(token) : Promise.resolve(true);
    this.refresh();
    return served;
  }

  /**
   * Resolves true when VS Code asks for the roots; false when the view is hidden meanwhile
   * (releaseRootWaiters), the token is cancelled, or VS Code has not asked within rootsWaitLimitMs.
   */
  private waitForRoots(token: vscode.CancellationToken | undefined): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const ends: vscode.Disposable[] = [];
      const done = (asked: boolean): void => {
        this.rootWaiters = this.rootWaiters.filter((w) => w !== done);
        for (const end of ends.splice(0)) end.dispose();
        resolve(asked);
      };
      this.rootWaiters.push(done);
      const limit = setTimeout(() => done(false), rootsWaitLimitMs);
      ends.push({ dispose: () => clearTimeout(limit) });
      if (token) ends.push(token.onCancellationRequested(() => done(false)));
      if (token?.isCancellationRequested) done(false);
    });
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh();
    }, refreshDelayMs);
  }

  /** VS Code asked for the roots (`asked`: the refreshes delivered before have reached it), or it will not (the view was hidden). */
  releaseRootWaiters(asked: boolean): void {
    const waiters = this.rootWaiters;
    this.rootWaiters = [];
    for (const resolve of waiters) resolve(asked);
  }

  dispose(): void {
    this.releaseRootWaiters(false);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
