// Backing resources of a managed image: do they still exist, how was the image made, who else uses it.
import * as l10n from '@vscode/l10n';
import { armIdKey, known, parseArmId, type Inventory, type ManagedImage, type PoolSpec, type PurchasePlan, type VirtualMachine } from '../model';
import { perInventoryCache } from './perInventoryCache';
import { resolveImage } from './resolve';
import { listNames, MAX_LISTED_POOLS, poolsSharingManagedImage } from './sharing';
import { poolLabel, scaleMode, targetCounts } from './specFacts';
import type { Finding, RelatedLocation, RuleContext } from './types';

function shortName(id: string): string {
  return parseArmId(id)?.name ?? id;
}

export function imageSourceDeleted(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const image = resolveImage(spec, ctx.inventory).managedImage;
  if (!image) return [];
  const deleted = ctx.inventory.imageSources(image.id).filter((s) => s.existence === 'deleted');
  if (deleted.length === 0) return [];
  const list = deleted
    .map((d) => `${d.source.role === 'os' ? 'OS' : l10n.t('data (LUN {0})', d.source.lun ?? '?')} ${d.source.kind} '${shortName(d.source.id ?? '')}'`)
    .join(', ');
  return [
    {
      code: 'image-source-deleted',
      severity: 'warning',
      message:
        l10n.t('The managed image \'{0}\' was made from resources that no longer exist: {1}. The resource behind a managed image must exist for the lifetime of every pool using it; otherwise pool allocation and resizes can fail (AllocationFailed). Recreate the image from existing snapshots, or move to an Azure Compute Gallery image.', image.name, list),
      range: spec.imageId?.range,
      related: deleted.map((d) => ({ message: l10n.t('Deleted {0}', d.source.kind), resourceId: d.source.id })),
    },
  ];
}

/** Node count at which the seed's "hundreds of VMs" advice becomes pressing. */
export const SNAPSHOT_EMPHASIS_NODES = 100;

export function imageNotFromSnapshots(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const image = resolveImage(spec, ctx.inventory).managedImage;
  if (!image) return [];
  const bad = image.sources.filter((s) => s.kind === 'vm' || s.kind === 'blob');
  if (bad.length === 0) return [];
  const how = bad.some((s) => s.kind === 'vm') ? l10n.t('a generalized VM') : l10n.t('a VHD blob');
  const total = scaleMode(spec) === 'fixed' ? targetCounts(spec).total : 0;
  const emphasis =
    total >= SNAPSHOT_EMPHASIS_NODES
      ? l10n.t(' This matters here: {0} targets {1} nodes, and for pools of hundreds of VMs an image made from snapshots is important.', poolLabel(spec), total)
      : '';
  return [
    {
      code: 'image-not-from-snapshots',
      severity: 'warning',
      message:
        l10n.t('The managed image \'{0}\' was made from {1}, not from snapshots of the VM\'s disks. To scale Batch pools reliably, create the image from an OS-disk snapshot (plus optional data-disk snapshots).{2}', image.name, how, emphasis),
      range: spec.imageId?.range,
    },
  ];
}

export function imageSharedByPools(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const r = resolveImage(spec, ctx.inventory);
  const sharing = poolsSharingManagedImage(spec, ctx, r);
  const count = sharing.live.length + sharing.specCount;
  if (count === 0 || !r.info) return [];
  const related: RelatedLocation[] = [
    ...sharing.live.slice(0, MAX_LISTED_POOLS).map((p) => ({ message: l10n.t('Pool \'{0}\' uses the same image', p.name), resourceId: p.id })),
    ...sharing.specs.slice(0, MAX_LISTED_POOLS).map((s) => ({
      message: l10n.t('Pool \'{0}\' uses the same image', known(s.name) ?? l10n.t('(unnamed)')),
      range: s.range && s.name?.range ? s.name.range : s.range,
      source: s.source,
    })),
  ].slice(0, MAX_LISTED_POOLS);
  const names = [...sharing.live.map((p) => p.name), ...sharing.specs.map((s) => known(s.name) ?? l10n.t('(unnamed)'))];
  const viaSnapshot =
    sharing.siblingImages.length > 0
      ? l10n.t(' (including images made from the same OS snapshot: {0})', sharing.siblingImages.map((i) => i.name).join(', '))
      : '';
  return [
    {
      code: 'image-shared-by-pools',
      severity: 'warning',
      message:
        (count === 1
          ? l10n.t('The managed image \'{0}\' is also used by pool {1}{2}.', r.info.name, listNames(names, count), viaSnapshot)
          : l10n.t('The managed image \'{0}\' is also used by pools {1}{2}.', r.info.name, listNames(names, count), viaSnapshot)) +
        ' ' +
        l10n.t('Use a unique custom image for each pool: pools sharing an image (or its snapshot) share the custom-image node limits.'),
      range: spec.imageId?.range,
      related,
    },
  ];
}

/** Purchase plans on the snapshots / disks behind a managed image (asked for every pool on every keystroke). */
const plansCache = perInventoryCache<readonly { id: string; plan: PurchasePlan }[]>();

