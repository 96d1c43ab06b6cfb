// Issue 12, item 9: a Resource Manager Retry-After longer than 60 s is not waited for blindly.
// The category fails at once, saying how long Azure asked to wait (the explorer shows it as an
// error node with Retry; the CLI exits 2 with the same words).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectTo, newLoader, realSource, settle, startFaultySimulator, watchProcess, withinDeadline } from './harness';

const guard = watchProcess();
after(async () => {
  await settle();
  guard.dispose();
  guard.assertNone();
});

describe('fault suite: throttling beyond the bound', () => {
  it('a 429 asking for 120 s fails the category with "throttled by Azure Resource Manager, retry after 120 s"', async () => {
    const sim = await startFaultySimulator({ retryAfterMs: 120_000 });
    const loader = newLoader(realSource(await connectTo(sim)));
    try {
      await withinDeadline(loader.refresh(), 30_000, 'first load');
      const sub = sim.subscriptionIds[0];
      assert.equal(loader.categoryState(sub, 'images').kind, 'loaded');
      sim.setFaults('429:1');
      const started = Date.now();
      await withinDeadline(loader.refresh({ subscriptionId: sub, categories: ['images'] }), 20_000, 'throttled refresh');
      assert.ok(Date.now() - started < 15_000, 'not waited for');
      const state = loader.categoryState(sub, 'images');
      assert.equal(state.kind, 'failed');
      assert.deepEqual(state.kind === 'failed' ? [state.code, state.message] : [], ['Throttled', 'throttled by Azure Resource Manager, retry after 120 s']);
      // What Retry does: once Azure stops throttling, the same refresh loads.
      sim.setFaults('');
      await withinDeadline(loader.refresh({ subscriptionId: sub, categories: ['images'] }), 20_000, 'retry');
      assert.equal(loader.categoryState(sub, 'images').kind, 'loaded');
    } finally {
      loader.dispose();
      await sim.stop();
    }
  });

  it('a Retry-After within the bound is still honoured', async () => {
    const sim = await startFaultySimulator({ retryAfterMs: 1000, seed: 5 });
    const loader = newLoader(realSource(await connectTo(sim)));
    try {
      await withinDeadline(loader.refresh(), 30_000, 'first load');
      const sub = sim.subscriptionIds[0];
      sim.setFaults('429:0.5');
      await withinDeadline(loader.refresh({ subscriptionId: sub, categories: ['images'] }), 30_000, 'throttled refresh');
      assert.equal(loader.categoryState(sub, 'images').kind, 'loaded');
      assert.ok(sim.requestLog().some((e) => e.fault === '429'), 'throttling happened');
    } finally {
      loader.dispose();
      await sim.stop();
    }
  });
});
