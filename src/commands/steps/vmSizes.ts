// The VM size question of Create Pool and New Pool JSON: the sizes Batch supports in the account's
// region (Batch's own list, `locations/{loc}/virtualMachineSkus`), grouped by family with vCPUs and
// memory; sizes the image cannot run on (Hyper-V generation, Trusted Launch / confidential VM)
// are left out; the default is a current general-purpose size that fits.
import * as vscode from 'vscode';
import { listBatchVmSkus, type BatchVmSku } from '../../azure';
import { armIdKey, parseImageId, type BatchAccount, type Inventory } from '../../model';
import { requiredPoolSecurityType } from '../../rules';
import type { PickItem } from '../../ui';
import { errorText, type WorkflowContext } from '../workflowContext';

/** What the image asks of a VM size. */
export interface ImageNeeds {
  generation: 'V1' | 'V2';
  security?: 'trustedLaunch' | 'confidentialVM';
}

export function imageNeeds(inventory: Inventory, imageId: string): ImageNeeds {
  const info = parseImageId(imageId);
  if (info?.kind === 'managedImage') {
    const image = inventory.imagesById.get(armIdKey(imageId));
    return { generation: image?.hyperVGeneration?.toUpperCase() === 'V2' ? 'V2' : 'V1' };
  }
  const definition = inventory.definitionOf(imageId);
  return { generation: definition?.hyperVGeneration?.toUpperCase() === 'V1' ? 'V1' : definition ? 'V2' : 'V1', security: requiredPoolSecurityType(definition?.securityType) };
}

/** Why a size cannot run the image, or undefined. */
export function sizeProblem(sku: BatchVmSku, needs: ImageNeeds): string | undefined {
  const generations = (sku.capabilities.HyperVGenerations ?? 'V1').toUpperCase().split(',').map((g) => g.trim());
  if (!generations.includes(needs.generation)) return vscode.l10n.t('no Hyper-V generation {0}', needs.generation);
  if (needs.security === 'trustedLaunch' && (sku.capabilities.TrustedLaunchDisabled ?? 'False').toLowerCase() === 'true') return vscode.l10n.t('no Trusted Launch');
  if (needs.security === 'confidentialVM' && !sku.capabilities.ConfidentialComputingType) return vscode.l10n.t('not a confidential VM size');
  return undefined;
}

/** `Standard_D2s_v5` → 5; sizes without a version suffix count as 1. */
function sizeVersion(name: string): number {
  const m = /_v(\d+)$/i.exec(name);
  return m ? Number(m[1]) : 1;
}

const GENERAL_PURPOSE = /^Standard_D\d+[a-z]*(_v\d+)?$/i;

/**
 * The default: a general-purpose D-series size of the newest version with at least 2 vCPUs, the
 * smallest of those; else the smallest fitting size with at least 2 vCPUs; else any fitting size.
 */
export function recommendedSize(skus: readonly BatchVmSku[]): BatchVmSku | undefined {
  const cpus = (s: BatchVmSku) => Number(s.capabilities.vCPUs ?? '0');
  const byCpusThenName = (a: BatchVmSku, b: BatchVmSku) => cpus(a) - cpus(b) || a.name.localeCompare(b.name);
  const general = skus.filter((s) => GENERAL_PURPOSE.test(s.name) && cpus(s) >= 2 && !s.capabilities.GPUs);
  if (general.length > 0) {
    const newest = Math.max(...general.map((s) => sizeVersion(s.name)));
    return general.filter((s) => sizeVersion(s.name) === newest).sort(byCpusThenName)[0];
  }
  return [...skus].filter((s) => cpus(s) >= 2).sort(byCpusThenName)[0] ?? skus[0];
}

function familyLabel(sku: BatchVmSku): string {
  const family = sku.familyName ?? '';
  const m = /^standard(.+?)Family$/i.exec(family);
  return m ? m[1] : family || vscode.l10n.t('Other sizes');
}

function sizeDescription(sku: BatchVmSku): string {
  const parts = [
    sku.capabilities.vCPUs ? vscode.l10n.t('{0} vCPUs', sku.capabilities.vCPUs) : undefined,
    sku.capabilities.MemoryGB ? vscode.l10n.t('{0} GiB', sku.capabilities.MemoryGB) : undefined,
    sku.capabilities.GPUs ? vscode.l10n.t('{0} GPU(s)', sku.capabilities.GPUs) : undefined,
  ];
  return parts.filter((p): p is string => p !== undefined).join(' · ');
}

/** The size for a pool on `imageId` in the account's region; typed by hand when Batch's list cannot be read. */
export async function pickVmSize(ctx: WorkflowContext, account: BatchAccount, imageId: string, title: string): Promise<string> {
  let skus: BatchVmSku[] = [];
  try {
    skus = await listBatchVmSkus(await ctx.services.azure(), account.subscriptionId, account.location);
  } catch (error) {
    ctx.services.log.warn(vscode.l10n.t('Listing VM sizes of {0} failed: {1}', account.location, errorText(error)));
  }
  const needs = imageNeeds(ctx.services.inventory.current, imageId);
  const fitting = skus.filter((s) => !sizeProblem(s, needs));
  const recommended = recommendedSize(fitting);
  if (!recommended) {
    return ctx.ui().inputBox({
      title,
      prompt: vscode.l10n.t('VM size (the sizes Batch supports in {0} could not be read)', account.location),
      value: 'Standard_D2s_v5',
      validate: (v) => (/^[A-Za-z0-9_]+$/.test(v) ? undefined : vscode.l10n.t('A VM size such as Standard_D2s_v5.')),
    });
  }
  // The recommendation first (Enter takes it), then every fitting size grouped by family.
  const items: PickItem<string>[] = [
    { label: recommended.name, description: `${sizeDescription(recommended)} · ${vscode.l10n.t('recommended')}`, data: recommended.name },
  ];
  const families = new Map<string, BatchVmSku[]>();
  for (const sku of fitting) families.set(familyLabel(sku), [...(families.get(familyLabel(sku)) ?? []), sku]);
  for (const family of [...families.keys()].sort((a, b) => a.localeCompare(b))) {
    items.push({ label: family, kind: vscode.QuickPickItemKind.Separator, data: '' });
    const cpus = (s: BatchVmSku) => Number(s.capabilities.vCPUs ?? '0');
    for (const sku of (families.get(family) ?? []).sort((a, b) => cpus(a) - cpus(b) || a.name.localeCompare(b.name))) {
      if (sku !== recommended) items.push({ label: sku.name, description: sizeDescription(sku), data: sku.name });
    }
  }
  const left = skus.length - fitting.length;
  const placeHolder =
    left > 0
      ? vscode.l10n.t('VM sizes Batch supports in {0} for this image (recommended: {1}; {2} size(s) that cannot run it are not listed)', account.location, recommended.name, left)
      : vscode.l10n.t('VM sizes Batch supports in {0} for this image (recommended: {1})', account.location, recommended.name);
  return (await ctx.ui().pickOne(items, { title, placeHolder })).data;
}
