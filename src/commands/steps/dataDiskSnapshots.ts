// The optional data-disk snapshots of an image (Create Image from Snapshots, Publish from
// snapshots): same subscription, the OS-disk snapshot's region only, LUNs in order and editable.
import * as l10n from '@vscode/l10n';
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
      candidates.map((s) => snapshotItem(s, sameRegion(s.location, os.location) ? '' : l10n.t('other region than {0} · ', os.location))),
      { title: l10n.t('{0}: data-disk snapshots (optional)', title), placeHolder: l10n.t('Snapshots in {0}; pick none for an image without data disks', os.location) },
    );
    const foreign = picked.filter((p) => !sameRegion(p.data.location, os.location));
    if (foreign.length > 0) {
      // Azure refuses disks of one image in different regions; say so and ask again.
      void ctx.ui().showWarning(l10n.t('Data-disk snapshots must be in {0}, the OS-disk snapshot\'s region: {1}.', os.location, foreign.map((f) => l10n.t('{0} is in {1}', f.data.name, f.data.location)).join(', ')));
      continue;
    }
    if (picked.length === 0) return [];
    const value = await ctx.ui().inputBox({
      title: l10n.t('{0}: data-disk LUNs', title),
      prompt: l10n.t('LUNs for {0}, in that order', picked.map((p) => p.data.name).join(', ')),
      value: picked.map((_, i) => String(i)).join(', '),
      validate: (v) => parseLuns(v, picked.length).problem,
    });
    const luns = parseLuns(value, picked.length).luns ?? [];
    return picked.map((p, i) => ({ lun: luns[i], snapshot: p.data }));
  }
}
