// "Publish Image to Azure Compute Gallery…": a gallery image version from a managed image or
// straight from OS and data-disk snapshots, with the gallery and image definition chosen or
// created, replicated to the regions of the Batch accounts that will use it. Also the editor's `managed-image-retired` quick fix (it passes the
// document and pool path; the pool's image id is rewritten to the new version) and the first half
// of "Create Pool from Image…" for managed images.
import * as vscode from 'vscode';
import {
  checkBeforePublish,
  createGalleryImageVersion,
  createOrUpdateGallery,
  createOrUpdateGalleryImageDefinition,
  deleteGallery,
  deleteGalleryImageDefinition,
  deleteGalleryImageVersion,
  StaleStateError,
  type AzureClients,
} from '../azure';
import { galleryId as makeGalleryId, normalizeRegion, parseArmId, sameRegion, type Gallery, type ManagedImage } from '../model';
import { PUBLISH_TO_GALLERY_COMMAND } from '../editor';
import { parsePoolDocument, replaceImageIdEdits } from '../pooljson';
import type { PickItem } from '../ui';
import { UserCancelledError } from './registerCommand';
import { showFreshState } from './steps/staleState';
import { confirmSummary } from './steps/summary';
import { askDefinition, type TargetDefinition, type TargetGallery } from './steps/definitionQuestions';
import { askPublishSource, sourceFacts, versionSource, type PublishSource, type SourceFacts } from './steps/publishSource';
import { plannedNodesByRegion, shortName } from './steps/resources';
import { galleryNameProblem, nextVersionName, parseReplicaCounts, suggestedReplicaCount, versionNameProblem } from './steps/validation';
import { announce, refreshAndReveal, reportFailure, requireTrustedWorkspace, withCancellableProgress, type WorkflowContext } from './workflowContext';

/** The id the editor's quick fix calls (src/editor exports it). */
export const PUBLISH_IMAGE_COMMAND = PUBLISH_TO_GALLERY_COMMAND;
const TITLE = (): string => vscode.l10n.t('Publish to Azure Compute Gallery');

/** What the editor's quick fix passes (src/editor/codeActions.ts). */
interface QuickFixArgs {
  imageId: string;
  region?: string;
  documentUri?: string;
  poolPath?: (string | number)[];
  accountId?: string;
}

/** Preset answers when another workflow publishes on its way (Create Pool from a managed image). */
export interface PublishPresets {
  /** Regions that must get a replica (preselected). */
  regions?: string[];
  /** Nodes the caller plans in those regions (for the replica suggestion). */
  plannedNodes?: number;
}

/** Every answer of the wizard: plain data, so a migration can keep it in its saved state and publish later. */
export interface PublishState {
  source: PublishSource;
  facts: SourceFacts;
  gallery: TargetGallery;
  definition: TargetDefinition;
  version: string;
  targetRegions: { name: string; regionalReplicaCount: number }[];
  storageAccountType: string;
  /** Tags for the new version (a migration marks what it made). */
  tags?: Record<string, string>;
}

/** The id the version will have once published. */
export function publishedVersionId(state: PublishState): string {
  return `${state.definition.id}/versions/${state.version}`;
}

function isQuickFixArgs(arg: unknown): arg is QuickFixArgs {
  return typeof arg === 'object' && arg !== null && typeof (arg as QuickFixArgs).imageId === 'string';
}

/** The command: from a managed image or snapshot node, a quick fix, or the palette. Returns the new version's id. */
export async function publishToGalleryCommand(ctx: WorkflowContext, arg?: unknown): Promise<string | undefined> {
  const fix = isQuickFixArgs(arg) ? arg : undefined;
  // From a pool document's quick fix, the image and the rewrite come from a workspace file.
  if (fix?.documentUri) requireTrustedWorkspace(ctx, TITLE());
  const source = await askPublishSource(ctx, TITLE(), fix?.imageId ?? arg);
  const versionId = await publishSource(ctx, source, { regions: fix?.region ? [fix.region] : undefined });
  if (versionId && fix?.documentUri && fix.poolPath) await rewriteImageId(ctx, vscode.Uri.parse(fix.documentUri), fix.poolPath, versionId);
  return versionId;
}

/** Publishes a managed image (Create Pool from a managed image). Undefined when Azure failed (already reported). */
export function publishImage(ctx: WorkflowContext, image: ManagedImage, presets: PublishPresets = {}): Promise<string | undefined> {
  return publishSource(ctx, { kind: 'image', image }, presets);
}

