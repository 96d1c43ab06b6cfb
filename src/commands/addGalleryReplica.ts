// The editor's `gallery-replica-missing` / `gallery-replicas-low` quick fixes (and the tree's
// version node): adds a replica region to a gallery image version, or raises its count, by
// re-publishing the version with the extended target regions (Azure replicates in place).
import { createGalleryImageVersion } from '../azure';
import { ADD_GALLERY_REPLICA_COMMAND } from '../editor';
import { armIdKey, normalizeRegion, parseArmId, sameRegion, type GalleryImageVersion } from '../model';
import { UserCancelledError } from './registerCommand';
import { argumentResourceId, shortName } from './steps/resources';
import { announce, refreshAndReveal, reportFailure, withCancellableProgress, type WorkflowContext } from './workflowContext';

export const ADD_REPLICA_COMMAND = ADD_GALLERY_REPLICA_COMMAND;
const TITLE = 'Add Gallery Replica';

interface ReplicaArgs {
  versionId?: string;
  region?: string;
  regionalReplicaCount?: number;
}

export async function addGalleryReplicaCommand(ctx: WorkflowContext, arg?: unknown): Promise<string | undefined> {
  const args: ReplicaArgs = typeof arg === 'object' && arg !== null && 'versionId' in arg ? (arg as ReplicaArgs) : { versionId: argumentResourceId(arg) };
  const inventory = ctx.services.inventory.current;
  let version: GalleryImageVersion | undefined = args.versionId ? inventory.versionsById.get(armIdKey(args.versionId)) : undefined;
  if (!version) {
    const versions = [...inventory.snapshot.galleryImageVersions].sort((a, b) => a.id.localeCompare(b.id));
    version = (
      await ctx.ui().pickOne(
        versions.map((v) => ({ label: `${shortName(v.definitionId)}/${v.name}`, description: v.targetRegions.map((r) => `${r.name} (${r.regionalReplicaCount})`).join(', '), data: v })),
        { title: `${TITLE}: gallery image version` },
      )
    ).data;
  }
  if (!version.sourceId && !version.diskSources) throw new Error(`Version ${version.name} has no recorded source, so it cannot be re-published with more regions.`);
  const region =
    args.region ??
    (await ctx.ui().inputBox({ title: `${TITLE}: region`, prompt: 'Region to replicate to, e.g. westus2', validate: (v) => (/^[A-Za-z0-9 ]+$/.test(v) ? undefined : 'A region name such as westus2.') }));
  const current = version.targetRegions.find((r) => sameRegion(r.name, region))?.regionalReplicaCount;
  const count = args.regionalReplicaCount ?? Math.max(1, current ?? 1);
  await ctx.ui().confirm(`Replicate ${shortName(version.definitionId)}/${version.name} to ${region} with ${count} replica(s)?`, {
    detail: current ? `It has ${current} replica(s) there now.` : 'It has no replica there yet; pools in that region cannot allocate nodes until it has.',
    confirmLabel: 'Replicate',
  });
  const regions = version.targetRegions.filter((r) => !sameRegion(r.name, region)).map((r) => ({ name: normalizeRegion(r.name), regionalReplicaCount: r.regionalReplicaCount }));
  regions.push({ name: normalizeRegion(region), regionalReplicaCount: count });
  const v = version;
  // Sent again as it was published: an update without the source would be refused.
  const source = version.diskSources ? { diskSources: version.diskSources } : { sourceId: version.sourceId ?? '' };
  try {
    const clients = await ctx.services.azure();
    const updated = await withCancellableProgress(`Replicating ${v.name} to ${region}`, 'Cancelling stops waiting; Azure continues replicating', (signal) =>
      createGalleryImageVersion(clients, { definitionId: v.definitionId, name: v.name, location: v.location, ...source, targetRegions: regions, excludeFromLatest: v.excludeFromLatest }, { signal }),
    );
    ctx.services.inventory.recordCreated?.('galleryImageVersions', { ...updated });
    await refreshAndReveal(ctx, { subscriptionId: parseArmId(updated.id)?.subscriptionId }, updated.id);
    announce(ctx, `Version ${updated.name} now has ${count} replica(s) in ${region}.`, updated.id);
    return updated.id;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    reportFailure(ctx, `Replicating ${v.name} to ${region}`, error);
    return undefined;
  }
}
