// The demo workspace (test/simulator/scenarios/demo-workspace) against the demo scenario's
// inventory, loaded through the real access layer and inventory from the simulator: every file
// must yield exactly the codes its README lists. This is the editor's result without VS Code.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SimulatorHandle } from '../../simulator/index';
import { azureInventorySource, InventoryLoader } from '../../../src/inventory';
import { indexInventory, type Inventory, type InventorySnapshot } from '../../../src/model';
import { parsePoolDocument } from '../../../src/pooljson';
import { runRules, type RuleContext } from '../../../src/rules';
import { connect, startTrustedSimulator } from '../azure/simulatorSetup';
import { repoRoot } from '../helpers/repoRoot';

const DIR = join(repoRoot(), 'test', 'simulator', 'scenarios', 'demo-workspace');
const TEMPLATE = 'arm-template-several-pools.pool.json';

interface Row {
  file: string;
  account?: string;
  codes: string[];
}

function readmeRows(): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(join(DIR, 'README.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([^`]+\.pool\.json)`$/.exec(cells[1] ?? '')?.[1];
    if (!file || file === TEMPLATE) continue;
    rows.push({ file, account: cells[3] === '(none)' ? undefined : cells[3], codes: cells[4] === '(none)' ? [] : cells[4].split('<br>').map((c) => c.trim()) });
  }
  return rows;
}

const rows = readmeRows();

describe('demo workspace against the demo scenario', () => {
  let sim: SimulatorHandle;
  let snapshot: InventorySnapshot;
  let inventory: Inventory;
  const now = new Date();

  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo' });
    const loader = new InventoryLoader(azureInventorySource(await connect(sim)), { concurrency: 4 });
    await loader.refresh();
    // What `export-inventory` writes: every account's supported images (the SKU rules need them).
    await loader.loadSupportedImages('all');
    snapshot = loader.snapshot;
    loader.dispose();
    inventory = indexInventory(snapshot);
  });
  after(async () => sim?.stop());

  function codesOf(file: string, accountName: string | undefined): string[][] {
    const account = accountName ? snapshot.batchAccounts.find((a) => a.name === accountName) : undefined;
    if (accountName) assert.ok(account, `account ${accountName} is not in the inventory`);
    const doc = parsePoolDocument(readFileSync(join(DIR, file), 'utf8'));
    const ctx: RuleContext = { account, inventory, now, otherPools: doc.specs };
    return doc.specs.map((spec) => [...new Set(runRules(spec, ctx).map((f) => f.code))].sort());
  }

  it('the README lists the demo files', () => {
    assert.ok(rows.length >= 25, `only ${rows.length} rows`);
  });

  for (const row of rows) {
    it(`${row.file} (${row.account ?? 'no account'}): ${row.codes.join(', ') || 'no findings'}`, () => {
      assert.deepEqual(codesOf(row.file, row.account), [[...row.codes].sort()]);
    });
  }

  it(`${TEMPLATE}: each pool's own findings`, () => {
    const doc = parsePoolDocument(readFileSync(join(DIR, TEMPLATE), 'utf8'));
    const byName = Object.fromEntries(doc.specs.map((s, i) => [s.displayName, codesOf(TEMPLATE, 'batchprodeast')[i]]));
    assert.deepEqual(byName, {
      'tmpl-gallery': [],
      'tmpl-managed': ['image-region-mismatch', 'image-shared-by-pools', 'large-pool-resize', 'managed-image-retired', 'resize-timeout-short'],
      'tmpl-autoscale-specialized': ['gallery-image-specialized', 'image-subscription-mismatch'],
      'tmpl-expression-image': [],
    });
  });
});
