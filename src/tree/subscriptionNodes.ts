// The top two levels: subscriptions, and under each its four categories.
import * as vscode from 'vscode';
import { normalizeRegion, type InventoryCategory, type Subscription } from '../model';
import type { ExplorerNode, NodeContext } from './explorerNode';
import type { SourceProvenance } from '../extensionServices';
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

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subscription.displayName, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.subscription.subscriptionId;
    item.tooltip = sourcesTooltip(this.subscription, ctx.sources?.(this.subscription.subscriptionId));
    item.iconPath = new vscode.ThemeIcon('key');
    item.contextValue = `${ContextValue.subscription} ${ContextValue.azureResource} ${ContextValue.present}`;
    return item;
  }

  getChildren(): ExplorerNode[] {
    return (Object.keys(categories) as CategoryKind[]).map((kind) => new CategoryNode(this, kind));
  }
}

/** The categories whose source the tooltip names, in display order. */
const SOURCE_LINES: ReadonlyArray<[InventoryCategory, () => string]> = [
  ['images', () => vscode.l10n.t('Managed images')],
  ['snapshots', () => vscode.l10n.t('Snapshots')],
  ['disks', () => vscode.l10n.t('Disks')],
  ['virtualMachines', () => vscode.l10n.t('Virtual machines')],
  ['galleries', () => vscode.l10n.t('Compute galleries')],
  ['galleryImageDefinitions', () => vscode.l10n.t('Image definitions')],
  ['galleryImageVersions', () => vscode.l10n.t('Image versions')],
  ['batchAccounts', () => vscode.l10n.t('Batch accounts')],
  ['pools', () => vscode.l10n.t('Pools')],
];

/** Says where each category came from and how fresh it is known to be. */
export function sourcesTooltip(subscription: Subscription, sources: ReadonlyMap<InventoryCategory, SourceProvenance> | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(subscription.displayName)}**  \n${escapeMarkdown(subscription.subscriptionId)}`);
  if (!sources || sources.size === 0) return md;
  const time = (iso: string): string => new Date(iso).toLocaleTimeString();
  const lines: string[] = [];
  for (const [category, label] of SOURCE_LINES) {
    const p = sources.get(category);
    if (!p) continue;
    const where =
      p.servedBy === 'resourceGraph'
        ? vscode.l10n.t('Azure Resource Graph, index as of {0} (changes made outside this extension can take minutes to appear)', time(p.at))
        : p.fallbackReason
          ? vscode.l10n.t('Resource Manager, read {0} (Resource Graph not used: {1})', time(p.at), p.fallbackReason)
          : vscode.l10n.t('Resource Manager, read {0}', time(p.at));
    lines.push(`- ${label()}: ${escapeMarkdown(where)}`);
  }
  md.appendMarkdown(`\n\n${vscode.l10n.t('Where the inventory came from:')}\n\n${lines.join('\n')}`);
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
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
    // A category loading again keeps its count (and its items, see getChildren).
    item.description = state.kind === 'loaded' || (state.kind === 'loading' && state.reloading) ? String(this.items(ctx, this).length) : state.kind === 'loading' ? vscode.l10n.t('loading…') : vscode.l10n.t('failed');
    return item;
  }

  getChildren(ctx: NodeContext): ExplorerNode[] {
    const info = categories[this.kind];
    const [primary, ...details] = info.loads;
    const state = ctx.categoryState(this.subscriptionId, primary);
    // Loading again keeps the items at hand: a reveal resolving a node through this category (or a
    // selection in it) must not meet a "loading" placeholder in their place.
    if (state.kind === 'loading' && !state.reloading) return [loadingNode(this, info.noun)];
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
