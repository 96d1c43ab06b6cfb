// The "enterprise" scenario, generated deterministically from a seed like `large`: a platform
// team's estate of 100 subscriptions and about 50,000 resources — managed images with their
// lineage (image -> snapshot -> disk -> VM), galleries with several definitions and versions each,
// and 200 Batch accounts with pools. Used by the bench to compare inventory sources at scale.
import { seededRandom } from '../faults';
import type { JsonObject } from '../json';
import type { Scenario, ScenarioResource } from './format';
import { DEMO_IDENTITY } from './identity';

/** Per subscription, except `subscriptions`. */
export const ENTERPRISE_COUNTS = {
  subscriptions: 100,
  imagesPerSubscription: 200,
  snapshotsPerSubscription: 150,
  disksPerSubscription: 10,
  vmsPerSubscription: 3,
  galleriesPerSubscription: 2,
  definitionsPerGallery: 5,
  versionsPerDefinition: 6,
  accountsPerSubscription: 2,
  poolsPerAccount: 35,
} as const;

const REGIONS = ['eastus', 'westus2', 'westeurope', 'northeurope', 'japaneast'];

export function enterpriseSubscriptionId(i: number): string {
  return `55555555-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

export function generateEnterpriseScenario(seed: number): Scenario {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const C = ENTERPRISE_COUNTS;
  const subs = Array.from({ length: C.subscriptions }, (_, i) => enterpriseSubscriptionId(i));
  const resources: ScenarioResource[] = [];
  const compute = (sub: string, rg: string, type: string, name: string): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/${type}/${name}`;
  subs.forEach((sub, s) => {
    const home = REGIONS[s % REGIONS.length];
    const vms: string[] = [];
    for (let v = 0; v < C.vmsPerSubscription; v++) {
      const id = compute(sub, 'rg-build', 'virtualMachines', `build-vm-${v}`);
      vms.push(id);
      resources.push({
        id, location: home,
        properties: {
          hardwareProfile: { vmSize: 'Standard_D2s_v3' },
          storageProfile: { osDisk: { osType: 'Linux', name: `build-vm-${v}-os`, createOption: 'FromImage', managedDisk: { id: compute(sub, 'rg-build', 'disks', `disk-${v}`) } }, dataDisks: [] },
          instanceView: { extensions: [] },
        },
      });
    }
    const disks: string[] = [];
    for (let d = 0; d < C.disksPerSubscription; d++) {
      const id = compute(sub, 'rg-build', 'disks', `disk-${d}`);
      disks.push(id);
      const body: ScenarioResource = { id, location: home, properties: { osType: 'Linux', diskSizeGB: 64, creationData: { createOption: 'Empty' }, diskState: d < vms.length ? 'Attached' : 'Unattached' } };
      resources.push(body);
    }
    const snapshots: string[] = [];
    for (let n = 0; n < C.snapshotsPerSubscription; n++) {
      const id = compute(sub, `rg-snapshots-${n % 5}`, 'snapshots', `snap-${String(n).padStart(4, '0')}`);
      snapshots.push(id);
      resources.push({
        id, location: home,
        properties: { osType: rnd() < 0.8 ? 'Linux' : 'Windows', diskSizeGB: pick([30, 64, 128]), creationData: { createOption: 'Copy', sourceResourceId: disks[n % disks.length] }, timeCreated: '2026-01-01T00:00:00Z' },
      });
    }
    const images: string[] = [];
    for (let i = 0; i < C.imagesPerSubscription; i++) {
      const id = compute(sub, `rg-images-${i % 10}`, 'images', `img-${String(i).padStart(4, '0')}`);
      images.push(id);
      const r = rnd();
      resources.push({
        id, location: home,
        properties: {
          storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', snapshot: { id: snapshots[i % snapshots.length] }, caching: 'ReadWrite' }, dataDisks: [], zoneResilient: false },
          hyperVGeneration: 'V1',
          provisioningState: r < 0.97 ? 'Succeeded' : r < 0.99 ? 'Creating' : 'Failed',
        },
      });
    }
    const definitions: string[] = [];
    for (let g = 0; g < C.galleriesPerSubscription; g++) {
      const galleryId = compute(sub, 'rg-galleries', 'galleries', `gallery_${s}_${g}`);
      resources.push({ id: galleryId, location: home, properties: { description: `Generated gallery ${s}/${g}`, identifier: { uniqueName: `${sub}-GALLERY_${g}` } } });
      for (let d = 0; d < C.definitionsPerGallery; d++) {
        const defId = `${galleryId}/images/def-${d}`;
        definitions.push(defId);
        resources.push({
          id: defId, location: home,
          properties: { osType: rnd() < 0.2 ? 'Windows' : 'Linux', osState: rnd() < 0.05 ? 'Specialized' : 'Generalized', hyperVGeneration: 'V2', identifier: { publisher: 'contoso', offer: `offer-${s}-${g}`, sku: `sku-${d}` } },
        });
        for (let v = 0; v < C.versionsPerDefinition; v++) {
          const regions: JsonObject[] = [{ name: home, regionalReplicaCount: 1 + Math.floor(rnd() * 3), storageAccountType: 'Standard_LRS', excludeFromLatest: false }];
          if (rnd() < 0.5) regions.push({ name: pick(REGIONS.filter((x) => x !== home)), regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false });
          resources.push({
            id: `${defId}/versions/1.${d}.${v}`, location: home,
            properties: {
              publishingProfile: { targetRegions: regions, replicaCount: 1, excludeFromLatest: false, storageAccountType: 'Standard_LRS', publishedDate: '2026-02-01T00:00:00Z' },
              storageProfile: { source: { id: images[(g * 50 + d * 6 + v) % images.length] }, osDiskImage: { sizeInGB: 30, hostCaching: 'ReadOnly' }, dataDiskImages: [] },
              safetyProfile: { allowDeletionOfReplicatedLocations: true, reportedForPolicyViolation: false, policyViolations: [], blockDeletionBeforeEndOfLife: false },
            },
          });
        }
      }
    }
    for (let a = 0; a < C.accountsPerSubscription; a++) {
      const location = REGIONS[(s + a) % REGIONS.length];
      const accountId = `/subscriptions/${sub}/resourceGroups/rg-batch-${location}/providers/Microsoft.Batch/batchAccounts/batchent${String(s).padStart(3, '0')}${a}`;
      resources.push({ id: accountId, location, properties: { poolAllocationMode: 'BatchService', allowedAuthenticationModes: rnd() < 0.1 ? ['SharedKey'] : ['SharedKey', 'AAD'], poolQuota: 100, dedicatedCoreQuota: 2000, lowPriorityCoreQuota: 500 } });
      for (let p = 0; p < C.poolsPerAccount; p++) {
        const r = rnd();
        const imageId = r < 0.3 ? pick(images) : r < 0.6 ? `${pick(definitions)}/versions/1.0.0` : pick(definitions);
        const dedicated = Math.floor(rnd() * 20);
        resources.push({
          id: `${accountId}/pools/pool-${String(p).padStart(2, '0')}`,
          properties: {
            vmSize: pick(['STANDARD_D2S_V3', 'STANDARD_D4S_V3', 'STANDARD_F4S_V2']),
            deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: imageId }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } },
            scaleSettings: { fixedScale: { targetDedicatedNodes: dedicated, targetLowPriorityNodes: 0, resizeTimeout: 'PT15M' } },
            currentDedicatedNodes: dedicated,
            currentLowPriorityNodes: 0,
          },
        });
      }
    }
  });
  return {
    name: 'enterprise',
    description: `Generated with seed ${seed}`,
    identity: DEMO_IDENTITY,
    subscriptions: subs.map((s, i) => ({ subscriptionId: s, displayName: `Enterprise ${String(i + 1).padStart(3, '0')}`, registeredProviders: ['Microsoft.Compute', 'Microsoft.Batch'] })),
    resources,
  };
}
