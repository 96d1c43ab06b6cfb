// Nodes that stand for no resource: loading placeholders, empty categories, load errors, regions.
import * as vscode from 'vscode';
import type { ExplorerNode, NodeContext } from './explorerNode';
import { ContextValue } from './contextValues';

export class MessageNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode,
    readonly id: string,
    private readonly label: string,
    private readonly icon: vscode.ThemeIcon,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = this.icon;
    return item;
  }

  getChildren(): ExplorerNode[] {
    return [];
  }
}

export function loadingNode(parent: ExplorerNode, what: string): MessageNode {
  return new MessageNode(parent, `${parent.id}/loading`, vscode.l10n.t('Loading {0}…', what), new vscode.ThemeIcon('loading~spin'));
}

export function emptyNode(parent: ExplorerNode, text: string): MessageNode {
  return new MessageNode(parent, `${parent.id}/empty`, text, new vscode.ThemeIcon('info'));
}

/** A failed load: Azure's code and message, and Retry (inline and on selection). */
export class LoadErrorNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly parent: ExplorerNode,
    readonly subscriptionId: string,
    private readonly what: string,
    private readonly code: string | undefined,
    private readonly message: string,
  ) {
    this.id = `${parent.id}/error:${what}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Could not load {0}', this.what), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.code ? `${this.code}: ${this.message}` : this.message;
    item.tooltip = new vscode.MarkdownString(vscode.l10n.t('**Could not load {0}**\n\n{1}{2}\n\nSelect to retry.', this.what, this.code ? `\`${this.code}\`: ` : '', this.message));
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.contextValue = ContextValue.loadError;
    item.command = { command: 'azureBatchImages.retryLoad', title: vscode.l10n.t('Retry'), arguments: [this] };
    return item;
  }

  getChildren(): ExplorerNode[] {
    return [];
  }
}

/** Groups a category's items by region when the user asks for it. */
export class RegionNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly parent: ExplorerNode,
    readonly region: string,
    private readonly children: (parent: ExplorerNode) => ExplorerNode[],
    private readonly count: number,
  ) {
    this.id = `${parent.id}/region:${region}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.region || vscode.l10n.t('unknown region'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = String(this.count);
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = ContextValue.region;
    return item;
  }

  getChildren(_ctx: NodeContext): ExplorerNode[] {
    return this.children(this);
  }
}
