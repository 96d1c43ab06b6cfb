// Inventory load of the simulator's `large` scenario through the real InventoryLoader, the real
// Azure SDKs and a service-principal connection, with latency on every request.
import { performance } from 'node:perf_hooks';
import { AzureClients } from '../../src/azure';
import { ConnectionInventorySource, InventoryLoader, SUBSCRIPTION_CATEGORIES, type InventorySourceSetting } from '../../src/inventory';
import type { Inventory } from '../../src/model';
import type { RouteCounter } from '../simulator/index';
import { startRemoteSimulator, type BenchSimulator } from './remoteSimulator';
import { LARGE_SHAPE, lowerBoundFor, type GraphServed, type LowerBound, type ScenarioShape } from './lowerBound';
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
  /** 429 answers the load met (and handled): Resource Graph's quota and Resource Manager's read throttling. */
  throttled: number;
  /** The categories Resource Graph served (in at least one subscription). */
  graphServed: GraphServed;
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

/** Both services throttle as Azure does: Resource Graph 15 queries per 5 s, Resource Manager 250 reads per subscription refilled at 25/s. */
export function startScenarioSimulator(scenario: 'large' | 'enterprise'): Promise<BenchSimulator> {
  return startRemoteSimulator(['--scenario', scenario, '--latency-ms', String(LATENCY_MS), '--page-size', String(PAGE_SIZE), '--arg-quota', '15/5s', '--arm-throttle', '250/25']);
}

export function startLargeSimulator(): Promise<BenchSimulator> {
  return startScenarioSimulator('large');
}

async function connect(sim: BenchSimulator): Promise<AzureClients> {
  // Default tuning: the retry and polling settings the extension ships with.
  return new AzureClients(await simulatorConnection(sim));
}

function perRoute(counters: Record<string, RouteCounter>): Record<string, number> {
  return Object.fromEntries(Object.entries(counters).sort(([a], [b]) => a.localeCompare(b)).map(([route, c]) => [route, c.requests]));
}

/** One cold load: a fresh connection (token included), a fresh loader, counters cleared before. */
async function loadOnce(sim: BenchSimulator, concurrency: number, setting: InventorySourceSetting): Promise<{ run: InventoryRun; inventory: Inventory }> {
  await sim.clearRequestLog();
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const clients = await connect(sim);
  const source = new ConnectionInventorySource(clients, { setting });
  const loader = new InventoryLoader(source, { concurrency });
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
  // Token requests that precede the first ARM request are on every chain (discovery, token).
  const log = (await sim.requestLog()).sort((a, b) => a.time.localeCompare(b.time));
  const firstArm = log.findIndex((e) => !e.route.startsWith('aad.'));
  const graphServed: GraphServed = {};
  for (const s of inventory.snapshot.subscriptions) {
    for (const [category, p] of source.describe(s.subscriptionId)) {
      if (p.servedBy === 'resourceGraph') graphServed[category as keyof GraphServed] = true;
    }
  }
  const counters = await sim.counters();
  const throttled = Object.values(counters).reduce((n, c) => n + (c.byStatus['429'] ?? 0), 0);
  const armRequestsPerSubscription: Record<string, number> = {};
  for (const e of log) {
    const sub = /^\/subscriptions\/([^/?]+)\//i.exec(e.path)?.[1]?.toLowerCase();
    if (sub && e.route.startsWith('arm.')) armRequestsPerSubscription[sub] = (armRequestsPerSubscription[sub] ?? 0) + 1;
  }
  // Not part of the load (nor of its figures above): the supported images of the first account,
  // as opening a document that targets it reads them, for the re-check bench's SKU rules.
  // (The same account whichever source listed the accounts, so both paths' inventories compare equal.)
  const first = [...inventory.snapshot.batchAccounts]
    .sort((a, b) => a.id.toLowerCase().localeCompare(b.id.toLowerCase()))
    .find((a) => a.allowedAuthenticationModes.some((m) => m.toUpperCase() === 'AAD'));
  const withSkus = first && (await loader.loadSupportedImages([first.id])) ? loader.current : inventory;
  loader.dispose();
  return {
    run: {
      ms,
      firstLevelMs,
      requests: perRoute(counters),
      errors: inventory.snapshot.errors.length + loader.issues.length,
      tokenPrefix: Math.max(0, firstArm),
      cpuMs: (cpu.user + cpu.system) / 1000,
      armRequestsPerSubscription,
      throttled,
      graphServed,
    },
    inventory: withSkus,
  };
}

export interface BenchOptions {
  setting?: InventorySourceSetting;
  shape?: ScenarioShape;
  warmUp?: boolean;
}

export async function benchInventory(sim: BenchSimulator, runs: number, concurrency: number, options: BenchOptions = {}): Promise<InventoryBench> {
  const setting = options.setting ?? 'auto';
  if (options.warmUp ?? true) await loadOnce(sim, concurrency, setting); // loads the SDK modules, warms the JIT; not counted
  const results: InventoryRun[] = [];
  let inventory: Inventory | undefined;
  for (let i = 0; i < runs; i++) {
    // Each load starts with full throttling budgets, as a user's first load of the day would.
    await waitForQuota();
    const r = await loadOnce(sim, concurrency, setting);
    results.push(r.run);
    inventory = r.inventory;
  }
  if (!inventory) throw new Error('no run');
  const mid = [...results].sort((a, b) => a.ms - b.ms)[Math.floor(results.length / 2)];
  const totalRequests = Object.values(mid.requests).reduce((a, b) => a + b, 0);
  const busiest = Math.max(...Object.values(mid.armRequestsPerSubscription));
  const lowerBound = lowerBoundFor(options.shape ?? LARGE_SHAPE, mid.graphServed, PAGE_SIZE, LATENCY_MS, mid.tokenPrefix);
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

/** Resource Graph's window (5 s) and Resource Manager's bucket (250 at 25/s: 10 s) refill between loads. */
function waitForQuota(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10_000));
}
