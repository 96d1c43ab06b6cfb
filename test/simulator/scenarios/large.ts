// The "large" scenario, generated deterministically from a seed instead of a committed file:
// 3 subscriptions, 5,000 images, 3,000 snapshots, 30 galleries x 10 definitions x 5 versions,
// 60 Batch accounts x 30 pools (about 11,700 resources). Used for paging and load benchmarks.
import { seededRandom } from '../faults';
import type { JsonObject } from '../json';
import type { Scenario, ScenarioResource } from './format';
import { DEMO_IDENTITY } from './identity';

export const LARGE_COUNTS = { subscriptions: 3, images: 5000, snapshots: 3000, galleries: 30, definitionsPerGallery: 10, versionsPerDefinition: 5, accounts: 60, poolsPerAccount: 30 } as const;

const REGIONS = ['eastus', 'westus2', 'westeurope', 'northeurope', 'japaneast'];

export function largeSubscriptionId(i: number): string {
  return `33333333-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

export function generateLargeScenario(seed: number): Scenario {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const C = LARGE_COUNTS;
  const subs = Array.from({ length: C.subscriptions }, (_, i) => largeSubscriptionId(i));
  const resources: ScenarioResource[] = [];
  const rgId = (sub: string, rg: string): string => `/subscriptions/${sub}/resourceGroups/${rg}`;
  const snapshotIds: string[] = [];
  for (let i = 0; i < C.snapshots; i++) {
    const sub = subs[i % subs.length];
    const id = `${rgId(sub, `rg-snapshots-${i % 10}`)}/providers/Microsoft.Compute/snapshots/snap-${String(i).padStart(5, '0')}`;
    snapshotIds.push(id);
    resources.push({
      id, location: pick(REGIONS),
      properties: { osType: rnd() < 0.8 ? 'Linux' : 'Windows', diskSizeGB: pick([30, 64, 128]), creationData: { createOption: 'Copy', sourceResourceId: `${rgId(sub, 'rg-vms')}/providers/Microsoft.Compute/disks/disk-${i}` }, timeCreated: '2026-01-01T00:00:00Z' },
    });
  }
  const imageIds: string[] = [];
  for (let i = 0; i < C.images; i++) {
    const sub = subs[i % subs.length];
    const id = `${rgId(sub, `rg-images-${i % 20}`)}/providers/Microsoft.Compute/images/img-${String(i).padStart(5, '0')}`;
    imageIds.push(id);
    const r = rnd();
    resources.push({
      id, location: pick(REGIONS),
      properties: {
        storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', snapshot: { id: snapshotIds[i % snapshotIds.length] }, caching: 'ReadWrite' }, dataDisks: [], zoneResilient: false },
        hyperVGeneration: 'V1',
        provisioningState: r < 0.97 ? 'Succeeded' : r < 0.99 ? 'Creating' : 'Failed',
      },
    });
  }
  for (let g = 0; g < C.galleries; g++) {
    const sub = subs[g % subs.length];
    const location = REGIONS[g % REGIONS.length];
    const galleryId = `${rgId(sub, 'rg-galleries')}/providers/Microsoft.Compute/galleries/gallery_${String(g).padStart(2, '0')}`;
    resources.push({ id: galleryId, location, properties: { description: `Generated gallery ${g}`, identifier: { uniqueName: `${sub}-GALLERY_${g}` } } });
    for (let d = 0; d < C.definitionsPerGallery; d++) {
      const defId = `${galleryId}/images/def-${d}`;
      const windows = rnd() < 0.2;
      resources.push({
        id: defId, location,
        properties: { osType: windows ? 'Windows' : 'Linux', osState: rnd() < 0.05 ? 'Specialized' : 'Generalized', hyperVGeneration: 'V2', identifier: { publisher: 'contoso', offer: `offer-${g}`, sku: `sku-${d}` } },
      });
      for (let v = 0; v < C.versionsPerDefinition; v++) {
        const regions: JsonObject[] = [{ name: location, regionalReplicaCount: 1 + Math.floor(rnd() * 3), storageAccountType: 'Standard_LRS', excludeFromLatest: false }];
        if (rnd() < 0.5) regions.push({ name: pick(REGIONS.filter((x) => x !== location)), regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false });
        resources.push({
          id: `${defId}/versions/1.${d}.${v}`, location,
          properties: {
            publishingProfile: { targetRegions: regions, replicaCount: 1, excludeFromLatest: false, storageAccountType: 'Standard_LRS', publishedDate: '2026-02-01T00:00:00Z' },
            storageProfile: { source: { id: imageIds[(g * 50 + d * 5 + v) % imageIds.length] }, osDiskImage: { sizeInGB: 30, hostCaching: 'ReadOnly' }, dataDiskImages: [] },
            safetyProfile: { allowDeletionOfReplicatedLocations: true, reportedForPolicyViolation: false, policyViolations: [], blockDeletionBeforeEndOfLife: false },
          },
        });
      }
    }
  }
  for (let a = 0; a < C.accounts; a++) {
    const sub = subs[a % subs.length];
    const location = REGIONS[a % REGIONS.length];
    const accountId = `${rgId(sub, `rg-batch-${location}`)}/providers/Microsoft.Batch/batchAccounts/batchlarge${String(a).padStart(3, '0')}`;
    resources.push({ id: accountId, location, properties: { poolAllocationMode: 'BatchService', allowedAuthenticationModes: rnd() < 0.1 ? ['SharedKey'] : ['SharedKey', 'AAD'], poolQuota: 100, dedicatedCoreQuota: 2000, lowPriorityCoreQuota: 500 } });
    for (let p = 0; p < C.poolsPerAccount; p++) {
      const gallery = Math.floor(rnd() * C.galleries);
      const useManaged = rnd() < 0.3;
      const galleryImage = `${rgId(subs[gallery % subs.length], 'rg-galleries')}/providers/Microsoft.Compute/galleries/gallery_${String(gallery).padStart(2, '0')}/images/def-${p % C.definitionsPerGallery}`;
      const dedicated = Math.floor(rnd() * 20);
      resources.push({
        id: `${accountId}/pools/pool-${String(p).padStart(2, '0')}`,
        properties: {
          vmSize: pick(['STANDARD_D2S_V3', 'STANDARD_D4S_V3', 'STANDARD_F4S_V2']),
          deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: useManaged ? imageIds[Math.floor(rnd() * imageIds.length)] : galleryImage }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } },
          scaleSettings: { fixedScale: { targetDedicatedNodes: dedicated, targetLowPriorityNodes: 0, resizeTimeout: 'PT15M' } },
          currentDedicatedNodes: dedicated,
          currentLowPriorityNodes: 0,
        },
      });
    }
  }
  return {
    name: 'large',
    description: `Generated with seed ${seed}`,
    identity: DEMO_IDENTITY,
    subscriptions: subs.map((s, i) => ({ subscriptionId: s, displayName: `Large scenario ${i + 1}`, registeredProviders: ['Microsoft.Compute', 'Microsoft.Batch'] })),
    resources,
  };
}
