// The checks a write runs right before its request, on state read fresh from Resource Manager
// (readFresh): the resources it reads from still exist and still are what the user chose from the
// inventory, and the names it is about to create are still free. Anything that vanished or changed
// since the inventory load stops the write with a StaleStateError naming each problem; the command
// hides what is gone, refreshes, and nothing is written.
import * as l10n from '@vscode/l10n';
import { armIdKey, parseArmId, type Gallery, type GalleryImageVersion, type ManagedImage, type OsType, type Snapshot } from '../model';
import type { AzureClients } from './clients';
import { isNotFound, mapErrors } from './errors';
import { mapGallery } from './mappers/gallery';
import { readFresh } from './readFresh';
import type { FreshResource } from './resourceRead';

/** What was read fresh and differs from the inventory: shown in the explorer at once. */
export type FreshState = FreshResource | { category: 'galleries'; resource: Gallery };

export interface StaleProblem {
  id: string;
  category: FreshState['category'];
  /** true: the resource no longer exists (hide it); false: it changed, or a name is taken. */
  gone: boolean;
  /** The resource as Azure has it now (changed, or taking the name). */
  fresh?: FreshState;
  message: string;
}

/** A write stopped before its request because Azure's current state differs from the inventory's. */
export class StaleStateError extends Error {
  readonly code = 'StaleState';
  constructor(readonly problems: readonly StaleProblem[]) {
    super(
      l10n.t(
        '{0} Nothing was written. The explorer now shows what Azure has: check the choices and run the command again.',
        problems.map((p) => p.message).join(' '),
      ),
    );
    this.name = 'StaleStateError';
  }
}

function nameOf(id: string): string {
  return parseArmId(id)?.name ?? id;
}

const generation = (g: string | undefined): string => (g?.toUpperCase() === 'V2' ? 'V2' : 'V1');

async function snapshotProblems(clients: AzureClients, snapshots: readonly Snapshot[], signal?: AbortSignal): Promise<StaleProblem[]> {
  const fresh = await Promise.all(snapshots.map((s) => readFresh(clients, { resource: s.id }, signal)));
  const problems: StaleProblem[] = [];
  snapshots.forEach((chosen, i) => {
    const now = fresh[i];
    if (!now || now.category !== 'snapshots') {
      problems.push({ id: chosen.id, category: 'snapshots', gone: true, message: l10n.t('Snapshot {0} no longer exists in Azure.', chosen.name) });
      return;
    }
    const changes: string[] = [];
    if (chosen.osType && now.resource.osType !== chosen.osType) changes.push(l10n.t('OS type {0}, was {1}', String(now.resource.osType ?? l10n.t('none')), chosen.osType));
    if (generation(now.resource.hyperVGeneration) !== generation(chosen.hyperVGeneration)) changes.push(l10n.t('Hyper-V generation {0}, was {1}', generation(now.resource.hyperVGeneration), generation(chosen.hyperVGeneration)));
    if (now.resource.location.toLowerCase() !== chosen.location.toLowerCase()) changes.push(l10n.t('region {0}, was {1}', now.resource.location, chosen.location));
    if (changes.length > 0) problems.push({ id: chosen.id, category: 'snapshots', gone: false, fresh: now, message: l10n.t('Snapshot {0} changed since the explorer loaded it ({1}).', chosen.name, changes.join('; ')) });
  });
  return problems;
}

/**
 * Before "Create Image from Snapshots" PUTs the image: each chosen snapshot still exists with the
 * OS type, Hyper-V generation and region it had, and no image named like the new one exists.
 */
export async function checkBeforeCreateImage(clients: AzureClients, input: { snapshots: readonly Snapshot[]; imageId: string }, signal?: AbortSignal): Promise<void> {
  const [problems, image] = await Promise.all([snapshotProblems(clients, input.snapshots, signal), readFresh(clients, { resource: input.imageId }, signal)]);
  if (image) {
    const p = parseArmId(input.imageId);
    problems.push({ id: input.imageId, category: 'images', gone: false, fresh: image, message: l10n.t('An image named {0} now exists in resource group {1}; choose another name.', nameOf(input.imageId), p?.resourceGroup ?? '') });
  }
  if (problems.length > 0) throw new StaleStateError(problems);
}

export interface PublishCheck {
  /** The managed image published, as the user chose it. */
  image?: ManagedImage;
  /** Or the OS-disk snapshot and the data-disk snapshots. */
  snapshots?: readonly Snapshot[];
  /** The gallery the definition is in, and whether the run creates it (then its name must still be free). */
  gallery?: { id: string; isNew: boolean };
  /** The definition the version goes into. */
  definitionId: string;
  /** true: the run creates the definition, so its name must still be free. */
  definitionIsNew: boolean;
  /** What the definition must declare to take the source. */
  expect: { osType: OsType; osState: 'Generalized' | 'Specialized'; hyperVGeneration: 'V1' | 'V2' };
  /** The version about to be created: its name must still be free. */
  versionId: string;
}

/**
 * Before "Publish to Azure Compute Gallery" writes anything: the source image or snapshots still
 * exist unchanged, the chosen definition still exists and still fits the source (or a new one's
 * name is still free), and the version name is still free.
 */
