// The storage profile of a gallery image version, checked the way Azure checks it: either a whole
// source (`storageProfile.source.id`: a managed image, VM or other version) or disk sources
// (`osDiskImage.source.id` plus `dataDiskImages[].source.id` with a `lun` each, snapshots or
// managed disks). What is stored is the request plus the sizes and host caching Azure adds.
import { armError } from '../http';
import { clone, isObject, num, obj, str, type JsonObject, type JsonValue } from '../json';
import { normaliseLocation } from '../armId';
import type { ArmResource } from '../store';
import { requireReference } from './references';
import type { BuildContext } from './resources';

/** Store kinds (route names) a disk image can come from. */
const DISK_KINDS = ['snapshots', 'disks'];
/** Security features of a definition that accept a Trusted Launch disk. */
const TRUSTED_LAUNCH_DEFINITIONS = ['trustedlaunch', 'trustedlaunchsupported', 'trustedlaunchandconfidentialvmsupported'];

function diskSource(ctx: BuildContext, id: string, target: string): ArmResource {
  const source = requireReference(ctx.sim, id, target, 'snapshot or managed disk');
  if (!DISK_KINDS.includes(source.kind)) {
    throw armError(400, 'InvalidParameter', `The value '${id}' of parameter '${target}' must be a snapshot or a managed disk.`);
  }
  return source;
}

/** What a source says about itself, for the comparison with the parent definition. */
interface SourceTraits {
  osType?: string;
  osState?: string;
  hyperVGeneration?: string;
}

function traitsOf(ctx: BuildContext, source: ArmResource): SourceTraits {
  const p = obj(source.body.properties);
  if (source.kind === 'images') {
    const os = obj(obj(p.storageProfile).osDisk);
    return { osType: str(os.osType), osState: str(os.osState), hyperVGeneration: str(p.hyperVGeneration) ?? 'V1' };
  }
  if (DISK_KINDS.includes(source.kind)) return { osType: str(p.osType), hyperVGeneration: str(p.hyperVGeneration) ?? 'V1' };
  if (source.kind === 'galleryImageVersions') {
    const definition = ctx.sim.store.get(String(source.body.id ?? '').replace(/\/versions\/[^/]+$/i, ''));
    const d = obj(definition?.body.properties);
    return { osType: str(d.osType), osState: str(d.osState), hyperVGeneration: str(d.hyperVGeneration) ?? 'V1' };
  }
  return {};
}

const same = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a.toLowerCase() === b.toLowerCase();

/**
 * Azure refuses a source whose Hyper-V generation, OS type or OS state differs from the parent
 * image definition's, with the wording and codes it uses: a generation mismatch is a 409
 * `Conflict` ("has a different Hypervisor generation ['V1'] than the parent gallery image
 * Hypervisor generation ['V2']"), an OS state mismatch a 400 `BadRequest` in the same form (both
 * as reported from `az sig image-version create`); the OS type follows the OS state's form.
 */
function requireMatchingDefinition(ctx: BuildContext, source: ArmResource): void {
  // Checked when the version is created: an update (e.g. more target regions) keeps its source.
  if (ctx.existing) return;
  const traits = traitsOf(ctx, source);
  const d = obj(ctx.parent?.body.properties);
  const id = String(source.body.id ?? source.name);
  const generation = str(d.hyperVGeneration) ?? 'V1';
  if (!same(traits.hyperVGeneration, generation)) {
    throw armError(409, 'Conflict', `The resource with id '${id}' has a different Hypervisor generation ['${traits.hyperVGeneration}'] than the parent gallery image Hypervisor generation ['${generation}'].`);
  }
  if (!same(traits.osType, str(d.osType))) {
    throw armError(400, 'BadRequest', `The resource with id '${id}' has a different OS type ['${traits.osType}'] than the parent gallery image OS type ['${str(d.osType)}'].`);
  }
  if (!same(traits.osState, str(d.osState))) {
    throw armError(400, 'BadRequest', `The resource with id '${id}' has a different OS state ['${traits.osState}'] than the parent gallery image OS state ['${str(d.osState)}'].`);
  }
}

/** From a managed image (or VM / version): the disk layout is the source's. */
function fromWholeSource(ctx: BuildContext, storage: JsonObject, sourceId: string): void {
  const source = requireReference(ctx.sim, sourceId, 'storageProfile.source.id', 'image version source');
  requireMatchingDefinition(ctx, source);
  const sp = obj(source.body.properties);
  const srcStorage = obj(sp.storageProfile);
  const srcOs = obj(srcStorage.osDisk);
  if (storage.osDiskImage === undefined) {
    storage.osDiskImage = { sizeInGB: num(srcOs.diskSizeGB) ?? num(sp.diskSizeGB) ?? 30, hostCaching: 'ReadOnly' };
  }
  if (storage.dataDiskImages === undefined) {
    const dd = Array.isArray(srcStorage.dataDisks) ? srcStorage.dataDisks : [];
    storage.dataDiskImages = dd.filter(isObject).map((d): JsonValue => ({ lun: num(d.lun) ?? 0, sizeInGB: num(d.diskSizeGB) ?? 30, hostCaching: 'None' }));
  }
}

