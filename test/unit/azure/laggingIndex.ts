// Shared setup for the suites that check reads and writes against Resource Manager while Resource
// Graph's index lags: the demo scenario with a 60 s index lag and instant LROs, a connection to
// it, an inventory loaded from it without errors, and plain ARM requests for changes made outside
// the extension.
import assert from 'node:assert/strict';
import type { AzureClients } from '../../../src/azure';
import { ConnectionInventorySource, InventoryLoader } from '../../../src/inventory';
import type { SimulatorHandle } from '../../simulator/index';
import { ARM_SCOPE, call, credentialFor } from '../simulator/helpers';
import { connect, startTrustedSimulator } from './simulatorSetup';

export interface LaggingIndex {
  sim: SimulatorHandle;
  clients: AzureClients;
  loader: InventoryLoader;
  /** A plain ARM request, as a change made outside the extension. */
  arm: (method: string, path: string, apiVersion: string, body?: unknown) => ReturnType<typeof call>;
}

export async function startLaggingIndex(): Promise<LaggingIndex> {
  const sim = await startTrustedSimulator({ scenario: 'demo', argLagMs: 60_000, lroMs: 0, allocationMs: 0 });
  const clients = await connect(sim);
  const token = (await credentialFor(sim).getToken(ARM_SCOPE)).token;
  const loader = new InventoryLoader(new ConnectionInventorySource(clients, { setting: 'auto' }), { concurrency: 4 });
  await loader.refresh();
  assert.deepEqual(loader.snapshot.errors, []);
  const arm = (method: string, path: string, apiVersion: string, body?: unknown) => call(sim, method, `${path}?api-version=${apiVersion}`, token, body);
  return { sim, clients, loader, arm };
}

export async function stopLaggingIndex(lagging: LaggingIndex): Promise<void> {
  lagging.loader.dispose();
  await lagging.sim.stop();
}
