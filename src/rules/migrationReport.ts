// The migration report: every pool whose image is retired (a managed image, or a VHD blob behind
// one), grouped by image, with what moving it to an Azure Compute Gallery takes. Built from the
// inventory alone (no request per pool), so it costs nothing beyond the explorer's own load.
import {
  armIdKey,
  normalizeRegion,
  parseArmId,
  parseImageId,
  type Existence,
  type GalleryImageVersion,
  type ImageSourceKind,
  type Inventory,
  type LivePool,
  type ManagedImage,
} from '../model';
import { NODES_PER_REPLICA } from './scaleRules';

export interface RetiredPoolRow {
  poolId: string;
  poolName: string;
  accountId: string;
  accountName: string;
  subscriptionId: string;
  /** The account's region (programmatic form); empty when the account is not loaded. */
  region: string;
  vmSize: string;
  scaleMode: 'fixed' | 'auto';
  currentDedicatedNodes: number;
  currentSpotNodes: number;
  /** Undefined for autoscale pools (the formula decides). */
  targetDedicatedNodes?: number;
  targetSpotNodes?: number;
  allocationState: string;
  resizeErrors: { code: string; message: string }[];
  /** A gallery version made from the pool's image already serves the pool's region. */
  readyToSwitch: boolean;
  /** That version, when readyToSwitch. */
  switchToVersionId?: string;
}

export interface RegionNeed {
  /** Programmatic region name. */
  region: string;
  /** Nodes the image's pools in this region plan (targets; current nodes for autoscale). */
  nodes: number;
  pools: number;
  /** One replica per 300 nodes, at least one. */
  replicas: number;
}

export interface ExistingVersion {
  id: string;
  name: string;
  provisioningState: string;
  targetRegions: { region: string; replicas: number }[];
}

export interface RetiredImageGroup {
  imageId: string;
  imageName: string;
  subscriptionId: string;
  resourceGroup: string;
  /** 'blob' when the managed image was made from a VHD blob. */
  kind: 'managedImage' | 'vhdBlob';
  /** Whether the managed image itself still exists. */
  imageExistence: Existence;
  location?: string;
  osType?: string;
  /** Backing snapshots / disks / VM / blobs with their existence (blobs are never checked: unknown). */
  sources: { kind: ImageSourceKind; id?: string; uri?: string; role: 'os' | 'data'; existence: Existence }[];
  /** 'present': every checkable source is there; 'missing': one is gone; 'unknown': cannot tell. */
  sourcesState: 'present' | 'missing' | 'unknown';
  /** Gallery versions published from this image (storageProfile.source) or from exactly its disks. */
  existingVersions: ExistingVersion[];
  /** Regions and replica counts a gallery version needs for these pools. */
  regionNeeds: RegionNeed[];
  pools: RetiredPoolRow[];
}

export interface MigrationTotals {
  images: number;
  pools: number;
  accounts: number;
  subscriptions: number;
  currentDedicatedNodes: number;
  currentSpotNodes: number;
  targetDedicatedNodes: number;
  targetSpotNodes: number;
  poolsReadyToSwitch: number;
  poolsWithResizeErrors: number;
  imagesWithMissingSources: number;
}

export interface MigrationReport {
  generatedAt: string;
  /** Subscriptions the report covers (bare guids). */
  subscriptionIds: string[];
  images: RetiredImageGroup[];
  totals: MigrationTotals;
}

export interface MigrationReportOptions {
  /** Only pools of these subscriptions (bare guids, any case); all loaded ones when absent or empty. */
  subscriptionIds?: readonly string[];
  now?: Date;
}

/** True when Batch no longer accepts the pool's image: a managed image id (VHD-blob images are managed images too). */
export function isRetiredPoolImage(imageId: string | undefined): boolean {
  return !!imageId && parseImageId(imageId)?.kind === 'managedImage';
}

/** Replicas a region needs for this many nodes: one per 300, at least one. */
export function replicasForNodes(nodes: number): number {
  return Math.max(1, Math.ceil(nodes / NODES_PER_REPLICA));
}

