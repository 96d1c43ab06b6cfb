import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { LiveInventoryRequest } from '../../../src/cli';
import { runCli } from '../helpers/cliRun';
import { serializeInventorySnapshot, type InventorySnapshot } from '../../../src/model';
import { armPool, armTemplate, dataPlanePool, doc } from '../helpers/poolDocs';
import { ACCT, IMG_A, VER, worldData } from '../helpers/fixtures';

const run = runCli;

const inventoryFile = (data: InventorySnapshot = worldData()) => serializeInventorySnapshot(data);

/** 1-based line and column of `needle` in `text`. */
function lineCol(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('cli: usage errors exit 2 with a clear message', () => {
  const cases: [string[], RegExp][] = [
    [[], /Missing command/],
    [['lint', 'a.json'], /Unknown command "lint"/],
    [['check'], /No files to check/],
    [['check', 'a.json', '--format', 'xml'], /--format must be "text" or "json"/],
    [['check', 'a.json', '--fail-on', 'info'], /--fail-on must be "error" or "warning"/],
    [['check', 'a.json', '--bogus'], /Unknown option "--bogus"/],
    [['check', 'a.json', '--account'], /--account needs a value/],
    [['check', 'a.json', '--account', '/subscriptions/s/resourceGroups/r'], /must be a Batch account resource id/],
    [['check', 'a.json', '--account', ACCT.id], /--account needs an inventory/],
    [['check', 'a.json', '--rule', 'no-such-rule=off'], /unknown rule code "no-such-rule"/],
    [['check', 'a.json', '--rule', 'resize-timeout-short=loud'], /level must be off, error/],
    [['check', 'a.json', '--source', 'graph'], /--source must be "auto" or "resourceManager", not "graph"/],
    [['check', 'a.json', '--source'], /--source needs a value/],
    [['export-inventory', '--source=arm'], /--source must be "auto" or "resourceManager"/],
    [['report', '--source', 'Auto'], /--source must be "auto" or "resourceManager"/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(' ') || '(no arguments)', async () => {
      const r = await run(argv, { 'a.json': doc(dataPlanePool()) });
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }
  it('reports an unreadable file and a broken inventory file', async () => {
    const missing = await run(['check', 'nope.json'], {});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read nope\.json: ENOENT/);
    const bad = await run(['check', 'a.json', '--inventory', 'inv.json'], { 'a.json': doc(dataPlanePool()), 'inv.json': '{"formatVersion": 7}' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Invalid inventory file inv\.json: Unsupported inventory formatVersion 7/);
  });
  it('reports an account missing from the inventory', async () => {
    const other = ACCT.id.replace('/acct', '/other');
    const r = await run(['check', 'a.json', '--inventory', 'inv.json', '--account', other], { 'a.json': doc(dataPlanePool()), 'inv.json': inventoryFile() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not in the inventory/);
  });
  it('prints help on --help with exit 0', async () => {
    const r = await run(['check', '--help'], {});
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: batch-images check/);
  });
});

describe('cli: text output', () => {
  it('prints file:line:col severity code message, 1-based, and exits 1 on errors', async () => {
    const text = doc(dataPlanePool({ resizeTimeout: 'PT5M' }));
    const r = await run(['check', 'pool.json', '--inventory', 'inv.json', '--account', ACCT.id], { 'pool.json': text, 'inv.json': inventoryFile() });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const image = lineCol(text, JSON.stringify(IMG_A.id));
    assert.ok(lines.includes(lines.find((l) => l.startsWith(`pool.json:${image.line}:${image.column} error managed-image-retired `)) ?? '<none>'), r.stdout);
    const timeout = lineCol(text, '"PT5M"');
    assert.ok(lines.some((l) => l.startsWith(`pool.json:${timeout.line}:${timeout.column} warning resize-timeout-short `)), r.stdout);
  });
  it('exits 0 when nothing reaches --fail-on, 1 with --fail-on warning', async () => {
    const files = { 'g.json': doc(dataPlanePool({ imageId: VER.id, resizeTimeout: 'PT5M' })), 'inv.json': inventoryFile() };
    const base = ['check', 'g.json', '--inventory', 'inv.json', '--account', ACCT.id];
    const lenient = await run(base, files);
    assert.equal(lenient.code, 0);
    assert.match(lenient.stdout, /warning resize-timeout-short/);
    const strict = await run([...base, '--fail-on', 'warning'], files);
    assert.equal(strict.code, 1);
    const healthy = await run(['check', 'ok.json', '--inventory=inv.json', `--account=${ACCT.id}`, '--fail-on=warning'], { 'ok.json': doc(armPool({ imageId: VER.id, resizeTimeout: 'PT15M' })), 'inv.json': inventoryFile() });
    assert.equal(healthy.code, 0);
    assert.equal(healthy.stdout, '');
  });
  it('applies --rule overrides to severities and the exit code', async () => {
    const files = { 'a.json': doc(dataPlanePool({ sku: null, imageId: null })) };
    const off = await run(['check', 'a.json', '--rule', 'node-agent-sku-missing=off'], files);
    assert.equal(off.code, 0);
    assert.doesNotMatch(off.stdout, /node-agent-sku-missing/);
    const warn = await run(['check', 'a.json', '--rule=node-agent-sku-missing=warning', '--rule', 'account-not-selected=off'], files);
    assert.equal(warn.code, 0);
    assert.match(warn.stdout, /warning node-agent-sku-missing/);
    assert.doesNotMatch(warn.stdout, /account-not-selected/);
  });
  it('says when a file holds no pool', async () => {
    const r = await run(['check', 'package.json'], { 'package.json': '{"name": "x"}' });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /package\.json: no pool definition found/);
  });
});

describe('cli: JSON output', () => {
  it('prints an array of findings with 1-based positions', async () => {
    const text = doc(armPool({ sku: null }));
    const r = await run(['check', 'arm.json', '--format', 'json'], { 'arm.json': text });
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    const missing = findings.find((f) => f.code === 'node-agent-sku-missing');
    assert.ok(missing);
    const start = lineCol(text, '"virtualMachineConfiguration"');
    assert.deepEqual(
      { file: missing.file, line: missing.line, column: missing.column, endLine: missing.endLine, endColumn: missing.endColumn, severity: missing.severity },
      { file: 'arm.json', line: start.line, column: start.column, endLine: start.line, endColumn: start.column + '"virtualMachineConfiguration"'.length, severity: 'error' },
    );
    assert.deepEqual(Object.keys(missing).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.ok(findings.some((f) => f.code === 'account-not-selected' && f.severity === 'information'));
  });
  it('prints [] for a clean file', async () => {
    const r = await run(['check', 'ok.json', '--format', 'json', '--inventory', 'inv.json', '--account', ACCT.id], { 'ok.json': doc(armPool({ imageId: VER.id })), 'inv.json': inventoryFile() });
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});

describe('cli: files', () => {
  it('reports invalid JSON as json-syntax at the first error, and still checks the rest', async () => {
    const text = '{\n  "id": "p",\n  "virtualMachineConfiguration": { "nodeAgentSKUId": "batch.node.ubuntu 22.04" }\n  "targetDedicatedNodes": 3\n}\n';
    const r = await run(['check', 'broken.json', '--format', 'json'], { 'broken.json': text });
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as { code: string; line: number; column: number; severity: string }[];
    assert.deepEqual(findings[0], { ...findings[0], code: 'json-syntax', severity: 'error', line: 4, column: 3 });
    assert.ok(findings.some((f) => f.code === 'account-not-selected'), 'the pool is still analysed');
  });
  it('ignores a byte order mark for positions', async () => {
    const text = doc(armPool({ sku: null }));
    const r = await run(['check', 'bom.json', '--format', 'json'], { 'bom.json': '\uFEFF' + text });
    const findings = JSON.parse(r.stdout) as { code: string; line: number; column: number }[];
    assert.ok(!findings.some((f) => f.code === 'json-syntax'));
    const missing = findings.find((f) => f.code === 'node-agent-sku-missing');
    assert.deepEqual({ line: missing?.line, column: missing?.column }, lineCol(text, '"virtualMachineConfiguration"'));
  });
  it('reports a duplicate key at the second key and checks the value Azure reads (the last)', async () => {
    const text = doc(dataPlanePool({ dedicated: 1 })).replace('"resizeTimeout"', '"targetDedicatedNodes": 5000,\n  "resizeTimeout"');
    const r = await run(['check', 'dup.json', '--format', 'json', '--inventory', 'inv.json', '--account', ACCT.id], { 'dup.json': text, 'inv.json': inventoryFile() });
    const findings = JSON.parse(r.stdout) as { code: string; severity: string; line: number; column: number }[];
    const duplicate = findings.find((f) => f.code === 'json-duplicate-key');
    assert.deepEqual({ severity: duplicate?.severity, line: duplicate?.line, column: duplicate?.column }, { severity: 'warning', ...lineCol(text, '"targetDedicatedNodes"', 1) });
    assert.ok(findings.some((f) => f.code === 'custom-image-node-limit'), 'the 5000 nodes Azure would read are over the managed image limit');
    assert.equal(r.code, 1);
  });
  it('reports a pool name that would address the Batch account itself', async () => {
    const text = doc(armPool({ name: 'acct/..' }));
    const r = await run(['check', 'traversal.json', '--format', 'json'], { 'traversal.json': text });
    const findings = JSON.parse(r.stdout) as { code: string; severity: string; line: number; column: number }[];
    const invalid = findings.find((f) => f.code === 'resource-name-invalid');
    assert.deepEqual({ severity: invalid?.severity, line: invalid?.line, column: invalid?.column }, { severity: 'error', ...lineCol(text, '"acct/.."') });
    assert.equal(r.code, 1);
  });
  it('does not crash on garbage', async () => {
    const r = await run(['check', 'x.json'], { 'x.json': '\u0000 not json at all {{{' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^x\.json:1:\d+ error json-syntax /);
  });
  it('treats the files as one workspace: pools sharing a managed image across files', async () => {
    const files = { 'a.json': doc(dataPlanePool({ id: 'a' })), 'b.json': doc(dataPlanePool({ id: 'b' })), 'inv.json': inventoryFile() };
    const r = await run(['check', 'a.json', 'b.json', '--format', 'json', '--inventory', 'inv.json', '--account', ACCT.id], files);
    const shared = (JSON.parse(r.stdout) as { file: string; code: string }[]).filter((f) => f.code === 'image-shared-by-pools');
    assert.deepEqual(shared.map((f) => f.file), ['a.json', 'b.json']);
  });
  it('uses the account an ARM template names when the inventory has exactly one of that name', async () => {
    const west = { ...IMG_A, location: 'westus' };
    const files = { 't.json': doc(armTemplate([armPool({ name: 'acct/p1' })])), 'inv.json': inventoryFile(worldData({ images: [west] })) };
    const r = await run(['check', 't.json', '--inventory', 'inv.json'], files);
    assert.match(r.stdout, /error image-region-mismatch/);
    assert.doesNotMatch(r.stdout, /account-not-selected/);
  });
  it('loads the inventory through the injected live loader when no file is given', async () => {
    const requests: LiveInventoryRequest[] = [];
    const r = await run(['check', 'p.json', '--account', ACCT.id], { 'p.json': doc(dataPlanePool({ imageId: VER.id })) }, {
      loadInventory: async (request) => {
        requests.push(request);
        return worldData({ galleryImageVersions: [{ ...VER, targetRegions: [{ name: 'westus', regionalReplicaCount: 1 }] }] });
      },
    });
    assert.deepEqual(
      requests.map((q) => ({ accountId: q.accountId, timeoutSeconds: q.timeoutSeconds, aborted: q.signal.aborted, source: q.source, supportedImagesOf: q.supportedImagesOf })),
      [{ accountId: ACCT.id, timeoutSeconds: 300, aborted: false, source: 'auto', supportedImagesOf: [ACCT.id] }],
    );
    assert.match(r.stdout, /error gallery-replica-missing/);
    const failing = await run(['check', 'p.json'], { 'p.json': '{}' }, { loadInventory: async () => Promise.reject(new Error('not signed in')) });
    assert.equal(failing.code, 2);
    assert.match(failing.stderr, /Cannot load the inventory from Azure: not signed in/);
  });
});

describe('cli: --source auto|resourceManager (the setting azureBatchImages.inventory.source)', () => {
  async function sourcesOf(argv: string[]): Promise<{ code: number; requests: LiveInventoryRequest[] }> {
    const requests: LiveInventoryRequest[] = [];
    const r = await run(argv, { 'p.json': doc(dataPlanePool({ imageId: VER.id })) }, {
      loadInventory: async (request) => {
        requests.push(request);
        return worldData();
      },
    });
    return { code: r.code, requests };
  }
  it('defaults to auto for check, export-inventory and report', async () => {
    for (const argv of [['check', 'p.json'], ['export-inventory'], ['report']]) {
      const { requests } = await sourcesOf(argv);
      assert.deepEqual(requests.map((q) => q.source), ['auto'], argv.join(' '));
    }
  });
  it('passes resourceManager (as --source X and --source=X) to the live loader', async () => {
    for (const argv of [['check', 'p.json', '--source', 'resourceManager'], ['export-inventory', '--source=resourceManager'], ['report', '--source', 'resourceManager'], ['check', '--source=auto', 'p.json']]) {
      const { requests } = await sourcesOf(argv);
      assert.deepEqual(requests.map((q) => q.source), [argv.some((a) => a.endsWith('auto')) ? 'auto' : 'resourceManager'], argv.join(' '));
    }
  });
  it('export-inventory asks for every account\'s supported images; check without --account for none', async () => {
    assert.deepEqual((await sourcesOf(['export-inventory'])).requests.map((q) => q.supportedImagesOf), ['all']);
    assert.deepEqual((await sourcesOf(['check', 'p.json'])).requests.map((q) => q.supportedImagesOf), [undefined]);
  });
  it('the help names --source', async () => {
    const r = await run(['--help'], {});
    assert.match(r.stdout, /--source auto\|resourceManager/);
  });
});
