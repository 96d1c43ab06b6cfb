// Small builders for inventories in unit tests: defaults for everything, override what the test is about.
import {
  batchAccountId,
  batchPoolId,
  emptyInventorySnapshot,
  galleryId,
  galleryImageDefinitionId,
  galleryImageVersionId,
  indexInventory,
  managedImageId,
  type BatchAccount,
  type GalleryImageDefinition,
  type GalleryImageVersion,
  type Inventory,
  type InventorySnapshot,
  type LivePool,
  type ManagedDisk,
  type ManagedImage,
  type Snapshot,
  type Subscription,
  type VirtualMachine,
} from '../../../src/model';

export const SUB = '11111111-1111-1111-1111-111111111111';
export const SUB2 = '22222222-2222-2222-2222-222222222222';
export const TENANT = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
export const RG = 'rg-images';

export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  const subscriptionId = overrides.subscriptionId ?? SUB;
  return {
    id: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    tenantId: TENANT,
    displayName: 'Test subscription',
    registeredProviders: ['Microsoft.Batch', 'Microsoft.Compute'],
    ...overrides,
  };
}

export function snapshotId(name: string, sub = SUB): string {
  return `/subscriptions/${sub}/resourceGroups/${RG}/providers/Microsoft.Compute/snapshots/${name}`;
}

export function diskId(name: string, sub = SUB): string {
  return `/subscriptions/${sub}/resourceGroups/${RG}/providers/Microsoft.Compute/disks/${name}`;
}

export function vmId(name: string, sub = SUB): string {
  return `/subscriptions/${sub}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export function image(name: string, overrides: Partial<ManagedImage> = {}): ManagedImage {
  const subscriptionId = overrides.subscriptionId ?? SUB;
  const resourceGroup = overrides.resourceGroup ?? RG;
  return {
    id: managedImageId(subscriptionId, resourceGroup, name),
    name,
    subscriptionId,
    resourceGroup,
    location: 'eastus',
    provisioningState: 'Succeeded',
    osType: 'Linux',
    osState: 'Generalized',
    sources: [{ kind: 'snapshot', id: snapshotId(`${name}-os`, subscriptionId), role: 'os' }],
    ...overrides,
  };
}

export function snapshot(name: string, overrides: Partial<Snapshot> = {}): Snapshot {
  return { id: snapshotId(name), name, location: 'eastus', osType: 'Linux', ...overrides };
}

export function disk(name: string, overrides: Partial<ManagedDisk> = {}): ManagedDisk {
  return { id: diskId(name), location: 'eastus', osType: 'Linux', ...overrides };
}

export function vm(name: string, overrides: Partial<VirtualMachine> = {}): VirtualMachine {
  return { id: vmId(name), location: 'eastus', extensions: [], dataDiskIds: [], ...overrides };
}

export function account(name: string, overrides: Partial<BatchAccount> = {}): BatchAccount {
  const subscriptionId = overrides.subscriptionId ?? SUB;
  const resourceGroup = overrides.resourceGroup ?? 'rg-batch';
  const location = overrides.location ?? 'eastus';
  return {
    id: batchAccountId(subscriptionId, resourceGroup, name),
    name,
    subscriptionId,
    resourceGroup,
    location,
    accountEndpoint: `${name}.${location}.batch.azure.com`,
    poolAllocationMode: 'BatchService',
    allowedAuthenticationModes: ['SharedKey', 'AAD', 'TaskAuthenticationToken'],
    supportedImages: [
      { nodeAgentSkuId: 'batch.node.ubuntu 22.04', osType: 'Linux', verificationType: 'verified' },
      { nodeAgentSkuId: 'batch.node.windows amd64', osType: 'Windows', verificationType: 'verified' },
    ],
    ...overrides,
  };
}

export function livePool(name: string, acct: BatchAccount, overrides: Partial<LivePool> = {}): LivePool {
  return {
    id: batchPoolId(acct.subscriptionId, acct.resourceGroup, acct.name, name),
    name,
    accountId: acct.id,
    vmSize: 'STANDARD_D2S_V3',
    nodeAgentSkuId: 'batch.node.ubuntu 22.04',
    scale: { kind: 'fixed', targetDedicatedNodes: 2, targetLowPriorityNodes: 0, resizeTimeout: 'PT30M' },
    currentDedicatedNodes: 0,
    currentLowPriorityNodes: 0,
    allocationState: 'Steady',
    provisioningState: 'Succeeded',
    resizeErrors: [],
    inboundNatPoolCount: 0,
    ...overrides,
  };
}

export const GALLERY = 'gal';

export function galleryDefinition(name: string, overrides: Partial<GalleryImageDefinition> = {}): GalleryImageDefinition {
  return {
    id: galleryImageDefinitionId(SUB, RG, GALLERY, name),
    galleryId: galleryId(SUB, RG, GALLERY),
    location: 'eastus',
    osType: 'Linux',
    osState: 'Generalized',
    hyperVGeneration: 'V2',
    identifier: { publisher: 'contoso', offer: 'batch', sku: name },
    ...overrides,
  };
}

export function galleryVersion(
  definition: GalleryImageDefinition,
  version: string,
  overrides: Partial<GalleryImageVersion> = {},
): GalleryImageVersion {
  const p = definition.id.split('/');
  // .../galleries/{g}/images/{def}
  const id = galleryImageVersionId(p[2], p[4], p[8], p[10], version);
  return {
    id,
    definitionId: definition.id,
    name: version,
    location: definition.location,
    provisioningState: 'Succeeded',
    excludeFromLatest: false,
    targetRegions: [{ name: 'East US', regionalReplicaCount: 1 }],
    ...overrides,
  };
}

/** Fluent builder: `inventory().with({images: [...]}).build()`. */
export class InventoryBuilder {
  readonly data: InventorySnapshot = emptyInventorySnapshot();

  constructor() {
    this.data.subscriptions.push(subscription());
  }

  with(parts: Partial<InventorySnapshot>): this {
    for (const [key, value] of Object.entries(parts)) {
      const target = (this.data as unknown as Record<string, unknown>)[key];
      if (Array.isArray(target) && Array.isArray(value)) target.push(...value);
      else (this.data as unknown as Record<string, unknown>)[key] = value;
    }
    return this;
  }

  build(): Inventory {
    return indexInventory(this.data);
  }
}

export function inventory(parts: Partial<InventorySnapshot> = {}): InventoryBuilder {
  return new InventoryBuilder().with(parts);
}
