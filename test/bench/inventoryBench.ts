// Inventory load of the simulator's `large` scenario through the real InventoryLoader, the real
// Azure SDKs and a service-principal connection, with latency on every request.
import { performance } from 'node:perf_hooks';
import { AzureClients } from '../../src/azure';
import { azureInventorySource, InventoryLoader, SUBSCRIPTION_CATEGORIES } from '../../src/inventory';
import type { Inventory } from '../../src/model';
import type { RouteCounter } from '../simulator/index';
import { startRemoteSimulator, type BenchSimulator } from './remoteSimulator';
import { largeScenarioLowerBound, type LowerBound } from './lowerBound';
import { median } from './stats';
import { simulatorConnection } from '../unit/azure/simulatorSetup';

export interface InventoryRun {
  ms: number;
  firstLevelMs: number;
  requests: Record<string, number>;
  errors: number;
  /** Token-endpoint requests made before the first ARM request. */
  tokenPrefix: number;
  /** CPU time of this process (loader, SDKs, TLS) during the load: near `ms` means CPU-bound. */
  cpuMs: number;
  /** Resource Manager requests about each subscription (the loader's concurrency limit is per subscription). */
  armRequestsPerSubscription: Record<string, number>;
}

export interface InventoryBench {
  concurrency: number;
  runs: InventoryRun[];
  ms: number;
  firstLevelMs: number;
  requests: Record<string, number>;
  totalRequests: number;
  lowerBound: LowerBound;
  /**
   * The bound the concurrency limit sets: the token and subscription list, then the busiest
   * subscription's Resource Manager requests × latency / concurrency (the limit is per subscription).
   */
  throughputBoundMs: number;
  /** Resource Manager requests of the busiest subscription (median run). */
  busiestSubscriptionRequests: number;
  /** The last load's inventory (warm, for the re-check benchmark). */
  inventory: Inventory;
}

export const LATENCY_MS = 40;
export const PAGE_SIZE = 100;

export function startLargeSimulator(): Promise<BenchSimulator> {
  return startRemoteSimulator(['--scenario', 'large', '--latency-ms', String(LATENCY_MS), '--page-size', String(PAGE_SIZE)]);
}

async function connect(sim: BenchSimulator): Promise<AzureClients> {
  // Default tuning: the retry and polling settings the extension ships with.
  return new AzureClients(await simulatorConnection(sim));
}

function perRoute(counters: Record<string, RouteCounter>): Record<string, number> {
  return Object.fromEntries(Object.entries(counters).sort(([a], [b]) => a.localeCompare(b)).map(([route, c]) => [route, c.requests]));
}

/** One cold load: a fresh connection (token included), a fresh loader, counters cleared before. */
async function loadOnce(sim: BenchSimulator, concurrency: number): Promise<{ run: InventoryRun; inventory: Inventory }> {
  await sim.clearRequestLog();
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const clients = await connect(sim);
  const loader = new InventoryLoader(azureInventorySource(clients), { concurrency });
  let firstLevelMs = NaN;
  const reported = new Set<string>();
  let subscriptions: string[] | undefined;
  // First tree level: the subscription list is in and every category of every subscription has
  // reported a state of its own (its node shows loading / loaded / failed rather than nothing).
  const sub = loader.onDidChange((c) => {
    if (c.category === 'subscriptions' && c.subscriptionId === undefined && c.state.kind !== 'loading') subscriptions = loader.snapshot.subscriptions.map((s) => s.subscriptionId);
    if (c.subscriptionId) reported.add(`${c.subscriptionId}|${c.category}`);
    if (Number.isNaN(firstLevelMs) && subscriptions && subscriptions.every((s) => SUBSCRIPTION_CATEGORIES.every((k) => reported.has(`${s}|${k}`) || loader.categoryState(s, k).kind !== 'loading'))) {
      firstLevelMs = performance.now() - started;
    }
  });
  const inventory = await loader.refresh();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  sub.dispose();
  loader.dispose();
  // Token requests that precede the first ARM request are on every chain (discovery, token).
  const log = (await sim.requestLog()).sort((a, b) => a.time.localeCompare(b.time));
  const firstArm = log.findIndex((e) => !e.route.startsWith('aad.'));
  const armRequestsPerSubscription: Record<string, number> = {};
  for (const e of log) {
    const sub = /^\/subscriptions\/([^/?]+)\//i.exec(e.path)?.[1]?.toLowerCase();
    if (sub && e.route.startsWith('arm.')) armRequestsPerSubscription[sub] = (armRequestsPerSubscription[sub] ?? 0) + 1;
  }
  return {
    run: {
      ms,
      firstLevelMs,
      requests: perRoute(await sim.counters()),
      errors: inventory.snapshot.errors.length + loader.issues.length,
      tokenPrefix: Math.max(0, firstArm),
      cpuMs: (cpu.user + cpu.system) / 1000,
      armRequestsPerSubscription,
    },
    inventory,
  };
}

export async function benchInventory(sim: BenchSimulator, runs: number, concurrency: number, warmUp = true): Promise<InventoryBench> {
  if (warmUp) await loadOnce(sim, concurrency); // loads the SDK modules, warms the JIT; not counted
  const results: InventoryRun[] = [];
  let inventory: Inventory | undefined;
  for (let i = 0; i < runs; i++) {
    const r = await loadOnce(sim, concurrency);
    results.push(r.run);
    inventory = r.inventory;
  }
  if (!inventory) throw new Error('no run');
  const mid = [...results].sort((a, b) => a.ms - b.ms)[Math.floor(results.length / 2)];
  const totalRequests = Object.values(mid.requests).reduce((a, b) => a + b, 0);
  const busiest = Math.max(...Object.values(mid.armRequestsPerSubscription));
  const lowerBound = largeScenarioLowerBound(PAGE_SIZE, LATENCY_MS, mid.tokenPrefix);
  return {
    concurrency,
    runs: results,
    ms: median(results.map((r) => r.ms)),
    firstLevelMs: median(results.map((r) => r.firstLevelMs)),
    requests: mid.requests,
    totalRequests,
    lowerBound,
    throughputBoundMs: (mid.tokenPrefix + 1) * LATENCY_MS + (busiest * LATENCY_MS) / concurrency,
    busiestSubscriptionRequests: busiest,
    inventory,
  };
}
