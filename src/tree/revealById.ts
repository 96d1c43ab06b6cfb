// Reveals a resource by id, without waiting on a clock: the view is focused (so VS Code asks for
// its children), the provider delivers a refresh and reports when VS Code has asked for the tree
// again (read from the inventory as it is now, which holds the resource), then VS Code resolves
// the node through getParent. Category nodes keep their items while they reload, so a refresh
// landing meanwhile cannot take the node away. The workbench selects before it answers a reveal;
// a reveal it answered without selecting (a refresh overtook it, or the view was still being
// opened) is asked again, a bounded number of times. VS Code may never ask for the tree (the view
// was hidden or collapsed meanwhile): the wait ends then, on cancellation, or at a bound, and the
// reveal fails with RevealNotAnsweredError instead of hanging.
import * as vscode from 'vscode';
import { armIdKey } from '../model';
import type { ExplorerNode } from './explorerNode';
import type { ExplorerTreeProvider } from './explorerTreeProvider';

/** The view never asked for the refreshed tree: the caller offers to reveal again. */
export class RevealNotAnsweredError extends Error {
  constructor(resourceId: string) {
    super(vscode.l10n.t('The explorer did not show the update with {0} (the view is hidden, or it did not refresh in time).', resourceId));
    this.name = 'RevealNotAnsweredError';
  }
}

/** Reveals asked in all when the workbench answers without selecting. */
const ATTEMPTS = 3;

export class ResourceRevealer implements vscode.Disposable {
  private readonly visibility: vscode.Disposable;

  constructor(
    private readonly provider: ExplorerTreeProvider,
    private readonly view: vscode.TreeView<ExplorerNode>,
    private readonly viewId: string,
  ) {
    // A hidden view asks for nothing: nobody waits for it to ask.
    this.visibility = view.onDidChangeVisibility((e) => {
      if (!e.visible) provider.releaseRootWaiters(false);
    });
  }

  /**
   * Reveals and selects the resource; rejects when it is not in the explorer, with
   * RevealNotAnsweredError when VS Code did not ask for the refreshed tree, and with a
   * CancellationError when the token was cancelled.
   */
  async reveal(resourceId: string, token?: vscode.CancellationToken): Promise<void> {
    const key = armIdKey(resourceId);
    const selected = (): boolean => this.view.selection.some((n) => n.resourceId !== undefined && armIdKey(n.resourceId) === key);
    await vscode.commands.executeCommand(`${this.viewId}.focus`);
    for (let attempt = 0; ; attempt++) {
      // VS Code resolves the node against the children it holds: they must be read after the
      // inventory gained the resource.
      const asked = await this.provider.deliverRefresh(this.view.visible, token);
      if (token?.isCancellationRequested) throw new vscode.CancellationError();
      if (!asked) throw new RevealNotAnsweredError(resourceId);
      const node = this.provider.findNode(resourceId);
      if (!node) throw new Error(vscode.l10n.t('{0} is not in the explorer: it may have been deleted, or its subscription is not selected.', resourceId));
      const refreshes = this.provider.refreshCount;
      try {
        await this.view.reveal(node, { select: true, focus: true, expand: false });
      } catch (error) {
        // Only a refresh that overtook the reveal makes a failure worth asking again.
        if (this.provider.refreshCount === refreshes || attempt + 1 >= ATTEMPTS) throw error;
        continue;
      }
      // The workbench selects before it answers the reveal: no selection means it was lost.
      if (selected() || attempt + 1 >= ATTEMPTS) return;
    }
  }

  dispose(): void {
    this.visibility.dispose();
  }
}
