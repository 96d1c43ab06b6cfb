// Hover on an image id (what the inventory knows about the image) and on a node agent SKU
// (what the target account's supported images say about it). Concise Markdown.
import * as vscode from 'vscode';
import {
  known,
  normalizeRegion,
  parseArmId,
  parseImageId,
  sameRegion,
  type BatchAccount,
  type Existence,
  type GalleryImageVersion,
  type Inventory,
  type LivePool,
} from '../model';
import type { DocumentAnalysis, DocumentAnalyzer, PoolAnalysis } from './analysis';
import { isPoolTextDocument } from './poolDocuments';
import { containsOffset, toRange } from './ranges';

const MAX_POOLS_LISTED = 5;

export class PoolHover implements vscode.HoverProvider {
  constructor(private readonly analyzer: DocumentAnalyzer) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isPoolTextDocument(document)) return undefined;
    const analysis = this.analyzer.analyse(document);
    const offset = document.offsetAt(position);
    for (const pool of analysis.pools) {
      const { imageId, nodeAgentSkuId } = pool.spec;
      const id = known(imageId);
      if (id && imageId?.range && containsOffset(imageId.range, offset)) {
        return new vscode.Hover(markdown(imageLines(id, analysis, pool)), toRange(document, imageId.range));
      }
      const sku = known(nodeAgentSkuId);
      if (sku && nodeAgentSkuId?.range && containsOffset(nodeAgentSkuId.range, offset)) {
        return new vscode.Hover(markdown(skuLines(sku, pool, analysis)), toRange(document, nodeAgentSkuId.range));
      }
    }
    return undefined;
  }
}

