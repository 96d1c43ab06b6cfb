// A reveal never hangs on a view VS Code does not ask for (issue 14, item 5): when the view is
// hidden while the reveal waits for VS Code to ask for the refreshed tree, or the reveal is
// cancelled, the wait ends and the reveal fails with RevealNotAnsweredError (the caller then
// shows "Could not reveal" with a Reveal button) or a CancellationError.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/tree/explorerNode';
import { ResourceRevealer, RevealNotAnsweredError } from '../../src/tree/revealById';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const account = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;

/** Shows the file explorer instead of the extension's view; resolves once VS Code reported the view hidden. */
async function hideExplorerView(api: ExtensionApi): Promise<void> {
  const view = api.explorer.view;
  if (!view.visible) return;
  const hidden = new Promise<void>((resolve) => {
    const sub = view.onDidChangeVisibility((e) => {
      if (e.visible) return;
      sub.dispose();
      resolve();
    });
  });
  await vscode.commands.executeCommand('workbench.view.explorer');
  await hidden;
}

/** Opens the extension's view; resolves once VS Code reported it visible. */
async function showExplorerView(api: ExtensionApi): Promise<void> {
  const view = api.explorer.view;
  if (view.visible) return;
  const shown = new Promise<void>((resolve) => {
    const sub = view.onDidChangeVisibility((e) => {
      if (!e.visible) return;
      sub.dispose();
      resolve();
    });
  });
  await vscode.commands.executeCommand('azureBatchImages.explorer.focus');
  await shown;
}

/** Resolves when the provider next tells VS Code the tree changed (a reveal is then waiting for the roots). */
function nextRefresh(api: ExtensionApi): Promise<void> {
  return new Promise<void>((resolve) => {
    const sub = api.explorer.provider.onDidChangeTreeData(() => {
      sub.dispose();
      resolve();
    });
  });
}

describe('explorer: reveal in a view VS Code does not ask for (issue 14)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  after(async () => {
    await showExplorerView(api);
  });

  it('the view hidden while the reveal waits: the reveal ends with RevealNotAnsweredError', async () => {
    await hideExplorerView(api);
    // A view that says it is visible when the reveal starts, then reports itself hidden; the real
    // view stays hidden, so VS Code never asks for the roots. Its focus command is the file
    // explorer's, which keeps the extension's view hidden.
    const visibility = new vscode.EventEmitter<vscode.TreeViewVisibilityChangeEvent>();
    const reveals: ExplorerNode[] = [];
    const view = {
      visible: true,
      selection: [] as readonly ExplorerNode[],
      onDidChangeVisibility: visibility.event,
      reveal: (node: ExplorerNode) => {
        reveals.push(node);
        return Promise.resolve();
      },
    } as unknown as vscode.TreeView<ExplorerNode>; // only what the revealer reads
    const revealer = new ResourceRevealer(api.explorer.provider, view, 'workbench.explorer.fileView');
    try {
      const refreshed = nextRefresh(api);
      const outcome = revealer.reveal(account).then(
        () => undefined,
        (error: unknown) => error,
      );
      await refreshed;
      visibility.fire({ visible: false });
      const error = await outcome;
      assert.ok(error instanceof RevealNotAnsweredError, `the reveal ended with ${String(error)}`);
      assert.deepEqual(reveals, [], 'nothing revealed in a view that never asked for the tree');
    } finally {
      revealer.dispose();
      visibility.dispose();
    }
  });

  it('a cancelled reveal stops waiting for a hidden view', async () => {
    await hideExplorerView(api);
    const source = new vscode.CancellationTokenSource();
    try {
      const refreshed = nextRefresh(api);
      const asked = api.explorer.provider.deliverRefresh(true, source.token);
      await refreshed;
      source.cancel();
      assert.equal(await asked, false, 'the wait ended without VS Code asking');
    } finally {
      source.dispose();
    }
  });

  it('a visible view asks for the roots and the wait ends with true', async () => {
    await showExplorerView(api);
    assert.equal(await api.explorer.provider.deliverRefresh(true), true);
  });
});
