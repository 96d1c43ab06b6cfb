// Fault suite, Batch data plane (@azure/batch over ms-rest-js, with our retry policy): supported
// images and pool creation through src/azure under 429/500/503/resets, for the extension's default
// client and the test-tuned one. Regression: ms-rest-js's own policies never retried a 429 (their
// throttling policy sat outside the deserialization policy that had already rejected the response).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureError, createPoolDataPlane, listBatchAccounts, listPools, listSupportedImages, type AzureClients, type ClientTuning } from '../../../src/azure';
import type { BatchAccount, SupportedImage } from '../../../src/model';
import type { SimulatorHandle } from '../../simulator/index';
import { connectTo, faulted, MIXED_FAULTS, settle, startFaultySimulator, TEST_TUNING, watchProcess, withinDeadline } from './harness';

const SEEDS = [4, 8, 15];
const guard = watchProcess();
console.log(`fault suite (data plane): 1 scenario × ${SEEDS.length} seeds, plus the 429 retry on 2 client set-ups`);

after(async () => {
  await settle();
  guard.dispose();
  guard.assertNone();
});

async function entraAccounts(sim: SimulatorHandle, clients: AzureClients): Promise<BatchAccount[]> {
  const accounts = await listBatchAccounts(clients, sim.subscriptionIds[0]);
  return accounts.filter((a) => a.allowedAuthenticationModes.includes('AAD'));
}

const SETUPS: Array<{ name: string; tuning: ClientTuning | undefined }> = [
  { name: 'default client (as the extension builds it)', tuning: undefined },
  { name: 'tuned client (test-sized retry intervals, two retries)', tuning: { ...TEST_TUNING, dataPlaneRetry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 40 } } },
];

describe('fault suite: a throttled data-plane call is retried after its Retry-After', () => {
  for (const setup of SETUPS) {
    it(setup.name, { timeout: 30_000 }, async () => {
      const sim = await startFaultySimulator({ seed: 2 });
      try {
        const clients = setup.tuning ? await connectTo(sim, setup.tuning) : await connectTo(sim, {});
        const [account] = await entraAccounts(sim, clients);
        assert.ok(account);
        sim.setFaults('429:1');
        sim.clearRequestLog();
        const error = await withinDeadline(listSupportedImages(clients, account).then(() => undefined, (e: unknown) => e), 20_000, 'a throttled listing');
        assert.ok(error instanceof AzureError, String(error));
        assert.equal(error.code, 'TooManyRequests');
        assert.equal(error.status, 429);
        const attempts = sim.requestLog().filter((e) => e.route === 'batch.supportedImages.list');
        const retries = setup.tuning?.dataPlaneRetry?.maxRetries ?? 3;
        assert.equal(attempts.length, 1 + retries, `the first attempt and ${retries} retries`);
        for (let i = 1; i < attempts.length; i++) {
          const answered = Date.parse(attempts[i - 1].time) + attempts[i - 1].durationMs;
          assert.ok(Date.parse(attempts[i].time) - answered >= 900, `retry ${i} waited for Retry-After`);
        }
      } finally {
        sim.setFaults('');
        await sim.stop();
      }
    });
  }
});

describe('fault suite: the data plane converges under faults', { concurrency: true }, () => {
  {
    // The extension's default client waits 1 s, 2 s, 4 s… between retries, so convergence runs on
    // the tuned client: same policy, shorter waits.
    for (const seed of SEEDS) {
      it(`seed ${seed}: supported images (three rounds) and a pool creation`, { timeout: 60_000 }, async () => {
        const sim = await startFaultySimulator({ seed });
        try {
          const clients = await connectTo(sim, TEST_TUNING);
          const accounts = await entraAccounts(sim, clients);
          assert.ok(accounts.length >= 2);
          const clean = new Map<string, SupportedImage[]>();
          for (const a of accounts) clean.set(a.id, await listSupportedImages(clients, a));
          const poolsBefore = (await listPools(clients, accounts[0].id)).length;

          sim.setFaults(MIXED_FAULTS);
          sim.clearRequestLog();
          for (let round = 0; round < 3; round++) {
            for (const a of accounts) assert.deepEqual(await withinDeadline(listSupportedImages(clients, a), 30_000, 'supported images'), clean.get(a.id), a.name);
          }
          const created = await withinDeadline(
            createPoolDataPlane(clients, accounts[0], {
              id: `pool-faults-${seed}`,
              vmSize: 'Standard_D2s_v3',
              virtualMachineConfiguration: { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts', version: 'latest' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
              targetDedicatedNodes: 0,
            }),
            30_000,
            'pool creation',
          );
          assert.equal(created.name, `pool-faults-${seed}`);
          assert.ok(faulted(sim).some((e) => e.route.startsWith('batch.')), 'the data plane was faulted');
          sim.setFaults('');
          const pools = await listPools(clients, accounts[0].id);
          assert.equal(pools.length, poolsBefore + 1, 'exactly one pool was created');
        } finally {
          sim.setFaults('');
          await sim.stop();
        }
      });
    }
  }
});
