// "Deploy Pool JSON": creates the pool a pool document describes in the document's target
// account — a data-plane document through the Batch data plane, an ARM resource through ARM —
// after the rules have looked at it.
import * as vscode from 'vscode';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { createPoolArm, createPoolDataPlane, type ArmPoolBody } from '../azure';
import { documentAccountId, setDocumentAccount } from '../editor';
import { type BatchAccount, type PoolSpec } from '../model';
import { parsePoolDocument } from '../pooljson';
import { armPoolNameProblem, azureNameProblem, known } from '../model';
import { runRules } from '../rules';
import { UserCancelledError } from './registerCommand';
import { pickAccount } from './steps/pickers';
import { reviewFindings } from './steps/poolPlan';
import { announce, refreshAndReveal, reportFailure, requireTrustedWorkspace, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const DEPLOY_POOL_JSON_COMMAND = 'azureBatchImages.deployPoolJson';
const TITLE = (): string => vscode.l10n.t('Deploy Pool JSON');

function documentUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  return vscode.window.activeTextEditor?.document.uri;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const segment of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[segment] : undefined;
  return v;
}

export async function deployPoolJsonCommand(ctx: WorkflowContext, arg?: unknown): Promise<string | undefined> {
  requireTrustedWorkspace(ctx, TITLE());
  const uri = documentUri(arg);
  if (!uri) throw new Error(vscode.l10n.t('Open a pool JSON document first.'));
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const parsed = parsePoolDocument(text);
  if (parsed.syntaxErrors.length > 0) throw new Error(vscode.l10n.t('The document has JSON syntax errors ({0}); fix them first.', parsed.syntaxErrors[0].message));
  if (parsed.kind === 'armTemplate') throw new Error(vscode.l10n.t('This is an ARM template: deploy it with an ARM deployment (az deployment group create). Deploy Pool JSON takes one pool: a data-plane pool or a Microsoft.Batch/batchAccounts/pools resource.'));
  const spec = parsed.specs[0];
  if (!spec || parsed.specs.length !== 1) throw new Error(vscode.l10n.t('The document does not describe exactly one Batch pool.'));
  const errors: ParseError[] = [];
  const root: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const pool = valueAt(root, spec.path);
  if (typeof pool !== 'object' || pool === null) throw new Error(vscode.l10n.t('The pool object could not be read.'));

  const poolName = known(spec.name);
  if (!poolName) throw new Error(spec.shape === 'arm' ? vscode.l10n.t('The pool resource has no literal "name".') : vscode.l10n.t('The pool has no "id".'));
  // Before anything else: a name Azure would refuse could also address another resource (`acct/..`).
  const nameProblem = spec.shape === 'arm' ? armPoolNameProblem(spec.armName?.value ?? poolName, false) : azureNameProblem('batchPool', poolName);
  if (nameProblem) throw new Error(vscode.l10n.t('{0} Nothing was sent to Azure; rename the pool and deploy again.', nameProblem));
  const account = await targetAccount(ctx, uri, spec);
  const findings = runRules({ ...spec, accountId: account.id }, { account, inventory: ctx.services.inventory.current, now: new Date() });
  await reviewFindings(ctx, `${TITLE()} ${poolName}`, findings, vscode.l10n.t('Deploy'), false);

  const what = vscode.l10n.t('Deploying pool {0} to {1}', poolName, account.name);
  try {
    const clients = await ctx.services.azure();
    const created = await withCancellableProgress(what, vscode.l10n.t('Cancelling stops waiting; Azure may still create the pool'), (signal) =>
      spec.shape === 'dataPlane'
        ? createPoolDataPlane(clients, account, pool as Record<string, unknown>, { signal })
        : createPoolArm(clients, account.id, poolName.split('/').pop() ?? poolName, armBody(pool as Record<string, unknown>), { signal }),
    );
    await refreshAndReveal(ctx, { accountId: account.id }, created.id);
    announce(ctx, vscode.l10n.t('Deployed pool {0} to {1} ({2}).', created.name, account.name, spec.shape === 'dataPlane' ? vscode.l10n.t('Batch data plane') : 'ARM'), created.id);
    return created.id;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, what, error, vscode.l10n.t('Refresh the explorer to see whether the pool was created.'));
    return undefined;
  }
}

function armBody(resource: Record<string, unknown>): ArmPoolBody {
  const properties = resource.properties;
  if (typeof properties !== 'object' || properties === null) throw new Error(vscode.l10n.t('The pool resource has no "properties".'));
  return { properties: properties as Record<string, unknown>, identity: resource.identity, tags: resource.tags as Record<string, string> | undefined };
}

/** The document's account, or one the user picks now (and the document remembers). */
async function targetAccount(ctx: WorkflowContext, uri: vscode.Uri, spec: PoolSpec): Promise<BatchAccount> {
  const id = documentAccountId(uri, spec);
  const account = id ? ctx.services.inventory.current.account(id) : undefined;
  if (account) return account;
  const picked = await pickAccount(ctx, vscode.l10n.t('{0}: Batch account', TITLE()), known(spec.imageId));
  await setDocumentAccount(uri, picked.id);
  return picked;
}
