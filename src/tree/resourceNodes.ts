// Nodes for Azure resources: managed images and their sources, snapshots, galleries, definitions,
// versions, Batch accounts and pools. Each shows the rule findings that need no pool file.
import * as vscode from 'vscode';
import {
  armIdKey,
  parseArmId,
  parseImageId,
  type BatchAccount,
  type Gallery,
  type GalleryImageDefinition,
  type GalleryImageVersion,
  type ImageSourceStatus,
  type LivePool,
  type ManagedImage,
  type Snapshot,
} from '../model';
import { rulesForImage, rulesForLivePool, type Finding } from '../rules';
import { ContextValue, contextValue } from './contextValues';
import { findingIcon, findingSummary, findingTooltip } from './decorations';
import type { ExplorerNode, NodeContext } from './explorerNode';

function resourceItem(node: ExplorerNode & { resourceId: string }, label: string, collapsible: boolean, ...contexts: string[]): vscode.TreeItem {
  const item = new vscode.TreeItem(label, collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = contextValue(...contexts, ContextValue.azureResource, ContextValue.present);
  return item;
}

function describe(parts: (string | undefined)[]): string {
  return parts.filter((p) => p).join(' · ');
}

function nameOf(id: string): string {
  const parsed = parseArmId(id);
  return parsed?.names[parsed.names.length - 1] ?? id;
}

/** What every node that stands for one Azure resource shares: its ids, its parent, no children by default. */
abstract class ResourceNode implements ExplorerNode {
  readonly id: string;
  constructor(
    readonly parent: ExplorerNode,
    readonly resourceId: string,
    idPrefix: string,
  ) {
    this.id = `${idPrefix}:${armIdKey(resourceId)}`;
  }

  abstract getTreeItem(ctx: NodeContext): vscode.TreeItem;

  getChildren(_ctx: NodeContext): ExplorerNode[] {
    return [];
  }
}

export class ManagedImageNode extends ResourceNode {
  constructor(
    parent: ExplorerNode,
    readonly image: ManagedImage,
  ) {
    super(parent, image.id, 'image');
  }

  findings(ctx: NodeContext): Finding[] {
    // Every managed image is retired as a pool image: that is the pools' error (shown on them and
    // in the tooltip here), not a fault of the image, which is still the input to a gallery version.
    return rulesForImage(this.image.id, ctx.inventory, undefined, ctx.now).filter((f) => f.code !== 'managed-image-retired');
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const findings = this.findings(ctx);
    const item = resourceItem(this, this.image.name, true, ContextValue.managedImage);
    const pools = ctx.inventory.poolsByImageId(this.image.id).length;
    item.description = describe([this.image.location, this.image.osType, pools ? poolCount(pools) : undefined, findingSummary(findings)]);
    item.iconPath = findingIcon(findings, new vscode.ThemeIcon('file-media'));
    item.tooltip = findingTooltip(vscode.l10n.t('Managed image {0}', this.image.name), [
      vscode.l10n.t('Region: {0}', this.image.location),
      vscode.l10n.t('OS: {0} ({1})', this.image.osType, this.image.osState),
      vscode.l10n.t('Provisioning state: {0}', this.image.provisioningState),
      vscode.l10n.t('Resource group: {0}', this.image.resourceGroup),
      vscode.l10n.t('Since 31 March 2026 Batch pools cannot boot from managed images: publish it to an Azure Compute Gallery.'),
    ], findings);
    return item;
  }

  getChildren(ctx: NodeContext): ExplorerNode[] {
    const sources = ctx.inventory.imageSources(this.image.id).map((s, i) => new ImageSourceNode(this, s, i));
    const pools = ctx.inventory.poolsByImageId(this.image.id).map((p) => new PoolReferenceNode(this, p));
    return [...sources, ...pools];
  }
}

/** One backing resource of a managed image, marked when it no longer exists. */
export class ImageSourceNode implements ExplorerNode {
  readonly id: string;
  readonly resourceId?: string;
  constructor(
    readonly parent: ExplorerNode,
    readonly status: ImageSourceStatus,
    index: number,
  ) {
    this.resourceId = status.source.id;
    this.id = `${parent.id}/source:${index}`;
  }

  getTreeItem(): vscode.TreeItem {
    const { source, existence } = this.status;
    const role = source.role === 'os' ? vscode.l10n.t('OS disk') : vscode.l10n.t('Data disk{0}', source.lun !== undefined ? vscode.l10n.t(' (LUN {0})', source.lun) : '');
    const kind = { snapshot: vscode.l10n.t('snapshot'), disk: vscode.l10n.t('managed disk'), vm: vscode.l10n.t('source VM'), blob: vscode.l10n.t('VHD blob') }[source.kind];
    const label = source.id ? nameOf(source.id) : (source.uri ?? vscode.l10n.t('unknown'));
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const deleted = existence === 'deleted';
    item.description = describe([source.kind === 'vm' ? kind : `${role} ${kind}`, deleted ? vscode.l10n.t('deleted') : existence === 'unknown' ? vscode.l10n.t('existence unknown') : undefined]);
    item.iconPath = deleted
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(source.kind === 'vm' ? 'vm' : source.kind === 'blob' ? 'cloud' : 'database');
    item.tooltip = new vscode.MarkdownString(
      deleted
        ? vscode.l10n.t('**{0}** was deleted. The image still works, but its lineage is gone: pools built from it can fail to allocate or resize. Recreate the image from existing snapshots or publish it to a Compute Gallery.', label)
        : `**${label}**\n\n${source.id ?? source.uri ?? ''}`,
    );
    item.contextValue = contextValue(ContextValue.imageSource, ...(source.id ? [ContextValue.azureResource] : []), ...(deleted ? [] : [ContextValue.present]));
    return item;
  }

  getChildren(): ExplorerNode[] {
    return [];
  }
}

/** A pool shown under the image it uses; selecting it reveals the pool under its account. */
export class PoolReferenceNode extends ResourceNode {
  constructor(
    parent: ExplorerNode,
    readonly pool: LivePool,
  ) {
    super(parent, pool.id, `${parent.id}/pool`);
  }

  getTreeItem(): vscode.TreeItem {
    const item = resourceItem(this, this.pool.name, false, ContextValue.pool);
    item.description = vscode.l10n.t('pool of {0}', nameOf(this.pool.accountId));
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.command = { command: 'azureBatchImages.revealResource', title: vscode.l10n.t('Reveal Pool'), arguments: [this.pool.id] };
    return item;
  }

}

export class SnapshotNode extends ResourceNode {
  constructor(
    parent: ExplorerNode,
    readonly snapshot: Snapshot,
  ) {
    super(parent, snapshot.id, 'snapshot');
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const images = ctx.inventory.imagesBySnapshot(this.snapshot.id);
    const item = resourceItem(this, this.snapshot.name, false, ContextValue.snapshot);
    item.description = describe([
      this.snapshot.location,
      this.snapshot.osType,
      this.snapshot.diskSizeGB !== undefined ? `${this.snapshot.diskSizeGB} GB` : undefined,
      images.length ? (images.length === 1 ? vscode.l10n.t('1 image') : vscode.l10n.t('{0} images', images.length)) : undefined,
      this.snapshot.purchasePlan ? vscode.l10n.t('purchase plan') : undefined,
    ]);
    item.iconPath = new vscode.ThemeIcon('database');
    const facts = [vscode.l10n.t('Region: {0}', this.snapshot.location)];
    if (this.snapshot.sourceResourceId) facts.push(vscode.l10n.t('Taken from: {0}', nameOf(this.snapshot.sourceResourceId)));
    if (this.snapshot.purchasePlan) facts.push(vscode.l10n.t('Purchase plan: {0} / {1} / {2}', this.snapshot.purchasePlan.publisher, this.snapshot.purchasePlan.product, this.snapshot.purchasePlan.name));
    for (const image of images) facts.push(vscode.l10n.t('Used by image: {0}', image.name));
    item.tooltip = findingTooltip(vscode.l10n.t('Snapshot {0}', this.snapshot.name), facts, []);
    return item;
  }

}

export class GalleryNode extends ResourceNode {
  constructor(
    parent: ExplorerNode,
    readonly gallery: Gallery,
  ) {
    super(parent, gallery.id, 'gallery');
  }

  definitions(ctx: NodeContext): GalleryImageDefinition[] {
    const key = armIdKey(this.gallery.id);
    return ctx.inventory.snapshot.galleryImageDefinitions.filter((d) => armIdKey(d.galleryId) === key);
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const item = resourceItem(this, nameOf(this.gallery.id), true, ContextValue.gallery);
    const count = this.definitions(ctx).length;
    item.description = describe([this.gallery.location, count === 1 ? vscode.l10n.t('1 definition') : vscode.l10n.t('{0} definitions', count)]);
    item.iconPath = new vscode.ThemeIcon('library');
    return item;
  }

  getChildren(ctx: NodeContext): ExplorerNode[] {
    return this.definitions(ctx)
      .sort((a, b) => nameOf(a.id).localeCompare(nameOf(b.id)))
      .map((d) => new GalleryImageDefinitionNode(this, d));
  }
}

export class GalleryImageDefinitionNode extends ResourceNode {
  constructor(
    parent: ExplorerNode,
    readonly definition: GalleryImageDefinition,
  ) {
    super(parent, definition.id, 'definition');
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const findings = rulesForImage(this.definition.id, ctx.inventory, undefined, ctx.now);
    const item = resourceItem(this, nameOf(this.definition.id), true, ContextValue.galleryImageDefinition);
    const d = this.definition;
    item.description = describe([d.osType, d.osState, d.securityType && d.securityType !== 'Standard' ? d.securityType : undefined, findingSummary(findings)]);
    item.iconPath = findingIcon(findings, new vscode.ThemeIcon('symbol-class'));
    item.tooltip = findingTooltip(vscode.l10n.t('Image definition {0}', nameOf(d.id)), [
      vscode.l10n.t('Publisher / offer / SKU: {0} / {1} / {2}', d.identifier.publisher, d.identifier.offer, d.identifier.sku),
      vscode.l10n.t('OS: {0} ({1})', d.osType, d.osState),
      ...(d.hyperVGeneration ? [vscode.l10n.t('Hyper-V generation: {0}', d.hyperVGeneration)] : []),
      ...(d.securityType ? [vscode.l10n.t('Security type: {0}', d.securityType)] : []),
    ], findings);
    return item;
  }

  getChildren(ctx: NodeContext): ExplorerNode[] {
    return [...ctx.inventory.versionsOfDefinition(this.definition.id)].reverse().map((v) => new GalleryImageVersionNode(this, v));
  }
}

export class GalleryImageVersionNode extends ResourceNode {
  constructor(
    parent: ExplorerNode,
    readonly version: GalleryImageVersion,
  ) {
    super(parent, version.id, 'version');
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const v = this.version;
    const findings = [
      ...rulesForImage(v.id, ctx.inventory, undefined, ctx.now),
      // A pool that needs a replica this version lacks is this version's problem too.
      ...ctx.inventory.poolsUsingVersion(v.id).flatMap((p) =>
        rulesForLivePool(p, { inventory: ctx.inventory, now: ctx.now }).filter((f) => f.code === 'gallery-replica-missing' || f.code === 'gallery-replicas-low'),
      ),
    ];
    const pools = ctx.inventory.poolsUsingVersion(v.id);
    const item = resourceItem(this, v.name, pools.length > 0, ContextValue.galleryImageVersion);
    const replicas = v.targetRegions.map((r) => `${r.name} ×${r.regionalReplicaCount}`).join(', ');
    const latest = ctx.inventory.latestVersion(v.definitionId);
    item.description = describe([replicas, latest && armIdKey(latest.id) === armIdKey(v.id) ? 'latest' : undefined, v.provisioningState !== 'Succeeded' ? v.provisioningState : undefined, findingSummary(findings)]);
    item.iconPath = findingIcon(findings, new vscode.ThemeIcon('versions'));
    item.tooltip = findingTooltip(vscode.l10n.t('Image version {0}', v.name), [
      vscode.l10n.t('Replicas: {0}', replicas || vscode.l10n.t('none')),
      vscode.l10n.t('Provisioning state: {0}', v.provisioningState),
      ...(v.excludeFromLatest ? [vscode.l10n.t('Excluded from latest')] : []),
      ...(v.sourceId ? [vscode.l10n.t('Source: {0}', nameOf(v.sourceId))] : []),
      ...pools.map((p) => vscode.l10n.t('Used by pool: {0}', p.name)),
    ], findings);
    return item;
  }

  getChildren(ctx: NodeContext): ExplorerNode[] {
    return ctx.inventory.poolsUsingVersion(this.version.id).map((p) => new PoolReferenceNode(this, p));
  }
}

export class BatchAccountNode extends ResourceNode {
  constructor(
    parent: ExplorerNode,
    readonly account: BatchAccount,
  ) {
    super(parent, account.id, 'account');
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const a = this.account;
    const aad = a.allowedAuthenticationModes.some((m) => m.toUpperCase() === 'AAD');
    const pools = ctx.inventory.poolsOfAccount(a.id);
    const item = resourceItem(this, a.name, true, ContextValue.batchAccount);
    item.description = describe([a.location, poolCount(pools.length), aad ? undefined : vscode.l10n.t('Shared Key only')]);
    item.iconPath = aad ? new vscode.ThemeIcon('organization') : new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    const findings: Finding[] = aad
      ? []
      : [{ code: 'account-aad-required', severity: 'error', message: vscode.l10n.t('Account \'{0}\' allows only {1} authentication. Custom image pools need Microsoft Entra ID: add AAD to the account\'s allowed authentication modes.', a.name, a.allowedAuthenticationModes.join(', ') || 'no') }];
    item.tooltip = findingTooltip(vscode.l10n.t('Batch account {0}', a.name), [
      vscode.l10n.t('Region: {0}', a.location),
      vscode.l10n.t('Pool allocation mode: {0}', a.poolAllocationMode),
      vscode.l10n.t('Authentication modes: {0}', a.allowedAuthenticationModes.join(', ')),
      vscode.l10n.t('Endpoint: {0}', a.accountEndpoint),
    ], findings);
    return item;
  }

  getChildren(ctx: NodeContext): ExplorerNode[] {
    return [...ctx.inventory.poolsOfAccount(this.account.id)].sort((a, b) => a.name.localeCompare(b.name)).map((p) => new PoolNode(this, p));
  }
}

export class PoolNode extends ResourceNode {
  constructor(
    parent: ExplorerNode,
    readonly pool: LivePool,
  ) {
    super(parent, pool.id, 'pool');
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const p = this.pool;
    const findings = rulesForLivePool(p, { inventory: ctx.inventory, now: ctx.now });
    const item = resourceItem(this, p.name, true, ContextValue.pool);
    const nodes =
      p.scale.kind === 'fixed'
        ? vscode.l10n.t('{0}/{1} dedicated, {2}/{3} Spot', p.currentDedicatedNodes, p.scale.targetDedicatedNodes, p.currentLowPriorityNodes, p.scale.targetLowPriorityNodes)
        : vscode.l10n.t('{0} dedicated, {1} Spot (autoscale)', p.currentDedicatedNodes, p.currentLowPriorityNodes);
    item.description = describe([p.allocationState, nodes, p.resizeErrors.length ? vscode.l10n.t('resize error: {0}', p.resizeErrors[0].code) : undefined, findingSummary(findings)]);
    item.iconPath = p.resizeErrors.length
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
      : findingIcon(findings, new vscode.ThemeIcon('server-environment'));
    item.tooltip = findingTooltip(vscode.l10n.t('Pool {0}', p.name), [
      vscode.l10n.t('State: {0}, allocation: {1}', p.provisioningState, p.allocationState),
      vscode.l10n.t('Nodes: {0}', nodes),
      vscode.l10n.t('VM size: {0}', p.vmSize),
      ...(p.imageId ? [vscode.l10n.t('Image: {0}', p.imageId)] : []),
      ...(p.nodeAgentSkuId ? [vscode.l10n.t('Node agent SKU: {0}', p.nodeAgentSkuId)] : []),
      ...(p.scale.kind === 'fixed' && p.scale.resizeTimeout ? [vscode.l10n.t('Resize timeout: {0}', p.scale.resizeTimeout)] : []),
      ...p.resizeErrors.map((e) => vscode.l10n.t('Resize error {0}: {1}', e.code, e.message)),
    ], findings);
    return item;
  }

  getChildren(): ExplorerNode[] {
    const children: ExplorerNode[] = [];
    if (this.pool.imageId) children.push(new PoolImageNode(this, this.pool.imageId));
    return children;
  }
}

/** The image a pool boots from; selecting it reveals the image in the tree. */
export class PoolImageNode extends ResourceNode {
  constructor(
    readonly pool: PoolNode,
    imageId: string,
  ) {
    super(pool, imageId, `${pool.id}/image`);
  }

  getTreeItem(ctx: NodeContext): vscode.TreeItem {
    const info = parseImageId(this.resourceId);
    const label = info ? (info.versionName ? `${info.name} ${info.versionName}` : info.name) : this.resourceId;
    const exists = ctx.inventory.existence(this.resourceId);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const kind = info?.kind === 'managedImage' ? vscode.l10n.t('managed image') : info?.kind === 'galleryImageVersion' ? vscode.l10n.t('gallery image version') : vscode.l10n.t('gallery image definition');
    item.description = describe([kind, exists === 'deleted' ? vscode.l10n.t('not found') : undefined]);
    item.iconPath = exists === 'deleted' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon('file-media');
    item.tooltip = vscode.l10n.t('Image of pool {0}: {1}', this.pool.pool.name, this.resourceId);
    item.contextValue = contextValue(ContextValue.poolImage, ContextValue.azureResource, ...(exists === 'present' ? [ContextValue.present] : []));
    if (exists === 'present') item.command = { command: 'azureBatchImages.revealResource', title: vscode.l10n.t('Reveal Image'), arguments: [this.resourceId] };
    return item;
  }

}

function poolCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 pool') : vscode.l10n.t('{0} pools', n);
}
