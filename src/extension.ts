// Wiring only: build the services, register the views, editor features and commands.
import * as vscode from 'vscode';
import { registerCommand } from './commands/registerCommand';
import { selectSubscriptions } from './commands/selectSubscriptions';
import { signIn } from './commands/signIn';
import { storeServicePrincipalSecret } from './commands/storeServicePrincipalSecret';
import { registerTreeCommands } from './commands/treeCommands';
import { registerWorkflowCommands, type WorkflowControl } from './commands/workflows';
import { registerEditorFeatures } from './editor';
import type { ExtensionServices, InventoryView } from './extensionServices';
import { ConnectionManager } from './services/connectionManager';
import { connectOnDemand } from './services/connectOnDemand';
import { isOtherEditor, isWalkthroughTabLabel, openWalkthroughOnFirstRun, waits, WALKTHROUGH_FIRST_STEP } from './services/firstRunWalkthrough';
import { InventoryService } from './services/inventoryService';
import { disposeVsCodeAccount } from './azure/vscodeAccount';
import { shareBundleWithPureCode } from './localization';
import { registerExplorer, type Explorer } from './tree';
import { UserInputHolder } from './ui';

/** What activate() returns: for the integration tests and for extensions that build on this one. */
export interface ExtensionApi {
  readonly inventory: InventoryView;
  readonly explorer: Explorer;
  /** The palette workflows' prompt switch (tests answer prompts from a script). */
  readonly workflows: WorkflowControl;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  shareBundleWithPureCode();
  const log = vscode.window.createOutputChannel('Azure Batch Images', { log: true });
  const connections = new ConnectionManager(context.secrets, log);
  const inventory = new InventoryService(connections, log);
  context.subscriptions.push(log, connections, inventory, { dispose: disposeVsCodeAccount });
  const input = new UserInputHolder();
  const services: ExtensionServices = { context, log, inventory, isTrusted: () => vscode.workspace.isTrusted, azure: () => inventory.clients() };

  const explorer = registerExplorer(services);
  registerTreeCommands(services, explorer);
  const workflows = registerWorkflowCommands(services, explorer, input);
  registerEditorFeatures(services);
  registerCommand(context, 'azureBatchImages.signIn', () => signIn(connections, input.current), log);
  registerCommand(context, 'azureBatchImages.signOut', () => connections.signOut(), log);
  registerCommand(context, 'azureBatchImages.storeServicePrincipalSecret', () => storeServicePrincipalSecret(connections, input.current), log);
  registerCommand(context, 'azureBatchImages.selectSubscriptions', () => selectSubscriptions(connections, inventory, input.current), log);

  // Sign-in (the SDKs, the network) waits until the explorer or a pool file needs the inventory.
  context.subscriptions.push(connectOnDemand(explorer.view, () => connections.connectSilently(), services.isTrusted, log));
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
  }).catch((error: unknown) => log.warn(vscode.l10n.t('Could not open the walkthrough: {0}', error instanceof Error ? error.message : String(error))));
  return { inventory, explorer, workflows };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