/** Asks the wizard's questions, then publishes. Undefined when Azure failed (already reported). */
async function publishSource(ctx: WorkflowContext, source: PublishSource, presets: PublishPresets): Promise<string | undefined> {
  return runPublish(ctx, await askPublish(ctx, source, presets));
}

/** Asks the wizard's questions for a managed image without publishing (a migration shows its plan first). */
export function askPublishImage(ctx: WorkflowContext, image: ManagedImage, presets: PublishPresets = {}): Promise<PublishState> {
  return askPublish(ctx, { kind: 'image', image }, presets);
}

async function askPublish(ctx: WorkflowContext, source: PublishSource, presets: PublishPresets): Promise<PublishState> {
  const facts = sourceFacts(ctx.services.inventory.current, source);
  const gallery = await askGallery(ctx, facts);
  const definition = await askDefinition(ctx, TITLE(), facts, gallery);
  const existingVersions = ctx.services.inventory.current.versionsOfDefinition(definition.id).map((v) => v.name);
  const version = await ctx.ui().inputBox({
    title: vscode.l10n.t('{0}: version', TITLE()),
    prompt: vscode.l10n.t('Version of {0} (Major.Minor.Patch)', shortName(definition.id)),
    value: nextVersionName(existingVersions),
    validate: (v) => versionNameProblem(v, existingVersions),
  });
  const targetRegions = await askRegions(ctx, source, facts.location, gallery.location, presets);
  const storage = await ctx.ui().pickOne(
    [
      { label: 'Standard_LRS', description: vscode.l10n.t('locally redundant (default)'), data: 'Standard_LRS' },
      { label: 'Standard_ZRS', description: vscode.l10n.t('zone redundant'), data: 'Standard_ZRS' },
      { label: 'Premium_LRS', description: vscode.l10n.t('premium SSD'), data: 'Premium_LRS' },
    ],
    { title: vscode.l10n.t('{0}: storage account type', TITLE()), placeHolder: vscode.l10n.t('Storage of the replicas') },
  );
  await confirmSummary(
    ctx,
    TITLE(),
    [
      { name: vscode.l10n.t('Source'), value: facts.description },
      { name: vscode.l10n.t('Gallery'), value: gallery.isNew ? vscode.l10n.t('{0} (new, {1})', gallery.name, gallery.location) : shortName(gallery.id) },
      { name: vscode.l10n.t('Image definition'), value: definition.isNew ? vscode.l10n.t('{0} (new)', shortName(definition.id)) : shortName(definition.id) },
      { name: vscode.l10n.t('Version'), value: version },
      { name: vscode.l10n.t('Replicas'), value: targetRegions.map((r) => `${r.name} × ${r.regionalReplicaCount}`).join(', ') },
      { name: vscode.l10n.t('Storage'), value: storage.data },
    ],
    vscode.l10n.t('Publish'),
  );
  return { source, facts, gallery, definition, version, targetRegions, storageAccountType: storage.data };
}

async function askGallery(ctx: WorkflowContext, source: SourceFacts): Promise<TargetGallery> {
  const galleries = [...ctx.services.inventory.current.snapshot.galleries].sort(
    (a, b) => Number(!sameRegion(a.location, source.location)) - Number(!sameRegion(b.location, source.location)) || a.id.localeCompare(b.id),
  );
  const NEW: Gallery = { id: '', location: source.location };
  const items: PickItem<Gallery>[] = [
    ...galleries.map((g) => ({ label: parseArmId(g.id)?.name ?? g.id, description: `${g.location} · ${parseArmId(g.id)?.resourceGroup ?? ''}`, data: g })),
    { label: vscode.l10n.t('$(add) New gallery…'), description: vscode.l10n.t('in {0}, {1}', source.resourceGroup, source.location), data: NEW },
  ];
  const picked = (await ctx.ui().pickOne(items, { title: vscode.l10n.t('{0}: gallery', TITLE()), placeHolder: vscode.l10n.t('Azure Compute Gallery for the image') })).data;
  if (picked !== NEW) {
    const p = parseArmId(picked.id);
    return { id: picked.id, location: picked.location, isNew: false, resourceGroup: p?.resourceGroup ?? '', name: p?.name ?? '' };
  }
  const inGroup = galleries.filter((g) => parseArmId(g.id)?.resourceGroup?.toLowerCase() === source.resourceGroup.toLowerCase()).map((g) => parseArmId(g.id)?.name ?? '');
  const name = await ctx.ui().inputBox({ title: vscode.l10n.t('{0}: new gallery name', TITLE()), value: 'batch_images_gallery', validate: (v) => galleryNameProblem(v, inGroup) });
  return { id: makeGalleryId(source.subscriptionId, source.resourceGroup, name), location: source.location, isNew: true, resourceGroup: source.resourceGroup, name };
}

