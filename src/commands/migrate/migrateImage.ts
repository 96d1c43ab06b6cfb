// "Migrate Pools to Azure Compute Gallery…": every pool on one retired image (a managed image, or
// a VHD blob behind one) moved to a gallery version. A plan is shown before anything changes:
// publish the image (or reuse a version made from it) with replicas where its pools run, then per
// pool what Azure allows — Pool - Update in place for a steady empty pool, otherwise a replacement
// pool with the same specification on the new image. Old pools are deleted only after their own
// confirmation. Progress is saved after every step; running the command again resumes.
import * as vscode from 'vscode';
import { BATCH_MANAGEMENT_API_VERSION, createPoolArm, deletePool, getGalleryImageVersion, getPool, getPoolResource, updatePoolImage, type AzureClients } from '../../azure';
import { AzureError } from '../../azure/errors';
import { armIdKey, batchPoolId, normalizeRegion, parseArmId, type Inventory } from '../../model';
import {
  buildMigrationReport,
  countText,
  MIGRATION_SOURCE_TAG,
  poolMigrationMethod,
  replacementPoolBody,
  replacementPoolName,
  securityProfileFor,
  type RetiredImageGroup,
} from '../../rules';
import type { PickItem } from '../../ui';
import { askPublishImage, publishedVersionId, runPublish } from '../publishToGallery';
import { UserCancelledError } from '../registerCommand';
import { argumentResourceId, shortName } from '../steps/resources';
import { refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from '../workflowContext';
import { isComplete, MigrationStore, type MigrationRecord, type PoolStep } from './migrationState';

export const MIGRATE_IMAGE_COMMAND = 'azureBatchImages.migrateImage';

/** How often a replacement pool is checked while it allocates its nodes. */
const STEADY_POLL_MS = 2000;

/** What the command may be started on: a tree node or id of the image (or of a pool on it), a report row, a quick fix. */
function imageIdOf(inventory: Inventory, arg: unknown): string | undefined {
  const fromObject = typeof arg === 'object' && arg !== null && typeof (arg as { imageId?: unknown }).imageId === 'string' ? (arg as { imageId: string }).imageId : undefined;
  const id = fromObject ?? argumentResourceId(arg);
  if (!id) return undefined;
  const pool = inventory.poolsById.get(armIdKey(id));
  return pool?.imageId ?? id;
}

export interface MigrationOutcome {
  record: MigrationRecord;
  /** True when every pool runs on the version (replacements steady). */
  complete: boolean;
}

export async function migrateImageCommand(ctx: WorkflowContext, arg?: unknown): Promise<MigrationOutcome | undefined> {
  const title = vscode.l10n.t('Migrate to Azure Compute Gallery');
  await ctx.services.inventory.whenIdle();
  const inventory = ctx.services.inventory.current;
  const report = buildMigrationReport(inventory);
  let imageId = imageIdOf(inventory, arg);
  if (!imageId) {
    if (report.images.length === 0) {
      void ctx.ui().showInformation(vscode.l10n.t('No pool of the selected subscriptions uses a managed image or a VHD blob.'));
      return undefined;
    }
    const items: PickItem<string>[] = report.images.map((g) => ({
      label: g.imageName,
      description: countText.pools(g.pools.length),
      detail: g.pools.map((p) => p.poolName).join(', '),
      data: g.imageId,
    }));
    imageId = (await ctx.ui().pickOne(items, { title: vscode.l10n.t('{0}: image', title), placeHolder: vscode.l10n.t('The retired image whose pools move to a gallery') })).data;
  }
  const store = new MigrationStore(ctx.services.context.globalState);
  let record = store.get(imageId);
  if (record && isComplete(record) && record.pools.every((p) => p.method === 'update' || p.oldDeleted)) {
    await store.remove(imageId);
    record = undefined;
  }
  if (record) {
    const remaining = record.pools.filter((p) => !p.switched || (p.method === 'replace' && !p.steady)).length;
    const resume = await ctx.ui().pickOne(
      [
        { label: vscode.l10n.t('Resume'), description: record.pools.length === 1 ? vscode.l10n.t('{0} of 1 pool still to move', remaining) : vscode.l10n.t('{0} of {1} pools still to move', remaining, record.pools.length), data: true },
        { label: vscode.l10n.t('Start Over'), description: vscode.l10n.t('plan again; what was already created stays and is reused'), data: false },
      ],
      { title: vscode.l10n.t('{0}: {1}', title, record.imageName), placeHolder: vscode.l10n.t('A migration of {0} started {1} did not finish', record.imageName, record.startedAt) },
    );
    if (!resume.data) record = undefined;
  }
  if (!record) {
    const group = report.images.find((g) => armIdKey(g.imageId) === armIdKey(imageId));
    if (!group || group.pools.length === 0) {
      void ctx.ui().showInformation(vscode.l10n.t('No pool of the selected subscriptions uses {0}.', parseArmId(imageId)?.name ?? imageId));
      return undefined;
    }
    record = await planMigration(ctx, title, group);
  }
  await confirmPlan(ctx, record);
  await store.save(record);
  return execute(ctx, store, record);
}

/** Asks where the version comes from and fixes each pool's method; nothing changes in Azure. */
async function planMigration(ctx: WorkflowContext, title: string, group: RetiredImageGroup): Promise<MigrationRecord> {
  const inventory = ctx.services.inventory.current;
  const needed = group.regionNeeds;
  const covers = (v: RetiredImageGroup['existingVersions'][number]) =>
    v.provisioningState === 'Succeeded' &&
    inventory.definitionOf(v.id)?.osState !== 'Specialized' &&
    needed.every((n) => v.targetRegions.some((r) => r.region === normalizeRegion(n.region) && r.replicas >= n.replicas));
  const reusable = group.existingVersions.filter(covers);
  const image = inventory.imagesById.get(armIdKey(group.imageId));
  type Source = { kind: 'reuse'; versionId: string } | { kind: 'publish' };
  const items: PickItem<Source>[] = reusable.map((v) => ({
    label: vscode.l10n.t('Reuse {0}', shortName(v.id)),
    description: v.targetRegions.map((r) => `${r.region} (${r.replicas})`).join(', '),
    detail: vscode.l10n.t('made from {0}; already serves every region its pools need', group.imageName),
    data: { kind: 'reuse', versionId: v.id },
  }));
  if (image && image.provisioningState === 'Succeeded') {
    items.push({
      label: vscode.l10n.t('$(add) Publish a New Version…'),
      detail: vscode.l10n.t('replicated to {0}', needed.map((n) => `${n.region} (${n.replicas})`).join(', ')),
      data: { kind: 'publish' },
    });
  }
  if (items.length === 0) {
    throw new Error(
      vscode.l10n.t(
        'The image {0} no longer exists (or is not ready) and no gallery version made from it serves its pools: publish a version from the image\'s snapshots first (Publish to Azure Compute Gallery…), then point the pools at it.',
        group.imageName,
      ),
    );
  }
  const source = (await ctx.ui().pickOne(items, { title: vscode.l10n.t('{0}: gallery version', title), placeHolder:
        group.pools.length === 1 ? vscode.l10n.t('The version the pool of {0} moves to', group.imageName) : vscode.l10n.t('The version the {0} pools of {1} move to', group.pools.length, group.imageName), })).data;
  let versionId: string;
  let publish: MigrationRecord['publish'];
  if (source.kind === 'reuse') {
    versionId = source.versionId;
  } else {
    if (!image) throw new UserCancelledError();
    // The wizard preselects the regions of the image's pools and suggests one replica per 300 of their nodes.
    publish = await askPublishImage(ctx, image, { regions: needed.map((n) => n.region) });
    publish.tags = { ...(publish.tags ?? {}), [MIGRATION_SOURCE_TAG]: group.imageId };
    versionId = publishedVersionId(publish);
  }
  const taken = new Set(inventory.snapshot.pools.map((p) => p.name.toLowerCase()));
  const pools: PoolStep[] = [];
  for (const row of group.pools) {
    const live = inventory.poolsById.get(armIdKey(row.poolId));
    if (!live) continue;
    const decision = poolMigrationMethod(live, BATCH_MANAGEMENT_API_VERSION);
    const step: PoolStep = { poolId: live.id, poolName: live.name, accountId: live.accountId, method: decision.method, reason: decision.reason, switched: false, steady: false, oldDeleted: false };
    if (decision.method === 'replace') {
      const account = parseArmId(live.accountId);
      const name = replacementPoolName(live.name, taken);
      taken.add(name.toLowerCase());
      step.replacementId = batchPoolId(account?.subscriptionId ?? '', account?.resourceGroup ?? '', account?.name ?? '', name);
    }
    pools.push(step);
  }
  return { imageId: group.imageId, imageName: group.imageName, startedAt: new Date().toISOString(), versionId, publish, versionReady: false, pools };
}

/** The plan, shown as a modal before anything changes. */
async function confirmPlan(ctx: WorkflowContext, record: MigrationRecord): Promise<void> {
  const version = shortName(record.versionId);
  const lines: string[] = [];
  let n = 1;
  if (record.versionReady) lines.push(vscode.l10n.t('{0}. Version {1}: ready (done).', n++, version));
  else if (record.publish) {
    lines.push(
      vscode.l10n.t('{0}. Publish {1} as {2}, replicated to {3}.', n++, record.imageName, version, record.publish.targetRegions.map((r) => `${r.name} (${r.regionalReplicaCount})`).join(', ')),
    );
  } else lines.push(vscode.l10n.t('{0}. Reuse version {1}.', n++, version));
  for (const p of record.pools) {
    const done = p.switched && (p.method === 'update' || p.steady) ? vscode.l10n.t(' (done)') : '';
    if (p.method === 'update') lines.push(vscode.l10n.t('{0}. {1}: change its image in place ({2}).{3}', n++, p.poolName, p.reason, done));
    else lines.push(vscode.l10n.t('{0}. {1}: create {2} with the same settings on the new image ({3}).{4}', n++, p.poolName, p.replacementId?.split('/').pop() ?? '', p.reason, done));
  }
  if (record.pools.some((p) => p.method === 'replace')) lines.push(vscode.l10n.t('Afterwards you are asked, separately, whether to delete the old pools. Nothing is deleted without that confirmation.'));
  const question =
    record.pools.length === 1
      ? vscode.l10n.t('Migrate the pool of {0} to Azure Compute Gallery?', record.imageName)
      : vscode.l10n.t('Migrate the {0} pools of {1} to Azure Compute Gallery?', record.pools.length, record.imageName);
  await ctx.ui().confirm(question, {
    detail: lines.join('\n'),
    confirmLabel: vscode.l10n.t('Migrate'),
  });
}

async function execute(ctx: WorkflowContext, store: MigrationStore, record: MigrationRecord): Promise<MigrationOutcome> {
  const resumeHint = vscode.l10n.t('Run Migrate… on the image again to resume; what succeeded stays in place.');
  let clients: AzureClients;
  try {
    clients = await ctx.services.azure();
  } catch (error) {
    reportFailure(ctx, vscode.l10n.t('Migrating {0}', record.imageName), error);
    return { record, complete: false };
  }
  // Step 1: the version.
  if (!record.versionReady) {
    const ready = await ensureVersion(ctx, clients, record);
    if (!ready) {
      void ctx.ui().showWarning(resumeHint);
      return { record, complete: false };
    }
    record.versionReady = true;
    await store.save(record);
  }
  // Step 2: every pool.
  const what = vscode.l10n.t('Moving the pools of {0} to {1}', record.imageName, shortName(record.versionId));
  try {
    await withCancellableProgress(what, vscode.l10n.t('Cancelling stops after the current request; run Migrate… again to resume'), async (signal, report) => {
      for (const step of record.pools) {
        if (signal.aborted) throw new AzureError({ code: 'Cancelled', message: vscode.l10n.t('Cancelled.') });
        if (!step.switched) {
          report(step.method === 'update' ? vscode.l10n.t('Changing the image of {0}…', step.poolName) : vscode.l10n.t('Creating {0}…', step.replacementId?.split('/').pop() ?? ''));
          await switchPool(ctx, clients, record, step, signal);
          step.switched = true;
          await store.save(record);
        }
        if (step.method === 'replace' && !step.steady) {
          report(vscode.l10n.t('Waiting for {0} to allocate its nodes…', step.replacementId?.split('/').pop() ?? ''));
          await waitUntilSteady(clients, step.replacementId ?? '', signal);
          step.steady = true;
          await store.save(record);
        }
      }
    });
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, what, error, resumeHint);
    await ctx.services.inventory.refresh({ subscriptionId: parseArmId(record.pools[0]?.poolId ?? '')?.subscriptionId });
    if (!(error instanceof AzureError && error.code === 'Cancelled')) void ctx.ui().showWarning(resumeHint);
    return { record, complete: false };
  }
  const firstNew = record.pools.find((p) => p.method === 'replace')?.replacementId ?? record.pools[0]?.poolId;
  await refreshAndReveal(ctx, { subscriptionId: parseArmId(record.pools[0]?.poolId ?? '')?.subscriptionId }, firstNew);
  void ctx.ui().showInformation(
    record.pools.length === 1
      ? vscode.l10n.t('The pool of {0} now runs on {1}.', record.imageName, shortName(record.versionId))
      : vscode.l10n.t('The {0} pools of {1} now run on {2}.', record.pools.length, record.imageName, shortName(record.versionId)),
  );
  await offerDeletion(ctx, clients, store, record);
  return { record, complete: true };
}

