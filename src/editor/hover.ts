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
  return e === 'present' ? vscode.l10n.t('present') : e === 'deleted' ? vscode.l10n.t('**deleted**') : vscode.l10n.t('not in the loaded inventory');
}

function subscriptionText(inventory: Inventory, guid: string): string {
  const s = inventory.subscription(guid);
  return s ? `${s.displayName} (${code(guid)})` : code(guid);
}

function poolsText(pools: readonly LivePool[]): string {
  if (pools.length === 0) return vscode.l10n.t('Pools using it: none in the loaded inventory');
  const names = pools.slice(0, MAX_POOLS_LISTED).map((p) => `${code(p.name)} (${parseArmId(p.accountId)?.name ?? p.accountId})`);
  const more = pools.length > MAX_POOLS_LISTED ? vscode.l10n.t(', and {0} more', pools.length - MAX_POOLS_LISTED) : '';
  return vscode.l10n.t('Pools using it: {0}{1}', names.join(', '), more);
}

function replicasText(version: GalleryImageVersion): string {
  if (version.targetRegions.length === 0) return vscode.l10n.t('Replicas: none');
  return vscode.l10n.t('Replicas: {0}', version.targetRegions.map((r) => `${normalizeRegion(r.name)} ×${r.regionalReplicaCount ?? 1}`).join(', '));
}

function accountFit(account: BatchAccount | undefined, regions: string[]): string | undefined {
  if (!account) return undefined;
  const ok = regions.some((r) => sameRegion(r, account.location));
  return ok
    ? vscode.l10n.t('$(check) Usable from Batch account {0} ({1})', code(account.name), normalizeRegion(account.location))
    : vscode.l10n.t('$(warning) Not available in {0}, the region of Batch account {1}', normalizeRegion(account.location), code(account.name));
}

function imageLines(id: string, analysis: DocumentAnalysis, pool: PoolAnalysis): string[] {
  const inventory = analysis.inventory;
  const info = parseImageId(id);
  if (!info) return [vscode.l10n.t('**Not a custom image id**'), vscode.l10n.t('Expected a managed image or an Azure Compute Gallery image definition / version resource id.')];
  const account = pool.target?.account;
  const missing = (what: string): string[] => {
    const e = inventory.existence(id);
    const state = e === 'deleted' ? vscode.l10n.t('does **not exist** (its subscription was loaded and it is not there)') : analysis.trusted ? vscode.l10n.t('is not in the loaded inventory') : vscode.l10n.t('is not looked up in Restricted Mode');
    return [`**${what}** ${code(info.name)}`, vscode.l10n.t('Subscription: {0} · Resource group: {1}', subscriptionText(inventory, info.subscriptionId), code(info.resourceGroup)), vscode.l10n.t('This image {0}.', state)];
  };
  if (info.kind === 'managedImage') {
    const image = inventory.imagesById.get(info.key);
    if (!image) return missing(vscode.l10n.t('Managed image'));
    const sources = inventory.imageSources(image.id).map((s) => {
      const name = s.source.id ? (parseArmId(s.source.id)?.name ?? s.source.id) : (s.source.uri ?? '?');
      const role = s.source.role === 'os' ? 'OS' : vscode.l10n.t('data (LUN {0})', s.source.lun ?? '?');
      return `${role} ${s.source.kind} ${code(name)} — ${s.source.kind === 'blob' ? vscode.l10n.t('blob, not checked') : existenceText(s.existence)}`;
    });
    return [
      vscode.l10n.t('**Managed image** {0}', code(image.name)),
      vscode.l10n.t('Region: {0} · Subscription: {1}', code(normalizeRegion(image.location)), subscriptionText(inventory, image.subscriptionId)),
      vscode.l10n.t('OS: {0}, {1} · Provisioning: {2}', image.osType, image.osState, image.provisioningState),
      vscode.l10n.t('Lineage: {0}', sources.length > 0 ? sources.join('; ') : vscode.l10n.t('no backing resource recorded')),
      poolsText(inventory.poolsByImageId(image.id)),
      ...optional(accountFit(account, [image.location])),
    ];
  }
  const definition = inventory.definitionOf(id);
  const version = info.kind === 'galleryImageVersion' ? inventory.versionsById.get(info.key) : info.definitionId ? inventory.latestVersion(info.definitionId) : undefined;
  if (info.kind === 'galleryImageVersion' && !version) return missing(vscode.l10n.t('Gallery image version'));
  if (info.kind === 'galleryImageDefinition' && !definition) return missing(vscode.l10n.t('Gallery image definition'));
  const title =
    info.kind === 'galleryImageVersion'
      ? vscode.l10n.t('**Gallery image version** {0}', code(`${info.galleryName}/${info.definitionName}/${info.versionName}`))
      : vscode.l10n.t('**Gallery image definition** {0}', code(`${info.galleryName}/${info.definitionName}`));
  const lines = [title, vscode.l10n.t('Region: {0} · Subscription: {1}', code(normalizeRegion(version?.location ?? definition?.location)), subscriptionText(inventory, info.subscriptionId))];
  if (definition) lines.push(vscode.l10n.t('OS: {0}, {1}{2}', definition.osType, definition.osState, definition.securityType ? vscode.l10n.t(' · Security type: {0}', definition.securityType) : ''));
  if (version) {
    const latest = info.kind === 'galleryImageDefinition' ? vscode.l10n.t('Latest version {0} · ', code(version.name)) : '';
    lines.push(vscode.l10n.t('{0}Provisioning: {1}', latest, version.provisioningState), replicasText(version));
    if (version.sourceId) lines.push(vscode.l10n.t('Source: {0} — {1}', code(parseArmId(version.sourceId)?.name ?? version.sourceId), existenceText(inventory.existence(version.sourceId))));
    lines.push(...optional(accountFit(account, version.targetRegions.map((r) => r.name))));
  } else {
    lines.push(vscode.l10n.t('No version that is not excluded from latest.'));
  }
  lines.push(poolsText(info.kind === 'galleryImageVersion' ? inventory.poolsUsingVersion(id) : inventory.poolsUsingDefinition(id)));
  return lines;
}

