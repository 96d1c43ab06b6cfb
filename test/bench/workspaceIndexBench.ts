// The first scan of a workspace's pool files (src/editor/workspacePools.ts does it through
// src/pooljson's indexFilesInSlices): 1,000 pool files on disk — data-plane pools and, every tenth,
// an ARM template with several pools — read and indexed as the editor does. Reported: the total
// time and the longest stretch the event loop was held (measured by a turn-by-turn heartbeat: a
// keystroke arriving meanwhile waits at most that long).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { indexFilesInSlices, PoolFileIndex } from '../../src/pooljson';
import { median } from './stats';

export interface WorkspaceIndexBench {
  files: number;
  pools: number;
  /** Median of the runs, first scan to last file indexed. */
  ms: number;
  runs: number[];
  /** The longest single turn of the event loop over all runs. */
  longestBlockMs: number;
  /** The longest parse + index of one file. */
  longestFileMs: number;
}

const SUB = '00000000-0000-4000-8000-0000000000aa';
const imageId = (i: number): string =>
  i % 3 === 0
    ? `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-${i % 40}`
    : `/subscriptions/${SUB}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/gallery/images/def-${i % 25}/versions/1.0.${i % 7}`;

function dataPlanePool(i: number): Record<string, unknown> {
  return {
    id: `pool-${i}`,
    vmSize: i % 2 ? 'Standard_D2s_v3' : 'Standard_D4s_v5',
    virtualMachineConfiguration: { imageReference: { virtualMachineImageId: imageId(i) }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
    targetDedicatedNodes: i % 9,
    targetLowPriorityNodes: i % 4,
    resizeTimeout: 'PT15M',
    startTask: {
      commandLine: `/bin/bash -c "echo setting up node ${i} && apt-get install -y tool-${i % 13}"`,
      environmentSettings: Array.from({ length: 6 }, (_, k) => ({ name: `SETTING_${k}`, value: `value-${i}-${k}` })),
      waitForSuccess: true,
    },
    metadata: Array.from({ length: 4 }, (_, k) => ({ name: `team-${k}`, value: `owner-${(i + k) % 17}` })),
  };
}

function armTemplate(i: number): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: Array.from({ length: 5 }, (_, k) => {
      const p = dataPlanePool(i * 10 + k);
      return {
        type: 'Microsoft.Batch/batchAccounts/pools',
        apiVersion: '2024-07-01',
        name: `account-${i % 6}/pool-${i}-${k}`,
        properties: {
          vmSize: p.vmSize,
          deploymentConfiguration: { virtualMachineConfiguration: p.virtualMachineConfiguration },
          scaleSettings: { fixedScale: { targetDedicatedNodes: p.targetDedicatedNodes, targetLowPriorityNodes: p.targetLowPriorityNodes, resizeTimeout: 'PT15M' } },
        },
      };
    }),
  };
}

/** Writes the workspace: `count` pool files in nested folders. Returns their paths. */
function writeWorkspace(root: string, count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const dir = join(root, `team-${i % 20}`, `env-${i % 3}`);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, i % 10 === 0 ? `deploy-${i}.pool.json` : `pool-${i}.pool.json`);
    writeFileSync(path, `${JSON.stringify(i % 10 === 0 ? armTemplate(i) : dataPlanePool(i), null, 2)}\n`);
    files.push(path);
  }
  return files;
}

/** One scan into a fresh index, with the heartbeat running beside it. */
async function scanOnce(files: readonly string[]): Promise<{ ms: number; longestBlockMs: number; longestFileMs: number; pools: number }> {
  let longestFileMs = 0;
  const index = new PoolFileIndex();
  const update = index.update.bind(index);
  index.update = (file: string, text: string): boolean => {
    const started = performance.now();
    try {
      return update(file, text);
    } finally {
      longestFileMs = Math.max(longestFileMs, performance.now() - started);
    }
  };
  let longestBlockMs = 0;
  let beating = true;
  let last = performance.now();
  const beat = (): void => {
    const now = performance.now();
    longestBlockMs = Math.max(longestBlockMs, now - last);
    last = now;
    if (beating) setImmediate(beat);
  };
  setImmediate(beat);
  const started = performance.now();
  await indexFilesInSlices(index, files, (file) => readFile(file, 'utf8'));
  const ms = performance.now() - started;
  beating = false;
  return { ms, longestBlockMs, longestFileMs, pools: index.pools().length };
}

export async function benchWorkspaceIndex(fileCount = 1000, runs = 3): Promise<WorkspaceIndexBench> {
  const root = mkdtempSync(join(tmpdir(), 'abi-bench-workspace-'));
  try {
    const files = writeWorkspace(root, fileCount);
    await scanOnce(files); // warm-up: JIT, file cache
    const measured = [];
    for (let r = 0; r < runs; r++) measured.push(await scanOnce(files));
    return {
      files: fileCount,
      pools: measured[0].pools,
      ms: median(measured.map((m) => m.ms)),
      runs: measured.map((m) => m.ms),
      longestBlockMs: Math.max(...measured.map((m) => m.longestBlockMs)),
      longestFileMs: Math.max(...measured.map((m) => m.longestFileMs)),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