async function askRegions(ctx: WorkflowContext, source: PublishSource, sourceLocation: string, galleryLocation: string, presets: PublishPresets): Promise<PublishState['targetRegions']> {
  const inventory = ctx.services.inventory.current;
  // The pools on a managed image are the ones that will move to its version; no pool boots from a snapshot.
  const planned = plannedNodesByRegion(inventory, source.kind === 'image' ? inventory.poolsByImageId(source.image.id) : []);
  for (const r of presets.regions ?? []) planned.set(normalizeRegion(r), (planned.get(normalizeRegion(r)) ?? 0) + (presets.plannedNodes ?? 0));
  const accountRegions = inventory.snapshot.batchAccounts.map((a) => normalizeRegion(a.location));
  const all = [...new Set([normalizeRegion(galleryLocation), normalizeRegion(sourceLocation), ...accountRegions, ...planned.keys()])].sort();
  // The gallery's region, the regions of the Batch accounts (the README's promise) and those of planned pools.
  const wanted = new Set([normalizeRegion(galleryLocation), ...accountRegions, ...planned.keys()]);
  const accountsIn = (r: string) => inventory.snapshot.batchAccounts.filter((a) => normalizeRegion(a.location) === r).map((a) => a.name);
  const picked = await ctx.ui().pickMany(
    all.map((r) => ({
      label: r,
      description: [r === normalizeRegion(galleryLocation) ? vscode.l10n.t('gallery\'s region (always replicated)') : '', accountsIn(r).length ? vscode.l10n.t('Batch: {0}', accountsIn(r).join(', ')) : ''].filter((x) => x).join(' · '),
      picked: wanted.has(r),
      data: r,
    })),
    { title: vscode.l10n.t('{0}: target regions', TITLE()), placeHolder: vscode.l10n.t('Regions that get a replica: those of the Batch accounts that will use the image') },
  );
  const regions = [...new Set([normalizeRegion(galleryLocation), ...picked.map((p) => p.data)])];
  const suggestion = regions.map((r) => `${r}=${suggestedReplicaCount(planned.get(r) ?? 0)}`).join(', ');
  const value = await ctx.ui().inputBox({
    title: vscode.l10n.t('{0}: replica counts', TITLE()),
    prompt: vscode.l10n.t('Replicas in {0} (suggested: one per 300 planned nodes, at least 1)', regions.join(', ')),
    value: suggestion,
    validate: (v) => parseReplicaCounts(v, regions).problem,
  });
  const counts = parseReplicaCounts(value, regions).counts ?? new Map<string, number>();
  return regions.map((r) => ({ name: r, regionalReplicaCount: counts.get(r) ?? 1 }));
}

