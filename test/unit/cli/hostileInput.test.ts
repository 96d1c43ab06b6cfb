// Issue 12, the checker's side: input written by an attacker or a broken tool gets a clear message
// and the right exit code, never a stack trace, a forged line, a terminal escape or a silent pass.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { main, type CliDeps } from '../../../src/cli';
import { runCli, type CliRun } from '../helpers/cliRun';
import { serializeInventorySnapshot, type InventoryLoadError, type InventorySnapshot } from '../../../src/model';
import { ACCT, VER, worldData } from '../helpers/fixtures';
import { livePool } from '../helpers/inventoryBuilder';
import { armPool, dataPlanePool, doc } from '../helpers/poolDocs';

const run = runCli;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function noStackTrace(r: CliRun): void {
  assert.doesNotMatch(r.stderr, /TypeError|\n\s+at /, r.stderr);
}

describe('cli: inventory files are validated on load (issue 12, item 4)', () => {
  it('an account that is only {"id": …} is refused with the field named, exit 2, no stack trace', async () => {
    const inventory = JSON.stringify({ formatVersion: 1, batchAccounts: [{ id: ACCT.id }] });
    const r = await run(['check', 'p.json', '--inventory', 'inv.json', '--account', ACCT.id], { 'p.json': doc(dataPlanePool()), 'inv.json': inventory });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Invalid inventory file inv\.json: Inventory field "batchAccounts"\[0\]\.name is missing: it must be a string\./);
    noStackTrace(r);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a pool count that is a string', { pools: [{ ...livePool('p', ACCT), currentDedicatedNodes: 'x' }] }, /"pools"\[0\]\.currentDedicatedNodes must be a whole number of 0 or more/],
    ['a fixed scale without its counts', { pools: [{ ...livePool('p', ACCT), scale: { kind: 'fixed' } }] }, /"pools"\[0\]\.scale\.targetDedicatedNodes is missing/],
    ['a replica count that is not a number', { galleryImageVersions: [{ ...VER, targetRegions: [{ name: 'westeurope', regionalReplicaCount: '3' }] }] }, /"galleryImageVersions"\[0\]\.targetRegions\[0\]\.regionalReplicaCount must be a whole number/],
    ['a load error of an unknown category', { errors: [{ category: 'everything', message: 'x' }] }, /"errors"\[0\]\.category must be one of "subscriptions"/],
    ['supported images without a SKU', { batchAccounts: [{ ...ACCT, supportedImages: [{ osType: 'linux' }] }] }, /"batchAccounts"\[0\]\.supportedImages\[0\]\.nodeAgentSkuId is missing/],
    ['an image whose sources are not a list', { images: [{ ...worldData().images[0], sources: {} }] }, /"images"\[0\]\.sources must be an array of objects/],
  ];
  for (const [name, data, message] of bad) {
    it(name, async () => {
      const r = await run(['check', 'p.json', '--inventory', 'inv.json'], { 'p.json': doc(dataPlanePool()), 'inv.json': JSON.stringify(data) });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      noStackTrace(r);
    });
  }

  it('numbers JSON reads as Infinity are refused too', async () => {
    const pool = JSON.stringify(livePool('p', ACCT)).replace(/"currentDedicatedNodes":\d+/, '"currentDedicatedNodes":1e999');
    assert.match(pool, /1e999/);
    const r = await run(['check', 'p.json', '--inventory', 'inv.json'], { 'p.json': doc(dataPlanePool()), 'inv.json': `{"pools": [${pool}]}` });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"pools"\[0\]\.currentDedicatedNodes must be a whole number of 0 or more/);
  });
});

describe('cli: output cannot be forged (issue 12, item 5)', () => {
  it('a pool id with a newline and ANSI escapes stays on its finding\'s line, escaped', async () => {
    const id = 'evil\nforged.json:1:1 error image-not-found everything is fine\u001b[2J\u001b[31m';
    const r = await run(['check', 'p.json'], { 'p.json': doc(dataPlanePool({ id, sku: null })) });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /\u001b/, 'no escape character reaches the terminal');
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) assert.match(line, /^p\.json:\d+:\d+ (error|warning|information|hint) [a-z-]+ /, line);
    assert.ok(!lines.some((l) => l.startsWith('forged.json')), 'no forged line');
    assert.match(r.stdout, /evil\\nforged\.json:1:1 error image-not-found everything is fine\\u001b\[2J/);
  });

  it('a file name with control characters is escaped in text output and in messages', async () => {
    const name = 'a\r\u001b[1Ab.json';
    const r = await run(['check', name, 'missing\u0007.json'], { [name]: doc(dataPlanePool({ sku: null })) });
    assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f]/);
    assert.match(r.stdout, /^a\\r\\u001b\[1Ab\.json:\d+:\d+ /m);
    assert.match(r.stderr, /Cannot read missing\\u0007\.json/);
  });

  it('a 1 MB id is shortened in messages, in text and JSON', async () => {
    const huge = 'x'.repeat(1_000_000);
    const text = await run(['check', 'p.json'], { 'p.json': doc(dataPlanePool({ imageId: huge })) });
    assert.match(text.stdout, /image-id-invalid/);
    for (const line of text.stdout.split('\n')) assert.ok(line.length < 2000, `a line of ${line.length} characters`);
    assert.match(text.stdout, /'x+…\(1,000,0\d\d characters\)…x+'/);
    const json = await run(['check', 'p.json', '--format', 'json'], { 'p.json': doc(dataPlanePool({ imageId: huge })) });
    const findings = JSON.parse(json.stdout) as { code: string; message: string }[];
    for (const f of findings) assert.ok(f.message.length < 2000, `${f.code}: ${f.message.length} characters`);
  });

  it('an unknown option is echoed escaped', async () => {
    const r = await run(['check', 'p.json', '--bad\u001b[2J'], {});
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /\u001b/);
    assert.match(r.stderr, /Unknown option "--bad\\u001b\[2J"/);
  });
});