/** Nodes a pool plans: its targets for a fixed pool, what it has for an autoscale pool (whichever is larger). */
export function plannedNodes(pool: LivePool): number {
  const current = pool.currentDedicatedNodes + pool.currentLowPriorityNodes;
  if (pool.scale.kind !== 'fixed') return current;
  return Math.max(current, pool.scale.targetDedicatedNodes + pool.scale.targetLowPriorityNodes);
}

/** Gallery versions made from the managed image: published from it, or from exactly its OS and data disks. */
export function versionsMadeFrom(inventory: Inventory, imageId: string): GalleryImageVersion[] {
  const key = armIdKey(imageId);
  const image = inventory.imagesById.get(key);
  const os = image?.sources.find((s) => s.role === 'os' && s.id)?.id;
  const data = new Map((image?.sources ?? []).filter((s) => s.role === 'data' && s.id).map((s) => [s.lun ?? -1, armIdKey(s.id ?? '')]));
  return inventory.snapshot.galleryImageVersions.filter((v) => {
    if (v.sourceId && armIdKey(v.sourceId) === key) return true;
    if (!v.diskSources || !os || armIdKey(v.diskSources.osDiskId) !== armIdKey(os)) return false;
    if (v.diskSources.dataDisks.length !== data.size) return false;
    return v.diskSources.dataDisks.every((d) => data.get(d.lun) === armIdKey(d.id));
  });
}

function sourcesState(sources: RetiredImageGroup['sources'], imageExistence: Existence): RetiredImageGroup['sourcesState'] {
  if (imageExistence === 'deleted') return 'missing';
  if (sources.some((s) => s.existence === 'deleted')) return 'missing';
  if (imageExistence !== 'present' || sources.length === 0 || sources.some((s) => s.existence === 'unknown')) return 'unknown';
  return 'present';
}

function poolRow(inventory: Inventory, pool: LivePool, versions: readonly GalleryImageVersion[]): RetiredPoolRow {
  const account = inventory.account(pool.accountId);
  const region = normalizeRegion(account?.location);
  const ready = versions.find((v) => v.provisioningState === 'Succeeded' && v.targetRegions.some((r) => normalizeRegion(r.name) === region) && region !== '');
  return {
    poolId: pool.id,
    poolName: pool.name,
    accountId: pool.accountId,
    accountName: account?.name ?? parseArmId(pool.accountId)?.name ?? pool.accountId,
    subscriptionId: parseArmId(pool.id)?.subscriptionId ?? '',
    region,
    vmSize: pool.vmSize,
    scaleMode: pool.scale.kind,
    currentDedicatedNodes: pool.currentDedicatedNodes,
    currentSpotNodes: pool.currentLowPriorityNodes,
    targetDedicatedNodes: pool.scale.kind === 'fixed' ? pool.scale.targetDedicatedNodes : undefined,
    targetSpotNodes: pool.scale.kind === 'fixed' ? pool.scale.targetLowPriorityNodes : undefined,
    allocationState: pool.allocationState,
    resizeErrors: pool.resizeErrors.map((e) => ({ code: e.code, message: e.message })),
    readyToSwitch: ready !== undefined,
    switchToVersionId: ready?.id,
  };
}

