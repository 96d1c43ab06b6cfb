// Starts the silent sign-in, and with it the inventory load, the first time something needs the
// inventory: the explorer view becomes visible, or a pool JSON document is open in a trusted
// workspace. Not on activation: `onLanguage:json` activates the extension for every JSON file
// (settings.json included), and signing in loads the 3 MB Azure SDK bundle and goes to the
// network — work nobody asked for when no pool file or explorer is in sight.
import * as vscode from 'vscode';
import { isPoolTextDocument } from '../editor/poolDocuments';

/** The part of the tree view this needs (a TreeView of any node type). */
export interface VisibleView {
  readonly visible: boolean;
  readonly onDidChangeVisibility: vscode.Event<{ readonly visible: boolean }>;
}

/**
 * Watches for the first need and then connects once. Every trigger goes through a timer, so
 * that a trigger already present at activation (the view restored open, the pool file whose
 * opening activated the extension) still connects only after activate() has returned.
 */
export function connectOnDemand(view: VisibleView, connect: () => Promise<unknown>, isTrusted: () => boolean, log: Pick<vscode.LogOutputChannel, 'warn'>): vscode.Disposable {
  let started = false;
  let connectTimer: NodeJS.Timeout | undefined;
  let scanTimer: NodeJS.Timeout | undefined;
  const listeners: vscode.Disposable[] = [];
  const stopWatching = (): void => {
    for (const l of listeners.splice(0)) l.dispose();
  };
  const start = (): void => {
    if (started) return;
    started = true;
    stopWatching();
    connectTimer = setTimeout(() => {
      connectTimer = undefined;
      void connect().catch((error: unknown) => log.warn(vscode.l10n.t('Not signed in: {0}', error instanceof Error ? error.message : String(error))));
    }, 0);
  };
  // Restricted Mode gets local checks only: a pool file there is no reason to reach Azure.
  const needsInventory = (document: vscode.TextDocument): boolean => isTrusted() && isPoolTextDocument(document);

  listeners.push(
    view.onDidChangeVisibility((event) => {
      if (event.visible) start();
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (needsInventory(document)) start();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (vscode.workspace.textDocuments.some(needsInventory)) start();
    }),
  );
  if (view.visible) start();
  else {
    // Documents already open (restored editors, the file that activated us): judged after
    // activate() returned, since detection reads their text.
    scanTimer = setTimeout(() => {
      scanTimer = undefined;
      if (vscode.workspace.textDocuments.some(needsInventory)) start();
    }, 0);
  }
  return {
    dispose: () => {
      stopWatching();
      clearTimeout(connectTimer);
      clearTimeout(scanTimer);
    },
  };
}
