// "Delete Image": a managed image, after a modal confirmation naming it. The seed says a pool's
// image must exist for the pool's lifetime: when pools still use it, they are listed and the user
// types the image name to go ahead.
import { deleteImage } from '../azure';
import { armIdKey } from '../model';
import { UserCancelledError } from './registerCommand';
import { pickManagedImage } from './steps/pickers';
import { argumentResourceId } from './steps/resources';
import { refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const DELETE_IMAGE_COMMAND = 'azureBatchImages.deleteImage';

export async function deleteImageCommand(ctx: WorkflowContext, arg?: unknown): Promise<boolean> {
  const inventory = ctx.services.inventory.current;
  const id = argumentResourceId(arg);
  const image = (id && inventory.imagesById.get(armIdKey(id))) || (await pickManagedImage(ctx, 'Delete Image: managed image'));
  const pools = inventory.poolsByImageId(image.id);
  if (pools.length > 0) {
    const names = pools.map((p) => `${p.name} (${inventory.account(p.accountId)?.name ?? 'unknown account'})`);
    await ctx.ui().confirm(`${pools.length} pool(s) still use image ${image.name}: ${names.join(', ')}.`, {
      detail: 'A pool\'s custom image must exist for the pool\'s lifetime: after deleting it, these pools cannot scale or resize (AllocationFailed).',
      confirmLabel: 'Continue…',
    });
    await ctx.ui().inputBox({
      title: 'Delete Image: type the image name to confirm',
      prompt: `Type ${image.name} to delete it although pools use it`,
      validate: (v) => (v === image.name ? undefined : `Type ${image.name} exactly.`),
    });
  } else {
    await ctx.ui().confirm(`Delete managed image ${image.name}?`, { detail: `Resource group ${image.resourceGroup}, ${image.location}. This cannot be undone.`, confirmLabel: 'Delete' });
  }
  const what = `Deleting image ${image.name}`;
  try {
    const clients = await ctx.services.azure();
    await withCancellableProgress(what, 'Cancelling stops waiting; Azure still deletes the image', (signal) => deleteImage(clients, image.id, { signal }));
    // Gone now, whatever an index still lists for a while.
    ctx.services.inventory.recordDeleted?.('images', image.id);
    await refreshAndReveal(ctx, { subscriptionId: image.subscriptionId });
    void ctx.ui().showInformation(`Deleted managed image ${image.name}.`);
    return true;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, what, error, 'Azure still deletes the image; refresh the explorer to see when it is gone.');
    return false;
  }
}