export async function checkBeforePublish(clients: AzureClients, input: PublishCheck, signal?: AbortSignal): Promise<void> {
  const [fromSnapshots, image, definition, version, gallery] = await Promise.all([
    snapshotProblems(clients, input.snapshots ?? [], signal),
    input.image ? readFresh(clients, { resource: input.image.id }, signal) : Promise.resolve(undefined),
    readFresh(clients, { resource: input.definitionId }, signal),
    readFresh(clients, { resource: input.versionId }, signal),
    input.gallery ? getGalleryFresh(clients, input.gallery.id, signal) : Promise.resolve(undefined),
  ]);
  const problems = [...fromSnapshots];
  if (input.gallery) {
    const name = nameOf(input.gallery.id);
    if (input.gallery.isNew && gallery) {
      problems.push({ id: input.gallery.id, category: 'galleries', gone: false, fresh: { category: 'galleries', resource: gallery }, message: l10n.t('A gallery named {0} now exists; choose it or another name.', name) });
    } else if (!input.gallery.isNew && !gallery) {
      problems.push({ id: input.gallery.id, category: 'galleries', gone: true, message: l10n.t('Gallery {0} no longer exists in Azure.', name) });
    }
  }
  const chosen = input.image;
  if (chosen) {
    if (!image || image.category !== 'images') problems.push({ id: chosen.id, category: 'images', gone: true, message: l10n.t('Managed image {0} no longer exists in Azure.', chosen.name) });
    else {
      const now = image.resource;
      const changes: string[] = [];
      if (now.provisioningState !== 'Succeeded') changes.push(l10n.t('provisioning state {0}', now.provisioningState));
      if (now.osType !== chosen.osType) changes.push(l10n.t('OS type {0}, was {1}', now.osType, chosen.osType));
      if (generation(now.hyperVGeneration) !== generation(chosen.hyperVGeneration)) changes.push(l10n.t('Hyper-V generation {0}, was {1}', generation(now.hyperVGeneration), generation(chosen.hyperVGeneration)));
      if (changes.length > 0) problems.push({ id: chosen.id, category: 'images', gone: false, fresh: image, message: l10n.t('Managed image {0} changed since the explorer loaded it ({1}).', chosen.name, changes.join('; ')) });
    }
  }
  const definitionName = nameOf(input.definitionId);
  if (input.definitionIsNew) {
    if (definition) problems.push({ id: input.definitionId, category: 'galleryImageDefinitions', gone: false, fresh: definition, message: l10n.t('An image definition named {0} now exists in the gallery; choose it or another name.', definitionName) });
  } else if (!definition || definition.category !== 'galleryImageDefinitions') {
    problems.push({ id: input.definitionId, category: 'galleryImageDefinitions', gone: true, message: l10n.t('Image definition {0} no longer exists in Azure.', definitionName) });
  } else {
    const now = definition.resource;
    const changes: string[] = [];
    if (now.osType !== input.expect.osType) changes.push(l10n.t('OS type {0}, the source is {1}', now.osType, input.expect.osType));
    if (now.osState !== input.expect.osState) changes.push(l10n.t('OS state {0}, the source is {1}', now.osState, input.expect.osState));
    if (generation(now.hyperVGeneration) !== input.expect.hyperVGeneration) changes.push(l10n.t('Hyper-V generation {0}, the source is {1}', generation(now.hyperVGeneration), input.expect.hyperVGeneration));
    if (changes.length > 0) problems.push({ id: input.definitionId, category: 'galleryImageDefinitions', gone: false, fresh: definition, message: l10n.t('Image definition {0} no longer fits the source ({1}).', definitionName, changes.join('; ')) });
  }
  if (version) problems.push({ id: input.versionId, category: 'galleryImageVersions', gone: false, fresh: version, message: l10n.t('Version {0} of {1} now exists; choose another version name.', nameOf(input.versionId), definitionName) });
  if (problems.length > 0) throw new StaleStateError(problems);
}

/**
 * Before "Add Gallery Replica" re-publishes a version: the version as Azure has it now (its current
 * target regions and source), so a replica added or changed meanwhile is kept, not overwritten.
 */
export async function freshVersionBeforeReplica(clients: AzureClients, version: Pick<GalleryImageVersion, 'id' | 'name'>, signal?: AbortSignal): Promise<GalleryImageVersion> {
  const now = await readFresh(clients, { resource: version.id }, signal);
  if (!now || now.category !== 'galleryImageVersions' || armIdKey(now.resource.id) !== armIdKey(version.id)) {
    throw new StaleStateError([{ id: version.id, category: 'galleryImageVersions', gone: true, message: l10n.t('Gallery image version {0} no longer exists in Azure.', version.name) }]);
  }
  return now.resource;
}

/** The gallery as Resource Manager has it now; undefined when it does not exist. */
async function getGalleryFresh(clients: AzureClients, id: string, signal?: AbortSignal): Promise<Gallery | undefined> {
  const p = parseArmId(id);
  if (!p?.resourceGroup || p.type.toLowerCase() !== 'microsoft.compute/galleries') return undefined;
  const rg = p.resourceGroup;
  try {
    return await mapErrors(async () => mapGallery(await (await clients.compute(p.subscriptionId)).galleries.get(rg, p.names[0], { abortSignal: signal })));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}
