// Deterministic pool documents of a target size for the re-check benchmark: a data-plane pool
// padded with realistic settings (start task, metadata) for 10 KB, ARM templates with as many
// pools as the size takes for 200 KB and 2 MB. Image ids come from the inventory so the rules
// do real lookups (managed images, gallery definitions and versions, some missing).
import type { Inventory } from '../../src/model';

function pick<T>(xs: readonly T[], i: number): T {
  return xs[(i * 7919) % xs.length];
}

function imageIdFor(inventory: Inventory, i: number): string {
  const s = inventory.snapshot;
  switch (i % 4) {
    case 0:
      return pick(s.images, i).id;
    case 1:
      return pick(s.galleryImageDefinitions, i).id;
    case 2:
      return pick(s.galleryImageVersions, i).id;
    default:
      return `${pick(s.images, i).id}-deleted`;
  }
}

function armPool(inventory: Inventory, i: number): Record<string, unknown> {
  const account = pick(inventory.snapshot.batchAccounts, i);
  return {
    type: 'Microsoft.Batch/batchAccounts/pools',
    apiVersion: '2024-07-01',
    name: `${account.name}/pool-${i}`,
    properties: {
      displayName: `Pool ${i}`,
      vmSize: 'STANDARD_D4S_V3',
      deploymentConfiguration: {
        virtualMachineConfiguration: {
          imageReference: { id: imageIdFor(inventory, i) },
          nodeAgentSkuId: i % 5 === 0 ? 'batch.node.ubuntu 20.04' : 'batch.node.ubuntu 22.04',
          ...(i % 3 === 0 ? { securityProfile: { securityType: 'trustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } } } : {}),
        },
      },
      scaleSettings: i % 4 === 3 ? { autoScale: { formula: '$TargetDedicatedNodes = min(10, $PendingTasks.GetSample(1));', evaluationInterval: 'PT5M' } } : { fixedScale: { targetDedicatedNodes: (i * 37) % 400, targetLowPriorityNodes: (i * 11) % 50, resizeTimeout: i % 2 ? 'PT15M' : 'PT30M' } },
      startTask: { commandLine: `/bin/bash -c "echo pool ${i} && ./setup.sh --fast"`, waitForSuccess: true, userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'admin' } } },
      metadata: [{ name: 'owner', value: 'batch-team' }, { name: 'index', value: String(i) }],
    },
  };
}

function template(inventory: Inventory, pools: number): string {
  const resources = Array.from({ length: pools }, (_, i) => armPool(inventory, i));
  return JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: {}, resources }, null, 2);
}

/** An ARM template with as many pools as make its JSON text about `bytes` long. */
export function armTemplateOfSize(inventory: Inventory, bytes: number): string {
  const perPool = (template(inventory, 20).length - template(inventory, 10).length) / 10;
  const base = template(inventory, 0).length;
  return template(inventory, Math.max(1, Math.round((bytes - base) / perPool)));
}

/** A data-plane pool padded with environment settings and metadata to about `bytes`. */
export function dataPlanePoolOfSize(inventory: Inventory, bytes: number): string {
  const pool: Record<string, unknown> = {
    id: 'render-pool',
    vmSize: 'standard_d4s_v3',
    virtualMachineConfiguration: { imageReference: { virtualMachineImageId: imageIdFor(inventory, 0) }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
    targetDedicatedNodes: 120,
    resizeTimeout: 'PT15M',
    startTask: { commandLine: '/bin/bash -c ./setup.sh', environmentSettings: [] as { name: string; value: string }[], waitForSuccess: true },
    metadata: [] as { name: string; value: string }[],
  };
  const env = (pool.startTask as { environmentSettings: { name: string; value: string }[] }).environmentSettings;
  for (let i = 0; JSON.stringify(pool, null, 2).length < bytes; i++) env.push({ name: `SETTING_${i}`, value: `value-${i}-${'x'.repeat(i % 17)}` });
  return JSON.stringify(pool, null, 2);
}
