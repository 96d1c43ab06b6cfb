// In-process API of the Azure simulator. Tests call startSimulator(), then trustCa(handle.caPem)
// so that unmodified Azure SDK clients in the same process accept its certificate.
import * as tls from 'node:tls';
import type { ResolvedOptions } from './context';
import type { JsonObject } from './json';
import type { LogEntry, RouteCounter } from './requestLog';
import { DEFAULT_OPTIONS, SimulatorServer } from './server';

export type SimulatorOptions = Partial<ResolvedOptions>;
export type { LogEntry, RouteCounter };
export type { Scenario } from './scenarios/format';
export { DEMO_IDENTITY, DEMO_SUBSCRIPTIONS } from './scenarios/identity';
export { ALLOCATION_FAILED_MESSAGE, MANAGED_IMAGE_RETIRED_MESSAGE } from './pools';
export { BATCH_AUDIENCE } from './auth';

export interface SimulatorHandle {
  /** https://127.0.0.1:PORT, no trailing slash. Use as authorityHost, ARM endpoint and base of batch URLs. */
  url: string;
  caCertPath: string;
  caPem: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  subscriptionIds: string[];
  /** The account's data-plane URL, "https://" + its accountEndpoint (https://127.0.0.1:ACCOUNT_PORT). */
  batchUrl(accountName: string): string;
  /** Reloads the current scenario and clears the log and counters. */
  reset(): Promise<void>;
  loadScenario(nameOrPath: string): Promise<void>;
  stop(): Promise<void>;
  counters(): Record<string, RouteCounter>;
  requestLog(): LogEntry[];
  clearRequestLog(): void;
  setFaults(spec: string): void;
  /** The next creation of that kind ends Failed: "imageCreate", "galleryImageCreate", "galleryImageVersionCreate". */
  failNext(operation: string, code?: string, message?: string): void;
  /** Every access token handed out so far (tests scan logs and files for leaks). */
  issuedTokens(): string[];
  /** Number of stored resources per kind. */
  resourceCounts(): Record<string, number>;
  /** The stored ARM view of a resource (undefined when absent). */
  getResource(id: string): JsonObject | undefined;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const server = new SimulatorServer({ ...DEFAULT_OPTIONS, ...options });
  await server.start();
  const sim = server.sim;
  const handle: SimulatorHandle = {
    url: sim.url,
    caCertPath: server.caCertPath,
    caPem: server.caPem,
    get tenantId() {
      return sim.identity.tenantId;
    },
    get clientId() {
      return sim.identity.clientId;
    },
    get clientSecret() {
      return sim.identity.clientSecret;
    },
    get subscriptionIds() {
      return [...sim.store.subscriptions.values()].map((s) => s.subscriptionId);
    },
    batchUrl: (name) => `https://${sim.batchEndpoints.get(name.toLowerCase()) ?? `${sim.host}/batch/${name}`}`,
    reset: () => server.reset(),
    loadScenario: (n) => server.loadScenario(n),
    stop: () => server.stop(),
    counters: () => server.routeCounters(),
    requestLog: () => server.logEntries(),
    clearRequestLog: () => server.clearLog(),
    setFaults: (spec) => server.setFaults(spec),
    failNext: (operation, code = 'InternalOperationError', message = 'The operation failed (simulated failure).') => {
      const queue = sim.failNext.get(operation) ?? [];
      queue.push({ code, message });
      sim.failNext.set(operation, queue);
    },
    issuedTokens: () => [...sim.issuedTokens],
    resourceCounts: () => sim.store.counts(),
    getResource: (id) => {
      const r = sim.store.get(id);
      return r ? (JSON.parse(JSON.stringify(r.body)) as JsonObject) : undefined;
    },
  };
  return handle;
}

const trusted = new Set<string>();

/**
 * Adds the simulator's CA to this process's default CA list (tls.setDefaultCACertificates), which
 * node:https - and so every Azure SDK client - uses for connections made afterwards.
 * Out-of-process clients use NODE_EXTRA_CA_CERTS=caCertPath instead.
 */
export function trustCa(caPem: string): void {
  if (trusted.has(caPem)) return;
  trusted.add(caPem);
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted]);
}