/** Reuses the version when it exists (a resumed run), else publishes it. */
async function ensureVersion(ctx: WorkflowContext, clients: AzureClients, record: MigrationRecord): Promise<boolean> {
  let existing;
  try {
    existing = await getGalleryImageVersion(clients, record.versionId);
  } catch (error) {
    reportFailure(ctx, vscode.l10n.t('Reading {0}', record.versionId), error);
    return false;
  }
  if (existing?.provisioningState === 'Succeeded') return true;
  if (!record.publish) {
    void ctx.ui().showError(vscode.l10n.t('The gallery version {0} is {1}: choose another one (Start Over).', record.versionId, existing?.provisioningState ?? vscode.l10n.t('gone')));
    return false;
  }
  if (existing && existing.provisioningState !== 'Failed') {
    // Still replicating from an interrupted run: wait for it rather than publish again.
    return waitForVersion(ctx, clients, record.versionId);
  }
  const published = await runPublish(ctx, record.publish);
  return published !== undefined;
}

async function waitForVersion(ctx: WorkflowContext, clients: AzureClients, versionId: string): Promise<boolean> {
  const what = vscode.l10n.t('Waiting for {0} to finish replicating', shortName(versionId));
  try {
    return await withCancellableProgress(what, vscode.l10n.t('Azure keeps replicating'), async (signal) => {
      for (;;) {
        const v = await getGalleryImageVersion(clients, versionId, { signal });
        if (v?.provisioningState === 'Succeeded') return true;
        if (!v || v.provisioningState === 'Failed') throw new AzureError({ code: 'VersionFailed', message: vscode.l10n.t('The version {0} is {1}.', versionId, v?.provisioningState ?? vscode.l10n.t('gone')) });
        await delay(clients.tuning.lroPollIntervalMs ?? STEADY_POLL_MS, signal);
      }
    });
  } catch (error) {
    reportFailure(ctx, what, error);
    return false;
  }
}

