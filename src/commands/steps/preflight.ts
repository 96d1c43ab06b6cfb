// The check every command that creates or changes a pool runs before its request: fresh reads of
// what the rules judge (the target account's pools, the image's galleries or managed images),
// every rule over the request as it will be sent, the findings shown, errors blocking unless the
// user insists. The request is judged as Azure will receive it: the spec comes from the request
// body through src/pooljson, never from what the wizard meant to send.
import * as vscode from 'vscode';
import type { ArmPoolBody } from '../../azure';
import { parseImageId, type BatchAccount, type Inventory, type PoolSpec } from '../../model';
import { parsePoolDocument } from '../../pooljson';
import { runRules, type Finding } from '../../rules';
import type { WorkflowContext } from '../workflowContext';
import { reviewFindings, type FindingDecision, type ReviewKind } from './poolPlan';

/**
 * Reloads what the rules read for a pool of the account `accountId` on `imageId`: the account's pools (sharing,
 * node totals, the account itself) and the image's subscription's galleries or managed images.
 * Returns the inventory after those reads.
 */
export async function freshInventory(ctx: WorkflowContext, accountId: string, imageId: string | undefined): Promise<Inventory> {
  const inventory = ctx.services.inventory;
  const reads: Promise<void>[] = [inventory.refresh({ accountId })];
  const image = imageId ? parseImageId(imageId) : undefined;
  if (image) {
    // A gallery image: the galleries and the versions (definitions only if never loaded).
    const categories = image.kind === 'managedImage' ? (['images'] as const) : (['galleries', 'galleryImageVersions'] as const);
    reads.push(inventory.refresh({ subscriptionId: image.subscriptionId, categories: [...categories] }));
  }
  await Promise.all(reads);
  await inventory.whenIdle();
  // Those lists may come from Resource Graph's index: the image itself is read fresh from
  // Resource Manager (readFresh, through the inventory), so a write never judges an image that
  // was deleted a minute ago as present, nor a new one as missing.
  if (imageId && image) await inventory.verify?.([imageId], { force: true });
  return inventory.current;
}

/** The spec of an ARM pool request body, read the way the editor reads a pool resource. */
export function specOfArmRequest(account: BatchAccount, poolName: string, body: ArmPoolBody): PoolSpec {
  const resource = { type: 'Microsoft.Batch/batchAccounts/pools', name: `${account.name}/${poolName}`, ...body };
  const spec = parsePoolDocument(JSON.stringify(resource)).specs[0];
  if (!spec) throw new Error(vscode.l10n.t('The pool request for {0} could not be read back.', poolName));
  return { ...spec, accountId: account.id };
}

/** The spec of a data-plane pool request body (`PoolAddParameter`). */
export function specOfDataPlaneRequest(account: BatchAccount, body: Record<string, unknown>): PoolSpec {
  const spec = parsePoolDocument(JSON.stringify(body)).specs[0];
  if (!spec) throw new Error(vscode.l10n.t('The pool request could not be read back.'));
  return { ...spec, accountId: account.id };
}

export interface PreflightOptions {
  title: string;
  proceedLabel: string;
  kind: ReviewKind;
  /** Lines shown with the findings (e.g. the pool's current resize errors). */
  notes?: readonly string[];
  /** Findings already accepted earlier in the same command: not asked about again. */
  accepted?: readonly Finding[];
}

/** Every rule over `spec` with a fresh inventory; the findings shown; errors block unless the user insists. */
export async function preflight(ctx: WorkflowContext, spec: PoolSpec, account: BatchAccount | undefined, options: PreflightOptions): Promise<{ decision: FindingDecision; findings: Finding[] }> {
  const imageId = spec.imageId?.unknown ? undefined : spec.imageId?.value;
  const inventory = account ? await freshInventory(ctx, account.id, imageId) : ctx.services.inventory.current;
  const findings = runRules(spec, { account, inventory, now: new Date() });
  const seen = new Set((options.accepted ?? []).map(findingKey));
  const fresh = findings.filter((f) => !seen.has(findingKey(f)));
  const decision = await reviewFindings(ctx, options.title, fresh, options.proceedLabel, options.kind, options.notes);
  return { decision, findings };
}

function findingKey(f: Finding): string {
  return `${f.code}\u0000${f.message}`;
}
