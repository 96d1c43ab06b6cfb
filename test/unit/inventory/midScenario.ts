// A mid-size scenario written to a temp file: enough items that every list spans several pages,
// several galleries/definitions/accounts, and known counts to compute the request bound from.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MidShape {
  subscriptions: number;
  images: number;
  snapshots: number;
  galleries: number;
  definitionsPerGallery: number;
  versionsPerDefinition: number;
  accounts: number;
  poolsPerAccount: number;
}

export const MID: MidShape = { subscriptions: 2, images: 60, snapshots: 45, galleries: 3, definitionsPerGallery: 3, versionsPerDefinition: 2, accounts: 3, poolsPerAccount: 7 };

export function midSubscriptionId(i: number): string {
  return `44444444-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

/** Writes the scenario (per subscription: the counts in `shape`) and returns the file path. */
export function writeMidScenario(shape: MidShape = MID): string {
  const subscriptions = [];
  const resourceGroups = [];
  const resources: { id: string; location?: string; properties: Record<string, unknown> }[] = [];
  for (let s = 0; s < shape.subscriptions; s++) {
    const sub = midSubscriptionId(s);
    subscriptions.push({ subscriptionId: sub, displayName: `Mid ${s + 1}` });
    const rg = `/subscriptions/${sub}/resourceGroups/rg-mid`;
    resourceGroups.push({ subscriptionId: sub, name: 'rg-mid', location: 'eastus' });
    const snaps: string[] = [];
    for (let i = 0; i < shape.snapshots; i++) {
      const id = `${rg}/providers/Microsoft.Compute/snapshots/snap-${i}`;
      snaps.push(id);
      resources.push({ id, location: 'eastus', properties: { osType: 'Linux', diskSizeGB: 30, creationData: { createOption: 'Empty' } } });
    }
    for (let i = 0; i < shape.images; i++) {
      resources.push({
        id: `${rg}/providers/Microsoft.Compute/images/img-${i}`,
        location: 'eastus',
        properties: { storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', snapshot: { id: snaps[i % snaps.length] } } } },
      });
    }
    const versionIds: string[] = [];
    for (let g = 0; g < shape.galleries; g++) {
      const gallery = `${rg}/providers/Microsoft.Compute/galleries/gal_${g}`;
      resources.push({ id: gallery, location: 'eastus', properties: {} });
      for (let d = 0; d < shape.definitionsPerGallery; d++) {
        const def = `${gallery}/images/def-${d}`;
        resources.push({ id: def, location: 'eastus', properties: { osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'p', offer: `o${g}`, sku: `s${d}` } } });
        for (let v = 0; v < shape.versionsPerDefinition; v++) {
          const version = `${def}/versions/1.0.${v}`;
          versionIds.push(version);
          resources.push({
            id: version,
            location: 'eastus',
            properties: {
              publishingProfile: { targetRegions: [{ name: 'East US', regionalReplicaCount: 1 }] },
              storageProfile: { source: { id: `${rg}/providers/Microsoft.Compute/images/img-0` } },
            },
          });
        }
      }
    }
    for (let a = 0; a < shape.accounts; a++) {
      const account = `${rg}/providers/Microsoft.Batch/batchAccounts/mid${s}acct${a}`;
      resources.push({ id: account, location: 'eastus', properties: {} });
      for (let p = 0; p < shape.poolsPerAccount; p++) {
        resources.push({
          id: `${account}/pools/pool-${p}`,
          properties: {
            vmSize: 'Standard_D2s_v3',
            deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: versionIds[p % versionIds.length] }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } },
            scaleSettings: { fixedScale: { targetDedicatedNodes: 0, targetLowPriorityNodes: 0, resizeTimeout: 'PT15M' } },
          },
        });
      }
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'batch-images-mid-'));
  const path = join(dir, 'mid.json');
  writeFileSync(path, JSON.stringify({ name: 'mid', subscriptions, resourceGroups, resources }));
  return path;
}

/** Pages the loader needs for `shape` at `pageSize`: the request bound of a full load. */
export function expectedPages(shape: MidShape, pageSize: number, supportedImagesPages = 1): { total: number; perParentLists: number } {
  const pages = (n: number): number => Math.max(1, Math.ceil(n / pageSize));
  const perSub =
    1 + // providers
    pages(shape.images) +
    pages(shape.snapshots) +
    pages(0) + // disks
    pages(0) + // virtual machines
    pages(shape.galleries) +
    shape.galleries * pages(shape.definitionsPerGallery) +
    shape.galleries * shape.definitionsPerGallery * pages(shape.versionsPerDefinition) +
    pages(shape.accounts) +
    shape.accounts * (pages(shape.poolsPerAccount) + supportedImagesPages);
  const perParentLists = shape.subscriptions * (shape.galleries + shape.galleries * shape.definitionsPerGallery + 2 * shape.accounts);
  return { total: 1 + shape.subscriptions * perSub, perParentLists };
}
