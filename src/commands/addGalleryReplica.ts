// The editor's `gallery-replica-missing` / `gallery-replicas-low` quick fixes (and the tree's
// version node): adds a replica region to a gallery image version, or raises its count, by
// re-publishing the version with the extended target regions (Azure replicates in place).
import * as l10n from '@vscode/l10n';
import { createGalleryImageVersion, freshVersionBeforeReplica, StaleStateError } from '../azure';
import { ADD_GALLERY_REPLICA_COMMAND } from '../editor';
import { armIdKey, normalizeRegion, parseArmId, sameRegion, type GalleryImageVersion } from '../model';
import { UserCancelledError } from './registerCommand';
import { argumentResourceId, shortName } from './steps/resources';
import { showFreshState } from './steps/staleState';
import { announce, refreshAndReveal, reportFailure, requireTrustedWorkspace, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const ADD_REPLICA_COMMAND = ADD_GALLERY_REPLICA_COMMAND;
const TITLE = (): string => l10n.t('Add Gallery Replica');

interface ReplicaArgs {
  versionId?: string;
  region?: string;
  regionalReplicaCount?: number;
  /** Set by the pool document's quick fix. */
  documentUri?: string;
}

export async function addGalleryReplicaCommand(ctx: WorkflowContext, arg?: unknown): Promise<string | undefined> {
  const args: ReplicaArgs = typeof arg === 'object' && arg !== null && 'versionId' in arg ? (arg as ReplicaArgs) : { versionId: argumentResourceId(arg) };
  // From a pool document's quick fix, the version and region come from a workspace file.
  if (args.documentUri) requireTrustedWorkspace(ctx, TITLE());
  const inventory = ctx.services.inventory.current;
  let version: GalleryImageVersion | undefined = args.versionId ? inventory.versionsById.get(armIdKey(args.versionId)) : undefined;
  if (!version) {
    const versions = [...inventory.snapshot.galleryImageVersions].sort((a, b) => a.id.localeCompare(b.id));
    version = (
      await ctx.ui().pickOne(
        versions.map((v) => ({ label: `${shortName(v.definitionId)}/${v.name}`, description: v.targetRegions.map((r) => `${r.name} (${r.regionalReplicaCount})`).join(', '), data: v })),
        { title: l10n.t('{0}: gallery image version', TITLE()) },
      )
    ).data;
  }
  if (!version.sourceId && !version.diskSources) throw new Error(l10n.t('Version {0} has no recorded source, so it cannot be re-published with more regions.', version.name));
  const region =
    args.region ??
    (await ctx.ui().inputBox({ title: l10n.t('{0}: region', TITLE()), prompt: l10n.t('Region to replicate to, e.g. westus2'), validate: (v) => (/^[A-Za-z0-9 ]+$/.test(v) ? undefined : l10n.t('A region name such as westus2.')) }));
  const current = version.targetRegions.find((r) => sameRegion(r.name, region))?.regionalReplicaCount;
  const count = args.regionalReplicaCount ?? Math.max(1, current ?? 1);
  await ctx.ui().confirm(l10n.t('Replicate {0}/{1} to {2} with {3} replica(s)?', shortName(version.definitionId), version.name, region, count), {
    detail: current ? l10n.t('It has {0} replica(s) there now.', current) : l10n.t('It has no replica there yet; pools in that region cannot allocate nodes until it has.'),
    confirmLabel: l10n.t('Replicate'),
  });
  const v = version;
  try {
    const clients = await ctx.services.azure();
    const updated = await withCancellableProgress(l10n.t('Replicating {0} to {1}', v.name, region), l10n.t('Cancelling stops waiting; Azure continues replicating'), async (signal, report) => {
      // The version's target regions as Azure has them now, not as the inventory loaded them: a
      // replica added or changed meanwhile is kept, and only the chosen region is set.
      report(l10n.t('Reading the version\'s current replicas…'));
      const now = await freshVersionBeforeReplica(clients, v, signal);
      if (!now.sourceId && !now.diskSources) throw new Error(l10n.t('Version {0} has no recorded source, so it cannot be re-published with more regions.', now.name));
      const regions = now.targetRegions.filter((r) => !sameRegion(r.name, region)).map((r) => ({ name: normalizeRegion(r.name), regionalReplicaCount: r.regionalReplicaCount }));
      regions.push({ name: normalizeRegion(region), regionalReplicaCount: count });
      // Sent again as it was published: an update without the source would be refused.
      const source = now.diskSources ? { diskSources: now.diskSources } : { sourceId: now.sourceId ?? '' };
      report(l10n.t('Replicating to {0}…', regions.map((r) => `${r.name} (${r.regionalReplicaCount})`).join(', ')));
      return createGalleryImageVersion(clients, { definitionId: now.definitionId, name: now.name, location: now.location, ...source, targetRegions: regions, excludeFromLatest: now.excludeFromLatest }, { signal });
    });
    ctx.services.inventory.recordCreated?.('galleryImageVersions', { ...updated });
    await refreshAndReveal(ctx, { subscriptionId: parseArmId(updated.id)?.subscriptionId }, updated.id);
    announce(ctx, l10n.t('Version {0} now has {1} replica(s) in {2}.', updated.name, count, region), updated.id);
    return updated.id;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    if (error instanceof StaleStateError) showFreshState(ctx, error);
    reportFailure(ctx, l10n.t('Replicating {0} to {1}', v.name, region), error);
    return undefined;
  }
}
