// "Create Image from Snapshots…": a managed image from an OS-disk snapshot and optional data-disk
// snapshots of the same region — the seed's recommended way to build a custom image.
import * as l10n from '@vscode/l10n';
import { checkBeforeCreateImage, createImageFromSnapshots as createImage, createResourceGroup, deleteImage, deleteResourceGroup, StaleStateError, type AzureClients } from '../azure';
import { armIdKey, managedImageId, parseArmId, type ManagedImage, type OsType, type Snapshot } from '../model';
import type { PickItem } from '../ui';
import { UserCancelledError } from './registerCommand';
import { askDataDiskSnapshots } from './steps/dataDiskSnapshots';
import { confirmSummary } from './steps/summary';
import { pickOsSnapshot } from './steps/pickers';
import { argumentResourceId, imageNamesIn, knownResourceGroups } from './steps/resources';
import { showFreshState } from './steps/staleState';
import { imageNameProblem, resourceGroupNameProblem } from './steps/validation';
import { announce, refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const CREATE_IMAGE_COMMAND = 'azureBatchImages.createImageFromSnapshots';
const TITLE = (): string => l10n.t('Create Image from Snapshots');

interface CreateImageState {
  osSnapshot: Snapshot;
  subscriptionId: string;
  dataDisks: { lun: number; snapshot: Snapshot }[];
  resourceGroup: string;
  newResourceGroup: boolean;
  name: string;
  osType: OsType;
  osState: 'Generalized' | 'Specialized';
  hyperVGeneration: 'V1' | 'V2';
  zoneResilient: boolean;
}

export async function createImageFromSnapshotsCommand(ctx: WorkflowContext, arg?: unknown): Promise<string | undefined> {
  const inventory = ctx.services.inventory.current;
  const fromNode = argumentResourceId(arg);
  const osSnapshot = (fromNode && inventory.snapshotsById.get(armIdKey(fromNode))) || (await pickOsSnapshot(ctx));
  const subscriptionId = parseArmId(osSnapshot.id)?.subscriptionId ?? '';
  const state: Partial<CreateImageState> & Pick<CreateImageState, 'osSnapshot' | 'subscriptionId'> = { osSnapshot, subscriptionId };

  state.dataDisks = await askDataDiskSnapshots(ctx, osSnapshot, TITLE());
  const rg = await askResourceGroup(ctx, osSnapshot, subscriptionId);
  state.resourceGroup = rg.name;
  state.newResourceGroup = rg.isNew;
  const existing = imageNamesIn(inventory, subscriptionId, rg.name);
  state.name = await ctx.ui().inputBox({
    title: l10n.t('{0}: image name', TITLE()),
    prompt: l10n.t('Name of the managed image in resource group {0}', rg.name),
    value: suggestName(osSnapshot.name, existing),
    validate: (v) => imageNameProblem(v, existing, rg.name),
  });
  state.osType = await pickValue<OsType>(ctx, l10n.t('{0}: OS type', TITLE()), osSnapshot.osType ?? 'Linux', ['Linux', 'Windows'], osSnapshot.osType ? l10n.t('from the snapshot') : undefined);
  state.osState = await pickValue<'Generalized' | 'Specialized'>(ctx, l10n.t('{0}: OS state', TITLE()), 'Generalized', ['Generalized', 'Specialized'], l10n.t('Batch needs generalized images'));
  const generation: 'V1' | 'V2' = osSnapshot.hyperVGeneration === 'V2' ? 'V2' : 'V1';
  state.hyperVGeneration = await pickValue<'V1' | 'V2'>(ctx, l10n.t('{0}: Hyper-V generation', TITLE()), generation, ['V1', 'V2'], osSnapshot.hyperVGeneration ? l10n.t('from the snapshot') : undefined);
  const [no, yes] = [l10n.t('No'), l10n.t('Yes')];
  state.zoneResilient = (await pickValue(ctx, l10n.t('{0}: zone resilience', TITLE()), no, [no, yes], undefined)) === yes;

  // The seed: a base image with a purchase plan has extra terms, and Batch pools on such images fail.
  const planned = [osSnapshot, ...state.dataDisks.map((d) => d.snapshot)].filter((s) => s.purchasePlan);
  if (planned.length > 0) {
    const plan = planned[0].purchasePlan;
    await ctx.ui().confirm(l10n.t('Snapshot {0} carries a purchase plan ({1}/{2}/{3}).', planned[0].name, String(plan?.publisher), String(plan?.product), String(plan?.name)), {
      detail: l10n.t('Images from third-party base images with a purchase plan cannot be used for Batch custom image pools without the plan. Create the image anyway?'),
      confirmLabel: l10n.t('Create Anyway'),
    });
  }
  const ready = state as CreateImageState;
  await confirmSummary(
    ctx,
    TITLE(),
    [
      { name: l10n.t('OS disk snapshot'), value: osSnapshot.name },
      { name: l10n.t('Data disk snapshots'), value: ready.dataDisks.length ? ready.dataDisks.map((d) => `LUN ${d.lun}: ${d.snapshot.name}`).join(', ') : l10n.t('none') },
      { name: l10n.t('Resource group'), value: ready.newResourceGroup ? l10n.t('{0} (new)', ready.resourceGroup) : ready.resourceGroup },
      { name: l10n.t('Image name'), value: ready.name },
      { name: l10n.t('Region'), value: osSnapshot.location },
      { name: l10n.t('OS'), value: `${ready.osType}, ${ready.osState}, Hyper-V ${ready.hyperVGeneration}` },
      { name: l10n.t('Zone resilient'), value: ready.zoneResilient ? l10n.t('Yes') : l10n.t('No') },
    ],
    l10n.t('Create Image'),
  );
  return run(ctx, ready);
}

function suggestName(snapshotName: string, existing: readonly string[]): string {
  const base = `img-${snapshotName.replace(/^snap-?/, '')}`.slice(0, 76).replace(/[.-]+$/, '');
  let name = base;
  for (let i = 2; existing.some((e) => e.toLowerCase() === name.toLowerCase()); i++) name = `${base}-${i}`;
  return name;
}

async function pickValue<T extends string>(ctx: WorkflowContext, title: string, preselected: T, values: readonly T[], note: string | undefined): Promise<T> {
  const ordered = [preselected, ...values.filter((v) => v !== preselected)];
  const items: PickItem<T>[] = ordered.map((v, i) => ({ label: v, description: i === 0 ? note : undefined, data: v }));
  return (await ctx.ui().pickOne(items, { title })).data;
}

async function askResourceGroup(ctx: WorkflowContext, os: Snapshot, subscriptionId: string): Promise<{ name: string; isNew: boolean }> {
  const own = parseArmId(os.id)?.resourceGroup ?? '';
  const groups = knownResourceGroups(ctx.services.inventory.current, subscriptionId).filter((g) => g.toLowerCase() !== own.toLowerCase());
  const NEW = '\u0000new';
  const items: PickItem<string>[] = [
    { label: own, description: l10n.t('the snapshot\'s resource group'), data: own },
    ...groups.map((g) => ({ label: g, data: g })),
    { label: l10n.t('$(add) New resource group…'), data: NEW },
  ];
  const picked = await ctx.ui().pickOne(items, { title: l10n.t('{0}: resource group', TITLE()), placeHolder: l10n.t('Where the image is created') });
  if (picked.data !== NEW) return { name: picked.data, isNew: false };
  const known = knownResourceGroups(ctx.services.inventory.current, subscriptionId);
  const name = await ctx.ui().inputBox({
    title: l10n.t('{0}: new resource group', TITLE()),
    prompt: l10n.t('Created in {0}', os.location),
    value: 'rg-batch-images',
    validate: (v) => resourceGroupNameProblem(v),
  });
  return { name, isNew: !known.some((k) => k.toLowerCase() === name.toLowerCase()) };
}

async function run(ctx: WorkflowContext, s: CreateImageState): Promise<string | undefined> {
  const id = managedImageId(s.subscriptionId, s.resourceGroup, s.name);
  let clients: AzureClients | undefined;
  let started = false;
  try {
    clients = await ctx.services.azure();
    const c = clients;
    const image: ManagedImage = await withCancellableProgress(l10n.t('Creating image {0}', s.name), l10n.t('Cancelling stops waiting; Azure may still finish creating the image'), async (signal, report) => {
      // The snapshots and the free name as Azure has them now, not as the inventory loaded them:
      // nothing (not even the resource group) is written when one vanished or changed.
      report(l10n.t('Checking the snapshots and the image name…'));
      await checkBeforeCreateImage(c, { snapshots: [s.osSnapshot, ...s.dataDisks.map((d) => d.snapshot)], imageId: id }, signal);
      if (s.newResourceGroup) {
        report(l10n.t('Creating resource group {0}…', s.resourceGroup));
        await createResourceGroup(c, s.subscriptionId, s.resourceGroup, s.osSnapshot.location, { signal });
      }
      report(l10n.t('Creating the image from {0} snapshot(s)…', 1 + s.dataDisks.length));
      started = true;
      return createImage(
        c,
        {
          subscriptionId: s.subscriptionId,
          resourceGroup: s.resourceGroup,
          name: s.name,
          location: s.osSnapshot.location,
          osType: s.osType,
          osState: s.osState,
          hyperVGeneration: s.hyperVGeneration,
          zoneResilient: s.zoneResilient,
          osSnapshotId: s.osSnapshot.id,
          dataSnapshots: s.dataDisks.map((d) => ({ lun: d.lun, snapshotId: d.snapshot.id })),
        },
        { signal },
      );
    });
    // Shown at once from the operation's result, before an index lists it.
    ctx.services.inventory.recordCreated?.('images', { ...image });
    await refreshAndReveal(ctx, { subscriptionId: s.subscriptionId }, image.id);
    announce(ctx, l10n.t('Created managed image {0} in {1}.', image.name, image.location), image.id);
    return image.id;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    if (error instanceof StaleStateError) {
      showFreshState(ctx, error);
      reportFailure(ctx, l10n.t('Creating image {0}', s.name), error);
      return undefined;
    }
    const cancelled = (error as { code?: string }).code === 'Cancelled';
    if (clients && !cancelled) await undo(ctx, clients, s, started ? id : undefined);
    reportFailure(ctx, l10n.t('Creating image {0}', s.name), error, l10n.t('Azure may still finish creating the image; refresh the explorer to see it.'));
    await ctx.services.inventory.refresh({ subscriptionId: s.subscriptionId });
    return undefined;
  }
}

/** A failed creation leaves a Failed image (and maybe the group we made): remove both. */
async function undo(ctx: WorkflowContext, clients: AzureClients, s: CreateImageState, imageId: string | undefined): Promise<void> {
  try {
    if (imageId) await deleteImage(clients, imageId).catch((e: unknown) => {
      // Nothing to remove when Azure refused the request outright.
      if ((e as { code?: string }).code !== 'ResourceNotFound') throw e;
    });
    if (s.newResourceGroup) await deleteResourceGroup(clients, s.subscriptionId, s.resourceGroup);
  } catch (error) {
    ctx.services.log.warn(l10n.t('Cleaning up after the failed image creation: {0}', error instanceof Error ? error.message : String(error)));
  }
}
