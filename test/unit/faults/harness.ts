// Shared plumbing of the fault suite: a simulator per case (its own seed and fault spec), real
// SDK clients with test-sized retry delays, expected counts read from the simulator's store, and a
// watch on the process for promise rejections nobody handled.
import assert from 'node:assert/strict';
import { startSimulator, trustCa, type LogEntry, type SimulatorHandle, type SimulatorOptions } from '../../simulator/index';
import { AzureClients, type ClientTuning } from '../../../src/azure';
import { simulatorConnection } from '../azure/simulatorSetup';
import { azureInventorySource, InventoryLoader, type InventoryLoaderOptions, type InventorySource } from '../../../src/inventory';
import type { InventorySnapshot } from '../../../src/model';

/** Every kind of fault the simulator injects, at the rates the brief names. */
export const MIXED_FAULTS = '429:0.1,500:0.05,503:0.05,reset:0.02,slow:0.05';

/**
 * Retry-After stays at one second, so that a throttling test can tell a retry that waited for it
 * from one that did not. Slow answers are short so that a case stays small.
 */
export const SIMULATOR_DEFAULTS: SimulatorOptions = { port: 0, scenario: 'demo', pageSize: 3, retryAfterMs: 1000, slowMs: 250, lroMs: 40, allocationMs: 40 };

/** The clients' retry policies (the ARM SDKs' own, the data plane's ours), with delays sized for tests. */
export const TEST_TUNING: ClientTuning = {
  retry: { maxRetries: 8, retryDelayInMs: 5, maxRetryDelayInMs: 40 },
  lroPollIntervalMs: 10,
  dataPlaneRetry: { maxRetries: 8, baseDelayMs: 10, maxDelayMs: 40 },
};

export async function startFaultySimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
  const sim = await startSimulator({ ...SIMULATOR_DEFAULTS, ...options });
  trustCa(sim.caPem);
  return sim;
}

/** A service-principal connection to the simulator, built the way the CLI and the extension build it. */
export async function connectTo(sim: SimulatorHandle, tuning: ClientTuning = TEST_TUNING): Promise<AzureClients> {
  return new AzureClients(await simulatorConnection(sim), tuning);
}

export function newLoader(source: InventorySource, options: InventoryLoaderOptions = {}): InventoryLoader {
  return new InventoryLoader(source, { concurrency: 8, deadlineMs: 30_000, ...options });
}

export function realSource(clients: AzureClients): InventorySource {
  return azureInventorySource(clients);
}

/** What the inventory should hold: the simulator's own resource counts, per inventory list. */
export function expectedCounts(sim: SimulatorHandle): Record<string, number> {
  const c = sim.resourceCounts();
  return {
    images: c.images ?? 0,
    snapshots: c.snapshots ?? 0,
    disks: c.disks ?? 0,
    virtualMachines: c.virtualMachines ?? 0,
    galleries: c.galleries ?? 0,
    galleryImageDefinitions: c.galleryImages ?? 0,
    galleryImageVersions: c.galleryImageVersions ?? 0,
    batchAccounts: c.batchAccounts ?? 0,
    pools: c.pools ?? 0,
  };
}

export function inventoryCounts(snap: InventorySnapshot): Record<string, number> {
  return {
    images: snap.images.length,
    snapshots: snap.snapshots.length,
    disks: snap.disks.length,
    virtualMachines: snap.virtualMachines.length,
    galleries: snap.galleries.length,
    galleryImageDefinitions: snap.galleryImageDefinitions.length,
    galleryImageVersions: snap.galleryImageVersions.length,
    batchAccounts: snap.batchAccounts.length,
    pools: snap.pools.length,
  };
}

/** Requests the simulator answered with an injected fault (token endpoints are never faulted by default). */
export function faulted(sim: SimulatorHandle): LogEntry[] {
  return sim.requestLog().filter((e) => e.fault !== undefined);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Resolves like `work`, or rejects when it takes longer than `ms`: turns a hang into a failure. */
export async function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface StrayFailure {
  kind: 'unhandledRejection' | 'uncaughtException';
  error: string;
}

/**
 * Records every unhandled promise rejection and uncaught exception of this process from now on.
 * node:test would also blame the test that was running; this catches what fires between tests,
 * after a test or while several run at once, and says so in one place.
 */
export function watchProcess(): { failures: StrayFailure[]; assertNone(): void; dispose(): void } {
  const failures: StrayFailure[] = [];
  const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
  const onRejection = (reason: unknown): void => {
    failures.push({ kind: 'unhandledRejection', error: describe(reason) });
  };
  const onException = (error: unknown): void => {
    failures.push({ kind: 'uncaughtException', error: describe(error) });
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    failures,
    assertNone() {
      assert.deepEqual(failures, [], 'no unhandled promise rejection or uncaught exception');
    },
    dispose() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** Waits for stray rejections of abandoned work (late answers, closed sockets) to surface. */
export async function settle(): Promise<void> {
  await sleep(300);
  await new Promise((r) => setImmediate(r));
}