function optional(line: string | undefined): string[] {
  return line ? [line] : [];
}

function skuLines(sku: string, pool: PoolAnalysis, analysis: DocumentAnalysis): string[] {
  const title = vscode.l10n.t('**Node agent SKU** {0}', code(sku));
  const account = pool.target?.account;
  if (!account) {
    return [title, analysis.trusted ? vscode.l10n.t('Select the Batch account of this document to see what its supported images say about this SKU.') : vscode.l10n.t('Not looked up in Restricted Mode.')];
  }
  const entries = (account.supportedImages ?? []).filter((s) => s.nodeAgentSkuId.toLowerCase() === sku.toLowerCase());
  if (!account.supportedImages) return [title, vscode.l10n.t('The supported images of Batch account {0} are not loaded.', code(account.name))];
  if (entries.length === 0) return [title, vscode.l10n.t('$(error) Not among the supported images of Batch account {0} ({1}).', code(account.name), normalizeRegion(account.location))];
  const os = [...new Set(entries.map((e) => e.osType))].join(', ');
  const verification = [...new Set(entries.map((e) => e.verificationType ?? 'unknown'))].join(', ');
  const ends = entries.map((e) => e.batchSupportEndOfLife).filter((d): d is string => d !== undefined).sort();
  const eol = ends.length === entries.length && ends.length > 0 ? endOfLifeText(ends[ends.length - 1]) : vscode.l10n.t('no end of life announced');
  return [
    title,
    vscode.l10n.t('OS: {0} · Verification: {1}', os, verification),
    vscode.l10n.t('Batch support: {0}', eol),
    entries.length === 1
      ? vscode.l10n.t('1 supported image in Batch account {0} ({1})', code(account.name), normalizeRegion(account.location))
      : vscode.l10n.t('{0} supported images in Batch account {1} ({2})', entries.length, code(account.name), normalizeRegion(account.location)),
  ];
}

function endOfLifeText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return vscode.l10n.t('ends {0}', iso);
  const date = new Date(t).toISOString().slice(0, 10);
  const days = Math.ceil((t - Date.now()) / 86_400_000);
  return days <= 0 ? vscode.l10n.t('**ended** on {0}', date) : vscode.l10n.t('ends on {0} (in {1} days)', date, days);
}