function imageGroup(inventory: Inventory, imageId: string, pools: readonly LivePool[]): RetiredImageGroup {
  const image: ManagedImage | undefined = inventory.imagesById.get(armIdKey(imageId));
  const info = parseImageId(imageId);
  const imageExistence = image ? 'present' : inventory.existence(imageId);
  const sources = inventory.imageSources(imageId).map((s) => ({
    kind: s.source.kind,
    id: s.source.id,
    uri: s.source.uri,
    role: s.source.role,
    existence: s.source.kind === 'blob' ? ('unknown' as const) : s.existence,
  }));
  const versions = versionsMadeFrom(inventory, imageId);
  // Batch boots only generalized images: a specialized definition's version is no place to switch to.
  const usable = versions.filter((v) => inventory.definitionOf(v.id)?.osState !== 'Specialized');
  const rows = pools.map((p) => poolRow(inventory, p, usable)).sort((a, b) => a.accountName.localeCompare(b.accountName) || a.poolName.localeCompare(b.poolName));
  const needs = new Map<string, RegionNeed>();
  for (const pool of pools) {
    const region = normalizeRegion(inventory.account(pool.accountId)?.location);
    if (!region) continue;
    const need = needs.get(region) ?? { region, nodes: 0, pools: 0, replicas: 1 };
    need.nodes += plannedNodes(pool);
    need.pools += 1;
    need.replicas = replicasForNodes(need.nodes);
    needs.set(region, need);
  }
  return {
    imageId: image?.id ?? info?.id ?? imageId,
    imageName: image?.name ?? info?.name ?? imageId,
    subscriptionId: info?.subscriptionId ?? '',
    resourceGroup: info?.resourceGroup ?? '',
    kind: image?.sources.some((s) => s.kind === 'blob') ? 'vhdBlob' : 'managedImage',
    imageExistence,
    location: image ? normalizeRegion(image.location) : undefined,
    osType: image?.osType,
    sources,
    sourcesState: sourcesState(sources, imageExistence),
    existingVersions: versions
      .map((v) => ({ id: v.id, name: v.name, provisioningState: v.provisioningState, targetRegions: v.targetRegions.map((r) => ({ region: normalizeRegion(r.name), replicas: r.regionalReplicaCount })) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    regionNeeds: [...needs.values()].sort((a, b) => a.region.localeCompare(b.region)),
    pools: rows,
  };
}

/** Builds the report from the inventory: pools on retired images of the chosen subscriptions, grouped by image. */
export function buildMigrationReport(inventory: Inventory, options: MigrationReportOptions = {}): MigrationReport {
  const wanted = new Set((options.subscriptionIds ?? []).map((s) => s.toLowerCase()));
  const inScope = (pool: LivePool): boolean => wanted.size === 0 || wanted.has((parseArmId(pool.id)?.subscriptionId ?? '').toLowerCase());
  const byImage = new Map<string, { imageId: string; pools: LivePool[] }>();
  for (const pool of inventory.snapshot.pools) {
    if (!isRetiredPoolImage(pool.imageId) || !inScope(pool)) continue;
    const imageId = pool.imageId as string;
    const key = armIdKey(imageId);
    const entry = byImage.get(key) ?? { imageId, pools: [] };
    entry.pools.push(pool);
    byImage.set(key, entry);
  }
  const images = [...byImage.values()].map((e) => imageGroup(inventory, e.imageId, e.pools)).sort((a, b) => a.imageName.localeCompare(b.imageName) || a.imageId.localeCompare(b.imageId));
  const rows = images.flatMap((g) => g.pools);
  const subscriptionIds =
    wanted.size > 0
      ? inventory.snapshot.subscriptions.filter((s) => wanted.has(s.subscriptionId.toLowerCase())).map((s) => s.subscriptionId)
      : inventory.snapshot.subscriptions.map((s) => s.subscriptionId);
  const totals: MigrationTotals = {
    images: images.length,
    pools: rows.length,
    accounts: new Set(rows.map((r) => armIdKey(r.accountId))).size,
    subscriptions: new Set(rows.map((r) => r.subscriptionId.toLowerCase())).size,
    currentDedicatedNodes: sum(rows, (r) => r.currentDedicatedNodes),
    currentSpotNodes: sum(rows, (r) => r.currentSpotNodes),
    targetDedicatedNodes: sum(rows, (r) => r.targetDedicatedNodes ?? 0),
    targetSpotNodes: sum(rows, (r) => r.targetSpotNodes ?? 0),
    poolsReadyToSwitch: rows.filter((r) => r.readyToSwitch).length,
    poolsWithResizeErrors: rows.filter((r) => r.resizeErrors.length > 0).length,
    imagesWithMissingSources: images.filter((g) => g.sourcesState === 'missing').length,
  };
  return { generatedAt: (options.now ?? new Date()).toISOString(), subscriptionIds: [...subscriptionIds].sort(), images, totals };
}

function sum<T>(items: readonly T[], f: (item: T) => number): number {
  return items.reduce((n, item) => n + f(item), 0);
}
