// Subscription-wide Microsoft.Compute lists (every page, one list call per category, no
// per-item GETs), mapped to model types.
import { RESOURCE_TYPES } from '../model';
import type { ManagedDisk, ManagedImage, Snapshot, VirtualMachine, VmExtension } from '../model';
import type { AzureClients } from './clients';
import { mapErrors } from './errors';
import { checkedParts } from './names';
import { mapDisk, mapImage, mapSnapshot, mapVirtualMachine, vmExtensionsOf } from './mappers/compute';
import { collect, collectMapped } from './paging';

export function listImages(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<ManagedImage[]> {
  return mapErrors(async () => {
    const client = await clients.compute(subscriptionId);
    return collectMapped(client.images.list({ abortSignal: signal }), mapImage, signal);
  });
}

export function listSnapshots(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<Snapshot[]> {
  return mapErrors(async () => {
    const client = await clients.compute(subscriptionId);
    return collectMapped(client.snapshots.list({ abortSignal: signal }), mapSnapshot, signal);
  });
}

export function listDisks(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<ManagedDisk[]> {
  return mapErrors(async () => {
    const client = await clients.compute(subscriptionId);
    return collectMapped(client.disks.list({ abortSignal: signal }), mapDisk, signal);
  });
}

/**
 * All VMs of the subscription with their extensions. `$expand=instanceView` makes the
 * subscription-wide list carry `instanceView.extensions`, so no per-VM extension list is needed.
 */
export interface VirtualMachineListing {
  vms: VirtualMachine[];
  /** Ids of VMs whose list entry did not say which extensions they have. */
  extensionsUnknown: string[];
}

export function listVirtualMachines(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<VirtualMachineListing> {
  return mapErrors(async () => {
    const client = await clients.compute(subscriptionId);
    const vms: VirtualMachine[] = [];
    const extensionsUnknown: string[] = [];
    for (const raw of await collect(client.virtualMachines.listAll({ expand: 'instanceView', abortSignal: signal }), signal)) {
      const vm = mapVirtualMachine(raw);
      if (!vm) continue;
      vms.push(vm);
      if (vmExtensionsOf(raw) === undefined) extensionsUnknown.push(vm.id);
    }
    return { vms, extensionsUnknown };
  });
}

/**
 * Extensions of one VM (`GET .../virtualMachines/{vm}/extensions`). Only for VMs whose
 * subscription-wide list entry carried neither `resources` nor `instanceView.extensions`
 * (see vmExtensionsKnown); the inventory calls it just for VMs behind an image's lineage.
 */
export function listVmExtensions(clients: AzureClients, vmId: string, signal?: AbortSignal): Promise<VmExtension[]> {
  return mapErrors(async () => {
    const { subscriptionId, resourceGroup, names } = checkedParts(vmId, RESOURCE_TYPES.virtualMachine);
    const client = await clients.compute(subscriptionId);
    const result = await client.virtualMachineExtensions.list(resourceGroup, names[0], { abortSignal: signal });
    return (result.value ?? []).map((r) => ({ name: r.name ?? '', type: r.typePropertiesType ?? '', publisher: r.publisher ?? '' }));
  });
}
