// Resolving what a command was started on: a tree node (anything with a resourceId), a resource
// id string, or nothing (then the command asks). Lookups go through the inventory.
import { armIdKey, parseArmId, parseImageId, sameRegion, type BatchAccount, type Inventory, type LivePool } from '../../model';

/** The ARM id a command argument stands for, if any. */
export function argumentResourceId(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.startsWith('/subscriptions/')) return arg;
  if (typeof arg === 'object' && arg !== null) {
    const id = (arg as { resourceId?: unknown }).resourceId;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

export function shortName(id: string): string {
  return parseArmId(id)?.names.join('/') ?? id;
}

/** Resource groups of a subscription as far as the inventory shows them (any resource in them). */
export function knownResourceGroups(inventory: Inventory, subscriptionId: string): string[] {
  const s = inventory.snapshot;
  const groups = new Map<string, string>();
  const all: { id: string }[] = [...s.images, ...s.snapshots, ...s.disks, ...s.galleries, ...s.batchAccounts, ...s.virtualMachines];
  for (const r of all) {
    const p = parseArmId(r.id);
    if (p?.resourceGroup && p.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()) groups.set(p.resourceGroup.toLowerCase(), p.resourceGroup);
  }
  return [...groups.values()].sort((a, b) => a.localeCompare(b));
}

/** Names of the managed images in one resource group. */
export function imageNamesIn(inventory: Inventory, subscriptionId: string, resourceGroup: string): string[] {
  return inventory.snapshot.images
    .filter((i) => i.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() && i.resourceGroup.toLowerCase() === resourceGroup.toLowerCase())
    .map((i) => i.name);
}

/** OS type of an image id (managed image or gallery definition / version). */
export function imageOsType(inventory: Inventory, imageId: string): 'Windows' | 'Linux' | undefined {
  const info = parseImageId(imageId);
  if (!info) return undefined;
  if (info.kind === 'managedImage') return inventory.imagesById.get(armIdKey(imageId))?.osType;
  return inventory.definitionOf(imageId)?.osType;
}

/** Regions where an image can serve a pool: a managed image's region, a version's replicas, a definition's latest version's replicas. */
export function imageRegions(inventory: Inventory, imageId: string): string[] {
  const info = parseImageId(imageId);
  if (!info) return [];
  if (info.kind === 'managedImage') {
    const image = inventory.imagesById.get(armIdKey(imageId));
    return image ? [image.location] : [];
  }
  const version = info.kind === 'galleryImageVersion' ? inventory.versionsById.get(armIdKey(imageId)) : info.definitionId ? inventory.latestVersion(info.definitionId) : undefined;
  return version ? version.targetRegions.map((r) => r.name) : [];
}

export function servesRegion(inventory: Inventory, imageId: string, region: string): boolean {
  return imageRegions(inventory, imageId).some((r) => sameRegion(r, region));
}

/** Target nodes of the pools using an image, per account region: what replicas must serve. */
export function plannedNodesByRegion(inventory: Inventory, pools: readonly LivePool[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const pool of pools) {
    const account: BatchAccount | undefined = inventory.account(pool.accountId);
    if (!account) continue;
    const nodes = pool.scale.kind === 'fixed' ? pool.scale.targetDedicatedNodes + pool.scale.targetLowPriorityNodes : pool.currentDedicatedNodes + pool.currentLowPriorityNodes;
    const region = account.location.toLowerCase().replace(/\s+/g, '');
    out.set(region, (out.get(region) ?? 0) + nodes);
  }
  return out;
}
