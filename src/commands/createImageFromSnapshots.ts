// "Create Image from Snapshots…": a managed image from an OS-disk snapshot and optional data-disk
// snapshots of the same region — the seed's recommended way to build a custom image.
import * as vscode from 'vscode';
import { createImageFromSnapshots as createImage, createResourceGroup, deleteImage, deleteResourceGroup, type AzureClients } from '../azure';
import { armIdKey, managedImageId, parseArmId, type ManagedImage, type OsType, type Snapshot } from '../model';
import type { PickItem } from '../ui';
import { UserCancelledError } from './registerCommand';
import { askDataDiskSnapshots } from './steps/dataDiskSnapshots';
import { confirmSummary } from './steps/summary';
import { pickOsSnapshot } from './steps/pickers';
import { argumentResourceId, imageNamesIn, knownResourceGroups } from './steps/resources';
import { imageNameProblem, resourceGroupNameProblem } from './steps/validation';
import { announce, refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const CREATE_IMAGE_COMMAND = 'azureBatchImages.createImageFromSnapshots';
const TITLE = 'Create Image from Snapshots';

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

  state.dataDisks = await askDataDiskSnapshots(ctx, osSnapshot, TITLE);
  const rg = await askResourceGroup(ctx, osSnapshot, subscriptionId);
  state.resourceGroup = rg.name;
  state.newResourceGroup = rg.isNew;
  const existing = imageNamesIn(inventory, subscriptionId, rg.name);
  state.name = await ctx.ui().inputBox({
    title: `${TITLE}: image name`,
    prompt: `Name of the managed image in resource group ${rg.name}`,
    value: suggestName(osSnapshot.name, existing),
    validate: (v) => imageNameProblem(v, existing, rg.name),
  });
  state.osType = await pickValue<OsType>(ctx, `${TITLE}: OS type`, osSnapshot.osType ?? 'Linux', ['Linux', 'Windows'], osSnapshot.osType ? 'from the snapshot' : undefined);
  state.osState = await pickValue<'Generalized' | 'Specialized'>(ctx, `${TITLE}: OS state`, 'Generalized', ['Generalized', 'Specialized'], 'Batch needs generalized images');
  const generation: 'V1' | 'V2' = osSnapshot.hyperVGeneration === 'V2' ? 'V2' : 'V1';
  state.hyperVGeneration = await pickValue<'V1' | 'V2'>(ctx, `${TITLE}: Hyper-V generation`, generation, ['V1', 'V2'], osSnapshot.hyperVGeneration ? 'from the snapshot' : undefined);
  state.zoneResilient = (await pickValue(ctx, `${TITLE}: zone resilience`, 'No', ['No', 'Yes'], undefined)) === 'Yes';

  // The seed: a base image with a purchase plan has extra terms, and Batch pools on such images fail.
  const planned = [osSnapshot, ...state.dataDisks.map((d) => d.snapshot)].filter((s) => s.purchasePlan);
  if (planned.length > 0) {
    const plan = planned[0].purchasePlan;
    await ctx.ui().confirm(`Snapshot ${planned[0].name} carries a purchase plan (${plan?.publisher}/${plan?.product}/${plan?.name}).`, {
      detail: 'Images from third-party base images with a purchase plan cannot be used for Batch custom image pools without the plan. Create the image anyway?',
      confirmLabel: 'Create Anyway',
    });
  }
  const ready = state as CreateImageState;
  await confirmSummary(
    ctx,
    TITLE,
    [
      { name: vscode.l10n.t('OS disk snapshot'), value: osSnapshot.name },
      { name: vscode.l10n.t('Data disk snapshots'), value: ready.dataDisks.length ? ready.dataDisks.map((d) => `LUN ${d.lun}: ${d.snapshot.name}`).join(', ') : vscode.l10n.t('none') },
      { name: vscode.l10n.t('Resource group'), value: ready.newResourceGroup ? vscode.l10n.t('{0} (new)', ready.resourceGroup) : ready.resourceGroup },
      { name: vscode.l10n.t('Image name'), value: ready.name },
      { name: vscode.l10n.t('Region'), value: osSnapshot.location },
      { name: vscode.l10n.t('OS'), value: `${ready.osType}, ${ready.osState}, Hyper-V ${ready.hyperVGeneration}` },
      { name: vscode.l10n.t('Zone resilient'), value: ready.zoneResilient ? vscode.l10n.t('Yes') : vscode.l10n.t('No') },
    ],
    vscode.l10n.t('Create Image'),
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
    { label: own, description: "the snapshot's resource group", data: own },
    ...groups.map((g) => ({ label: g, data: g })),
    { label: '$(add) New resource group…', data: NEW },
  ];
  const picked = await ctx.ui().pickOne(items, { title: `${TITLE}: resource group`, placeHolder: 'Where the image is created' });
  if (picked.data !== NEW) return { name: picked.data, isNew: false };
  const known = knownResourceGroups(ctx.services.inventory.current, subscriptionId);
  const name = await ctx.ui().inputBox({
    title: `${TITLE}: new resource group`,
    prompt: `Created in ${os.location}`,
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
    const image: ManagedImage = await withCancellableProgress(`Creating image ${s.name}`, 'Cancelling stops waiting; Azure may still finish creating the image', async (signal, report) => {
      if (s.newResourceGroup) {
        report(`Creating resource group ${s.resourceGroup}…`);
        await createResourceGroup(c, s.subscriptionId, s.resourceGroup, s.osSnapshot.location, { signal });
      }
      report(`Creating the image from ${1 + s.dataDisks.length} snapshot(s)…`);
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
    await refreshAndReveal(ctx, { subscriptionId: s.subscriptionId }, image.id);
    announce(ctx, `Created managed image ${image.name} in ${image.location}.`, image.id);
    return image.id;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    const cancelled = (error as { code?: string }).code === 'Cancelled';
    if (clients && !cancelled) await undo(ctx, clients, s, started ? id : undefined);
    reportFailure(ctx, `Creating image ${s.name}`, error, 'Azure may still finish creating the image; refresh the explorer to see it.');
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
    ctx.services.log.warn(`Cleaning up after the failed image creation: ${error instanceof Error ? error.message : String(error)}`);
  }
}
