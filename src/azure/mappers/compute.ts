// @azure/arm-compute models -> src/model compute types. Pure: unit-testable without the network.
import type {
  Disk,
  Image,
  ImageDataDisk,
  ImageOSDisk,
  Snapshot as SdkSnapshot,
  VirtualMachine as SdkVirtualMachine,
} from '@azure/arm-compute';
import type { DiskSecurity, ImageSource, ManagedDisk, ManagedImage, Snapshot, VirtualMachine, VmExtension } from '../../model';
import { isoDate, normaliseId, osTypeOf, purchasePlanOf, scopeOf } from './common';

function diskSource(disk: ImageOSDisk | ImageDataDisk, role: 'os' | 'data', lun?: number): ImageSource | undefined {
  const snapshot = normaliseId(disk.snapshot?.id);
  const managed = normaliseId(disk.managedDisk?.id);
  const base = role === 'data' ? { role, lun } : { role };
  if (snapshot) return { kind: 'snapshot', id: snapshot, ...base };
  if (managed) return { kind: 'disk', id: managed, ...base };
  if (disk.blobUri) return { kind: 'blob', uri: disk.blobUri, ...base };
  return undefined;
}

export function mapImage(image: Image): ManagedImage | undefined {
  const id = normaliseId(image.id);
  if (!id) return undefined;
  const sources: ImageSource[] = [];
  const vm = normaliseId(image.sourceVirtualMachine?.id);
  if (vm) sources.push({ kind: 'vm', id: vm, role: 'os' });
  const os = image.storageProfile?.osDisk;
  // An image captured from a VM also reports the VM's OS disk; the VM is the meaningful source.
  if (os && !vm) {
    const s = diskSource(os, 'os');
    if (s) sources.push(s);
  }
  for (const d of image.storageProfile?.dataDisks ?? []) {
    const s = diskSource(d, 'data', d.lun);
    if (s) sources.push(s);
  }
  const result: ManagedImage = {
    id,
    name: image.name ?? id.split('/').pop() ?? '',
    ...scopeOf(id),
    location: image.location,
    provisioningState: image.provisioningState ?? 'Unknown',
    osType: osTypeOf(os?.osType) ?? 'Linux',
    osState: os?.osState ?? 'Generalized',
    sources,
  };
  if (image.hyperVGeneration) result.hyperVGeneration = image.hyperVGeneration;
  if (image.tags && Object.keys(image.tags).length > 0) result.tags = { ...image.tags };
  return result;
}

/** The security facts of a disk or snapshot, only those Azure reported. */
function securityOf(d: Pick<Disk, 'securityProfile' | 'supportedCapabilities'>): DiskSecurity {
  const out: DiskSecurity = {};
  if (d.securityProfile?.securityType) out.securityType = d.securityProfile.securityType;
  if (d.supportedCapabilities?.supportedSecurityOption) out.supportedSecurityOption = d.supportedCapabilities.supportedSecurityOption;
  return out;
}

export function mapSnapshot(s: SdkSnapshot): Snapshot | undefined {
  const id = normaliseId(s.id);
  if (!id) return undefined;
  const result: Snapshot = { id, name: s.name ?? id.split('/').pop() ?? '', location: s.location };
  const osType = osTypeOf(s.osType);
  if (osType) result.osType = osType;
  if (s.diskSizeGB !== undefined) result.diskSizeGB = s.diskSizeGB;
  if (s.hyperVGeneration) result.hyperVGeneration = s.hyperVGeneration;
  const plan = purchasePlanOf(s.purchasePlan);
  if (plan) result.purchasePlan = plan;
  const source = normaliseId(s.creationData?.sourceResourceId);
  if (source) result.sourceResourceId = source;
  const created = isoDate(s.timeCreated);
  if (created) result.timeCreated = created;
  Object.assign(result, securityOf(s));
  return result;
}

export function mapDisk(d: Disk): ManagedDisk | undefined {
  const id = normaliseId(d.id);
  if (!id) return undefined;
  const result: ManagedDisk = { id, location: d.location };
  const osType = osTypeOf(d.osType);
  if (osType) result.osType = osType;
  const plan = purchasePlanOf(d.purchasePlan);
  if (plan) result.purchasePlan = plan;
  const managedBy = normaliseId(d.managedBy);
  if (managedBy) result.managedBy = managedBy;
  const source = normaliseId(d.creationData?.sourceResourceId);
  if (source) result.sourceResourceId = source;
  Object.assign(result, securityOf(d));
  return result;
}

/**
 * Extensions come from the VM's `resources` (returned by ARM on VM reads) or, failing that,
 * from `instanceView.extensions` (returned by the subscription-wide list with
 * `$expand=instanceView`), whose `type` is "Publisher.Type".
 */
export function vmExtensionsOf(vm: SdkVirtualMachine): VmExtension[] | undefined {
  if (vm.resources && vm.resources.length > 0) {
    return vm.resources.map((r) => ({
      name: r.name ?? '',
      type: r.typePropertiesType ?? '',
      publisher: r.publisher ?? '',
    }));
  }
  const views = vm.instanceView?.extensions;
  if (views) {
    return views.map((v) => {
      const full = v.type ?? '';
      const dot = full.lastIndexOf('.');
      return { name: v.name ?? '', type: dot >= 0 ? full.slice(dot + 1) : full, publisher: dot >= 0 ? full.slice(0, dot) : '' };
    });
  }
  if (vm.resources) return [];
  return undefined;
}

export function mapVirtualMachine(vm: SdkVirtualMachine): VirtualMachine | undefined {
  const id = normaliseId(vm.id);
  if (!id) return undefined;
  const result: VirtualMachine = {
    id,
    location: vm.location,
    extensions: vmExtensionsOf(vm) ?? [],
    dataDiskIds: (vm.storageProfile?.dataDisks ?? []).map((d) => normaliseId(d.managedDisk?.id)).filter((x): x is string => !!x),
  };
  const osDisk = normaliseId(vm.storageProfile?.osDisk?.managedDisk?.id);
  if (osDisk) result.osDiskId = osDisk;
  return result;
}
