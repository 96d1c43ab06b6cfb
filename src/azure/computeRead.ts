// Subscription-wide Microsoft.Compute lists (every page, one list call per category, no
// per-item GETs), mapped to model types.
import type { ManagedDisk, ManagedImage, Snapshot, VirtualMachine } from '../model';
import type { AzureClients } from './clients';
import { mapErrors } from './errors';
import { mapDisk, mapImage, mapSnapshot, mapVirtualMachine } from './mappers/compute';
import { collectMapped } from './paging';

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
export function listVirtualMachines(clients: AzureClients, subscriptionId: string, signal?: AbortSignal): Promise<VirtualMachine[]> {
  return mapErrors(async () => {
    const client = await clients.compute(subscriptionId);
    return collectMapped(client.virtualMachines.listAll({ expand: 'instanceView', abortSignal: signal }), mapVirtualMachine, signal);
  });
}
