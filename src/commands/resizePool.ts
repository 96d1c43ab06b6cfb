// "Resize Pool…": every rule over the pool first (a pool Azure will not resize is stopped before any
// request, its resize errors shown), then new fixed targets, checked again before the resize starts;
// then the resize is watched so its errors (e.g. AllocationFailed) are shown.
import * as l10n from '@vscode/l10n';
import { getPool, resizePool } from '../azure';
import { armIdKey, type LivePool } from '../model';
import { livePoolToSpec, runRules } from '../rules';
import { UserCancelledError } from './registerCommand';
import { pickPool } from './steps/pickers';
import { recommendedResizeTimeout, reviewFindings, type PoolPlan } from './steps/poolPlan';
import { freshInventory, preflight } from './steps/preflight';
import { argumentResourceId } from './steps/resources';
import { isoDurationProblem, nodeCountProblem } from './steps/validation';
import { errorText, refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const RESIZE_POOL_COMMAND = 'azureBatchImages.resizePool';
const TITLE = (): string => l10n.t('Resize Pool');
const WATCH_LIMIT_MS = 10 * 60_000;

/** The pool's current resize errors, one line each ("AllocationFailed: …"). */
function resizeErrorLines(pool: LivePool): string[] {
  return pool.resizeErrors.map((e) => l10n.t('Last resize error: {0}: {1}', e.code, e.message));
}

export async function resizePoolCommand(ctx: WorkflowContext, arg?: unknown): Promise<LivePool | undefined> {
  const id = argumentResourceId(arg);
  const chosen = (id && ctx.services.inventory.current.poolsById.get(armIdKey(id))) || (await pickPool(ctx, l10n.t('{0}: pool', TITLE())));
  const titled = l10n.t('{0} {1}', TITLE(), chosen.name);
  // Every rule over the pool as it is now, with fresh reads, before anything else: a pool Azure
  // will not resize (e.g. on a managed image) is stopped here, and its resize errors are shown.
  const inventory = await freshInventory(ctx, chosen.accountId, chosen.imageId);
  const pool = inventory.poolsById.get(armIdKey(chosen.id)) ?? chosen;
  const account = inventory.account(pool.accountId);
  const notes = resizeErrorLines(pool);
  const current = runRules(livePoolToSpec(pool), { account, inventory, now: new Date() });
  const blocking = current.filter((f) => f.severity === 'error');
  // Errors (or resize errors to read) come first; warnings are shown with the planned counts below.
  if (blocking.length > 0) await reviewFindings(ctx, titled, blocking, l10n.t('Resize'), 'resize', notes);
  const fixed = pool.scale.kind === 'fixed' ? pool.scale : undefined;
  if (!fixed) {
    await ctx.ui().confirm(l10n.t('Pool {0} autoscales.', pool.name), {
      detail: l10n.t('Resizing gives it a fixed scale: its autoscale formula is removed.'),
      confirmLabel: l10n.t('Resize to a Fixed Size'),
    });
  }
  // Without blocking findings the first prompt carries the resize errors.
  const firstPrompt = blocking.length === 0 && notes.length > 0 ? notes.join(' · ') : undefined;
  const dedicated = Number(
    await ctx.ui().inputBox({
      title: l10n.t('{0}: dedicated nodes', TITLE()),
      prompt: firstPrompt,
      value: String(fixed?.targetDedicatedNodes ?? pool.currentDedicatedNodes),
      validate: (v) => nodeCountProblem(v, l10n.t('dedicated node count')),
    }),
  );
  const spot = Number(await ctx.ui().inputBox({ title: l10n.t('{0}: Spot/low-priority nodes', TITLE()), value: String(fixed?.targetLowPriorityNodes ?? pool.currentLowPriorityNodes), validate: (v) => nodeCountProblem(v, l10n.t('Spot/low-priority node count')) }));
  let resizeTimeout = fixed?.resizeTimeout;
  if (account && pool.imageId) {
    const draft: PoolPlan = { account, poolId: pool.name, imageId: pool.imageId, vmSize: pool.vmSize, nodeAgentSkuId: pool.nodeAgentSkuId ?? '', scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot } };
    resizeTimeout = recommendedResizeTimeout(ctx, draft);
  }
  resizeTimeout = (await ctx.ui().inputBox({ title: l10n.t('{0}: resizeTimeout', TITLE()), value: resizeTimeout ?? 'PT15M', validate: isoDurationProblem })).trim();

  // The resize as it will be sent, judged again (node limits, timeouts); what was accepted above is not asked twice.
  const planned: LivePool = { ...pool, scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot, resizeTimeout } };
  await preflight(ctx, livePoolToSpec(planned), account, { title: titled, proceedLabel: l10n.t('Resize'), kind: 'resize', accepted: blocking });

  const what = l10n.t('Resizing pool {0}', pool.name);
  try {
    const clients = await ctx.services.azure();
    const result = await withCancellableProgress(what, l10n.t('Cancelling stops watching; the resize continues in Azure'), async (signal, report) => {
      await resizePool(clients, pool.id, { targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot, resizeTimeout }, { signal });
      // Watch until the allocation settles, so errors that come later are shown too.
      const deadline = Date.now() + WATCH_LIMIT_MS;
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        const now = await getPool(clients, pool.accountId, pool.name, { signal });
        report(l10n.t('{0}/{1} dedicated, {2}/{3} Spot nodes…', now.currentDedicatedNodes, dedicated, now.currentLowPriorityNodes, spot));
        if (now.allocationState.toLowerCase() === 'steady' || Date.now() > deadline) return now;
      }
    });
    await refreshAndReveal(ctx, { accountId: pool.accountId }, pool.id);
    if (result.resizeErrors.length > 0) {
      const e = result.resizeErrors[0];
      void ctx.ui().showError(l10n.t('Resizing pool {0} failed: {1}: {2}', pool.name, e.code, e.message));
    } else {
      void ctx.ui().showInformation(l10n.t('Pool {0} resized to {1} dedicated and {2} Spot/low-priority nodes.', pool.name, dedicated, spot));
    }
    return result;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, what, error, l10n.t('The resize continues in Azure; refresh the explorer to follow it.'));
    ctx.services.log.info(l10n.t('Resize of {0}: {1}', pool.name, errorText(error)));
    return undefined;
  }
}
