// A realistic inventory for fuzzing the rules: every rule has something to find (retired managed
// images, region mismatches, replicas, lineage, sharing, end-of-life agents, Trusted Launch,
// Shared Key accounts), so random documents reach the rules' deeper branches and their fixes.
import { emptyInventorySnapshot, indexInventory, type BatchAccount, type Inventory } from '../../../src/model';
import {
  account,
  diskId,
  galleryDefinition,
  galleryVersion,
  image,
  livePool,
  snapshot,
  snapshotId,
  subscription,
  SUB2,
  vm,
  vmId,
} from '../helpers/inventoryBuilder';

const ACCOUNT = account('acct', {
  supportedImages: [
    { nodeAgentSkuId: 'batch.node.ubuntu 22.04', osType: 'Linux', verificationType: 'verified' },
    { nodeAgentSkuId: 'batch.node.ubuntu 20.04', osType: 'Linux', verificationType: 'verified', batchSupportEndOfLife: '2026-02-01T00:00:00Z' },
    { nodeAgentSkuId: 'batch.node.centos 7', osType: 'Linux', verificationType: 'unverified', batchSupportEndOfLife: '2024-06-30T00:00:00Z' },
    { nodeAgentSkuId: 'batch.node.windows amd64', osType: 'Windows', verificationType: 'verified' },
  ],
});
const WEST = account('acctwest', { location: 'westus2' });
const SHARED_KEY = account('acctsharedkey', { allowedAuthenticationModes: ['SharedKey'], supportedImages: undefined });
const OTHER_SUB = account('acctother', { subscriptionId: SUB2 });

const IMAGES = [
  image('imgA'),
  image('imgA-copy', { sources: [{ kind: 'snapshot', id: snapshotId('imgA-os'), role: 'os' }] }),
  image('imgWest', { location: 'westus2' }),
  image('imgFromVm', { sources: [{ kind: 'vm', id: vmId('vm-build'), role: 'os' }] }),
  image('imgBlob', { sources: [{ kind: 'blob', uri: 'https://acct.blob.core.windows.net/vhds/os.vhd', role: 'os' }] }),
  image('imgCreating', { provisioningState: 'Creating' }),
  image('imgOrphan', { sources: [{ kind: 'snapshot', id: snapshotId('gone-os'), role: 'os' }] }),
  image('imgWindows', { osType: 'Windows' }),
  image('imgPlan', { sources: [{ kind: 'snapshot', id: snapshotId('plan-os'), role: 'os' }] }),
  image('imgDisk', { sources: [{ kind: 'disk', id: diskId('disk-os'), role: 'os' }, { kind: 'snapshot', id: snapshotId('imgA-os'), role: 'data', lun: 0 }] }),
  image('imgOtherSub', { subscriptionId: SUB2 }),
];

const DEF = galleryDefinition('ubuntu');
const DEF_WIN = galleryDefinition('windows', { osType: 'Windows' });
const DEF_SPECIALIZED = galleryDefinition('specialized', { osState: 'Specialized' });
const DEF_TRUSTED = galleryDefinition('trusted', { securityType: 'TrustedLaunch' });
const DEF_PLAN = galleryDefinition('plan', { purchasePlan: undefined });
const VERSIONS = [
  galleryVersion(DEF, '1.0.0'),
  galleryVersion(DEF, '1.1.0', { targetRegions: [{ name: 'West US 2', regionalReplicaCount: 2 }] }),
  galleryVersion(DEF, '2.0.0', { excludeFromLatest: true, targetRegions: [{ name: 'East US', regionalReplicaCount: 5 }] }),
  galleryVersion(DEF_WIN, '1.0.0'),
  galleryVersion(DEF_SPECIALIZED, '1.0.0'),
  galleryVersion(DEF_TRUSTED, '1.0.0', { targetRegions: [{ name: 'eastus', regionalReplicaCount: 1 }, { name: 'westus2', regionalReplicaCount: 1 }] }),
  galleryVersion(DEF_PLAN, '1.0.0', { sourceId: snapshotId('plan-os') }),
];

export const FUZZ_ACCOUNTS: readonly BatchAccount[] = [ACCOUNT, WEST, SHARED_KEY, OTHER_SUB];

export function fuzzWorld(): Inventory {
  const data = emptyInventorySnapshot();
  data.subscriptions.push(subscription(), subscription({ subscriptionId: SUB2, tenantId: 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb', registeredProviders: ['Microsoft.Compute'] }));
  data.images.push(...IMAGES);
  data.snapshots.push(
    snapshot('imgA-os', { sourceResourceId: diskId('disk-os') }),
    snapshot('plan-os', { purchasePlan: { name: 'plan', publisher: 'pub', product: 'prod' } }),
  );
  data.disks.push({ id: diskId('disk-os'), location: 'eastus', osType: 'Linux', managedBy: vmId('vm-build') });
  data.virtualMachines.push(vm('vm-build', { extensions: [{ name: 'cse', type: 'CustomScript', publisher: 'Microsoft.Azure.Extensions' }], osDiskId: diskId('disk-os') }));
  data.galleryImageDefinitions.push(DEF, DEF_WIN, DEF_SPECIALIZED, DEF_TRUSTED, DEF_PLAN);
  data.galleryImageVersions.push(...VERSIONS);
  data.batchAccounts.push(...FUZZ_ACCOUNTS);
  data.pools.push(
    livePool('live-a', ACCOUNT, { imageId: IMAGES[0].id, scale: { kind: 'fixed', targetDedicatedNodes: 2400, targetLowPriorityNodes: 900 } }),
    livePool('live-b', WEST, { imageId: IMAGES[1].id }),
    livePool('live-gallery', ACCOUNT, { imageId: DEF.id, scale: { kind: 'auto', formula: '$TargetDedicatedNodes=1' }, currentDedicatedNodes: 700 }),
  );
  return indexInventory(data);
}

/** Ids a generated document may reference: present, absent, in other regions, other subscriptions. */
export function fuzzImageIds(inventory: Inventory): string[] {
  const missing = [
    '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-images/providers/Microsoft.Compute/images/deleted',
    '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal/images/ubuntu/versions/9.9.9',
    '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/x/providers/Microsoft.Compute/galleries/g/images/d',
  ];
  return [
    ...inventory.snapshot.images.map((i) => i.id),
    ...inventory.snapshot.galleryImageDefinitions.map((d) => d.id),
    ...inventory.snapshot.galleryImageVersions.map((v) => v.id),
    ...missing,
  ];
}
