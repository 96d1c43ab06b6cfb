// Fault suite, inventory: the real InventoryLoader over the real SDK clients, against a simulator
// that throttles (429 + Retry-After), fails (500/503), drops connections, answers slowly and hands
// out short-lived tokens. A load either converges to what the simulator holds, or records its
// failures per category so that a retry succeeds; it never hangs and nothing rejects unhandled.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BATCH_AUDIENCE, type SimulatorHandle, type SimulatorOptions } from '../../simulator/index';
import { listSupportedImages, type AzureClients } from '../../../src/azure';
import { SUBSCRIPTION_CATEGORIES, type InventoryLoader, type InventorySource, type LoadIssue } from '../../../src/inventory';
import type { InventoryLoadError } from '../../../src/model';
import {
  connectTo,
  expectedCounts,
  faulted,
  inventoryCounts,
  MIXED_FAULTS,
  newLoader,
  realSource,
  settle,
  sleep,
  startFaultySimulator,
  TEST_TUNING,
  watchProcess,
  withinDeadline,
} from './harness';

interface FaultScenario {
  name: string;
  options: SimulatorOptions;
  /** Fault kinds that must have hit during the load (so the case really exercised them). */
  mustSee: string[];
}

const SCENARIOS: FaultScenario[] = [
  { name: 'every fault kind', options: { faults: MIXED_FAULTS }, mustSee: ['429', '503'] },
  { name: 'heavy throttling with Retry-After', options: { faults: '429:0.3' }, mustSee: ['429'] },
  { name: 'server errors, connection resets and slow answers', options: { faults: '500:0.15,503:0.05,reset:0.08,slow:0.05' }, mustSee: ['500', 'reset'] },
];
const SEEDS = [3, 17, 101];
const LOAD_DEADLINE_MS = 30_000;

const guard = watchProcess();
console.log(`fault suite: ${SCENARIOS.length} scenarios × ${SEEDS.length} seeds (inventory convergence), 6 too-heavy-to-pass cases with retry, a deadline case and a token-expiry case`);

after(async () => {
  await settle();
  guard.dispose();
  guard.assertNone();
});

function decodeClaims(token: string): { aud: string; iat: number; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { aud: string; iat: number; exp: number };
}

// Read through functions: an earlier `assert.deepEqual(x, [])` would narrow the property to never[].
function errorsOf(loader: InventoryLoader): InventoryLoadError[] {
  return loader.snapshot.errors;
}
function issuesOf(loader: InventoryLoader): LoadIssue[] {
  return loader.issues;
}

/** Loads with a hang detector around it: the loader's own deadline must end every load. */
function load(loader: InventoryLoader, scope: Parameters<InventoryLoader['refresh']>[0] = {}): Promise<unknown> {
  return withinDeadline(loader.refresh(scope), LOAD_DEADLINE_MS + 5_000, 'inventory refresh');
}

/** The supported images of every Entra ID account, listed again with faults off: what the load should have found. */
async function supportedImageCounts(loader: InventoryLoader, clients: AzureClients): Promise<Map<string, number | undefined>> {
  const out = new Map<string, number | undefined>();
  for (const account of loader.snapshot.batchAccounts) {
    const allowsEntra = account.allowedAuthenticationModes.includes('AAD');
    out.set(account.name, allowsEntra ? (await listSupportedImages(clients, account)).length : undefined);
  }
  return out;
}

