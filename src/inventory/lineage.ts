// Which VMs an image's lineage leads to, for the VM-extension lookups the loader makes when the
// subscription-wide VM list does not say which extensions a VM has.
import { armIdKey } from '../model';
import type { ManagedImage } from '../model';

/** Keys of VMs an image's lineage leads to (image -> VM, image -> disk -> VM, image -> snapshot -> disk -> VM). */
export function referencedVmKeys(
  images: readonly ManagedImage[],
  snapshots: readonly { id: string; sourceResourceId?: string }[],
  disks: readonly { id: string; managedBy?: string }[],
): Set<string> {
  const snapshotSource = new Map(snapshots.map((s) => [armIdKey(s.id), s.sourceResourceId]));
  const diskOwner = new Map(disks.map((d) => [armIdKey(d.id), d.managedBy]));
  const out = new Set<string>();
  const viaDisk = (diskId: string | undefined): void => {
    const owner = diskId ? diskOwner.get(armIdKey(diskId)) : undefined;
    if (owner) out.add(armIdKey(owner));
  };
  for (const image of images) {
    for (const src of image.sources) {
      if (!src.id) continue;
      if (src.kind === 'vm') out.add(armIdKey(src.id));
      else if (src.kind === 'disk') viaDisk(src.id);
      else if (src.kind === 'snapshot') viaDisk(snapshotSource.get(armIdKey(src.id)));
    }
  }
  return out;
}
