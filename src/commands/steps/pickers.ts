// The quick picks several wizards share: snapshots, images, Batch accounts, pools, VM sizes and
// node agent SKUs. Every one goes through the UserInput of the WorkflowContext.
import * as vscode from 'vscode';
import { listSupportedImages } from '../../azure';
import {
  armIdKey,
  parseImageId,
  sameRegion,
  type BatchAccount,
  type GalleryImageVersion,
  type LivePool,
  type ManagedImage,
  type Snapshot,
  type SupportedImage,
} from '../../model';
import { skuCandidates } from '../../rules';
import type { PickItem } from '../../ui';
import type { WorkflowContext } from '../workflowContext';
import { errorText } from '../workflowContext';
import { imageOsType, servesRegion, shortName } from './resources';

export function snapshotItem(s: Snapshot, detailPrefix = ''): PickItem<Snapshot> {
  const source = s.sourceResourceId ? vscode.l10n.t('from {0}', shortName(s.sourceResourceId)) : vscode.l10n.t('no source disk recorded');
  const plan = s.purchasePlan ? vscode.l10n.t(' · purchase plan {0}/{1}', s.purchasePlan.publisher, s.purchasePlan.product) : '';
  return {
    label: s.name,
    description: `${s.location} · ${s.osType ?? vscode.l10n.t('data disk (no OS)')} · ${s.diskSizeGB ?? '?'} GiB`,
    detail: `${detailPrefix}${source}${plan}`,
    data: s,
  };
}

export async function pickOsSnapshot(ctx: WorkflowContext, title = vscode.l10n.t('Create Image from Snapshots: OS-disk snapshot')): Promise<Snapshot> {
  const snapshots = ctx.services.inventory.current.snapshot.snapshots;
  if (snapshots.length === 0) throw new Error(vscode.l10n.t('No disk snapshots are loaded. Sign in, or take a snapshot of a generalized VM\'s OS disk first.'));
  // Snapshots with an OS type first: they are the OS-disk candidates.
  const sorted = [...snapshots].sort((a, b) => Number(!a.osType) - Number(!b.osType) || a.name.localeCompare(b.name));
  const picked = await ctx.ui().pickOne(sorted.map((s) => snapshotItem(s)), { title, placeHolder: vscode.l10n.t('The snapshot of the generalized OS disk') });
  return picked.data;
}

export async function pickManagedImage(ctx: WorkflowContext, title: string, filter: (i: ManagedImage) => boolean = () => true): Promise<ManagedImage> {
  const images = ctx.services.inventory.current.snapshot.images.filter(filter).sort((a, b) => a.name.localeCompare(b.name));
  if (images.length === 0) throw new Error(vscode.l10n.t('No managed images are loaded.'));
  const picked = await ctx.ui().pickOne(
    images.map((i) => ({ label: i.name, description: `${i.location} · ${i.osType} · ${i.provisioningState}`, detail: `${i.resourceGroup}`, data: i })),
    { title, placeHolder: vscode.l10n.t('Managed image') },
  );
  return picked.data;
}

/** Gallery versions, definitions and managed images a pool can use (managed images are offered last: they must be published first). */
export async function pickPoolImage(ctx: WorkflowContext, title: string): Promise<string> {
  const inventory = ctx.services.inventory.current;
  const s = inventory.snapshot;
  const items: PickItem<string>[] = [];
  const versionLabel = (v: GalleryImageVersion) => `${shortName(v.definitionId)}/${v.name}`;
  items.push({ label: vscode.l10n.t('Gallery image versions'), kind: vscode.QuickPickItemKind.Separator, data: '' });
  for (const v of [...s.galleryImageVersions].sort((a, b) => versionLabel(a).localeCompare(versionLabel(b)))) {
    items.push({ label: versionLabel(v), description: vscode.l10n.t('replicas: {0}', v.targetRegions.map((r) => r.name).join(', ')), detail: v.provisioningState, data: v.id });
  }
  items.push({ label: vscode.l10n.t('Gallery image definitions (latest version)'), kind: vscode.QuickPickItemKind.Separator, data: '' });
  for (const d of [...s.galleryImageDefinitions].sort((a, b) => a.id.localeCompare(b.id))) {
    items.push({ label: shortName(d.id), description: vscode.l10n.t('{0} · {1} · latest {2}', d.osType, d.osState, inventory.latestVersion(d.id)?.name ?? 'none'), data: d.id });
  }
  items.push({ label: vscode.l10n.t('Managed images (published to a gallery first)'), kind: vscode.QuickPickItemKind.Separator, data: '' });
  for (const i of [...s.images].sort((a, b) => a.name.localeCompare(b.name))) {
    items.push({ label: i.name, description: vscode.l10n.t('{0} · {1} · managed image', i.location, i.osType), data: i.id });
  }
  const picked = await ctx.ui().pickOne(items, { title, placeHolder: vscode.l10n.t('The image the pool\'s nodes start from') });
  return picked.data;
}

