// Fault injection: seeded, per-kind counters, and the SDKs' retry policies still converge.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { BatchManagementClient } from '@azure/arm-batch';
import { BatchServiceClient } from '@azure/batch';
import { AzureIdentityCredentialAdapter, exponentialRetryPolicy, systemErrorRetryPolicy } from '@azure/ms-rest-js';
import { FaultInjector, parseFaultSpec } from '../../simulator/faults';
import type { SimulatorHandle } from '../../simulator/index';
import { ARM_SCOPE, BATCH_SCOPE, collect, credentialFor, startTrusted } from './helpers';

describe('fault injection', () => {
  it('parses specs and rejects bad ones', () => {
    assert.deepEqual(parseFaultSpec('429:0.1,reset:0.02'), [{ kind: '429', probability: 0.1 }, { kind: 'reset', probability: 0.02 }]);
    assert.throws(() => parseFaultSpec('418:0.1'), /invalid fault/);
    assert.throws(() => parseFaultSpec('429:0.7,500:0.6'), /add up/);
  });

  it('is deterministic for a seed', () => {
    const draws = (seed: number): Array<string | undefined> => {
      const f = new FaultInjector('429:0.2,500:0.1,503:0.1,reset:0.05,slow:0.05', seed);
      return Array.from({ length: 200 }, () => f.draw());
    };
    assert.deepEqual(draws(42), draws(42));
    assert.notDeepEqual(draws(42), draws(43));
    const kinds = new Set(draws(42));
    for (const k of ['429', '500', '503', 'reset', 'slow', undefined]) assert.ok(kinds.has(k), `kind ${String(k)} drawn`);
  });

  describe('with the real SDKs', () => {
    let sim: SimulatorHandle;
    before(async () => {
      sim = await startTrusted({ scenario: 'demo', pageSize: 2, seed: 7, retryAfterMs: 5, slowMs: 5 });
    });
    after(async () => {
      await sim.stop();
    });

    it('ARM listings converge and the counters show the retries', async () => {
      const credential = credentialFor(sim);
      const retryOptions = { maxRetries: 20, retryDelayInMs: 2, maxRetryDelayInMs: 10 };
      const [sub] = sim.subscriptionIds.filter((s) => s.startsWith('1111'));
      const compute = new ComputeManagementClient(credential, sub, { endpoint: sim.url, credentials: { scopes: [ARM_SCOPE] }, retryOptions });
      const batch = new BatchManagementClient(credential, sub, { endpoint: sim.url, credentialScopes: [ARM_SCOPE], retryOptions });
      // Baseline without faults, then the same listings with faults on (same seed, fresh sequence).
      const spec = '429:0.12,500:0.08,503:0.08,reset:0.05,slow:0.05';
      sim.setFaults('');
      const expectedImages = (await collect(compute.images.list())).length;
      assert.ok(expectedImages > 2, 'more than one page of images');
      sim.setFaults(spec);
      sim.clearRequestLog();
      const seen = new Set<string>();
      // Bounded: repeat the listings until every fault kind has hit at least once (or give up).
      for (let round = 0; round < 15; round++) {
        const images = await collect(compute.images.list());
        assert.equal(images.length, expectedImages, 'all images of the production subscription, across pages, despite faults');
        const pools = await collect(batch.poolOperations.listByBatchAccount('rg-batch', 'batchprodeast'));
        assert.ok(pools.length >= 20);
        for (const c of Object.values(sim.counters())) for (const k of Object.keys(c.faults)) seen.add(k);
        if (['429', '500', '503', 'reset', 'slow'].every((k) => seen.has(k))) break;
      }
      assert.deepEqual([...seen].sort(), ['429', '500', '503', 'reset', 'slow']);
      const counters = sim.counters();
      const faulted = Object.entries(counters).filter(([, c]) => Object.keys(c.faults).length > 0).map(([route]) => route);
      assert.ok(faulted.every((r) => !r.startsWith('aad.')), 'token endpoints are exempt by default');
      const statuses = Object.values(counters).flatMap((c) => Object.keys(c.byStatus));
      for (const s of ['429', '500', '503', '0']) assert.ok(statuses.includes(s), `a ${s} was answered (0 = reset)`);
      const throttled = sim.requestLog().find((e) => e.status === 429);
      assert.ok(throttled?.fault === '429');
    });

    it('the Batch data-plane SDK (ms-rest-js) converges through 500/503/reset with its retry policies', async () => {
      // ms-rest-js waits seconds between retries by default; same policies, test-sized intervals.
      const client = new BatchServiceClient(new AzureIdentityCredentialAdapter(credentialFor(sim), BATCH_SCOPE), sim.batchUrl('batchprodeast'), {
        noRetryPolicy: true,
        requestPolicyFactories: (defaults) => [exponentialRetryPolicy(20, 5, 2, 20), systemErrorRetryPolicy(20, 5, 2, 20), ...defaults],
      });
      const expected = (await client.account.listSupportedImages()).length;
      sim.setFaults('500:0.15,503:0.15,reset:0.1');
      sim.clearRequestLog();
      const seen = new Set<string>();
      for (let round = 0; round < 30 && seen.size < 3; round++) {
        assert.equal((await client.account.listSupportedImages()).length, expected);
        assert.equal((await client.pool.get('pool-healthy-gallery')).id, 'pool-healthy-gallery');
        for (const [route, c] of Object.entries(sim.counters())) if (route.startsWith('batch.')) for (const k of Object.keys(c.faults)) seen.add(k);
      }
      sim.setFaults('');
      assert.deepEqual([...seen].sort(), ['500', '503', 'reset']);
    });

    it('applies --latency-ms to Azure requests', async () => {
      sim.setFaults('');
      const quiet = await startTrusted({ scenario: 'empty', latencyMs: 25 });
      try {
        const credential = credentialFor(quiet);
        const compute = new ComputeManagementClient(credential, quiet.subscriptionIds[0], { endpoint: quiet.url, credentials: { scopes: [ARM_SCOPE] } });
        await collect(compute.images.list());
        const entry = quiet.requestLog().find((e) => e.route === 'arm.images.listBySubscription');
        assert.ok(entry && entry.durationMs >= 24, 'the request waited for the configured latency');
      } finally {
        await quiet.stop();
      }
    });
  });
});