describe('cli: numbers out of range (issue 12, item 7)', () => {
  for (const [written, shown] of [
    ['1e999', '1e999'],
    ['-3', '-3'],
    ['2.5', '2.5'],
  ] as const) {
    it(`targetDedicatedNodes ${written} gets a message about the value, never Infinity or NaN`, async () => {
      const text = doc(dataPlanePool()).replace('"targetDedicatedNodes": 2', `"targetDedicatedNodes": ${written}`);
      assert.ok(text.includes(written));
      const r = await run(['check', 'p.json', '--inventory', 'inv.json', '--account', ACCT.id], { 'p.json': text, 'inv.json': serializeInventorySnapshot(worldData()) });
      assert.equal(r.code, 1);
      assert.match(r.stdout, new RegExp(`error node-count-invalid targetDedicatedNodes is ${shown.replace('.', '\\.')}, which is not a node count`));
      assert.doesNotMatch(r.stdout, /Infinity|NaN/);
    });
  }
});

describe('cli: encodings and standard input (issue 12, item 8)', () => {
  const text = doc(dataPlanePool({ sku: null, imageId: null }));
  const expected = async (): Promise<string> => (await run(['check', 'p.json'], { 'p.json': text })).stdout;

  it('UTF-16 with a byte order mark (little and big endian) is read as UTF-16', async () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    const want = await expected();
    assert.match(want, /node-agent-sku-missing/);
    for (const bytes of [le, be]) {
      const r = await run(['check', 'p.json'], { 'p.json': bytes });
      assert.equal(r.stdout, want);
      assert.equal(r.stderr, '');
    }
  });

  it('UTF-32 is refused with a message naming the encoding', async () => {
    const r = await run(['check', 'p.json'], { 'p.json': new Uint8Array([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Cannot read p\.json: the file is UTF-32, which is not supported: save it as UTF-8/);
  });

  it('invalid UTF-8 is read with a warning at its position', async () => {
    const bytes = utf8(text);
    const at = text.indexOf('pool1') + 2;
    const broken = new Uint8Array([...bytes.subarray(0, at), 0xc3, 0x28, ...bytes.subarray(at)]);
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1);
    const r = await run(['check', 'p.json'], { 'p.json': broken });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`warning: p\\.json: invalid UTF-8 at byte ${at} \\(line ${line}, column ${column}\\)`));
  });

  it('a UTF-8 byte order mark is dropped', async () => {
    const r = await run(['check', 'p.json'], { 'p.json': new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]) });
    assert.equal(r.stdout, await expected());
  });

  it('- reads the pool file from standard input', async () => {
    const r = await run(['check', '-', '--format', 'json'], {}, {}, utf8(text));
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as { file: string; code: string }[];
    assert.ok(findings.some((f) => f.code === 'node-agent-sku-missing'));
    assert.ok(findings.every((f) => f.file === '<standard input>'));
  });

  it('--inventory - reads the inventory from standard input', async () => {
    const r = await run(['check', 'p.json', '--inventory', '-', '--account', ACCT.id], { 'p.json': doc(armPool({ imageId: VER.id })) }, {}, serializeInventorySnapshot(worldData()));
    assert.equal(r.code, 0, r.stderr);
  });

  it('standard input can be read only once', async () => {
    const r = await run(['check', '-', '--inventory', '-'], {}, {}, '{}');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Standard input \(-\) can be read only once/);
  });

  it('an empty --inventory= is a usage error, not "no inventory"', async () => {
    for (const argv of [['check', 'p.json', '--inventory='], ['check', 'p.json', '--account=']]) {
      const r = await run(argv, { 'p.json': text });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /needs a value, not an empty string/);
    }
  });
});

const failed = (category: InventoryLoadError['category'], subscriptionId = ACCT.subscriptionId): InventoryLoadError => ({ category, subscriptionId, code: 'HTTP500', message: 'Internal error' });

