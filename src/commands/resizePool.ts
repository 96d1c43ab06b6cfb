// "Resize Pool…": new fixed targets, checked by the node-limit and resizeTimeout rules before the
// resize starts; then the resize is watched so its errors (e.g. AllocationFailed) are shown.
import * as l10n from '@vscode/l10n';
import { getPool, resizePool } from '../azure';
import { armIdKey, type LivePool } from '../model';
import { livePoolToSpec, runRules } from '../rules';
import { UserCancelledError } from './registerCommand';
import { pickPool } from './steps/pickers';
import { recommendedResizeTimeout, reviewFindings, type PoolPlan } from './steps/poolPlan';
import { argumentResourceId } from './steps/resources';
import { isoDurationProblem, nodeCountProblem } from './steps/validation';
import { errorText, refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const RESIZE_POOL_COMMAND = 'azureBatchImages.resizePool';
const TITLE = (): string => l10n.t('Resize Pool');
/** The rules that speak about a resize. */
const RESIZE_RULES = new Set(['custom-image-node-limit', 'resize-timeout-short', 'large-pool-resize', 'gallery-replicas-low']);
const WATCH_LIMIT_MS = 10 * 60_000;

export async function resizePoolCommand(ctx: WorkflowContext, arg?: unknown): Promise<LivePool | undefined> {
  const inventory = ctx.services.inventory.current;
  const id = argumentResourceId(arg);
  const pool = (id && inventory.poolsById.get(armIdKey(id))) || (await pickPool(ctx, l10n.t('{0}: pool', TITLE())));
  const account = inventory.account(pool.accountId);
  const fixed = pool.scale.kind === 'fixed' ? pool.scale : undefined;
  if (!fixed) {
    await ctx.ui().confirm(l10n.t('Pool {0} autoscales.', pool.name), { detail: l10n.t('Resizing gives it a fixed scale: its autoscale formula is removed.'), confirmLabel: l10n.t('Resize to a Fixed Size') });
  }
  const dedicated = Number(await ctx.ui().inputBox({ title: l10n.t('{0}: dedicated nodes', TITLE()), value: String(fixed?.targetDedicatedNodes ?? pool.currentDedicatedNodes), validate: (v) => nodeCountProblem(v, l10n.t('dedicated node count')) }));
  const spot = Number(await ctx.ui().inputBox({ title: l10n.t('{0}: Spot/low-priority nodes', TITLE()), value: String(fixed?.targetLowPriorityNodes ?? pool.currentLowPriorityNodes), validate: (v) => nodeCountProblem(v, l10n.t('Spot/low-priority node count')) }));
  let resizeTimeout = fixed?.resizeTimeout;
  if (account && pool.imageId) {
    const draft: PoolPlan = { account, poolId: pool.name, imageId: pool.imageId, vmSize: pool.vmSize, nodeAgentSkuId: pool.nodeAgentSkuId ?? '', scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot } };
    resizeTimeout = recommendedResizeTimeout(ctx, draft);
  }
  resizeTimeout = (await ctx.ui().inputBox({ title: l10n.t('{0}: resizeTimeout', TITLE()), value: resizeTimeout ?? 'PT15M', validate: isoDurationProblem })).trim();

  const planned: LivePool = { ...pool, scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot, resizeTimeout } };
  const findings = runRules(livePoolToSpec(planned), { account, inventory, now: new Date() }).filter((f) => RESIZE_RULES.has(f.code));
  await reviewFindings(ctx, `${TITLE()} ${pool.name}`, findings, l10n.t('Resize'), false);

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
