// "New Pool JSON from Image…": writes a starter data-plane pool document (the body of
// `az batch pool create --json-file`) for the chosen image and account, with the recommended
// values, remembers the account for the document and opens it. Never overwrites silently.
import * as vscode from 'vscode';
import { setDocumentAccount } from '../editor';
import { parseArmId } from '../model';
import { dataPlanePoolDocument, recommendedResizeTimeout, requiredSecurityType, type PoolPlan } from './steps/poolPlan';
import { askAccount, askImage, askPoolId, ensureGalleryImage } from './steps/poolQuestions';
import { pickNodeAgentSku, pickVmSize } from './steps/pickers';
import type { WorkflowContext } from './workflowContext';

export const NEW_POOL_JSON_COMMAND = 'azureBatchImages.newPoolJson';
const TITLE = (): string => vscode.l10n.t('New Pool JSON');

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Returns the URI of the written document. */
export async function newPoolJsonCommand(ctx: WorkflowContext, arg?: unknown): Promise<string> {
  const chosen = await askImage(ctx, arg, TITLE());
  const account = await askAccount(ctx, chosen, TITLE());
  const imageId = await ensureGalleryImage(ctx, chosen, account);
  const poolId = await askPoolId(ctx, account, TITLE(), `pool-${parseArmId(imageId)?.names.slice(-2).join('-') ?? 'custom'}`);
  const vmSize = await pickVmSize(ctx, account, vscode.l10n.t('{0}: VM size', TITLE()));
  const nodeAgentSkuId = await pickNodeAgentSku(ctx, account, imageId, vscode.l10n.t('{0}: node agent SKU', TITLE()));
  const draft: PoolPlan = { account, poolId, imageId, vmSize, nodeAgentSkuId, securityType: requiredSecurityType(ctx, imageId), scale: { kind: 'fixed', targetDedicatedNodes: 1, targetLowPriorityNodes: 0 } };
  const plan: PoolPlan = { ...draft, scale: { kind: 'fixed', targetDedicatedNodes: 1, targetLowPriorityNodes: 0, resizeTimeout: recommendedResizeTimeout(ctx, draft) } };

  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await ctx.ui().saveDialog({
    title: vscode.l10n.t('{0}: save the pool definition', TITLE()),
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${poolId}.pool.json`) : undefined,
    filters: { 'Pool definition': ['json'] },
  });
  if (await exists(uri)) {
    await ctx.ui().confirm(vscode.l10n.t('{0} already exists. Replace it?', uri.path.split('/').pop() ?? uri.toString()), { detail: vscode.l10n.t('Its content is overwritten with the new pool definition.'), confirmLabel: vscode.l10n.t('Replace') });
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(`${JSON.stringify(dataPlanePoolDocument(plan), null, 2)}\n`, 'utf8'));
  await setDocumentAccount(uri, account.id);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return uri.toString();
}
