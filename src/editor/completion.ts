// Completion inside the image id, node agent SKU and VM size values. Image ids usable from the
// target account (gallery versions replicated to its region, managed images in its region) sort
// first; VM sizes are those Batch supports in the account's region (loaded on first use).
import * as vscode from 'vscode';
import type { InventoryView } from '../extensionServices';
import { armIdKey, known, normalizeRegion, parseArmId, type Inventory, type SpecValue, type TextRange } from '../model';
import { imageCandidates, resolveImageId, skuCandidates } from '../rules';
import type { DocumentAnalyzer, PoolAnalysis } from './analysis';
import { isPoolTextDocument } from './poolDocuments';
import { toRange } from './ranges';

export class PoolCompletions implements vscode.CompletionItemProvider {
  constructor(
    private readonly analyzer: DocumentAnalyzer,
    private readonly inventory?: InventoryView,
  ) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | Promise<vscode.CompletionItem[]> {
    if (!isPoolTextDocument(document)) return [];
    const analysis = this.analyzer.analyse(document);
    if (!analysis.trusted) return [];
    const offset = document.offsetAt(position);
    for (const pool of analysis.pools) {
      const imageRange = insideString(pool.spec.imageId, offset);
      if (imageRange) return imageItems(analysis.inventory, pool, toRange(document, imageRange));
      const skuRange = insideString(pool.spec.nodeAgentSkuId, offset);
      if (skuRange) return skuItems(analysis.inventory, pool, toRange(document, skuRange));
      const sizeRange = insideString(pool.spec.vmSize, offset);
      const account = pool.target?.account;
      if (sizeRange && account && this.inventory) return vmSizeItems(this.inventory, account.subscriptionId, account.location, toRange(document, sizeRange));
    }
    return [];
  }
}

async function vmSizeItems(inventory: InventoryView, subscriptionId: string, region: string, range: vscode.Range): Promise<vscode.CompletionItem[]> {
  const sizes = await inventory.vmSizes(subscriptionId, region);
  return sizes.map((size) => item(size.name, size.name, range, 0, [size.summary, vscode.l10n.t('supported by Batch in {0}', normalizeRegion(region))].filter(Boolean).join(' · ')));
}

/** The value's range when the cursor is inside its quotes (a literal string, not an expression). */
function insideString(value: SpecValue<string> | undefined, offset: number): TextRange | undefined {
  const r = value?.range;
  if (!r || value.unknown || offset <= r.offset || offset > r.offset + r.length) return undefined;
  return r;
}

function item(label: string, value: string, range: vscode.Range, sortGroup: number, detail: string, documentation?: string): vscode.CompletionItem {
  const c = new vscode.CompletionItem({ label, description: detail }, vscode.CompletionItemKind.Value);
  // The range covers the quotes, so the inserted text is the whole JSON string.
  c.insertText = JSON.stringify(value);
  c.filterText = JSON.stringify(value);
  c.range = range;
  c.sortText = `${sortGroup}-${label.toLowerCase()}`;
  c.detail = detail;
  if (documentation) c.documentation = new vscode.MarkdownString('`' + documentation + '`');
  return c;
}

function shortName(id: string): string {
  const p = parseArmId(id);
  return p ? p.names.join('/') : id;
}

function imageItems(inventory: Inventory, pool: PoolAnalysis, range: vscode.Range): vscode.CompletionItem[] {
  const account = pool.target?.account;
  const usable = new Set(imageCandidates(inventory, account?.location).map(armIdKey));
  const where = account ? vscode.l10n.t(' · usable from {0}', account.name) : '';
  const items: vscode.CompletionItem[] = [];
  const add = (id: string, kind: string, region: string) => {
    const ok = usable.has(armIdKey(id));
    items.push(item(shortName(id), id, range, ok ? 0 : 1, `${kind} · ${normalizeRegion(region)}${ok ? where : ''}`, id));
  };
  const snap = inventory.snapshot;
  for (const v of snap.galleryImageVersions) add(v.id, vscode.l10n.t('gallery image version'), v.targetRegions.map((r) => normalizeRegion(r.name)).join(', ') || v.location);
  for (const d of snap.galleryImageDefinitions) {
    const latest = inventory.latestVersion(d.id);
    if (latest) items.push(item(shortName(d.id), d.id, range, usable.has(armIdKey(latest.id)) ? 0 : 1, vscode.l10n.t('gallery image definition (latest {0}) · {1}', latest.name, d.location), d.id));
  }
  for (const i of snap.images) add(i.id, vscode.l10n.t('managed image (retired for pools)'), i.location);
  return items;
}

function skuItems(inventory: Inventory, pool: PoolAnalysis, range: vscode.Range): vscode.CompletionItem[] {
  const account = pool.target?.account;
  if (!account) return [];
  const resolved = resolveImageId(known(pool.spec.imageId), inventory);
  const osType = (resolved.managedImage?.osType ?? resolved.definition?.osType)?.toLowerCase();
  const os = osType === 'windows' || osType === 'linux' ? osType : undefined;
  return skuCandidates(account, os).map((sku, i) => {
    const entry = account.supportedImages?.find((s) => s.nodeAgentSkuId.toLowerCase() === sku.toLowerCase());
    const detail = [entry?.osType, entry?.verificationType].filter(Boolean).join(' · ');
    // skuCandidates lists verified SKUs first; keep that order.
    const c = item(sku, sku, range, 0, detail);
    c.sortText = String(i).padStart(4, '0');
    return c;
  });
}
