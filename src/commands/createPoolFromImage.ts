// "Create Pool from Image…": a Batch pool on a gallery image version or definition (a managed
// image is published first), created through ARM after the rules have looked at it.
import * as vscode from 'vscode';
import { createPoolArm } from '../azure';
import { setDocumentAccount } from '../editor';
import { parseArmId } from '../model';
import { UserCancelledError } from './registerCommand';
import { armPoolBody, dataPlanePoolDocument, type PoolPlan } from './steps/poolPlan';
import { preflight, specOfArmRequest } from './steps/preflight';
import { askAccount, askImage, askPoolId, askPoolShape, ensureGalleryImage } from './steps/poolQuestions';
import { argumentResourceId } from './steps/resources';
import { confirmSummary, type SummaryRow } from './steps/summary';
import { announce, refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const CREATE_POOL_COMMAND = 'azureBatchImages.createPoolFromImage';
const TITLE = (): string => vscode.l10n.t('Create Pool from Image');

/** Returns the new pool's id, the URI of the JSON document when the user continued there, or undefined. */
export async function createPoolFromImageCommand(ctx: WorkflowContext, arg?: unknown): Promise<string | undefined> {
  // Started on a Batch account node: that is the account, and only the image is asked for.
  const argId = argumentResourceId(arg);
  const presetAccount = argId ? ctx.services.inventory.current.account(argId) : undefined;
  const chosenImage = await askImage(ctx, presetAccount ? undefined : arg, TITLE());
  const account = presetAccount ?? (await askAccount(ctx, chosenImage, TITLE()));
  const imageId = await ensureGalleryImage(ctx, chosenImage, account);
  // A managed image was published on the way: that version exists now, whatever happens next.
  const publishedNow = imageId !== chosenImage;
  const imageName = parseArmId(imageId)?.names.slice(-2).join('-') ?? 'pool';
  const poolId = await askPoolId(ctx, account, TITLE(), `pool-${imageName}`);
  const plan = await askPoolShape(ctx, account, imageId, poolId, TITLE());
  // The request as it will be sent, judged by every rule against fresh reads.
  const request = armPoolBody(plan);
  const { decision } = await preflight(ctx, specOfArmRequest(plan.account, plan.poolId, request), plan.account, {
    title: `${TITLE()} ${poolId}`,
    proceedLabel: vscode.l10n.t('Create pool'),
    kind: 'create',
  });
  if (decision === 'json') return openAsJson(plan);
  await confirmSummary(ctx, TITLE(), poolSummary(plan, publishedNow), vscode.l10n.t('Create Pool'));
  return createPool(ctx, plan);
}

/** The summary's rows; a version published by this run is said to exist already (Escape keeps it). */
function poolSummary(plan: PoolPlan, publishedNow: boolean): SummaryRow[] {
  const scale = plan.scale;
  const image = parseArmId(plan.imageId)?.names.join('/') ?? plan.imageId;
  return [
    { name: vscode.l10n.t('Batch account'), value: `${plan.account.name} (${plan.account.location})` },
    { name: vscode.l10n.t('Pool id'), value: plan.poolId },
    { name: vscode.l10n.t('Image'), value: publishedNow ? vscode.l10n.t('{0} (already published by this command; it stays if you press Escape)', image) : image },
    { name: vscode.l10n.t('VM size'), value: plan.vmSize },
    { name: vscode.l10n.t('Node agent'), value: plan.nodeAgentSkuId },
    {
      name: vscode.l10n.t('Nodes'),
      value: scale.kind === 'fixed' ? vscode.l10n.t('{0} dedicated, {1} Spot/low-priority', scale.targetDedicatedNodes, scale.targetLowPriorityNodes) : vscode.l10n.t('autoscale'),
    },
  ];
}

async function openAsJson(plan: PoolPlan): Promise<string> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(dataPlanePoolDocument(plan), null, 2)}\n` });
  await setDocumentAccount(document.uri, plan.account.id);
  await vscode.window.showTextDocument(document);
  return document.uri.toString();
}

export async function createPool(ctx: WorkflowContext, plan: PoolPlan): Promise<string | undefined> {
  const what = vscode.l10n.t('Creating pool {0} in {1}', plan.poolId, plan.account.name);
  try {
    const clients = await ctx.services.azure();
    const pool = await withCancellableProgress(what, vscode.l10n.t('Cancelling stops waiting; Azure may still create the pool'), (signal) =>
      createPoolArm(clients, plan.account.id, plan.poolId, armPoolBody(plan), { signal }),
    );
    await refreshAndReveal(ctx, { accountId: plan.account.id }, pool.id);
    announce(ctx, vscode.l10n.t('Created pool {0} in {1}; Batch is allocating its nodes.', pool.name, plan.account.name), pool.id);
    return pool.id;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, what, error, vscode.l10n.t('Refresh the explorer to see whether the pool was created.'));
    return undefined;
  }
}