/** From an OS-disk snapshot (or disk) and optional data-disk ones, all in one region. */
function fromDisks(ctx: BuildContext, storage: JsonObject, osDiskImage: JsonObject, osSourceId: string): void {
  const os = diskSource(ctx, osSourceId, 'storageProfile.osDiskImage.source.id');
  const osProps = obj(os.body.properties);
  const region = normaliseLocation(String(os.body.location ?? ''));
  requireTrustedLaunchDefinition(ctx, os);
  requireMatchingDefinition(ctx, os);
  osDiskImage.sizeInGB = num(osProps.diskSizeGB) ?? 30;
  if (osDiskImage.hostCaching === undefined) osDiskImage.hostCaching = 'ReadOnly';
  const data = storage.dataDiskImages === undefined ? [] : storage.dataDiskImages;
  if (!Array.isArray(data)) throw armError(400, 'InvalidParameter', "The value of parameter 'storageProfile.dataDiskImages' must be an array.");
  const seen = new Set<number>();
  data.forEach((d, i) => {
    const where = `storageProfile.dataDiskImages[${i}]`;
    if (!isObject(d)) throw armError(400, 'InvalidParameter', `The value of parameter '${where}' is invalid.`);
    const lun = num(d.lun);
    if (lun === undefined) throw armError(400, 'InvalidParameter', `Required parameter '${where}.lun' is missing (null).`);
    if (!Number.isInteger(lun) || lun < 0 || lun > 63) throw armError(400, 'InvalidParameter', `The value ${lun} of parameter '${where}.lun' must be an integer from 0 to 63.`);
    if (seen.has(lun)) throw armError(400, 'InvalidParameter', `Data disk images must have unique LUNs: LUN ${lun} is given more than once.`);
    seen.add(lun);
    const id = str(obj(d.source).id);
    if (!id) throw armError(400, 'InvalidParameter', `Required parameter '${where}.source.id' is missing (null).`);
    const disk = diskSource(ctx, id, `${where}.source.id`);
    const diskRegion = normaliseLocation(String(disk.body.location ?? ''));
    if (diskRegion !== region) {
      throw armError(400, 'InvalidParameter', `The data disk source '${id}' is in '${String(disk.body.location)}', not in '${String(os.body.location)}' like the OS disk source.`);
    }
    d.sizeInGB = num(obj(disk.body.properties).diskSizeGB) ?? 30;
    if (d.hostCaching === undefined) d.hostCaching = 'None';
  });
  storage.dataDiskImages = data;
}

/** A Trusted Launch disk needs a definition whose SecurityType feature allows Trusted Launch. */
function requireTrustedLaunchDefinition(ctx: BuildContext, os: ArmResource): void {
  const securityType = str(obj(obj(os.body.properties).securityProfile).securityType);
  if (securityType?.toLowerCase() !== 'trustedlaunch') return;
  const features = obj(ctx.parent?.body.properties).features;
  const feature = (Array.isArray(features) ? features : []).filter(isObject).find((f) => str(f.name)?.toLowerCase() === 'securitytype');
  const value = str(feature?.value)?.toLowerCase() ?? 'standard';
  if (!TRUSTED_LAUNCH_DEFINITIONS.includes(value)) {
    throw armError(400, 'InvalidParameter', `The source '${String(os.body.id)}' is a Trusted Launch disk; the gallery image definition's security type must be TrustedLaunch or TrustedLaunchSupported.`);
  }
}

/** Validates the request's storage profile and returns it as Azure stores it. */
export function galleryVersionStorage(ctx: BuildContext, requested: JsonValue | undefined): JsonObject {
  const storage = clone(obj(requested));
  const sourceId = str(obj(storage.source).id);
  const osDiskImage = obj(storage.osDiskImage);
  const osSourceId = str(obj(osDiskImage.source).id);
  if (sourceId) fromWholeSource(ctx, storage, sourceId);
  else if (osSourceId) {
    storage.osDiskImage = osDiskImage;
    fromDisks(ctx, storage, osDiskImage, osSourceId);
  } else {
    throw armError(400, 'InvalidParameter', "Required parameter 'storageProfile.source.id' or 'storageProfile.osDiskImage.source.id' is missing (null).");
  }
  return storage;
}
