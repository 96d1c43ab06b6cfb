// "Delete Pool": after a confirmation naming the pool, its account and its nodes (Enter keeps the pool).
import * as l10n from '@vscode/l10n';
import { deletePool, readFresh } from '../azure';
import { armIdKey, type LivePool } from '../model';
import { UserCancelledError } from './registerCommand';
import { pickPool } from './steps/pickers';
import { argumentResourceId } from './steps/resources';
import { refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const DELETE_POOL_COMMAND = 'azureBatchImages.deletePool';

export async function deletePoolCommand(ctx: WorkflowContext, arg?: unknown): Promise<boolean> {
  const inventory = ctx.services.inventory.current;
  const id = argumentResourceId(arg);
  const listed = (id && inventory.poolsById.get(armIdKey(id))) || (await pickPool(ctx, l10n.t('Delete Pool: pool')));
  const account = inventory.account(listed.accountId)?.name ?? listed.accountId;
  // The target is read fresh before the confirmation: its nodes now, or that it is already gone.
  const checking = l10n.t('Reading pool {0}', listed.name);
  let pool: LivePool | undefined;
  try {
    const clients = await ctx.services.azure();
    pool = await withCancellableProgress(checking, l10n.t('nothing is deleted yet'), (signal) => readFresh(clients, { pool: listed.id }, signal));
  } catch (error) {
    reportFailure(ctx, checking, error);
    return false;
  }
  if (!pool) {
    void ctx.ui().showInformation(l10n.t('Pool {0} of {1} no longer exists in Azure; nothing was deleted.', listed.name, account));
    await refreshAndReveal(ctx, { accountId: listed.accountId });
    return false;
  }
  const nodes = pool.currentDedicatedNodes + pool.currentLowPriorityNodes;
  await ctx.ui().confirm(l10n.t('Delete pool {0} of Batch account {1}?', pool.name, account), {
    detail: l10n.t('Its {0} node(s) are removed and running tasks stop. This cannot be undone.', nodes),
    confirmLabel: l10n.t('Delete'),
    destructive: true,
  });
  const what = l10n.t('Deleting pool {0}', pool.name);
  try {
    const clients = await ctx.services.azure();
    await withCancellableProgress(what, l10n.t('Cancelling stops waiting; Azure still deletes the pool'), (signal) => deletePool(clients, pool.id, { signal }));
    await refreshAndReveal(ctx, { accountId: pool.accountId });
    void ctx.ui().showInformation(l10n.t('Deleted pool {0} of {1}.', pool.name, account));
    return true;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, what, error, l10n.t('Azure still deletes the pool; refresh the explorer to see when it is gone.'));
    return false;
  }
}
