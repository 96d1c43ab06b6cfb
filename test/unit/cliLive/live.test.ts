// The bundled CLI as a CI pipeline runs it: a service principal in the environment, the inventory
// loaded live from the Azure simulator, the demo pool files checked; exit codes and both formats.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { startSimulator, type SimulatorHandle } from '../../simulator';
import { repoRoot } from '../helpers/repoRoot';

const demo = join(repoRoot(), 'test', 'simulator', 'scenarios', 'demo-workspace');
const east = '/subscriptions/11111111-aaaa-4bbb-8ccc-000000000001/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('cli: live inventory from Azure (simulator)', () => {
  let dir: string;
  let cli: string;
  let sim: SimulatorHandle;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'batch-images-cli-live-'));
    cli = join(dir, 'cli.js');
    await esbuild.build({ entryPoints: [join(repoRoot(), 'src', 'cli', 'bin.ts')], bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile: cli, logLevel: 'error' });
    sim = await startSimulator({ scenario: 'demo' });
  });

  after(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function run(env: Record<string, string | undefined>, ...args: string[]): Promise<Run> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AZURE_')));
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: demo, env: { ...clean, NODE_EXTRA_CA_CERTS: sim.caCertPath, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  const servicePrincipal = (): Record<string, string> => ({
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: sim.clientId,
    AZURE_CLIENT_SECRET: sim.clientSecret,
    AZURE_AUTHORITY_HOST: sim.url,
    AZURE_RESOURCE_MANAGER_ENDPOINT: sim.url,
  });

  it('finds the region mismatch of a managed image in another region (JSON, exit 1)', async () => {
    const r = await run(servicePrincipal(), 'check', 'region-mismatch.pool.json', 'healthy-gallery.pool.json', '--account', east, '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as { file: string; code: string; severity: string; line: number; column: number }[];
    const codes = findings.filter((f) => f.file === 'region-mismatch.pool.json').map((f) => f.code);
    assert.ok(codes.includes('image-region-mismatch'), codes.join(', '));
    assert.ok(codes.includes('managed-image-retired'));
    assert.deepEqual(findings.filter((f) => f.file === 'healthy-gallery.pool.json'), [], 'the healthy file has no finding');
    for (const f of findings) assert.ok(f.line >= 1 && f.column >= 1);
  });

  it('passes a healthy file (text, exit 0) and fails on warnings only when asked', async () => {
    const healthy = await run(servicePrincipal(), 'check', 'healthy-gallery.pool.json', '--account', east);
    assert.equal(healthy.status, 0, healthy.stderr + healthy.stdout);
    assert.equal(healthy.stdout, '');
    const warnings = await run(servicePrincipal(), 'check', 'no-resize-timeout.pool.json', '--account', east, '--fail-on', 'warning');
    assert.equal(warnings.status, 1, warnings.stderr);
    assert.match(warnings.stdout, /^no-resize-timeout\.pool\.json:\d+:\d+ warning resize-timeout-short /m);
  });

  it('exits 2 with a clear message when the secret is wrong', async () => {
    const r = await run({ ...servicePrincipal(), AZURE_CLIENT_SECRET: 'not-the-secret' }, 'check', 'healthy-gallery.pool.json', '--account', east);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Cannot load the inventory from Azure/);
    assert.equal(r.stderr.includes('not-the-secret'), false, 'the secret is not echoed');
  });

  it('exports the live inventory, which then checks the same without credentials', async () => {
    const file = join(dir, 'inventory.json');
    const exported = await run(servicePrincipal(), 'export-inventory', '--output', file);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stderr, /wrote \d+ images/);
    const offline = await run({}, 'check', 'region-mismatch.pool.json', '--account', east, '--inventory', file, '--format', 'json');
    assert.equal(offline.status, 1, offline.stderr);
    const codes = (JSON.parse(offline.stdout) as { code: string }[]).map((f) => f.code);
    assert.ok(codes.includes('image-region-mismatch'), codes.join(', '));
  });

  it('exits 2 when --account is given without credentials or an inventory file', async () => {
    const r = await run({}, 'check', 'healthy-gallery.pool.json', '--account', east);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /AZURE_TENANT_ID/);
  });

  it('reports the pools on retired images of the live estate (JSON, exit 1 with --fail-if-any, 0 without)', async () => {
    const started = Date.now();
    const r = await run(servicePrincipal(), 'report', '--format', 'json', '--fail-if-any');
    const elapsed = Date.now() - started;
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { totals: { pools: number }; images: { imageName: string; pools: { poolName: string }[] }[] };
    const shared = report.images.find((g) => g.imageName === 'img-ubuntu-v1');
    assert.deepEqual(shared?.pools.map((p) => p.poolName), ['pool-shared-a', 'pool-shared-b']);
    assert.equal(report.totals.pools, report.images.reduce((n, g) => n + g.pools.length, 0));
    process.stdout.write(`# report on demo: ${report.totals.pools} pools in ${elapsed} ms\n`);
    const csv = await run(servicePrincipal(), 'report', '--format', 'csv', '--subscription', '22222222-aaaa-4bbb-8ccc-000000000002');
    assert.equal(csv.status, 0, csv.stderr);
    assert.equal(csv.stdout.trimEnd().split('\r\n').length, 1, 'the shared-images subscription has no pool: the header only');
  });
});