describe('fault suite: the inventory converges under injected faults', { concurrency: true }, () => {
  for (const scenario of SCENARIOS) {
    for (const seed of SEEDS) {
      it(`${scenario.name}, seed ${seed}`, { timeout: 60_000 }, async () => {
        const sim = await startFaultySimulator({ ...scenario.options, seed });
        const loader = newLoader(realSource(await connectTo(sim)), { deadlineMs: LOAD_DEADLINE_MS });
        try {
          const expected = expectedCounts(sim);
          await load(loader);
          // Supported images are read on first need; an export asks for every account's, under the same faults.
          await withinDeadline(loader.loadSupportedImages('all'), LOAD_DEADLINE_MS + 5_000, 'supported images');
          assert.deepEqual(loader.snapshot.errors, [], 'no category failed');
          assert.deepEqual(inventoryCounts(loader.snapshot), expected, 'every list holds what the simulator holds');
          // Nothing gives up any more: the data plane's own retry policy repeats a dropped
          // connection as often as the others do (ms-rest-js's repeated it once, so two resets in a
          // row used to leave a supported-images issue here).
          assert.deepEqual(loader.issues, [], 'no detail failed either');
          const snap = loader.snapshot;
          assert.deepEqual(snap.subscriptions.map((s) => s.subscriptionId).sort(), [...sim.subscriptionIds].sort());
          for (const s of sim.subscriptionIds) for (const c of SUBSCRIPTION_CATEGORIES) assert.deepEqual(loader.categoryState(s, c), { kind: 'loaded' }, `${s} ${c}`);

          const faults = faulted(sim);
          const kinds = new Set(faults.map((f) => f.fault));
          for (const k of scenario.mustSee) assert.ok(kinds.has(k), `a ${k} fault was injected (saw ${[...kinds].join(',') || 'none'})`);
          if (scenario.options.faults) assert.ok(faults.length >= 2, `faults were injected (${faults.length})`);
          assert.ok(!sim.requestLog().some((e) => e.status === 401), 'no request went out with an expired token');
          // A throttled request is retried no sooner than its Retry-After (1 s here).
          const log = sim.requestLog();
          for (const throttled of log.filter((e) => e.fault === '429')) {
            const answeredAt = Date.parse(throttled.time) + throttled.durationMs;
            const retry = log.find((e) => e.path === throttled.path && e.method === throttled.method && Date.parse(e.time) >= Date.parse(throttled.time) && e !== throttled);
            if (retry) assert.ok(Date.parse(retry.time) - answeredAt >= 900, `${throttled.path} retried ${Date.parse(retry.time) - answeredAt} ms after a 429`);
          }

          // Supported images (Batch data plane) arrived complete for every Entra ID account.
          sim.setFaults('');
          const wanted = await supportedImageCounts(loader, await connectTo(sim));
          for (const account of snap.batchAccounts) assert.equal(account.supportedImages?.length, wanted.get(account.name), account.name);
        } finally {
          loader.dispose();
          await sim.stop();
        }
      });
    }
  }
});

