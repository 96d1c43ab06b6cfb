// Microsoft.Compute: snapshots, disks, virtual machines (+ extensions), managed images, galleries,
// gallery image definitions and versions. Images and gallery writes are long-running.
import { randomUUID } from 'node:crypto';
import { armError } from '../http';
import { clone, isObject, num, obj, str, type JsonObject, type JsonValue } from '../json';
import { normaliseLocation } from '../armId';
import { galleryVersionStorage } from './galleryVersionSource';
import { NAME_RULES } from './names';
import { requireReference } from './references';
import type { BuildContext, ResourceTypeSpec } from './resources';

const COMPUTE = 'Microsoft.Compute';

function props(ctx: BuildContext): JsonObject {
  return clone(obj(ctx.input.properties));
}

function keepCreated(ctx: BuildContext, p: JsonObject, field: string): void {
  const previous = ctx.existing ? obj(ctx.existing.body.properties)[field] : undefined;
  p[field] = previous ?? new Date().toISOString();
}

function buildDiskLike(ctx: BuildContext): JsonObject {
  const p = props(ctx);
  const creation = p.creationData;
  if (!isObject(creation) || !str(creation.createOption)) {
    throw armError(400, 'InvalidParameter', "Required parameter 'creationData.createOption' is missing (null).");
  }
  const source = str(creation.sourceResourceId);
  if (source && ['copy', 'copystart'].includes(String(creation.createOption).toLowerCase())) {
    const src = requireReference(ctx.sim, source, 'creationData.sourceResourceId', 'source disk or snapshot');
    const sp = obj(src.body.properties);
    // A copy inherits what identifies the source OS (and its marketplace plan).
    for (const k of ['osType', 'diskSizeGB', 'purchasePlan', 'hyperVGeneration']) if (p[k] === undefined && sp[k] !== undefined) p[k] = clone(sp[k]);
  }
  keepCreated(ctx, p, 'timeCreated');
  p.uniqueId = str(obj(ctx.existing?.body.properties).uniqueId) ?? randomUUID();
  if (p.diskState === undefined) p.diskState = 'Unattached';
  return p;
}

function buildVirtualMachine(ctx: BuildContext): JsonObject {
  const p = props(ctx);
  p.vmId = str(obj(ctx.existing?.body.properties).vmId) ?? randomUUID();
  keepCreated(ctx, p, 'timeCreated');
  return p;
}

function buildImage(ctx: BuildContext): JsonObject {
  const { sim } = ctx;
  const p = props(ctx);
  const vmRef = str(obj(p.sourceVirtualMachine).id);
  let storage = obj(p.storageProfile);
  if (vmRef) {
    const vm = requireReference(sim, vmRef, 'sourceVirtualMachine.id', 'virtual machine');
    const vmStorage = obj(obj(vm.body.properties).storageProfile);
    const vmOs = obj(vmStorage.osDisk);
    // An image captured from a VM copies the VM's OS disk layout (and requires it generalized).
    storage = {
      osDisk: {
        osType: str(vmOs.osType) ?? 'Linux',
        osState: 'Generalized',
        managedDisk: { id: str(obj(vmOs.managedDisk).id) ?? `${vm.body.id as string}/osDisk` },
        caching: str(vmOs.caching) ?? 'ReadWrite',
      },
      dataDisks: Array.isArray(vmStorage.dataDisks) ? clone(vmStorage.dataDisks) : [],
      zoneResilient: storage.zoneResilient ?? false,
    };
  }
  const os = storage.osDisk;
  if (!isObject(os)) throw armError(400, 'InvalidParameter', "Required parameter 'storageProfile.osDisk' is missing (null).");
  if (!['Windows', 'Linux'].includes(String(os.osType))) throw armError(400, 'InvalidParameter', "The value of parameter 'storageProfile.osDisk.osType' is invalid: expected 'Windows' or 'Linux'.");
  if (!['Generalized', 'Specialized'].includes(String(os.osState))) throw armError(400, 'InvalidParameter', "The value of parameter 'storageProfile.osDisk.osState' is invalid: expected 'Generalized' or 'Specialized'.");
  const sources = (disk: JsonObject, where: string): void => {
    const snap = str(obj(disk.snapshot).id);
    const managed = str(obj(disk.managedDisk).id);
    const blob = str(disk.blobUri);
    if (!snap && !managed && !blob) throw armError(400, 'InvalidParameter', `One of 'snapshot', 'managedDisk' or 'blobUri' is required for '${where}'.`);
    if (snap) requireReference(sim, snap, `${where}.snapshot.id`, 'snapshot');
    if (managed && !vmRef) requireReference(sim, managed, `${where}.managedDisk.id`, 'managed disk');
  };
  sources(os, 'storageProfile.osDisk');
  if (os.caching === undefined) os.caching = 'ReadWrite';
  const dataDisks = Array.isArray(storage.dataDisks) ? storage.dataDisks : [];
  dataDisks.forEach((d, i) => {
    if (!isObject(d) || num(d.lun) === undefined) throw armError(400, 'InvalidParameter', `Required parameter 'storageProfile.dataDisks[${i}].lun' is missing (null).`);
    sources(d, `storageProfile.dataDisks[${i}]`);
  });
  storage.dataDisks = dataDisks;
  if (storage.zoneResilient === undefined) storage.zoneResilient = false;
  p.storageProfile = storage;
  if (p.hyperVGeneration === undefined) p.hyperVGeneration = 'V1';
  return p;
}