/** Publishes what the wizard asked for. Undefined when Azure failed (already reported, and what this run created removed). */
export async function runPublish(ctx: WorkflowContext, s: PublishState): Promise<string | undefined> {
  const created: string[] = [];
  let clients: AzureClients | undefined;
  const what = vscode.l10n.t('Publishing {0} as {1}/{2}', s.facts.name, shortName(s.definition.id), s.version);
  try {
    clients = await ctx.services.azure();
    const c = clients;
    const version = await withCancellableProgress(what, vscode.l10n.t('Cancelling stops waiting; Azure may still finish the replication'), async (signal, report) => {
      // The source, the definition and the free version name as Azure has them now, not as the
      // inventory (or a migration's saved plan) had them: nothing is written when one changed.
      report(vscode.l10n.t('Checking the source, the image definition and the version name…'));
      await checkBeforePublish(
        c,
        {
          image: s.source.kind === 'image' ? s.source.image : undefined,
          snapshots: s.source.kind === 'snapshots' ? [s.source.os, ...s.source.dataDisks.map((d) => d.snapshot)] : undefined,
          gallery: { id: s.gallery.id, isNew: s.gallery.isNew },
          definitionId: s.definition.id,
          definitionIsNew: s.definition.isNew,
          expect: { osType: s.facts.osType, osState: s.facts.osState, hyperVGeneration: s.facts.hyperVGeneration },
          versionId: publishedVersionId(s),
        },
        signal,
      );
      if (s.gallery.isNew) {
        report(vscode.l10n.t('Creating gallery {0}…', s.gallery.name));
        const gallery = await createOrUpdateGallery(c, { subscriptionId: s.facts.subscriptionId, resourceGroup: s.gallery.resourceGroup, name: s.gallery.name, location: s.gallery.location }, { signal });
        created.push(s.gallery.id);
        ctx.services.inventory.recordCreated?.('galleries', { ...gallery });
      }
      if (s.definition.isNew && s.definition.input) {
        report(vscode.l10n.t('Creating image definition {0}…', s.definition.input.name));
        const definition = await createOrUpdateGalleryImageDefinition(c, s.definition.input, { signal });
        created.push(s.definition.id);
        ctx.services.inventory.recordCreated?.('galleryImageDefinitions', { ...definition });
      }
      report(vscode.l10n.t('Replicating to {0}…', s.targetRegions.map((r) => `${r.name} (${r.regionalReplicaCount})`).join(', ')));
      created.push(`${s.definition.id}/versions/${s.version}`);
      return createGalleryImageVersion(
        c,
        {
          definitionId: s.definition.id,
          name: s.version,
          location: s.gallery.location,
          ...versionSource(s.source),
          tags: s.tags,
          targetRegions: s.targetRegions.map((r) => ({ ...r, storageAccountType: s.storageAccountType })),
        },
        { signal },
      );
    });
    // Shown at once from the operation's results, before an index lists them.
    ctx.services.inventory.recordCreated?.('galleryImageVersions', { ...version });
    await refreshAndReveal(ctx, { subscriptionId: parseArmId(version.id)?.subscriptionId }, version.id);
    announce(ctx, vscode.l10n.t('Published {0} as version {1}, replicated to {2}.', s.facts.description, version.name, s.targetRegions.map((r) => r.name).join(', ')), version.id);
    return version.id;
  } catch (error) {
    if (error instanceof UserCancelledError) throw error;
    if (error instanceof StaleStateError) {
      showFreshState(ctx, error);
      reportFailure(ctx, what, error);
      return undefined;
    }
    if (clients && (error as { code?: string }).code !== 'Cancelled') await undo(ctx, clients, created);
    reportFailure(ctx, what, error, vscode.l10n.t('Azure may still finish the replication; refresh the explorer to see the version.'));
    await ctx.services.inventory.refresh({ subscriptionId: s.facts.subscriptionId });
    return undefined;
  }
}

/** Removes what this run created, newest first (a Failed version, then a new definition and gallery). */
async function undo(ctx: WorkflowContext, clients: AzureClients, created: string[]): Promise<void> {
  for (const id of [...created].reverse()) {
    const type = parseArmId(id)?.type.toLowerCase();
    try {
      if (type === 'microsoft.compute/galleries/images/versions') await deleteGalleryImageVersion(clients, id);
      else if (type === 'microsoft.compute/galleries/images') await deleteGalleryImageDefinition(clients, id);
      else if (type === 'microsoft.compute/galleries') await deleteGallery(clients, id);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ResourceNotFound') ctx.services.log.warn(vscode.l10n.t('Could not remove {0} after the failure: {1}', id, error instanceof Error ? error.message : String(error)));
    }
  }
}

/** Points the quick fix's pool at the new version (the edit the editor expects from this command). */
async function rewriteImageId(ctx: WorkflowContext, uri: vscode.Uri, poolPath: (string | number)[], versionId: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const spec = parsePoolDocument(text).specs.find((p) => JSON.stringify(p.path) === JSON.stringify(poolPath));
  if (!spec) {
    void ctx.ui().showWarning(vscode.l10n.t('The pool in {0} changed meanwhile; set its image id to {1} by hand.', uri.path.split('/').pop() ?? vscode.l10n.t('the document'), versionId));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of replaceImageIdEdits(text, spec, versionId)) {
    edit.replace(uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText);
  }
  await vscode.workspace.applyEdit(edit);
}