describe('fault suite: failures too heavy to get through are recorded per category, and a retry succeeds', { concurrency: true }, () => {
  // Each case has its own simulator (faults are simulator-wide), so the cases run side by side.
  async function setUp(seed: number): Promise<{ sim: SimulatorHandle; clients: AzureClients; sub: string }> {
    const sim = await startFaultySimulator({ seed });
    // Fewer attempts, so that a list failing on every attempt gives up quickly.
    const clients = await connectTo(sim, { ...TEST_TUNING, retry: { maxRetries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 20 }, dataPlaneRetry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 } });
    return { sim, clients, sub: sim.subscriptionIds[0] };
  }

  for (const [spec, code] of [
    ['500:1', 'InternalServerError'],
    ['503:1', 'ServiceUnavailable'],
    ['429:1', 'TooManyRequests'],
    ['reset:1', 'ECONNRESET'],
  ] as const) {
    it(`${spec} while two categories reload: both fail with ${code}, the others stay loaded, Retry loads them`, { timeout: 60_000 }, async () => {
      const { sim, clients, sub } = await setUp(5);
      const loader = newLoader(realSource(clients), { deadlineMs: LOAD_DEADLINE_MS });
      try {
        await load(loader);
        assert.deepEqual(loader.snapshot.errors, []);
        sim.setFaults(spec);
        sim.clearRequestLog();
        await load(loader, { subscriptionId: sub, categories: ['images', 'snapshots'] });
        for (const c of ['images', 'snapshots'] as const) {
          const state = loader.categoryState(sub, c);
          assert.equal(state.kind, 'failed', c);
          assert.equal(state.kind === 'failed' && state.code, code, `${c}: ${JSON.stringify(state)}`);
          assert.ok(state.kind === 'failed' && state.message.length > 0);
        }
        for (const c of SUBSCRIPTION_CATEGORIES.filter((x) => x !== 'images' && x !== 'snapshots')) assert.deepEqual(loader.categoryState(sub, c), { kind: 'loaded' }, c);
        assert.deepEqual(
          errorsOf(loader).map((e) => [e.category, e.subscriptionId, e.code]).sort(),
          [
            ['images', sub, code],
            ['snapshots', sub, code],
          ],
        );
        const attempts = sim.requestLog().filter((e) => e.route === 'arm.images.listBySubscription').length;
        assert.equal(attempts, 3, 'the SDK retried (1 + maxRetries attempts) before the category failed');

        // The tree's Retry on that error node: refresh of its subscription, faults gone.
        sim.setFaults('');
        await load(loader, { subscriptionId: sub });
        assert.deepEqual(loader.snapshot.errors, []);
        assert.deepEqual(inventoryCounts(loader.snapshot), expectedCounts(sim));
      } finally {
        loader.dispose();
        await sim.stop();
      }
    });
  }

  it('500:1 during a full load: the subscription list fails (nothing below it is guessed), and Retry reloads everything', { timeout: 60_000 }, async () => {
    const { sim, clients } = await setUp(6);
    const loader = newLoader(realSource(clients), { deadlineMs: LOAD_DEADLINE_MS });
    try {
      sim.setFaults('500:1');
      await load(loader);
      const state = loader.categoryState(undefined, 'subscriptions');
      assert.equal(state.kind, 'failed');
      assert.equal(state.kind === 'failed' && state.code, 'InternalServerError');
      assert.deepEqual(loader.snapshot.errors.map((e) => [e.category, e.code]), [['subscriptions', 'InternalServerError']]);
      assert.equal(loader.snapshot.images.length, 0);
      assert.equal(loader.isLoading, false);
      sim.setFaults('');
      await load(loader);
      assert.deepEqual(loader.snapshot.errors, []);
      assert.deepEqual(inventoryCounts(loader.snapshot), expectedCounts(sim));
    } finally {
      loader.dispose();
      await sim.stop();
    }
  });

  it('supported images (Batch data plane) failing on every attempt: a load issue per account, cleared by the retry', { timeout: 60_000 }, async () => {
    const { sim, clients, sub } = await setUp(7);
    const real = realSource(clients);
    let breakDataPlane = false;
    // Faults are global in the simulator; turning them on once the account list has arrived makes
    // only the data-plane calls that follow it fail.
    const source: InventorySource = {
      ...real,
      listBatchAccounts: async (s, signal) => {
        const accounts = await real.listBatchAccounts(s, signal);
        if (breakDataPlane) sim.setFaults('500:1');
        return accounts;
      },
    };
    const loader = newLoader(source, { deadlineMs: LOAD_DEADLINE_MS });
    try {
      await load(loader);
      assert.deepEqual(loader.issues, []);
      breakDataPlane = true;
      await load(loader, { subscriptionId: sub, categories: ['batchAccounts'] });
      const entraAccounts = loader.snapshot.batchAccounts.filter((a) => a.subscriptionId === sub && a.allowedAuthenticationModes.includes('AAD'));
      assert.ok(entraAccounts.length >= 2);
      // Read on first need (a document or command targets the accounts).
      await withinDeadline(loader.loadSupportedImages(entraAccounts.map((a) => a.id)), LOAD_DEADLINE_MS, 'supported images');
      assert.deepEqual(
        issuesOf(loader).map((i) => [i.kind, i.resourceId.toLowerCase(), i.code]).sort(),
        entraAccounts.map((a) => ['supportedImages', a.id.toLowerCase(), 'InternalServerError']).sort(),
      );
      assert.deepEqual(loader.categoryState(sub, 'batchAccounts'), { kind: 'loaded' }, 'a detail failure does not fail the category');
      breakDataPlane = false;
      sim.setFaults('');
      // A failed read is kept until the next full refresh, which tries again on the next need.
      await load(loader);
      await withinDeadline(loader.loadSupportedImages(entraAccounts.map((a) => a.id)), LOAD_DEADLINE_MS, 'supported images');
      assert.deepEqual(loader.issues, []);
      assert.ok(entraAccounts.every((a) => (loader.snapshot.batchAccounts.find((b) => b.id === a.id)?.supportedImages?.length ?? 0) > 0));
    } finally {
      loader.dispose();
      await sim.stop();
    }
  });
});