/** Batch accounts, those in a region the image serves first; the others marked. */
export async function pickAccount(ctx: WorkflowContext, title: string, imageId?: string): Promise<BatchAccount> {
  const inventory = ctx.services.inventory.current;
  const accounts = [...inventory.snapshot.batchAccounts];
  if (accounts.length === 0) throw new Error(vscode.l10n.t('No Batch accounts are loaded.'));
  const serves = (a: BatchAccount) => (imageId ? servesRegion(inventory, imageId, a.location) : true);
  const managed = imageId !== undefined && parseImageId(imageId)?.kind === 'managedImage';
  accounts.sort((a, b) => Number(serves(b)) - Number(serves(a)) || a.name.localeCompare(b.name));
  const picked = await ctx.ui().pickOne(
    accounts.map((a) => ({
      label: serves(a) ? a.name : vscode.l10n.t('$(warning) {0}', a.name),
      description: `${a.location}${imageId && !serves(a) ? (managed ? vscode.l10n.t(' · image in another region') : vscode.l10n.t(' · no replica in this region')) : ''}`,
      detail: `${inventory.subscription(a.subscriptionId)?.displayName ?? a.subscriptionId} · ${a.resourceGroup}`,
      data: a,
    })),
    { title, placeHolder: vscode.l10n.t('The Batch account of the pool') },
  );
  return picked.data;
}

export async function pickPool(ctx: WorkflowContext, title: string): Promise<LivePool> {
  const inventory = ctx.services.inventory.current;
  const pools = [...inventory.snapshot.pools].sort((a, b) => a.id.localeCompare(b.id));
  if (pools.length === 0) throw new Error(vscode.l10n.t('No Batch pools are loaded.'));
  const picked = await ctx.ui().pickOne(
    pools.map((p) => ({
      label: p.name,
      description: `${inventory.account(p.accountId)?.name ?? shortName(p.accountId)} · ${p.scale.kind === 'fixed' ? vscode.l10n.t('{0} dedicated, {1} Spot', p.scale.targetDedicatedNodes, p.scale.targetLowPriorityNodes) : 'autoscale'}`,
      detail: p.imageId ? shortName(p.imageId) : undefined,
      data: p,
    })),
    { title, placeHolder: vscode.l10n.t('Batch pool') },
  );
  return picked.data;
}

/** Node agent SKUs of the account whose OS type matches the image's. */
export async function pickNodeAgentSku(ctx: WorkflowContext, account: BatchAccount, imageId: string, title: string): Promise<string> {
  let withImages: BatchAccount = account;
  let listingProblem = '';
  if (!account.supportedImages || account.supportedImages.length === 0) {
    let supported: SupportedImage[] = [];
    try {
      // Read on first need and kept by the inventory (the rules of a document for this account use them too).
      await ctx.services.inventory.loadSupportedImages?.([account.id]);
      supported = ctx.services.inventory.current.account(account.id)?.supportedImages ?? (await listSupportedImages(await ctx.services.azure(), account));
    } catch (error) {
      listingProblem = vscode.l10n.t(' (listing them failed: {0})', errorText(error));
      ctx.services.log.warn(vscode.l10n.t('Listing supported images of {0} failed: {1}', account.name, errorText(error)));
    }
    withImages = { ...account, supportedImages: supported };
  }
  const inventory = ctx.services.inventory.current;
  const os = imageOsType(inventory, imageId);
  const wanted = os === 'Windows' ? 'windows' : os === 'Linux' ? 'linux' : undefined;
  let candidates = skuCandidates(withImages, wanted);
  let placeHolder = vscode.l10n.t('Node agent SKUs for {0} OS', os ?? vscode.l10n.t('the image\'s'));
  if (candidates.length === 0) {
    // Without the account's list, offer the SKUs the loaded pools use (OS judged by the name);
    // the rules check the choice again before anything is created.
    const used = new Set(inventory.snapshot.pools.map((p) => p.nodeAgentSkuId).filter((id): id is string => !!id));
    candidates = [...used].filter((sku) => !wanted || sku.toLowerCase().includes('windows') === (wanted === 'windows')).sort();
    placeHolder = vscode.l10n.t('The supported images of {0} could not be read{1}; SKUs other pools use', account.name, listingProblem);
  }
  if (candidates.length === 0) throw new Error(vscode.l10n.t('Batch account {0} offers no node agent SKU for {1} images{2}.', account.name, os ?? 'these', listingProblem));
  const eol = new Map((withImages.supportedImages ?? []).map((s) => [s.nodeAgentSkuId.toLowerCase(), s.batchSupportEndOfLife]));
  const picked = await ctx.ui().pickOne(
    candidates.map((sku) => ({ label: sku, description: eol.get(sku.toLowerCase()) ? vscode.l10n.t('support ends {0}', String(eol.get(sku.toLowerCase())?.slice(0, 10))) : undefined, data: sku })),
    { title, placeHolder },
  );
  return picked.data;
}

export function sameAccountId(a: string, b: string): boolean {
  return armIdKey(a) === armIdKey(b);
}

export { sameRegion };
