// The features bundle (dist/features.js): everything the extension does, loaded by the activation
// shell (src/extension.ts) on first use — a command, the explorer becoming visible, a pool
// document. Builds the services, the explorer's provider, the editor features and the commands.
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
import { InventoryService } from './services/inventoryService';
import { disposeVsCodeAccount } from './azure/vscodeAccount';
import { shareBundleWithPureCode } from './localization';
import type { CommandRegistry } from './shell/commandTable';
import { registerExplorer, type Explorer } from './tree';
import type { ExplorerNode } from './tree/explorerNode';
import type { ExplorerTreeProvider } from './tree/explorerTreeProvider';
import { UserInputHolder } from './ui';

/** What the shell hands over: the view it created and where commands go. */
export interface ShellParts {
  readonly commands: CommandRegistry;
  readonly view: vscode.TreeView<ExplorerNode>;
  attachTree(provider: ExplorerTreeProvider): void;
}

export interface Features {
  readonly inventory: InventoryView;
  readonly explorer: Explorer;
  /** The prompt switch; reachable only through the test hooks (src/testHooks.ts). */
  readonly workflows: WorkflowControl;
}

export function startFeatures(context: vscode.ExtensionContext, shell: ShellParts): Features {
  // @vscode/l10n lives in this bundle: it reads the same translations as vscode.l10n.
  shareBundleWithPureCode();
  const log = vscode.window.createOutputChannel('Azure Batch Images', { log: true });
  const connections = new ConnectionManager(context.secrets, context.globalState, log);
  const inventory = new InventoryService(connections, log);
  context.subscriptions.push(log, connections, inventory, { dispose: disposeVsCodeAccount });
  const input = new UserInputHolder();
  const services: ExtensionServices = {
    context,
    log,
    inventory,
    commands: shell.commands,
    ui: () => input.current,
    isTrusted: () => vscode.workspace.isTrusted,
    azure: () => inventory.clients(),
  };

  const explorer = registerExplorer(services, shell.view, shell.attachTree);
  registerTreeCommands(services, explorer);
  const workflows = registerWorkflowCommands(services, explorer, input);
  registerEditorFeatures(services);
  registerCommand(services, 'azureBatchImages.signIn', () => signIn(connections, input.current));
  registerCommand(services, 'azureBatchImages.signOut', () => connections.signOut());
  registerCommand(services, 'azureBatchImages.storeServicePrincipalSecret', () => storeServicePrincipalSecret(connections, input.current));
  registerCommand(services, 'azureBatchImages.selectSubscriptions', () => selectSubscriptions(connections, inventory, input.current));

  // Sign-in (the SDKs, the network) waits until the explorer or a pool file needs the inventory.
  context.subscriptions.push(connectOnDemand(explorer.view, () => connections.connectSilently(), services.isTrusted, log));
  return { inventory, explorer, workflows };
}