describe('fault suite: deadlines and expiring tokens', { concurrency: true }, () => {
  it('a load stuck behind slow answers and throttling ends at its deadline (DeadlineExceeded), and a retry converges', { timeout: 60_000 }, async () => {
    const sim = await startFaultySimulator({ seed: 9, faults: '429:0.4,slow:0.6', slowMs: 2500 });
    const loader = newLoader(realSource(await connectTo(sim)), { deadlineMs: 1200 });
    try {
      await withinDeadline(loader.refresh(), 10_000, 'a load with a 1.2 s deadline');
      assert.equal(loader.isLoading, false);
      const subs = loader.categoryState(undefined, 'subscriptions');
      const codes = subs.kind === 'failed' ? [subs.code] : loader.snapshot.errors.map((e) => e.code);
      assert.ok(codes.length > 0, 'something was still loading at the deadline');
      assert.ok(codes.includes('DeadlineExceeded'), codes.join(','));
      assert.ok(
        codes.every((c) => c === 'DeadlineExceeded' || c === 'ParentNotLoaded'),
        `only the deadline (and what depends on it) is blamed: ${codes.join(',')}`,
      );
      // Requests abandoned at the deadline are still on the wire; let them be answered.
      await sleep(2700);
      sim.setFaults('');
      await withinDeadline(loader.refresh(), 20_000, 'the retry');
      assert.deepEqual(loader.snapshot.errors, []);
      assert.deepEqual(inventoryCounts(loader.snapshot), expectedCounts(sim));
    } finally {
      loader.dispose();
      await sim.stop();
    }
  });

  it('tokens that expire in the middle of a load are refreshed: the rest of the load uses new ones', { timeout: 60_000 }, async () => {
    // Eight-second tokens. The gallery versions (the last lists of a load) wait until every token
    // issued so far has expired, so the load must go on with refreshed ones. No clock-skew
    // allowance: a request carrying an expired token is refused at once (401), so the assertion
    // that none was refused proves the refresh, not the simulator's leniency.
    const sim = await startFaultySimulator({ seed: 21, faults: '500:0.1,reset:0.05,slow:0.05', tokenLifetimeSeconds: 8, clockSkewSeconds: 0 });
    const real = realSource(await connectTo(sim));
    let waited = 0;
    const source: InventorySource = {
      ...real,
      listGalleryImageVersions: async (id, signal) => {
        const latestExpiry = Math.max(...sim.issuedTokens().map((t) => decodeClaims(t).exp)) * 1000;
        const wait = latestExpiry + 200 - Date.now();
        if (wait > 0) {
          waited++;
          await sleep(wait);
        }
        return real.listGalleryImageVersions(id, signal);
      },
    };
    const loader = newLoader(source, { deadlineMs: LOAD_DEADLINE_MS });
    try {
      const before = sim.issuedTokens().length;
      await load(loader);
      assert.ok(waited > 0, 'the load outlived its first tokens');
      assert.deepEqual(loader.snapshot.errors, []);
      assert.deepEqual(loader.issues, []);
      assert.deepEqual(inventoryCounts(loader.snapshot), expectedCounts(sim));
      const log = sim.requestLog();
      assert.deepEqual(log.filter((e) => e.status === 401).map((e) => e.path), [], 'no request was refused for an expired token');
      const tokens = sim.issuedTokens().slice(before).map(decodeClaims);
      const firstExpiry = Math.min(...tokens.map((t) => t.exp));
      assert.ok(tokens.some((t) => t.iat >= firstExpiry && t.aud !== BATCH_AUDIENCE), 'an ARM token was issued after the first ones expired');
      const versionLists = log.filter((e) => e.route === 'arm.galleryImageVersions.listByParent' && e.status === 200);
      assert.ok(versionLists.length > 0 && versionLists.every((e) => Date.parse(e.time) >= firstExpiry * 1000), 'those lists ran after the expiry');
    } finally {
      loader.dispose();
      await sim.stop();
    }
  });
});