/** Puts one pool on the version: Pool - Update in place, or its replacement created (unless it already exists). */
async function switchPool(ctx: WorkflowContext, clients: AzureClients, record: MigrationRecord, step: PoolStep, signal: AbortSignal): Promise<void> {
  const options = { signal };
  const definition = ctx.services.inventory.current.definitionOf(record.versionId);
  const securityProfile = securityProfileFor(definition?.securityType ?? record.publish?.definition.input?.securityType);
  if (step.method === 'update') {
    const current = await getPoolResource(clients, step.poolId, options);
    if (!current) throw new AzureError({ code: 'ResourceNotFound', message: vscode.l10n.t('The pool {0} no longer exists.', step.poolName) });
    if (sameImage(current, record.versionId)) return; // done before an interruption
    const nodeAgentSkuId = String(vmConfiguration(current).nodeAgentSkuId ?? '');
    await updatePoolImage(clients, step.poolId, { imageId: record.versionId, nodeAgentSkuId, securityProfile }, options);
    return;
  }
  const replacementId = step.replacementId ?? '';
  const replacement = await getPoolResource(clients, replacementId, options);
  if (replacement) {
    if (sameImage(replacement, record.versionId)) return; // created before an interruption
    throw new AzureError({
      code: 'Conflict',
      message: vscode.l10n.t('A pool named {0} already exists on another image; delete or rename it, or choose Start Over.', replacementId.split('/').pop() ?? ''),
    });
  }
  const old = await getPoolResource(clients, step.poolId, options);
  if (!old) throw new AzureError({ code: 'ResourceNotFound', message: vscode.l10n.t('The pool {0} no longer exists: nothing to copy its settings from.', step.poolName) });
  const nodeAgentSkuId = String(vmConfiguration(old).nodeAgentSkuId ?? '');
  const body = replacementPoolBody(old, { imageId: record.versionId, nodeAgentSkuId, securityProfile });
  await createPoolArm(clients, step.accountId, replacementId.split('/').pop() ?? '', body, options);
}

