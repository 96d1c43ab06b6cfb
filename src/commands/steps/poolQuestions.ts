// The pool questions "Create Pool from Image…" and "New Pool JSON from Image…" share: the image
// (publishing a managed image first), the account, the id, size, node agent SKU and scale.
import * as l10n from '@vscode/l10n';
import { armIdKey, parseImageId, type BatchAccount } from '../../model';
import type { PickItem } from '../../ui';
import { UserCancelledError } from '../registerCommand';
import { publishImage } from '../publishToGallery';
import type { WorkflowContext } from '../workflowContext';
import { pickAccount, pickNodeAgentSku, pickPoolImage } from './pickers';
import { pickVmSize } from './vmSizes';
import { recommendedResizeTimeout, requiredSecurityType, type PoolPlan } from './poolPlan';
import { argumentResourceId, servesRegion } from './resources';
import { isoDurationProblem, nodeCountProblem, poolIdProblem } from './validation';

/** The image from the command's argument (version, definition or managed image node / id), or asked. */
export async function askImage(ctx: WorkflowContext, arg: unknown, title: string): Promise<string> {
  const id = argumentResourceId(arg);
  if (id && parseImageId(id)) return id;
  return pickPoolImage(ctx, `${title}: image`);
}

/**
 * A managed image cannot back a new pool (retired): offer to publish it with a replica in the
 * account's region and continue with the new version. Gallery images pass through.
 */
export async function ensureGalleryImage(ctx: WorkflowContext, imageId: string, account: BatchAccount): Promise<string> {
  if (parseImageId(imageId)?.kind !== 'managedImage') return imageId;
  const image = ctx.services.inventory.current.imagesById.get(armIdKey(imageId));
  if (!image) throw new Error(l10n.t('Managed image {0} is not in the loaded inventory.', imageId));
  await ctx.ui().confirm(l10n.t('{0} is a managed image: Batch no longer creates pools from managed images. Publish it to an Azure Compute Gallery first?', image.name), {
    detail: l10n.t('The publish questions come first and end with their own summary; the gallery image version (with a replica in {0}) is created right after it, before the pool\'s questions, and stays even if you stop before the pool is created. The pool uses that version.', account.location),
    confirmLabel: l10n.t('Publish and Continue'),
  });
  const versionId = await publishImage(ctx, image, { regions: [account.location] });
  // Azure's error was shown by the publish step; nothing more to do.
  if (!versionId) throw new UserCancelledError();
  return versionId;
}

export async function askPoolId(ctx: WorkflowContext, account: BatchAccount, title: string, suggestion: string): Promise<string> {
  const existing = ctx.services.inventory.current.poolsOfAccount(account.id).map((p) => p.name);
  let value = suggestion.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 60);
  for (let i = 2; existing.some((e) => e.toLowerCase() === value.toLowerCase()); i++) value = `${suggestion.slice(0, 58)}-${i}`;
  return ctx.ui().inputBox({ title: l10n.t('{0}: pool id', title), prompt: l10n.t('Unique in {0}: letters, digits, hyphens, underscores (max 64)', account.name), value, validate: (v) => poolIdProblem(v, existing, account.name) });
}

/** Everything but the id: size, SKU, scale, with the recommended resizeTimeout prefilled. */
export async function askPoolShape(ctx: WorkflowContext, account: BatchAccount, imageId: string, poolId: string, title: string): Promise<PoolPlan> {
  const vmSize = await pickVmSize(ctx, account, imageId, l10n.t('{0}: VM size', title));
  const nodeAgentSkuId = await pickNodeAgentSku(ctx, account, imageId, l10n.t('{0}: node agent SKU', title));
  const base = { account, poolId, imageId, vmSize, nodeAgentSkuId, securityType: requiredSecurityType(ctx, imageId) };
  const modes: PickItem<'fixed' | 'auto'>[] = [
    { label: l10n.t('Fixed size'), description: l10n.t('dedicated and Spot/low-priority node counts'), data: 'fixed' },
    { label: l10n.t('Autoscale'), description: l10n.t('a formula decides the counts'), data: 'auto' },
  ];
  const mode = (await ctx.ui().pickOne(modes, { title: l10n.t('{0}: scale', title) })).data;
  if (mode === 'auto') {
    const formula = await ctx.ui().inputBox({
      title: l10n.t('{0}: autoscale formula', title),
      value: '$TargetDedicatedNodes = min(10, $PendingTasks.GetSample(1)); $NodeDeallocationOption = taskcompletion;',
      validate: (v) => (v.trim() ? undefined : l10n.t('The formula cannot be empty.')),
    });
    return { ...base, scale: { kind: 'auto', formula, evaluationInterval: 'PT15M' } };
  }
  const dedicated = Number(await ctx.ui().inputBox({ title: l10n.t('{0}: dedicated nodes', title), value: '1', validate: (v) => nodeCountProblem(v, l10n.t('dedicated node count')) }));
  const spot = Number(await ctx.ui().inputBox({ title: l10n.t('{0}: Spot/low-priority nodes', title), value: '0', validate: (v) => nodeCountProblem(v, l10n.t('Spot/low-priority node count')) }));
  const draft: PoolPlan = { ...base, scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot } };
  const resizeTimeout = await ctx.ui().inputBox({
    title: l10n.t('{0}: resizeTimeout', title),
    prompt: l10n.t('How long a resize may take (recommended for this image and node count)'),
    value: recommendedResizeTimeout(ctx, draft),
    validate: isoDurationProblem,
  });
  return { ...draft, scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot, resizeTimeout: resizeTimeout.trim() } };
}

/** Accounts in a region the image serves are listed first (the others are marked). */
export function askAccount(ctx: WorkflowContext, imageId: string, title: string): Promise<BatchAccount> {
  return pickAccount(ctx, l10n.t('{0}: Batch account', title), imageId);
}

export { servesRegion };
