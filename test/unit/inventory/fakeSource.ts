// A scripted InventorySource for ordering and error-handling tests that need precise control
// over when each list resolves (the simulator tests cover the real Azure behaviour).
import type { InventorySource } from '../../../src/inventory';
import type { BatchAccount, Gallery, GalleryImageDefinition, LivePool, Subscription } from '../../../src/model';

export const SUB = '55555555-0000-4000-8000-000000000001';
export const ACCOUNT_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/acct`;

export function account(): BatchAccount {
  return {
    id: ACCOUNT_ID,
    name: 'acct',
    subscriptionId: SUB,
    resourceGroup: 'rg',
    location: 'eastus',
    accountEndpoint: 'acct.eastus.batch.example',
    poolAllocationMode: 'BatchService',
    allowedAuthenticationModes: ['AAD'],
  };
}

export function pool(name: string): LivePool {
  return {
    id: `${ACCOUNT_ID}/pools/${name}`,
    name,
    accountId: ACCOUNT_ID,
    vmSize: 'Standard_D2s_v3',
    scale: { kind: 'fixed', targetDedicatedNodes: 0, targetLowPriorityNodes: 0 },
    currentDedicatedNodes: 0,
    currentLowPriorityNodes: 0,
    allocationState: 'Steady',
    provisioningState: 'Succeeded',
    resizeErrors: [],
    inboundNatPoolCount: 0,
  };
}

export function gallery(name: string): Gallery {
  return { id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/galleries/${name}`, location: 'eastus' };
}

export function definition(galleryName: string, name: string): GalleryImageDefinition {
  return {
    id: `${gallery(galleryName).id}/images/${name}`,
    galleryId: gallery(galleryName).id,
    location: 'eastus',
    osType: 'Linux',
    osState: 'Generalized',
    identifier: { publisher: 'p', offer: 'o', sku: name },
  };
}

const subscription: Subscription = { id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: 't', displayName: 'Fake' };

/** Everything empty and immediate; override what a test needs. */
export function fakeSource(overrides: Partial<InventorySource> = {}): InventorySource {
  const none = async (): Promise<never[]> => [];
  return {
    listSubscriptions: async () => [subscription],
    listRegisteredProviders: async () => ['Microsoft.Batch'],
    listImages: none,
    listSnapshots: none,
    listDisks: none,
    listVirtualMachines: async () => ({ vms: [], extensionsUnknown: [] }),
    listVmExtensions: none,
    listGalleries: none,
    listGalleryImageDefinitions: none,
    listGalleryImageVersions: none,
    listBatchAccounts: none,
    listPools: none,
    listSupportedImages: none,
    listBatchVmSkus: none,
    ...overrides,
  };
}

/** A promise the test resolves when it wants. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
