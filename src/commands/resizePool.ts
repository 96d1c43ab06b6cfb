// "Resize Pool…": every rule over the pool first (a pool Azure will not resize is stopped before any
// request, its resize errors shown), then new fixed targets, checked again before the resize starts;
// then the resize is watched so its errors (e.g. AllocationFailed) are shown.
import * as vscode from 'vscode';
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
const TITLE = 'Resize Pool';
const WATCH_LIMIT_MS = 10 * 60_000;

/** The pool's current resize errors, one line each ("AllocationFailed: …"). */
function resizeErrorLines(pool: LivePool): string[] {
  return pool.resizeErrors.map((e) => vscode.l10n.t('Last resize error: {0}: {1}', e.code, e.message));
}

export async function resizePoolCommand(ctx: WorkflowContext, arg?: unknown): Promise<LivePool | undefined> {
  const id = argumentResourceId(arg);
  const chosen = (id && ctx.services.inventory.current.poolsById.get(armIdKey(id))) || (await pickPool(ctx, `${TITLE}: pool`));
  const titled = vscode.l10n.t('{0} {1}', TITLE, chosen.name);
  // Every rule over the pool as it is now, with fresh reads, before anything else: a pool Azure
  // will not resize (e.g. on a managed image) is stopped here, and its resize errors are shown.
  const inventory = await freshInventory(ctx, chosen.accountId, chosen.imageId);
  const pool = inventory.poolsById.get(armIdKey(chosen.id)) ?? chosen;
  const account = inventory.account(pool.accountId);
  const notes = resizeErrorLines(pool);
  const current = runRules(livePoolToSpec(pool), { account, inventory, now: new Date() });
  const blocking = current.filter((f) => f.severity === 'error');
  // Errors (or resize errors to read) come first; warnings are shown with the planned counts below.
  if (blocking.length > 0) await reviewFindings(ctx, titled, blocking, vscode.l10n.t('Resize'), 'resize', notes);
  const fixed = pool.scale.kind === 'fixed' ? pool.scale : undefined;
  if (!fixed) {
    await ctx.ui().confirm(vscode.l10n.t('Pool {0} autoscales.', pool.name), {
      detail: vscode.l10n.t('Resizing gives it a fixed scale: its autoscale formula is removed.'),
      confirmLabel: vscode.l10n.t('Resize to a Fixed Size'),
    });
  }
  // Without blocking findings the first prompt carries the resize errors.
  const firstPrompt = blocking.length === 0 && notes.length > 0 ? notes.join(' · ') : undefined;
  const dedicated = Number(
    await ctx.ui().inputBox({
      title: `${TITLE}: dedicated nodes`,
      prompt: firstPrompt,
      value: String(fixed?.targetDedicatedNodes ?? pool.currentDedicatedNodes),
      validate: (v) => nodeCountProblem(v, 'dedicated node count'),
    }),
  );
  const spot = Number(await ctx.ui().inputBox({ title: `${TITLE}: Spot/low-priority nodes`, value: String(fixed?.targetLowPriorityNodes ?? pool.currentLowPriorityNodes), validate: (v) => nodeCountProblem(v, 'Spot/low-priority node count') }));
  let resizeTimeout = fixed?.resizeTimeout;
  if (account && pool.imageId) {
    const draft: PoolPlan = { account, poolId: pool.name, imageId: pool.imageId, vmSize: pool.vmSize, nodeAgentSkuId: pool.nodeAgentSkuId ?? '', scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot } };
    resizeTimeout = recommendedResizeTimeout(ctx, draft);
  }
  resizeTimeout = (await ctx.ui().inputBox({ title: `${TITLE}: resizeTimeout`, value: resizeTimeout ?? 'PT15M', validate: isoDurationProblem })).trim();

  // The resize as it will be sent, judged again (node limits, timeouts); what was accepted above is not asked twice.
  const planned: LivePool = { ...pool, scale: { kind: 'fixed', targetDedicatedNodes: dedicated, targetLowPriorityNodes: spot, resizeTimeout } };
  await preflight(ctx, livePoolToSpec(planned), account, { title: titled, proceedLabel: vscode.l10n.t('Resize'), kind: 'resize', accepted: blocking });

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

