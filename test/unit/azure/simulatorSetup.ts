// Shared setup for access-layer and inventory tests: an in-process simulator whose CA this
// process trusts, and a service-principal connection to it built exactly as the CLI would.
import { startSimulator, trustCa, type LogEntry, type SimulatorHandle, type SimulatorOptions } from '../../simulator/index';
import { AzureClients, connectionOptionsFromEnv, createServicePrincipalConnection, type AzureConnection, type ClientTuning } from '../../../src/azure';

/** Fast LROs and retries so tests do not wait on simulated clocks. */
export const FAST: SimulatorOptions = { port: 0, lroMs: 30, allocationMs: 30, retryAfterMs: 5, slowMs: 50 };
export const FAST_TUNING: ClientTuning = {
  retry: { retryDelayInMs: 5, maxRetryDelayInMs: 50, maxRetries: 6 },
  lroPollIntervalMs: 10,
  dataPlaneRetry: { maxRetries: 6, baseDelayMs: 10, maxDelayMs: 50 },
};

export async function startTrustedSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = await startSimulator({ ...FAST, ...options });
  trustCa(sim.caPem);
  return sim;
}

/** What a client needs of a simulator, in process or remote (the bench's). */
export type SimulatorIdentity = Pick<SimulatorHandle, 'tenantId' | 'clientId' | 'clientSecret' | 'url'>;

/** The environment the CLI would see when pointed at the simulator. */
export function simulatorEnv(sim: SimulatorIdentity): Record<string, string> {
  return {
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: sim.clientId,
    AZURE_CLIENT_SECRET: sim.clientSecret,
    AZURE_AUTHORITY_HOST: sim.url,
    AZURE_RESOURCE_MANAGER_ENDPOINT: sim.url,
  };
}

/** A service-principal connection to the simulator, built from the environment as the CLI builds it. */
export async function simulatorConnection(sim: SimulatorIdentity): Promise<AzureConnection> {
  const env = connectionOptionsFromEnv(simulatorEnv(sim));
  if (!env.ok) throw new Error(`missing ${env.missing.join(', ')}`);
  return createServicePrincipalConnection(env.options);
}

export async function connect(sim: SimulatorHandle, tuning: ClientTuning = FAST_TUNING): Promise<AzureClients> {
  return new AzureClients(await simulatorConnection(sim), tuning);
}

/** Requests that reached Azure-like routes (token endpoints excluded). */
export function azureRequests(sim: SimulatorHandle): LogEntry[] {
  return sim.requestLog().filter((e) => !e.route.startsWith('aad.'));
}
