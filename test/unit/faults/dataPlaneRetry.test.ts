// Fault suite, the Batch data plane's own retry policy (src/azure/dataPlaneRetry.ts) against the
// simulator: runs of consecutive resets (ms-rest-js's policy repeated a reset only once), 503s and
// 500s, on a listing and on the pool add. The fault draws are seeded, so each case picks the seed
// whose draws start with exactly the faults it wants and then none: the simulator's counters must
// show every retry, and the call must succeed.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPoolDataPlane, listBatchAccounts, listPools, listSupportedImages, type AzureClients, type ClientTuning } from '../../../src/azure';
import type { BatchAccount, SupportedImage } from '../../../src/model';
import { seededRandom } from '../../simulator/faults';
import type { SimulatorHandle } from '../../simulator/index';
import { connectTo, settle, startFaultySimulator, TEST_TUNING, watchProcess, withinDeadline } from './harness';

const guard = watchProcess();
/** Test-sized waits; the default client (1 s, 2 s, 4 s…) is covered by the first case. */
const FAST: ClientTuning = { ...TEST_TUNING, dataPlaneRetry: { maxRetries: 5, baseDelayMs: 5, maxDelayMs: 20 } };
const CASES = 5;
console.log(`fault suite (data-plane retries): ${CASES} cases`);

after(async () => {
  await settle();
  guard.dispose();
  guard.assertNone();
});

/**
 * The first seed whose draws for a single-kind spec at `probability` start with `faults` faults
 * followed by `clean` draws without one (the simulator draws once per eligible request, in order).
 */
function seedFor(probability: number, faults: number, clean: number): number {
  for (let seed = 1; seed < 100_000; seed++) {
    const draw = seededRandom(seed);
    const draws = Array.from({ length: faults + clean }, () => draw());
    if (draws.slice(0, faults).every((d) => d < probability) && draws.slice(faults).every((d) => d >= probability)) return seed;
  }
  throw new Error(`no seed gives ${faults} faults then ${clean} clean draws at ${probability}`);
}

/** The clean listing, and how many pages (requests) it takes. */
async function cleanListing(sim: SimulatorHandle, clients: AzureClients, account: BatchAccount): Promise<{ images: SupportedImage[]; pages: number }> {
  sim.clearRequestLog();
  const images = await listSupportedImages(clients, account);
  return { images, pages: sim.counters()['batch.supportedImages.list']?.requests ?? 0 };
}

async function entraAccount(sim: SimulatorHandle, clients: AzureClients): Promise<BatchAccount> {
  const accounts = await listBatchAccounts(clients, sim.subscriptionIds[0]);
  const account = accounts.find((a) => a.allowedAuthenticationModes.includes('AAD'));
  assert.ok(account, 'the demo scenario has a Batch account with Entra ID authentication');
  return account;
}

/**
 * Starts a simulator with the seed for `faults` leading faults of `spec`'s kind, connects, lets
 * `prepare` run fault-free, then turns the faults on (restarting the seeded draws) and clears
 * the counters before `act`.
 */
async function withLeadingFaults<T>(
  kind: '500' | '503' | 'reset',
  faults: number,
  tuning: ClientTuning,
  prepare: (sim: SimulatorHandle, clients: AzureClients, account: BatchAccount) => Promise<T>,
  act: (sim: SimulatorHandle, clients: AzureClients, account: BatchAccount, prepared: T) => Promise<void>,
): Promise<void> {
  const probability = 0.5;
  const sim = await startFaultySimulator({ seed: seedFor(probability, faults, 8) });
  try {
    const clients = await connectTo(sim, tuning);
    const account = await entraAccount(sim, clients);
    const prepared = await prepare(sim, clients, account);
    sim.setFaults(`${kind}:${probability}`);
    sim.clearRequestLog();
    await act(sim, clients, account, prepared);
  } finally {
    sim.setFaults('');
    await sim.stop();
  }
}

describe('fault suite: the data plane retries transient failures with its own policy', () => {
  it('default client: a listing survives two connection resets in a row', { timeout: 60_000 }, async () => {
    await withLeadingFaults(
      'reset',
      2,
      {},
      cleanListing,
      async (sim, clients, account, clean) => {
        assert.deepEqual(await withinDeadline(listSupportedImages(clients, account), 30_000, 'supported images'), clean.images);
        assert.deepEqual(sim.counters()['batch.supportedImages.list'], { requests: 2 + clean.pages, byStatus: { '0': 2, '200': clean.pages }, faults: { reset: 2 } });
      },
    );
  });

  it('a listing survives four connection resets in a row', { timeout: 30_000 }, async () => {
    await withLeadingFaults(
      'reset',
      4,
      FAST,
      cleanListing,
      async (sim, clients, account, clean) => {
        assert.deepEqual(await withinDeadline(listSupportedImages(clients, account), 20_000, 'supported images'), clean.images);
        assert.deepEqual(sim.counters()['batch.supportedImages.list'], { requests: 4 + clean.pages, byStatus: { '0': 4, '200': clean.pages }, faults: { reset: 4 } });
      },
    );
  });

  for (const kind of ['503', '500'] as const) {
    it(`a listing survives three ${kind} answers in a row`, { timeout: 30_000 }, async () => {
      await withLeadingFaults(
        kind,
        3,
        FAST,
        cleanListing,
        async (sim, clients, account, clean) => {
          assert.deepEqual(await withinDeadline(listSupportedImages(clients, account), 20_000, 'supported images'), clean.images);
          assert.deepEqual(sim.counters()['batch.supportedImages.list'], { requests: 3 + clean.pages, byStatus: { [kind]: 3, '200': clean.pages }, faults: { [kind]: 3 } });
        },
      );
    });
  }

  it('the pool add survives two connection resets and creates exactly one pool', { timeout: 30_000 }, async () => {
    await withLeadingFaults(
      'reset',
      2,
      FAST,
      async (_sim, clients, account) => (await listPools(clients, account.id)).length,
      async (sim, clients, account, poolsBefore) => {
        const created = await withinDeadline(
          createPoolDataPlane(clients, account, {
            id: 'pool-after-resets',
            vmSize: 'Standard_D2s_v3',
            virtualMachineConfiguration: { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts', version: 'latest' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
            targetDedicatedNodes: 0,
          }),
          20_000,
          'pool creation',
        );
        assert.equal(created.name, 'pool-after-resets');
        assert.deepEqual(sim.counters()['batch.pools.add'], { requests: 3, byStatus: { '0': 2, '201': 1 }, faults: { reset: 2 } });
        sim.setFaults('');
        assert.equal((await listPools(clients, account.id)).length, poolsBefore + 1, 'exactly one pool was created');
      },
    );
  });
});