describe('cli: no silent partial inventory (issue 12, item 3)', () => {
  const pool = doc(armPool({ imageId: VER.id }));
  const live = (errors: InventoryLoadError[]): CliDeps => ({ loadInventory: async () => worldData({ errors }) });

  it('live loading with a failed category the rules need exits 2 and names the skipped rules', async () => {
    const r = await run(['check', 'p.json', '--account', ACCT.id], { 'p.json': pool }, live([failed('galleryImageVersions')]));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /could not load galleryImageVersions of subscription .* \(HTTP500: Internal error\); rules skipped: image-not-found, image-not-ready, /);
    assert.match(r.stderr, /pass --allow-partial/);
    assert.match(r.stdout, /^p\.json:1:1 warning inventory-incomplete The inventory is incomplete, so these rules were skipped: image-not-found, .*gallery-replica-missing/m);
  });

  it('--allow-partial checks anyway; text and JSON say which rules were skipped and why', async () => {
    const text = await run(['check', 'p.json', '--account', ACCT.id, '--allow-partial'], { 'p.json': pool }, live([failed('galleryImageVersions')]));
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /inventory-incomplete .*Could not load: galleryImageVersions of subscription .* \(HTTP500: Internal error\)\./);
    const json = await run(['check', 'p.json', '--account', ACCT.id, '--allow-partial', '--format', 'json'], { 'p.json': pool }, live([failed('galleryImageVersions')]));
    const findings = JSON.parse(json.stdout) as { code: string; severity: string; message: string }[];
    const incomplete = findings.find((f) => f.code === 'inventory-incomplete');
    assert.ok(incomplete, json.stdout);
    assert.equal(incomplete.severity, 'warning');
    assert.match(incomplete.message, /gallery-replica-missing/);
    const strict = await run(['check', 'p.json', '--account', ACCT.id, '--allow-partial', '--fail-on', 'warning'], { 'p.json': pool }, live([failed('galleryImageVersions')]));
    assert.equal(strict.code, 1);
  });

  it('a failure no enabled rule needs, or in another subscription, does not fail the check', async () => {
    const other = await run(['check', 'p.json', '--account', ACCT.id], { 'p.json': pool }, live([failed('images', '99999999-9999-4999-8999-999999999999')]));
    assert.equal(other.code, 0, other.stderr);
    const off = await run(['check', 'p.json', '--account', ACCT.id, '--rule', 'account-aad-required=off', '--rule', 'node-agent-sku-mismatch=off', '--rule', 'node-agent-sku-end-of-life=off', '--rule', 'image-region-mismatch=off', '--rule', 'gallery-replica-missing=off', '--rule', 'image-subscription-mismatch=off', '--rule', 'gallery-replicas-low=off'], { 'p.json': pool }, live([failed('batchAccounts')]));
    assert.equal(off.code, 0, off.stderr);
    assert.match(off.stderr, /could not load batchAccounts .*no enabled rule needs it/);
  });

  it('check --inventory FILE warns when the file records load errors; --fail-on warning fails', async () => {
    const files = { 'p.json': pool, 'inv.json': serializeInventorySnapshot(worldData({ errors: [failed('pools')] })) };
    const r = await run(['check', 'p.json', '--inventory', 'inv.json', '--account', ACCT.id], files);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: the inventory could not load pools of subscription/);
    assert.match(r.stdout, /warning inventory-incomplete .*gallery-replicas-low/);
    const strict = await run(['check', 'p.json', '--inventory', 'inv.json', '--account', ACCT.id, '--fail-on', 'warning'], files);
    assert.equal(strict.code, 1);
  });

  it('export-inventory exits 2 naming the failed categories, and still writes what it has', async () => {
    const written: Record<string, string> = {};
    let stderr = '';
    const code = await main(['export-inventory', '--output', 'inv.json'], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      readFile: async () => '',
      writeFile: async (p, t) => {
        written[p] = t;
      },
    }, live([failed('images'), failed('pools')]));
    assert.equal(code, 2);
    assert.match(stderr, /The inventory is incomplete: images, pools failed to load/);
    assert.deepEqual((JSON.parse(written['inv.json']) as InventorySnapshot).errors.map((e) => e.category), ['images', 'pools']);
    const accepted = await main(['export-inventory', '--allow-partial'], { stdout: () => undefined, stderr: () => undefined, readFile: async () => '' }, live([failed('images')]));
    assert.equal(accepted, 0);
  });
});

describe('cli: --timeout (issue 12, item 2)', () => {
  it('a live load that outlives --timeout is abandoned with exit 2, and its signal is aborted', async () => {
    let seen: AbortSignal | undefined;
    const started = Date.now();
    const r = await run(['check', 'p.json', '--timeout', '0.3'], { 'p.json': '{}' }, {
      loadInventory: (request) => {
        seen = request.signal;
        return new Promise(() => undefined);
      },
    });
    assert.equal(r.code, 2);
    assert.ok(Date.now() - started < 5000);
    assert.equal(seen?.aborted, true, 'every request is told to stop');
    assert.match(r.stderr, /DeadlineExceeded: .* within 0\.3 s \(--timeout\)/);
  });

  it('--timeout takes seconds above 0', async () => {
    for (const bad of ['0', '-1', 'soon', '1e9']) {
      const r = await run(['check', 'p.json', '--timeout', bad], {});
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--timeout must be a number of seconds/);
    }
  });
});
