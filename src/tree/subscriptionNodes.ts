// The top two levels: subscriptions, and under each its four categories.
import * as vscode from 'vscode';
import { normalizeRegion, type InventoryCategory, type Subscription } from '../model';
import type { ExplorerNode, NodeContext } from './explorerNode';
import { ContextValue } from './contextValues';
import { emptyNode, LoadErrorNode, loadingNode, RegionNode } from './stateNodes';
import { BatchAccountNode, GalleryNode, ManagedImageNode, SnapshotNode } from './resourceNodes';

export type CategoryKind = 'images' | 'snapshots' | 'galleries' | 'batchAccounts';

interface CategoryInfo {
  label: string;
  /** Lower-case plural for messages ("Loading managed images…"). */
  noun: string;
  icon: string;
  /** The category whose arrival fills this node, then those that only add detail. */
  loads: [InventoryCategory, ...InventoryCategory[]];
}

export const categories: Record<CategoryKind, CategoryInfo> = {
  images: { get label() { return vscode.l10n.t('Managed Images'); }, get noun() { return vscode.l10n.t('managed images'); }, icon: 'file-media', loads: ['images', 'snapshots', 'disks', 'virtualMachines'] },
  snapshots: { get label() { return vscode.l10n.t('Snapshots'); }, get noun() { return vscode.l10n.t('snapshots'); }, icon: 'database', loads: ['snapshots'] },
  galleries: { get label() { return vscode.l10n.t('Compute Galleries'); }, get noun() { return vscode.l10n.t('compute galleries'); }, icon: 'library', loads: ['galleries', 'galleryImageDefinitions', 'galleryImageVersions'] },
  batchAccounts: { get label() { return vscode.l10n.t('Batch Accounts'); }, get noun() { return vscode.l10n.t('Batch accounts'); }, icon: 'organization', loads: ['batchAccounts', 'pools'] },
};

export class SubscriptionNode implements ExplorerNode {
  readonly id: string;
  readonly parent = undefined;
  readonly resourceId: string;
  constructor(readonly subscription: Subscription) {
    this.id = `subscription:${subscription.subscriptionId.toLowerCase()}`;
    this.resourceId = subscription.id;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subscription.displayName, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.subscription.subscriptionId;
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = `${ContextValue.subscription} ${ContextValue.azureResource} ${ContextValue.present}`;
    return item;
  }

  getChildren(): ExplorerNode[] {
    return (Object.keys(categories) as CategoryKind[]).map((kind) => new CategoryNode(this, kind));
  }
}

export class CategoryNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly parent: SubscriptionNode,
    readonly kind: CategoryKind,
  ) {
    this.id = `${parent.id}/${kind}`;
  }

  get subscriptionId(): string {
    return this.parent.subscription.subscriptionId;
  }

  private items(ctx: NodeContext, parent: ExplorerNode, region?: string): ExplorerNode[] {
    const sub = this.subscriptionId.toLowerCase();
    const inRegion = (location: string): boolean => region === undefined || normalizeRegion(location) === region;
    const mine = (item: { id: string; location: string }): boolean => item.id.toLowerCase().startsWith(`/subscriptions/${sub}/`) && inRegion(item.location);
    const byName = <T extends { id: string }>(a: T, b: T): number => a.id.split('/').pop()!.localeCompare(b.id.split('/').pop()!);
    const snapshot = ctx.inventory.snapshot;
    switch (this.kind) {
      case 'images':
        return snapshot.images.filter(mine).sort(byName).map((i) => new ManagedImageNode(parent, i));
      case 'snapshots':
        return snapshot.snapshots.filter(mine).sort(byName).map((s) => new SnapshotNode(parent, s));
      case 'galleries':
        return snapshot.galleries.filter(mine).sort(byName).map((g) => new GalleryNode(parent, g));
      case 'batchAccounts':
        return snapshot.batchAccounts.filter(mine).sort(byName).map((a) => new BatchAccountNode(parent, a));
    }
  }

  private regions(ctx: NodeContext): Map<string, number> {
    const counts = new Map<string, number>();
    for (const node of this.items(ctx, this)) {
      const location =
        node instanceof ManagedImageNode ? node.image.location
        : node instanceof SnapshotNode ? node.snapshot.location
        : node instanceof GalleryNode ? node.gallery.location
        : node instanceof BatchAccountNode ? node.account.location
        : '';
      const region = normalizeRegion(location);
      counts.set(region, (counts.get(region) ?? 0) + 1);
    }
    return counts;
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const info = categories[this.kind];
    const item = new vscode.TreeItem(info.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(info.icon);
    item.contextValue = ContextValue.category;
    const state = ctx.categoryState(this.subscriptionId, info.loads[0]);
    item.description = state.kind === 'loaded' ? String(this.items(ctx, this).length) : state.kind === 'loading' ? 'loading…' : 'failed';
    return item;
  }

  getChildren(ctx: NodeContext): ExplorerNode[] {
    const info = categories[this.kind];
    const [primary, ...details] = info.loads;
    const state = ctx.categoryState(this.subscriptionId, primary);
    if (state.kind === 'loading') return [loadingNode(this, info.noun)];
    if (state.kind === 'failed') return [new LoadErrorNode(this, this.subscriptionId, info.noun, state.code, state.message)];
    let children: ExplorerNode[];
    if (ctx.groupByRegion) {
      children = [...this.regions(ctx)].sort(([a], [b]) => a.localeCompare(b)).map(
        ([region, count]) => new RegionNode(this, region, (parent) => this.items(ctx, parent, region), count),
      );
    } else {
      children = this.items(ctx, this);
    }
    if (children.length === 0) children.push(emptyNode(this, vscode.l10n.t('No {0} in this subscription', info.noun)));
    // Details that failed (e.g. pools of the accounts) get their own error node after the items.
    for (const category of details) {
      const detail = ctx.categoryState(this.subscriptionId, category);
      if (detail.kind === 'failed') children.push(new LoadErrorNode(this, this.subscriptionId, category, detail.code, detail.message));
    }
    return children;
  }
}