function vmConfiguration(resource: { properties: Record<string, unknown> }): Record<string, unknown> {
  const deployment = (resource.properties.deploymentConfiguration ?? {}) as Record<string, unknown>;
  return (deployment.virtualMachineConfiguration ?? {}) as Record<string, unknown>;
}

function sameImage(resource: { properties: Record<string, unknown> }, versionId: string): boolean {
  const id = (vmConfiguration(resource).imageReference as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && armIdKey(id) === armIdKey(versionId);
}

/** Waits until the replacement pool is steady; a resize error is the pool's failure. */
async function waitUntilSteady(clients: AzureClients, poolId: string, signal: AbortSignal): Promise<void> {
  const p = parseArmId(poolId);
  const accountId = poolId.slice(0, poolId.toLowerCase().lastIndexOf('/pools/'));
  for (;;) {
    const pool = await getPool(clients, accountId, p?.name ?? '', { signal });
    if (pool.allocationState.toLowerCase() === 'steady') {
      const error = pool.resizeErrors[0];
      if (error) throw new AzureError({ code: error.code, message: error.message });
      return;
    }
    await delay(Math.min(STEADY_POLL_MS, Math.max(50, (clients.tuning.lroPollIntervalMs ?? STEADY_POLL_MS) * 10)), signal);
  }
}

/** Offers to delete the replaced pools, under their own confirmation. */
async function offerDeletion(ctx: WorkflowContext, clients: AzureClients, store: MigrationStore, record: MigrationRecord): Promise<void> {
  const old = record.pools.filter((p) => p.method === 'replace' && p.steady && !p.oldDeleted);
  if (old.length === 0) {
    await store.remove(record.imageId);
    return;
  }
  try {
    const question = old.length === 1 ? vscode.l10n.t('Delete the old pool of {0}?', record.imageName) : vscode.l10n.t('Delete the {0} old pools of {1}?', old.length, record.imageName);
    const detail =
      old.length === 1
        ? vscode.l10n.t('{0} was replaced by a pool on the gallery version, which is steady. Deleting removes its nodes and stops its running tasks. This cannot be undone.', old[0].poolName)
        : vscode.l10n.t('{0} were replaced by pools on the gallery version, which are steady. Deleting removes their nodes and stops their running tasks. This cannot be undone.', old.map((p) => p.poolName).join(', '));
    await ctx.ui().confirm(question, {
      detail,
      confirmLabel: vscode.l10n.t('Delete Old Pools'),
    });
  } catch (error) {
    if (!(error instanceof UserCancelledError)) throw error;
    void ctx.ui().showInformation(vscode.l10n.t('The old pools stay. Run Migrate… on the image again to be asked once more, or delete them from the explorer.'));
    return;
  }
  const what = vscode.l10n.t('Deleting the old pools of {0}', record.imageName);
  try {
    await withCancellableProgress(what, vscode.l10n.t('Azure still deletes a pool whose deletion started'), async (signal, report) => {
      for (const step of old) {
        report(vscode.l10n.t('Deleting {0}…', step.poolName));
        await deletePool(clients, step.poolId, { signal });
        step.oldDeleted = true;
        await store.save(record);
      }
    });
    await store.remove(record.imageId);
  } catch (error) {
    reportFailure(ctx, what, error);
  }
  await ctx.services.inventory.refresh({ subscriptionId: parseArmId(record.pools[0]?.poolId ?? '')?.subscriptionId });
  ctx.services.log.info(`Deleted ${old.filter((p) => p.oldDeleted).length} old pools of ${record.imageName}`);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new AzureError({ code: 'Cancelled', message: vscode.l10n.t('Cancelled.') }));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AzureError({ code: 'Cancelled', message: vscode.l10n.t('Cancelled.') }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
