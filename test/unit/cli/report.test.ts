// `batch-images report`: arguments, formats and exit codes against an inventory file.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as l10n from '@vscode/l10n';
import { main } from '../../../src/cli';
import { useLocale } from '../../../src/cli/locale';
import { serializeInventorySnapshot } from '../../../src/model';
import { migrationSummaryText, type MigrationTotals } from '../../../src/rules';
import { repoRoot } from '../helpers/repoRoot';
import { ACCT, IMG_A, VER, worldData } from '../helpers/fixtures';
import { livePool } from '../helpers/inventoryBuilder';
import { NOW } from '../helpers/ruleHarness';

const onImage = livePool('pool-on-image', ACCT, { imageId: IMG_A.id, currentDedicatedNodes: 4, scale: { kind: 'fixed', targetDedicatedNodes: 5, targetLowPriorityNodes: 2 } });
const onGallery = livePool('pool-on-gallery', ACCT, { imageId: VER.id });
// Two pools on one image, 310 nodes between them: two replicas.
const large = livePool('pool-large', ACCT, { imageId: IMG_A.id, currentDedicatedNodes: 300, scale: { kind: 'fixed', targetDedicatedNodes: 300, targetLowPriorityNodes: 0 } });
const files: Record<string, string> = {
  'affected.json': serializeInventorySnapshot(worldData({ pools: [onImage, onGallery] })),
  'two.json': serializeInventorySnapshot(worldData({ pools: [onImage, large, onGallery] })),
  'clean.json': serializeInventorySnapshot(worldData({ pools: [onGallery] })),
};

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: async (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return files[p];
    },
  }, { now: () => NOW });
  return { code, stdout, stderr };
}

describe('cli: report', () => {
  it('prints Markdown by default and exits 0 even with affected pools', async () => {
    const r = await run('report', '--inventory', 'affected.json');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Pools on retired images/);
    assert.match(r.stdout, /## imgA/);
    assert.match(r.stdout, /\| pool-on-image \| acct \| eastus \| 4 \/ 5 \| 0 \/ 2 \|/);
    assert.equal(r.stdout.includes('pool-on-gallery'), false);
  });

  it('exits 1 with --fail-if-any only when a pool is affected', async () => {
    assert.equal((await run('report', '--inventory', 'affected.json', '--fail-if-any')).code, 1);
    assert.equal((await run('report', '--inventory', 'clean.json', '--fail-if-any')).code, 0);
  });

  it('prints CSV and JSON', async () => {
    const csv = await run('report', '--inventory', 'affected.json', '--format=csv');
    const lines = csv.stdout.trimEnd().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1], /pool-on-image,acct,/);
    const json = JSON.parse((await run('report', '--inventory', 'affected.json', '--format', 'json')).stdout) as { totals: { pools: number; targetSpotNodes: number } };
    assert.deepEqual([json.totals.pools, json.totals.targetSpotNodes], [1, 2]);
  });

  it('keeps to the given subscriptions and refuses unknown ones', async () => {
    const sub = ACCT.subscriptionId;
    const r = await run('report', '--inventory', 'affected.json', '--format', 'json', '--subscription', `/subscriptions/${sub}`);
    assert.equal((JSON.parse(r.stdout) as { totals: { pools: number } }).totals.pools, 1);
    const unknown = await run('report', '--inventory', 'affected.json', '--subscription', '99999999-aaaa-4bbb-8ccc-000000000009');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Not in the inventory/);
  });

  it('says "1 pool on 1 image in 1 account" and "1 replica", never "1 pools"', async () => {
    const one = await run('report', '--inventory', 'affected.json');
    assert.match(one.stdout, /^1 pool on 1 image in 1 account: 4 dedicated and 0 Spot nodes now \(targets 5 and 2\); 0 ready to switch, 0 with resize errors\.$/m);
    assert.match(one.stdout, /eastus \(1 replica for 7 nodes\)/);
    assert.doesNotMatch(one.stdout, /\b1 (pools|images|accounts|replicas|nodes)\b/);
    const two = await run('report', '--inventory', 'two.json');
    assert.match(two.stdout, /^2 pools on 1 image in 1 account: 304 dedicated/m);
    assert.match(two.stdout, /eastus \(2 replicas for 307 nodes\)/);
  });

  it('the summary the webview shows too: one message for one and one for many of each noun', () => {
    const totals: MigrationTotals = { pools: 1, images: 1, accounts: 1, subscriptions: 1, imagesWithMissingSources: 0, currentDedicatedNodes: 1, currentSpotNodes: 0, targetDedicatedNodes: 1, targetSpotNodes: 0, poolsReadyToSwitch: 1, poolsWithResizeErrors: 0 };
    assert.equal(migrationSummaryText(totals), '1 pool on 1 image in 1 account: 1 dedicated and 0 Spot nodes now (targets 1 and 0); 1 ready to switch, 0 with resize errors.');
    assert.match(migrationSummaryText({ ...totals, pools: 12, images: 3, accounts: 2 }), /^12 pools on 3 images in 2 accounts: /);
    assert.match(migrationSummaryText({ ...totals, pools: 0, images: 0, accounts: 0 }), /^0 pools on 0 images in 0 accounts: /);
  });

  it('in Turkish, where a noun after a number stays singular', async () => {
    useLocale('tr', join(repoRoot(), 'l10n'));
    try {
      const one = await run('report', '--inventory', 'affected.json');
      assert.match(one.stdout, /^1 hesapta 1 görüntü üzerinde 1 havuz: şu anda 4 ayrılmış ve 0 Spot düğüm/m);
      assert.match(one.stdout, /eastus \(7 düğüm için 1 çoğaltma\)/);
      const two = await run('report', '--inventory', 'two.json');
      assert.match(two.stdout, /^1 hesapta 1 görüntü üzerinde 2 havuz: /m);
      assert.match(two.stdout, /eastus \(307 düğüm için 2 çoğaltma\)/);
    } finally {
      l10n.config({ contents: {} });
    }
  });

  it('exits 2 on bad arguments and without an inventory', async () => {
    for (const argv of [['report', '--format', 'xml'], ['report', '--subscription', 'abc'], ['report', '--bogus'], ['report', '--inventory']]) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
    }
    const none = await run('report');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /AZURE_TENANT_ID/);
    assert.equal((await run('report', '--inventory', 'missing.json')).code, 2);
  });
});
