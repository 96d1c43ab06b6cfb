// The activation shell (dist/extension.js): what VS Code runs on activation, kept to what must
// exist at once — the explorer view, the manifest's commands and a watch for pool documents. The
// features (src/features.ts, dist/features.js: tree, editor features, rules, commands) load on
// the first use: a command, the view becoming visible, a pool document opening.
import * as vscode from 'vscode';
import type { Features } from './features';
import type { InventoryView } from './extensionServices';
import { isPoolDocument } from './pooljson/detect';
import { CommandTable } from './shell/commandTable';
import { LazyTreeProvider } from './shell/lazyTree';
import { installTestHooks } from './testHooks';
import type { Explorer } from './tree';
import type { ExplorerNode } from './tree/explorerNode';
import { isOtherEditor, isWalkthroughTabLabel, openWalkthroughOnFirstRun, waits, WALKTHROUGH_FIRST_STEP } from './services/firstRunWalkthrough';

/** What activate() returns: for the integration tests and for extensions that build on this one. */
export interface ExtensionApi {
  readonly inventory: InventoryView;
  readonly explorer: Explorer;
}

const explorerViewId = 'azureBatchImages.explorer';
const poolLanguages: readonly string[] = ['json', 'jsonc'];

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  let features: Features | undefined;
  let loading = false;
  const load = (): Features => {
    if (features) return features;
    if (loading) throw new Error(vscode.l10n.t('The Azure Batch Images features are still loading.'));
    loading = true;
    try {
      // A second bundle, required on first use (esbuild keeps ./features external).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose: commands and the tree need it now
      const bundle = require('./features') as typeof import('./features');
      features = bundle.startFeatures(context, { commands, view, attachTree: (provider) => tree.attach(provider) });
      for (const w of watchers.splice(0)) w.dispose();
      return features;
    } finally {
      loading = false;
    }
  };

  const commands = new CommandTable(context, () => void load());
  const tree = new LazyTreeProvider<ExplorerNode>(() => load().explorer.provider);
  const view = vscode.window.createTreeView(explorerViewId, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view);

  // A pool document (open now or later) needs diagnostics: load the features for it. Judged after
  // activate() returned, since detection reads the text.
  const isPool = (d: vscode.TextDocument): boolean => poolLanguages.includes(d.languageId) && isPoolDocument(d.isUntitled ? '' : d.uri.path, d.getText());
  const watchers: vscode.Disposable[] = [
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (isPool(d)) load();
    }),
  ];
  const scan = setTimeout(() => {
    if (!features && vscode.workspace.textDocuments.some(isPool)) load();
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(scan) }, { dispose: () => watchers.splice(0).forEach((w) => w.dispose()) });

  // The walkthrough opens once for a new user, whether or not the features have loaded yet.
  const walkthroughWaits = waits();
  context.subscriptions.push(walkthroughWaits);
  const displayName = (context.extension.packageJSON as { displayName: string }).displayName;
  void openWalkthroughOnFirstRun({
    globalState: context.globalState,
    openOnInstall: () => vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true),
    openWalkthrough: (id) => vscode.commands.executeCommand('workbench.action.openWalkthrough', { category: id, step: WALKTHROUGH_FIRST_STEP }, false),
    // Settled when ours shows, or the user works in another editor (no more asking then).
    isWalkthroughShown: () =>
      vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => isWalkthroughTabLabel(tab.label, displayName))) ||
      isOtherEditor(vscode.window.tabGroups.activeTabGroup.activeTab?.input),
    wait: (ms) => walkthroughWaits.wait(ms),
  }).catch((error: unknown) => {
    // The shell has no output channel of its own (it would cost activation time): the extension host log gets it.
    console.warn(`Azure Batch Images: could not open the walkthrough: ${error instanceof Error ? error.message : String(error)}`);
  });

  context.subscriptions.push(installTestHooks(process.env, () => load().workflows));
  return {
    get inventory() {
      return load().inventory;
    },
    get explorer() {
      return load().explorer;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