function markdown(lines: string[]): vscode.MarkdownString {
  // Two trailing spaces: a Markdown line break, so each fact stays on its own line.
  const md = new vscode.MarkdownString(lines.join('  \n'));
  md.supportThemeIcons = true;
  return md;
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function existenceText(e: Existence): string {
  return e === 'present' ? 'present' : e === 'deleted' ? '**deleted**' : 'not in the loaded inventory';
}

function subscriptionText(inventory: Inventory, guid: string): string {
  const s = inventory.subscription(guid);
  return s ? `${s.displayName} (${code(guid)})` : code(guid);
}

function poolsText(pools: readonly LivePool[]): string {
  if (pools.length === 0) return 'Pools using it: none in the loaded inventory';
  const names = pools.slice(0, MAX_POOLS_LISTED).map((p) => `${code(p.name)} (${parseArmId(p.accountId)?.name ?? p.accountId})`);
  const more = pools.length > MAX_POOLS_LISTED ? `, and ${pools.length - MAX_POOLS_LISTED} more` : '';
  return `Pools using it: ${names.join(', ')}${more}`;
}

function replicasText(version: GalleryImageVersion): string {
  if (version.targetRegions.length === 0) return 'Replicas: none';
  return `Replicas: ${version.targetRegions.map((r) => `${normalizeRegion(r.name)} ×${r.regionalReplicaCount ?? 1}`).join(', ')}`;
}

function accountFit(account: BatchAccount | undefined, regions: string[]): string | undefined {
  if (!account) return undefined;
  const ok = regions.some((r) => sameRegion(r, account.location));
  return ok
    ? `$(check) Usable from Batch account ${code(account.name)} (${normalizeRegion(account.location)})`
    : `$(warning) Not available in ${normalizeRegion(account.location)}, the region of Batch account ${code(account.name)}`;
}

function imageLines(id: string, analysis: DocumentAnalysis, pool: PoolAnalysis): string[] {
  const inventory = analysis.inventory;
  const info = parseImageId(id);
  if (!info) return ['**Not a custom image id**', 'Expected a managed image or an Azure Compute Gallery image definition / version resource id.'];
  const account = pool.target?.account;
  const missing = (what: string): string[] => {
    const e = inventory.existence(id);
    const state = e === 'deleted' ? 'does **not exist** (its subscription was loaded and it is not there)' : analysis.trusted ? 'is not in the loaded inventory' : 'is not looked up in Restricted Mode';
    return [`**${what}** ${code(info.name)}`, `Subscription: ${subscriptionText(inventory, info.subscriptionId)} · Resource group: ${code(info.resourceGroup)}`, `This image ${state}.`];
  };
  if (info.kind === 'managedImage') {
    const image = inventory.imagesById.get(info.key);
    if (!image) return missing('Managed image');
    const sources = inventory.imageSources(image.id).map((s) => {
      const name = s.source.id ? (parseArmId(s.source.id)?.name ?? s.source.id) : (s.source.uri ?? '?');
      const role = s.source.role === 'os' ? 'OS' : `data (LUN ${s.source.lun ?? '?'})`;
      return `${role} ${s.source.kind} ${code(name)} — ${s.source.kind === 'blob' ? 'blob, not checked' : existenceText(s.existence)}`;
    });
    return [
      `**Managed image** ${code(image.name)}`,
      `Region: ${code(normalizeRegion(image.location))} · Subscription: ${subscriptionText(inventory, image.subscriptionId)}`,
      `OS: ${image.osType}, ${image.osState} · Provisioning: ${image.provisioningState}`,
      `Lineage: ${sources.length > 0 ? sources.join('; ') : 'no backing resource recorded'}`,
      poolsText(inventory.poolsByImageId(image.id)),
      // Never "usable": Batch no longer builds pools from managed images, whatever the region.
      ...optional(account ? `$(error) ${vscode.l10n.t('Not usable from Batch account {0}: pools can no longer be built from managed images; publish it to an Azure Compute Gallery.', code(account.name))}` : undefined),
    ];
  }
  const definition = inventory.definitionOf(id);
  const version = info.kind === 'galleryImageVersion' ? inventory.versionsById.get(info.key) : info.definitionId ? inventory.latestVersion(info.definitionId) : undefined;
  if (info.kind === 'galleryImageVersion' && !version) return missing('Gallery image version');
  if (info.kind === 'galleryImageDefinition' && !definition) return missing('Gallery image definition');
  const title =
    info.kind === 'galleryImageVersion'
      ? `**Gallery image version** ${code(`${info.galleryName}/${info.definitionName}/${info.versionName}`)}`
      : `**Gallery image definition** ${code(`${info.galleryName}/${info.definitionName}`)}`;
  const lines = [title, `Region: ${code(normalizeRegion(version?.location ?? definition?.location))} · Subscription: ${subscriptionText(inventory, info.subscriptionId)}`];
  if (definition) lines.push(`OS: ${definition.osType}, ${definition.osState}${definition.securityType ? ` · Security type: ${definition.securityType}` : ''}`);
  if (version) {
    const latest = info.kind === 'galleryImageDefinition' ? `Latest version ${code(version.name)} · ` : '';
    lines.push(`${latest}Provisioning: ${version.provisioningState}`, replicasText(version));
    if (version.sourceId) lines.push(`Source: ${code(parseArmId(version.sourceId)?.name ?? version.sourceId)} — ${existenceText(inventory.existence(version.sourceId))}`);
    lines.push(...optional(accountFit(account, version.targetRegions.map((r) => r.name))));
  } else {
    lines.push('No version that is not excluded from latest.');
  }
  lines.push(poolsText(info.kind === 'galleryImageVersion' ? inventory.poolsUsingVersion(id) : inventory.poolsUsingDefinition(id)));
  return lines;
}

function optional(line: string | undefined): string[] {
  return line ? [line] : [];
}

function skuLines(sku: string, pool: PoolAnalysis, analysis: DocumentAnalysis): string[] {
  const title = `**Node agent SKU** ${code(sku)}`;
  const account = pool.target?.account;
  if (!account) {
    return [title, analysis.trusted ? 'Select the Batch account of this document to see what its supported images say about this SKU.' : 'Not looked up in Restricted Mode.'];
  }
  const entries = (account.supportedImages ?? []).filter((s) => s.nodeAgentSkuId.toLowerCase() === sku.toLowerCase());
  if (!account.supportedImages) return [title, `The supported images of Batch account ${code(account.name)} are not loaded.`];
  if (entries.length === 0) return [title, `$(error) Not among the supported images of Batch account ${code(account.name)} (${normalizeRegion(account.location)}).`];
  const os = [...new Set(entries.map((e) => e.osType))].join(', ');
  const verification = [...new Set(entries.map((e) => e.verificationType ?? 'unknown'))].join(', ');
  const ends = entries.map((e) => e.batchSupportEndOfLife).filter((d): d is string => d !== undefined).sort();
  const eol = ends.length === entries.length && ends.length > 0 ? endOfLifeText(ends[ends.length - 1]) : 'no end of life announced';
  return [
    title,
    `OS: ${os} · Verification: ${verification}`,
    `Batch support: ${eol}`,
    `${entries.length} supported image${entries.length === 1 ? '' : 's'} in Batch account ${code(account.name)} (${normalizeRegion(account.location)})`,
  ];
}

function endOfLifeText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return `ends ${iso}`;
  const date = new Date(t).toISOString().slice(0, 10);
  const days = Math.ceil((t - Date.now()) / 86_400_000);
  return days <= 0 ? `**ended** on ${date}` : `ends on ${date} (in ${days} days)`;
}
