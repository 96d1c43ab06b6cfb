// "Delete Image": a managed image, after a modal confirmation naming it. The seed says a pool's
// image must exist for the pool's lifetime: when pools still use it, they are listed and the user
// types the image name to go ahead.
import * as l10n from '@vscode/l10n';
import { deleteImage, readFresh } from '../azure';
import { armIdKey, type LivePool } from '../model';
import { UserCancelledError } from './registerCommand';
import { pickManagedImage } from './steps/pickers';
import { argumentResourceId } from './steps/resources';
import { refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const DELETE_IMAGE_COMMAND = 'azureBatchImages.deleteImage';

export async function deleteImageCommand(ctx: WorkflowContext, arg?: unknown): Promise<boolean> {
  const inventory = ctx.services.inventory.current;
  const id = argumentResourceId(arg);
  const image = (id && inventory.imagesById.get(armIdKey(id))) || (await pickManagedImage(ctx, l10n.t('Delete Image: managed image')));
  // The guard and the target are read fresh from Resource Manager, not from the loaded lists
  // (Batch accounts may come from Resource Graph's index, which lags): the image as Azure has it
  // now, and every pool of its subscription's accounts that names it.
  const checking = l10n.t('Checking image {0} and the pools that use it', image.name);
  let fresh: { exists: boolean; pools: LivePool[] };
  try {
    const clients = await ctx.services.azure();
    fresh = await withCancellableProgress(checking, l10n.t('nothing is deleted yet'), async (signal) => {
      const [current, pools] = await Promise.all([readFresh(clients, { resource: image.id }, signal), readFresh(clients, { poolsUsingImage: image.id }, signal)]);
      return { exists: current !== undefined, pools };
    });
  } catch (error) {
    reportFailure(ctx, checking, error);
    return false;
  }
  if (!fresh.exists) {
    // Deleted elsewhere: nothing to delete; the explorer stops showing it at once.
    ctx.services.inventory.recordDeleted?.('images', image.id);
    void ctx.ui().showInformation(l10n.t('Managed image {0} no longer exists in Azure; nothing was deleted.', image.name));
    return false;
  }
  const pools = fresh.pools;
  if (pools.length > 0) {
    const names = pools.map((p) => `${p.name} (${p.accountId.split('/').pop() ?? l10n.t('unknown account')})`);
    await ctx.ui().confirm(l10n.t('{0} pool(s) still use image {1}: {2}.', pools.length, image.name, names.join(', ')), {
      detail: l10n.t('A pool\'s custom image must exist for the pool\'s lifetime: after deleting it, these pools cannot scale or resize (AllocationFailed).'),
      confirmLabel: l10n.t('Continue…'),
      destructive: true,
    });
    await ctx.ui().inputBox({
      title: l10n.t('Delete Image: type the image name to confirm'),
      prompt: l10n.t('Type {0} to delete it although pools use it', image.name),
      validate: (v) => (v === image.name ? undefined : l10n.t('Type {0} exactly.', image.name)),
    });
  } else {
    await ctx.ui().confirm(l10n.t('Delete managed image {0}?', image.name), { detail: l10n.t('Resource group {0}, {1}. This cannot be undone.', image.resourceGroup, image.location), confirmLabel: l10n.t('Delete'), destructive: true });
  }
  const what = l10n.t('Deleting image {0}', image.name);
  try {
    const clients = await ctx.services.azure();
    await withCancellableProgress(what, l10n.t('Cancelling stops waiting; Azure still deletes the image'), (signal) => deleteImage(clients, image.id, { signal }));
    // Gone now, whatever an index still lists for a while.
    ctx.services.inventory.recordDeleted?.('images', image.id);
    await refreshAndReveal(ctx, { subscriptionId: image.subscriptionId });
    void ctx.ui().showInformation(l10n.t('Deleted managed image {0}.', image.name));
    return true;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, what, error, l10n.t('Azure still deletes the image; refresh the explorer to see when it is gone.'));
    return false;
  }
}
