// "Resize Pool…": new fixed targets, checked by the node-limit and resizeTimeout rules before the
// resize starts; then the resize is watched so its errors (e.g. AllocationFailed) are shown.
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
const TITLE = 'Resize Pool';
/** The rules that speak about a resize. */
const RESIZE_RULES = new Set(['custom-image-node-limit', 'resize-timeout-short', 'large-pool-resize', 'gallery-replicas-low']);
const WATCH_LIMIT_MS = 10 * 60_000;

export async function resizePoolCommand(ctx: WorkflowContext, arg?: unknown): Promise<LivePool | undefined> {
  const inventory = ctx.services.inventory.current;
  const id = argumentResourceId(arg);
  const pool = (id && inventory.poolsById.get(armIdKey(id))) || (await pickPool(ctx, `${TITLE}: pool`));
  const account = inventory.account(pool.accountId);
  const fixed = pool.scale.kind === 'fixed' ? pool.scale : undefined;
  if (!fixed) {
    await ctx.ui().confirm(`Pool ${pool.name} autoscales.`, { detail: 'Resizing gives it a fixed scale: its autoscale formula is removed.', confirmLabel: 'Resize to a Fixed Size' });
  }
  const dedicated = Number(await ctx.ui().inputBox({ title: `${TITLE}: dedicated nodes`, value: String(fixed?.targetDedicatedNodes ?? pool.currentDedicatedNodes), validate: (v) => nodeCountProblem(v, 'dedicated node count') }));
  const spot = Number(await ctx.ui().inputBox({ title: `${TITLE}: Spot/low-priority nodes`, value: String(fixed?.targetLowPriorityNodes ?? pool.currentLowPriorityNodes), validate: (v) => nodeCountProblem(v, 'Spot/low-priority node count') }));
  let resizeTimeout = fixed?.resizeTimeout;
  if (account && pool.imageId) {
    const draft: PoolPlan = { account, poolId: pool.name, imageId: pool.imageId, vmSize: pool.vmSize, nodeAgentSkuId: pool.nodeAgentSkuId ?? '', scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot } };
    resizeTimeout = recommendedResizeTimeout(ctx, draft);
  }
  resizeTimeout = (await ctx.ui().inputBox({ title: `${TITLE}: resizeTimeout`, value: resizeTimeout ?? 'PT15M', validate: isoDurationProblem })).trim();

  const planned: LivePool = { ...pool, scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot, resizeTimeout } };
  const findings = runRules(livePoolToSpec(planned), { account, inventory, now: new Date() }).filter((f) => RESIZE_RULES.has(f.code));
  await reviewFindings(ctx, `${TITLE} ${pool.name}`, findings, 'Resize', false);

  const what = `Resizing pool ${pool.name}`;
  try {
    const clients = await ctx.services.azure();
    const result = await withCancellableProgress(what, 'Cancelling stops watching; the resize continues in Azure', async (signal, report) => {
      await resizePool(clients, pool.id, { targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot, resizeTimeout }, { signal });
      // Watch until the allocation settles, so errors that come later are shown too.
      const deadline = Date.now() + WATCH_LIMIT_MS;
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        const now = await getPool(clients, pool.accountId, pool.name, { signal });
        report(`${now.currentDedicatedNodes}/${dedicated} dedicated, ${now.currentLowPriorityNodes}/${spot} Spot nodes…`);
        if (now.allocationState.toLowerCase() === 'steady' || Date.now() > deadline) return now;
      }
    });
    await refreshAndReveal(ctx, { accountId: pool.accountId }, pool.id);
    if (result.resizeErrors.length > 0) {
      const e = result.resizeErrors[0];
      void ctx.ui().showError(`Resizing pool ${pool.name} failed: ${e.code}: ${e.message}`);
    } else {
      void ctx.ui().showInformation(`Pool ${pool.name} resized to ${dedicated} dedicated and ${spot} Spot/low-priority nodes.`);
    }
    return result;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, what, error, 'The resize continues in Azure; refresh the explorer to follow it.');
    ctx.services.log.info(`Resize of ${pool.name}: ${errorText(error)}`);
    return undefined;
  }
}
