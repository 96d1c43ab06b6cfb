// Pools are listed raw through the Batch management client's pipeline and mapped from the JSON;
// the result must be exactly what mapping the SDK's deserialised models gives, for every pool
// of the demo scenario (autoscale, fixed scale with a resize timeout, resize errors, Trusted
// Launch, inbound NAT pools, gallery and managed images) and across pages.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureClients, listBatchAccounts, listPools } from '../../../src/azure';
import { mapPool } from '../../../src/azure/mappers/batch';
import { accountParts } from '../../../src/azure/batchRead';
import type { LivePool } from '../../../src/model';
import { DEMO_SUBSCRIPTIONS, type SimulatorHandle } from '../../simulator/index';
import { FAST_TUNING, simulatorConnection, startTrustedSimulator } from './simulatorSetup';

describe('pool lists: raw JSON mapped as the SDK models are', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;

  before(async () => {
    // Pages of 2, so that most accounts' lists follow a nextLink.
    sim = await startTrustedSimulator({ scenario: 'demo', pageSize: 2 });
    clients = new AzureClients(await simulatorConnection(sim), FAST_TUNING);
  });
  after(() => sim.stop());

  async function throughSdk(accountId: string): Promise<LivePool[]> {
    const { subscriptionId, resourceGroup, accountName } = accountParts(accountId);
    const client = await clients.batchManagement(subscriptionId);
    const out: LivePool[] = [];
    for await (const p of client.poolOperations.listByBatchAccount(resourceGroup, accountName)) {
      const mapped = mapPool(p, accountId);
      if (mapped) out.push(mapped);
    }
    return out;
  }

  it('gives the same pools, field for field, for every account of the demo', async () => {
    let pools = 0;
    let paged = 0;
    for (const sub of Object.values(DEMO_SUBSCRIPTIONS)) {
      for (const account of await listBatchAccounts(clients, sub)) {
        const raw = await listPools(clients, account.id);
        assert.deepStrictEqual(raw, await throughSdk(account.id), account.name);
        pools += raw.length;
        if (raw.length > 2) paged++;
      }
    }
    assert.ok(pools >= 5, `the demo has pools to compare (${pools})`);
    assert.ok(paged >= 1, 'at least one list took more than one page');
  });

  it('reports a missing account as Azure does', async () => {
    const id = `/subscriptions/${DEMO_SUBSCRIPTIONS.production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/nosuchaccount`;
    await assert.rejects(listPools(clients, id), (e: Error & { code?: string }) => /NotFound/i.test(e.code ?? ''));
  });
});