function plansBehindImage(image: ManagedImage, inv: Inventory): readonly { id: string; plan: PurchasePlan }[] {
  return plansCache(inv, image.id, () => computePlansBehindImage(image, inv));
}

function computePlansBehindImage(image: ManagedImage, inv: Inventory): { id: string; plan: PurchasePlan }[] {
  const out: { id: string; plan: PurchasePlan }[] = [];
  for (const s of image.sources) {
    if (!s.id) continue;
    const key = armIdKey(s.id);
    const res = s.kind === 'snapshot' ? inv.snapshotsById.get(key) : s.kind === 'disk' ? inv.disksById.get(key) : undefined;
    if (res?.purchasePlan) out.push({ id: s.id, plan: res.purchasePlan });
  }
  return out;
}

function describePlan(p: PurchasePlan): string {
  return `${p.publisher}/${p.product}/${p.name}`;
}

export function baseImagePurchasePlan(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const r = resolveImage(spec, ctx.inventory);
  const inv = ctx.inventory;
  if (r.managedImage) {
    const plans = plansBehindImage(r.managedImage, inv);
    if (plans.length === 0) return [];
    return [
      {
        code: 'base-image-purchase-plan',
        severity: 'error',
        message:
          l10n.t('The managed image \'{0}\' comes from a third-party base image with purchase plan {1} (on \'{2}\'). Base images with extra license and purchase terms cannot be used for Batch custom images; rebuild the image from a first-party Marketplace image supported by Batch.', r.managedImage.name, describePlan(plans[0].plan), shortName(plans[0].id)),
        range: spec.imageId?.range,
        related: plans.map((p) => ({ message: l10n.t('Carries purchase plan {0}', describePlan(p.plan)), resourceId: p.id })),
      },
    ];
  }
  if (r.definition && r.version?.sourceId && !r.definition.purchasePlan) {
    const src = r.version.sourceId;
    const key = armIdKey(src);
    const image = inv.imagesById.get(key);
    // The source is a managed image, a snapshot, a disk, or a VM (whose OS disk carries the plan).
    const vmOsDisk = inv.virtualMachinesById.get(key)?.osDiskId;
    const plan = image
      ? plansBehindImage(image, inv)[0]?.plan
      : (inv.snapshotsById.get(key)?.purchasePlan ??
        inv.disksById.get(key)?.purchasePlan ??
        (vmOsDisk ? inv.disksById.get(armIdKey(vmOsDisk))?.purchasePlan : undefined));
    if (!plan) return [];
    return [
      {
        code: 'base-image-purchase-plan',
        severity: 'warning',
        message:
          l10n.t('The gallery image version \'{0}\' was made from \'{1}\', which carries purchase plan {2}, but the image definition declares no purchasePlan. Batch needs the plan on the definition to deploy third-party images; recreate the definition with the purchase plan.', r.version.name, shortName(src), describePlan(plan)),
        range: spec.imageId?.range,
        related: [{ message: l10n.t('Source with purchase plan {0}', describePlan(plan)), resourceId: src }],
      },
    ];
  }
  return [];
}

/** The VMs behind an image: a VM source directly, or the VM a source disk / the snapshot's disk is attached to. */
function sourceVms(image: ManagedImage, inv: Inventory): VirtualMachine[] {
  const out = new Map<string, VirtualMachine>();
  const addVm = (id: string | undefined) => {
    if (!id) return;
    const vm = inv.virtualMachinesById.get(armIdKey(id));
    if (vm) out.set(armIdKey(vm.id), vm);
  };
  const fromDisk = (id: string | undefined) => {
    if (!id) return;
    const vm = inv.virtualMachineOfDisk(id);
    if (vm) out.set(armIdKey(vm.id), vm);
  };
  for (const s of image.sources) {
    if (!s.id) continue;
    if (s.kind === 'vm') addVm(s.id);
    else if (s.kind === 'disk') fromDisk(s.id);
    else if (s.kind === 'snapshot') fromDisk(inv.snapshotsById.get(armIdKey(s.id))?.sourceResourceId);
  }
  return [...out.values()];
}

export function sourceVmHasExtensions(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const image = resolveImage(spec, ctx.inventory).managedImage;
  if (!image) return [];
  const vms = sourceVms(image, ctx.inventory).filter((vm) => vm.extensions.length > 0);
  if (vms.length === 0) return [];
  const vm = vms[0];
  const exts = vm.extensions.map((e) => `${e.name} (${e.publisher}.${e.type})`).join(', ');
  return [
    {
      code: 'source-vm-has-extensions',
      severity: 'warning',
      message:
        l10n.t('The VM \'{0}\' behind the managed image \'{1}\' has VM extensions installed: {2}. An image with pre-installed Azure extensions (such as Custom Script) can cause problems when Batch deploys the pool. Remove the extensions from the VM, take new snapshots and recreate the image.', shortName(vm.id), image.name, exts),
      range: spec.imageId?.range,
      related: vms.map((v) => ({ message: l10n.t('VM with extensions'), resourceId: v.id })),
    },
  ];
}
