// `batch-images report`: arguments, formats and exit codes against an inventory file.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli';
import { serializeInventorySnapshot } from '../../../src/model';
import { ACCT, IMG_A, VER, worldData } from '../helpers/fixtures';
import { livePool } from '../helpers/inventoryBuilder';
import { NOW } from '../helpers/ruleHarness';

const onImage = livePool('pool-on-image', ACCT, { imageId: IMG_A.id, currentDedicatedNodes: 4, scale: { kind: 'fixed', targetDedicatedNodes: 5, targetLowPriorityNodes: 2 } });
const onGallery = livePool('pool-on-gallery', ACCT, { imageId: VER.id });
const files: Record<string, string> = {
  'affected.json': serializeInventorySnapshot(worldData({ pools: [onImage, onGallery] })),
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