function buildGallery(ctx: BuildContext): JsonObject {
  const p = props(ctx);
  p.identifier = { ...obj(p.identifier), uniqueName: `${ctx.subscriptionId}-${ctx.name.toUpperCase()}` };
  return p;
}

function buildGalleryImage(ctx: BuildContext): JsonObject {
  const p = props(ctx);
  for (const k of ['osType', 'osState'] as const) if (!str(p[k])) throw armError(400, 'InvalidParameter', `Required parameter '${k}' is missing (null).`);
  const ident = obj(p.identifier);
  for (const k of ['publisher', 'offer', 'sku']) if (!str(ident[k])) throw armError(400, 'InvalidParameter', `Required parameter 'identifier.${k}' is missing (null).`);
  if (p.hyperVGeneration === undefined) p.hyperVGeneration = 'V1';
  // Trusted Launch and confidential VMs boot with UEFI: Azure refuses them on generation 1.
  const features = Array.isArray(p.features) ? p.features.filter(isObject) : [];
  const security = str(features.find((f) => str(f.name)?.toLowerCase() === 'securitytype')?.value);
  if (security && security.toLowerCase() !== 'standard' && String(p.hyperVGeneration).toUpperCase() === 'V1') {
    throw armError(400, 'InvalidParameter', `The security type '${security}' requires hyperVGeneration 'V2'; this image definition is 'V1'.`);
  }
  return p;
}

function buildGalleryImageVersion(ctx: BuildContext): JsonObject {
  const p = props(ctx);
  p.storageProfile = galleryVersionStorage(ctx, p.storageProfile);
  const pub = obj(p.publishingProfile);
  const replicaCount = num(pub.replicaCount) ?? 1;
  const accountType = str(pub.storageAccountType) ?? 'Standard_LRS';
  const regions: JsonValue[] = Array.isArray(pub.targetRegions) && pub.targetRegions.length > 0 ? pub.targetRegions : [{ name: ctx.location ?? '' }];
  pub.targetRegions = regions.filter(isObject).map((r): JsonValue => ({
    ...r,
    regionalReplicaCount: num(r.regionalReplicaCount) ?? replicaCount,
    storageAccountType: str(r.storageAccountType) ?? accountType,
    excludeFromLatest: typeof r.excludeFromLatest === 'boolean' ? r.excludeFromLatest : (pub.excludeFromLatest ?? false),
  }));
  const home = normaliseLocation(ctx.location ?? '');
  if (!pub.targetRegions.some((r) => isObject(r) && normaliseLocation(String(r.name)) === home)) {
    throw armError(400, 'InvalidParameter', `The gallery image version's target regions must include the gallery's region '${ctx.location ?? ''}'.`);
  }
  pub.replicaCount = replicaCount;
  pub.storageAccountType = accountType;
  pub.publishedDate = str(obj(obj(ctx.existing?.body.properties).publishingProfile).publishedDate) ?? new Date().toISOString();
  if (pub.excludeFromLatest === undefined) pub.excludeFromLatest = false;
  p.publishingProfile = pub;
  p.safetyProfile = { allowDeletionOfReplicatedLocations: true, reportedForPolicyViolation: false, policyViolations: [], blockDeletionBeforeEndOfLife: false, ...obj(p.safetyProfile) };
  p.replicationStatus = {
    aggregatedState: 'Completed',
    summary: pub.targetRegions.filter(isObject).map((r): JsonValue => ({ region: String(r.name), state: 'Completed', details: '', progress: 100 })),
  };
  return p;
}

const base = { provider: COMPUTE, requiresLocation: true, subscriptionList: true } as const;

export const computeSpecs: ResourceTypeSpec[] = [
  { ...base, kind: 'snapshots', typePath: ['snapshots'], nameRule: NAME_RULES.computeGeneric, lroCreate: false, lroDelete: true, build: buildDiskLike },
  { ...base, kind: 'disks', typePath: ['disks'], nameRule: NAME_RULES.computeGeneric, lroCreate: false, lroDelete: true, build: buildDiskLike },
  { ...base, kind: 'virtualMachines', typePath: ['virtualMachines'], nameRule: NAME_RULES.virtualMachine, lroCreate: false, lroDelete: true, createStatus: 201, build: buildVirtualMachine },
  { ...base, kind: 'vmExtensions', typePath: ['virtualMachines', 'extensions'], nameRule: NAME_RULES.extension, lroCreate: false, lroDelete: true, subscriptionList: false, createStatus: 201 },
  { ...base, kind: 'images', typePath: ['images'], nameRule: NAME_RULES.computeGeneric, lroCreate: true, lroDelete: true, failKind: 'imageCreate', build: buildImage },
  { ...base, kind: 'galleries', typePath: ['galleries'], nameRule: NAME_RULES.gallery, lroCreate: false, lroDelete: true, build: buildGallery },
  { ...base, kind: 'galleryImages', typePath: ['galleries', 'images'], nameRule: NAME_RULES.galleryImage, lroCreate: true, lroDelete: true, subscriptionList: false, failKind: 'galleryImageCreate', build: buildGalleryImage },
  {
    ...base, kind: 'galleryImageVersions', typePath: ['galleries', 'images', 'versions'], nameRule: NAME_RULES.galleryImageVersion,
    lroCreate: true, lroDelete: true, subscriptionList: false, failKind: 'galleryImageVersionCreate', build: buildGalleryImageVersion,
  },
];

