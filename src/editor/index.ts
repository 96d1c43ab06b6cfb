// Pool JSON intelligence inside VS Code: diagnostics, quick fixes, hover, completion and the
// document <-> Batch account association. extension.ts calls registerEditorFeatures once.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { PoolSpec } from '../model';
import { DocumentAccounts } from './accountAssociation';
import { DocumentAnalyzer } from './analysis';
import { PoolCodeActions } from './codeActions';
import { AccountCodeLens } from './codeLens';
import { PoolCompletions } from './completion';
import { PoolDiagnostics } from './diagnostics';
import { PoolHover } from './hover';
import { POOL_DOCUMENT_SELECTOR } from './poolDocuments';
import { SELECT_ACCOUNT_COMMAND, selectAccountHandler } from './selectAccountCommand';
import { WorkspacePools } from './workspacePools';

export { SELECT_ACCOUNT_COMMAND } from './selectAccountCommand';
export { PUBLISH_TO_GALLERY_COMMAND, ADD_GALLERY_REPLICA_COMMAND } from './codeActions';
export { DIAGNOSTIC_SOURCE } from './diagnostics';
export { WorkspacePools, POOL_FILE_GLOB } from './workspacePools';

/** The live association store, so the tree can set a document's account (documents it opens). */
let activeAccounts: DocumentAccounts | undefined;
/** The live workspace pool index (see workspacePools.ts). */
let activeWorkspacePools: WorkspacePools | undefined;

/**
 * The pool files of the workspace, indexed in the background (e.g. the migration report's pool
 * files that reference retired images: `allPools()` and `imageLine(spec)`; each spec's `source`
 * is its file URI). Undefined before the editor features are registered.
 */
export function workspacePools(): WorkspacePools | undefined {
  return activeWorkspacePools;
}

/**
 * Remembers the Batch account a pool document targets (e.g. a document the tree opened for a
 * pool of that account). Rejects when the editor features are not registered.
 */
export async function setDocumentAccount(uri: vscode.Uri, accountId: string | undefined): Promise<void> {
  if (!activeAccounts) throw new Error(vscode.l10n.t('The pool editor features are not registered.'));
  await activeAccounts.set(uri, accountId);
}

/** The Batch account a pool of the document targets (chosen, named by a template, or the default setting). */
export function documentAccountId(uri: vscode.Uri, spec?: PoolSpec): string | undefined {
  return activeAccounts?.forPool(uri, spec)?.accountId;
}

export function registerEditorFeatures(services: ExtensionServices): void {
  const { context, inventory, log } = services;
  const accounts = new DocumentAccounts(context.workspaceState, inventory);
  const pools = new WorkspacePools(accounts, log);
  const analyzer = new DocumentAnalyzer(services, accounts, pools);
  const codeLens = new AccountCodeLens(analyzer);
  activeAccounts = accounts;
  activeWorkspacePools = pools;
  context.subscriptions.push(
    accounts,
    pools,
    analyzer,
    new PoolDiagnostics(analyzer, log),
    codeLens,
    vscode.languages.registerCodeActionsProvider(POOL_DOCUMENT_SELECTOR, new PoolCodeActions(analyzer), PoolCodeActions.metadata),
    vscode.languages.registerCodeLensProvider(POOL_DOCUMENT_SELECTOR, codeLens),
    vscode.languages.registerHoverProvider(POOL_DOCUMENT_SELECTOR, new PoolHover(analyzer)),
    vscode.languages.registerCompletionItemProvider(POOL_DOCUMENT_SELECTOR, new PoolCompletions(analyzer, services.inventory), '"', '/'),
    services.commands.register(SELECT_ACCOUNT_COMMAND, selectAccountHandler(accounts, inventory)),
    { dispose: () => (activeAccounts === accounts ? (activeAccounts = undefined) : undefined) },
    { dispose: () => (activeWorkspacePools === pools ? (activeWorkspacePools = undefined) : undefined) },
  );
}
