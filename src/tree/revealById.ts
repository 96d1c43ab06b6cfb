// Reveals a resource by id: its node built from the current inventory, resolved by VS Code through
// getParent. A refresh of the tree that lands right after (the tail of a load) can rebuild the
// branch and drop the selection, so for a short while each delivered refresh reveals the resource
// again unless the user has selected something else (driven by the tree's refresh events); a reveal
// the workbench lost is asked again a bounded number of times.
import * as vscode from 'vscode';
import { armIdKey } from '../model';
import type { ExplorerNode } from './explorerNode';
import type { ExplorerTreeProvider } from './explorerTreeProvider';

/** How long after a reveal a refresh may still take the selection away. */
const KEEP_MS = 5_000;
const CONFIRM_ATTEMPTS = 3;
const CONFIRM_WAIT_MS = 300;

export class ResourceRevealer implements vscode.Disposable {
  private target: { key: string; id: string; until: number } | undefined;
  /** A reveal is in flight: the refresh it delivers itself needs no second one. */
  private revealing = false;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly provider: ExplorerTreeProvider,
    private readonly view: vscode.TreeView<ExplorerNode>,
  ) {
    this.disposables = [
      provider.onDidChangeTreeData(() => void this.again()),
      view.onDidChangeSelection((e) => {
        // The user (or another reveal) chose something else: stop holding on to ours.
        if (this.target && e.selection.length > 0 && !e.selection.some((n) => this.isTarget(n))) this.target = undefined;
      }),
    ];
  }

  /** Reveals and selects the resource; rejects when it is not in the explorer. */
  async reveal(resourceId: string): Promise<void> {
    this.target = { key: armIdKey(resourceId), id: resourceId, until: Date.now() + KEEP_MS };
    // The workbench applies a reveal asynchronously and, on a busy machine, can lose it (or not
    // resolve the node yet) while it repaints the view: confirm the selection arrived, and ask
    // again a bounded number of times; the last failure is the answer.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.revealNow(resourceId);
      } catch (error) {
        if (attempt >= CONFIRM_ATTEMPTS) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, CONFIRM_WAIT_MS));
      if (this.view.selection.some((n) => this.isTarget(n)) || attempt >= CONFIRM_ATTEMPTS || !this.target) return;
    }
  }

  dispose(): void {
    this.target = undefined;
    for (const d of this.disposables) d.dispose();
  }

  private isTarget(node: ExplorerNode): boolean {
    return this.target !== undefined && node.resourceId !== undefined && armIdKey(node.resourceId) === this.target.key;
  }

  private async revealNow(resourceId: string): Promise<void> {
    // A change the tree has not passed on yet would leave VS Code with children from before it.
    this.revealing = true;
    try {
      this.provider.flushPendingRefresh();
      const node = this.provider.findNode(resourceId);
      if (!node) throw new Error(vscode.l10n.t('{0} is not in the explorer: it may have been deleted, or its subscription is not selected.', resourceId));
      await this.view.reveal(node, { select: true, focus: true, expand: false });
    } finally {
      this.revealing = false;
    }
  }

  private async again(): Promise<void> {
    const target = this.target;
    if (!target || this.revealing) return;
    if (Date.now() > target.until) {
      this.target = undefined;
      return;
    }
    if (this.view.selection.some((n) => this.isTarget(n))) return;
    try {
      await this.revealNow(target.id);
    } catch {
      // Gone meanwhile: nothing to hold on to.
      this.target = undefined;
    }
  }
}
