// Issue 5's promise, checked with the real loader over the simulator: once the inventory is
// warm, typing in a pool document (every keystroke re-parsed and re-checked, fixes computed)
// makes no network request — the simulator's counters do not move.
import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { azureInventorySource, InventoryLoader } from '../../../src/inventory';
import { parsePoolDocument } from '../../../src/pooljson';
import { fixEdits, isTextFix, runRules } from '../../../src/rules';
import type { SimulatorHandle } from '../../simulator/index';
import { connect, startTrustedSimulator } from '../azure/simulatorSetup';
import { repoRoot } from '../helpers/repoRoot';
import { mutate, mutation } from './arbitraries';
import { fuzzConfig } from './config';

const cfg = fuzzConfig();

describe(`typing with a warm inventory (FUZZ_SEED=${cfg.seed})`, () => {
  let sim: SimulatorHandle;
  let loader: InventoryLoader;

  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo' });
    loader = new InventoryLoader(azureInventorySource(await connect(sim)), { concurrency: 4 });
    await loader.refresh();
  });
  after(async () => {
    loader.dispose();
    await sim.stop();
  });

  it('re-checking after every edit makes no request', (t) => {
    const dir = join(repoRoot(), 'test', 'simulator', 'scenarios', 'demo-workspace');
    const originals = ['arm-template-several-pools.pool.json', 'no-resize-timeout.pool.json', 'region-mismatch.pool.json'].map((f) => readFileSync(join(dir, f), 'utf8'));
    const account = loader.current.snapshot.batchAccounts.find((a) => a.name === 'batchprodeast');
    assert.ok(account, 'the demo account');
    const before = JSON.stringify(sim.counters());
    const edits = fc.sample(mutation, { seed: cfg.seed, numRuns: cfg.runs(4) });
    let text = originals[0];
    let findings = 0;
    for (const [i, m] of edits.entries()) {
      // A person types into a document, now and then switching to another one.
      text = i % 25 === 0 ? originals[(i / 25) % originals.length] : mutate(text, [{ ...m, kind: m.kind === 'truncate' ? 'insert' : m.kind, length: Math.min(m.length, 3) }]);
      const doc = parsePoolDocument(text);
      for (const spec of doc.specs) {
        for (const f of runRules(spec, { account, inventory: loader.current, now: new Date(), otherPools: doc.specs })) {
          findings++;
          if (f.fix && isTextFix(f.fix)) fixEdits(text, spec, f.fix);
        }
      }
    }
    assert.equal(loader.isLoading, false);
    assert.equal(JSON.stringify(sim.counters()), before, 'the simulator saw requests while typing');
    t.diagnostic(`${edits.length} edits re-checked, ${findings} findings, 0 requests`);
  });
});
