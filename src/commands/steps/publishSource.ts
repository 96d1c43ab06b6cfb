// What "Publish Image to Azure Compute Gallery…" publishes: a managed image, or an OS-disk snapshot
// with optional data-disk snapshots. Both come down to the same facts for the later questions
// (where it lives, OS, generation, plan, security) and to the version's storage profile.
import * as l10n from '@vscode/l10n';
import type { GalleryVersionSourceInput } from '../../azure';
import {
  armIdKey,
  parseArmId,
  securityTypeForSource,
  type GallerySecurityType,
  type Inventory,
  type ManagedImage,
  type OsType,
  type PurchasePlan,
  type Snapshot,
} from '../../model';
import type { PickItem } from '../../ui';
import type { WorkflowContext } from '../workflowContext';
import { askDataDiskSnapshots, type DataDiskSnapshot } from './dataDiskSnapshots';
import { pickManagedImage, pickOsSnapshot } from './pickers';
import { argumentResourceId } from './resources';

export type PublishSource =
  | { kind: 'image'; image: ManagedImage }
  | { kind: 'snapshots'; os: Snapshot; osType: OsType; dataDisks: DataDiskSnapshot[] };

/** What the wizard carries over from the source. */
export interface SourceFacts {
  /** The managed image or the OS-disk snapshot. */
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  osType: OsType;
  osState: 'Generalized' | 'Specialized';
  hyperVGeneration: 'V1' | 'V2';
  purchasePlan?: PurchasePlan;
  /** The security type a new definition needs for this source. */
  securityType: GallerySecurityType;
  /** "managed image img-x" / "snapshot snap-x (+ 2 data disks)". */
  description: string;
}

export function sourceFacts(inventory: Inventory, source: PublishSource): SourceFacts {
  if (source.kind === 'image') {
    const image = source.image;
    // A managed image records neither plan nor security; its OS disk's source does.
    const osSource = image.sources.find((s) => s.role === 'os' && s.id)?.id;
    const disk = osSource ? (inventory.snapshotsById.get(armIdKey(osSource)) ?? inventory.disksById.get(armIdKey(osSource))) : undefined;
    return {
      id: image.id,
      name: image.name,
      subscriptionId: image.subscriptionId,
      resourceGroup: image.resourceGroup,
      location: image.location,
      osType: image.osType,
      osState: image.osState === 'Specialized' ? 'Specialized' : 'Generalized',
      hyperVGeneration: image.hyperVGeneration === 'V2' ? 'V2' : 'V1',
      purchasePlan: disk?.purchasePlan,
      securityType: securityTypeForSource(disk),
      description: l10n.t('managed image {0}', image.name),
    };
  }
  const { os, dataDisks } = source;
  const p = parseArmId(os.id);
  return {
    id: os.id,
    name: os.name,
    subscriptionId: p?.subscriptionId ?? '',
    resourceGroup: p?.resourceGroup ?? '',
    location: os.location,
    osType: source.osType,
    // A snapshot does not record it; Batch pools need generalized images.
    osState: 'Generalized',
    hyperVGeneration: os.hyperVGeneration === 'V2' ? 'V2' : 'V1',
    purchasePlan: os.purchasePlan ?? dataDisks.find((d) => d.snapshot.purchasePlan)?.snapshot.purchasePlan,
    securityType: securityTypeForSource(os),
    description:
      dataDisks.length === 0
        ? l10n.t('snapshot {0}', os.name)
        : dataDisks.length === 1
          ? l10n.t('snapshot {0} (+ 1 data disk)', os.name)
          : l10n.t('snapshot {0} (+ {1} data disks)', os.name, dataDisks.length),
  };
}

/** The storage profile the version is created with. */
export function versionSource(source: PublishSource): GalleryVersionSourceInput {
  if (source.kind === 'image') return { sourceId: source.image.id };
  return { diskSources: { osDiskId: source.os.id, dataDisks: source.dataDisks.map((d) => ({ lun: d.lun, id: d.snapshot.id })) } };
}

/**
 * The source from a command argument (a managed image or snapshot node, or its id), or asked:
 * first which kind, then the image, or the OS-disk snapshot and its data-disk snapshots.
 */
export async function askPublishSource(ctx: WorkflowContext, title: string, arg: unknown): Promise<PublishSource> {
  const inventory = ctx.services.inventory.current;
  const id = argumentResourceId(arg);
  const image = id ? inventory.imagesById.get(armIdKey(id)) : undefined;
  if (image) return { kind: 'image', image };
  const snapshot = id ? inventory.snapshotsById.get(armIdKey(id)) : undefined;
  if (snapshot) return snapshotSource(ctx, title, snapshot);
  const items: PickItem<'image' | 'snapshots'>[] = [
    { label: l10n.t('Managed image'), description: l10n.t('publish an existing managed image'), data: 'image' },
    { label: l10n.t('Snapshots'), description: l10n.t('an OS-disk snapshot and optional data-disk snapshots, without a managed image'), data: 'snapshots' },
  ];
  const kind = (await ctx.ui().pickOne(items, { title: `${title}: source`, placeHolder: l10n.t('What the image version is made from') })).data;
  if (kind === 'image') return { kind: 'image', image: await pickManagedImage(ctx, l10n.t('{0}: managed image', title), (i) => i.provisioningState === 'Succeeded') };
  return snapshotSource(ctx, title, await pickOsSnapshot(ctx, l10n.t('{0}: OS-disk snapshot', title)));
}

async function snapshotSource(ctx: WorkflowContext, title: string, os: Snapshot): Promise<PublishSource> {
  const dataDisks = await askDataDiskSnapshots(ctx, os, title);
  // A snapshot of a data disk records no OS type: ask rather than guess.
  const osType =
    os.osType ??
    (
      await ctx.ui().pickOne<OsType>(
        [
          { label: 'Linux', data: 'Linux' },
          { label: 'Windows', data: 'Windows' },
        ],
        { title: l10n.t('{0}: OS type', title), placeHolder: l10n.t('{0} records no OS type', os.name) },
      )
    ).data;
  return { kind: 'snapshots', os, osType, dataDisks };
}
