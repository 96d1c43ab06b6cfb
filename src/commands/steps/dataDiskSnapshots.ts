// The optional data-disk snapshots of an image (Create Image from Snapshots, Publish from
// snapshots): same subscription, the OS-disk snapshot's region only, LUNs in order and editable.
import { armIdKey, parseArmId, sameRegion, type Snapshot } from '../../model';
import type { WorkflowContext } from '../workflowContext';
import { snapshotItem } from './pickers';
import { parseLuns } from './validation';

export interface DataDiskSnapshot {
  lun: number;
  snapshot: Snapshot;
}

/** Asks until the picked snapshots are all in the OS snapshot's region; none is a valid answer. */
export async function askDataDiskSnapshots(ctx: WorkflowContext, os: Snapshot, title: string): Promise<DataDiskSnapshot[]> {
  const sub = parseArmId(os.id)?.subscriptionId.toLowerCase();
  const candidates = ctx.services.inventory.current.snapshot.snapshots
    .filter((s) => armIdKey(s.id) !== armIdKey(os.id) && parseArmId(s.id)?.subscriptionId.toLowerCase() === sub)
    .sort((a, b) => Number(!sameRegion(a.location, os.location)) - Number(!sameRegion(b.location, os.location)) || a.name.localeCompare(b.name));
  if (candidates.length === 0) return [];
  for (;;) {
    const picked = await ctx.ui().pickMany(
      candidates.map((s) => snapshotItem(s, sameRegion(s.location, os.location) ? '' : `other region than ${os.location} · `)),
      { title: `${title}: data-disk snapshots (optional)`, placeHolder: `Snapshots in ${os.location}; pick none for an image without data disks` },
    );
    const foreign = picked.filter((p) => !sameRegion(p.data.location, os.location));
    if (foreign.length > 0) {
      // Azure refuses disks of one image in different regions; say so and ask again.
      void ctx.ui().showWarning(`Data-disk snapshots must be in ${os.location}, the OS-disk snapshot's region: ${foreign.map((f) => `${f.data.name} is in ${f.data.location}`).join(', ')}.`);
      continue;
    }
    if (picked.length === 0) return [];
    const value = await ctx.ui().inputBox({
      title: `${title}: data-disk LUNs`,
      prompt: `LUNs for ${picked.map((p) => p.data.name).join(', ')}, in that order`,
      value: picked.map((_, i) => String(i)).join(', '),
      validate: (v) => parseLuns(v, picked.length).problem,
    });
    const luns = parseLuns(value, picked.length).luns ?? [];
    return picked.map((p, i) => ({ lun: luns[i], snapshot: p.data }));
  }
}
