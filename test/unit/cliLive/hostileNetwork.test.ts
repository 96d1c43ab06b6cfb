// Issue 12, the network side, with the bundled CLI as a CI pipeline runs it: an authority that
// never answers, a simulator that dies or fails mid-load, throttling with a long Retry-After and
// sign-ins that fail in four different ways. Each ends with exit 2 and a message that says what
// happened, within a bound, never a hang.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../simulator';
import { repoRoot } from '../helpers/repoRoot';

const demo = join(repoRoot(), 'test', 'simulator', 'scenarios', 'demo-workspace');
const east = '/subscriptions/11111111-aaaa-4bbb-8ccc-000000000001/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

describe('cli: hostile networks (issue 12)', () => {
  let dir: string;
  let cli: string;
  const sims: SimulatorHandle[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'batch-images-cli-net-'));
    cli = join(dir, 'cli.js');
    await esbuild.build({ entryPoints: [join(repoRoot(), 'src', 'cli', 'bin.ts')], bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile: cli, logLevel: 'error' });
  });

  after(async () => {
    await Promise.all(sims.map((s) => s.stop().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  async function simulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
    const sim = await startSimulator({ scenario: 'demo', ...options });
    sims.push(sim);
    return sim;
  }

  /** Runs the CLI; a run still alive after `killAfterMs` is killed (status null): a hang fails the test. */
  function run(env: Record<string, string | undefined>, args: string[], options: { killAfterMs?: number; onSpawn?: () => void } = {}): Promise<Run> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AZURE_') && k !== 'NODE_EXTRA_CA_CERTS'));
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: demo, env: { ...clean, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
      child.on('close', (status) => {
        clearTimeout(killer);
        resolve({ status, stdout, stderr, ms: Date.now() - started });
      });
      options.onSpawn?.();
    });
  }

  const servicePrincipal = (sim: SimulatorHandle): Record<string, string> => ({
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: sim.clientId,
    AZURE_CLIENT_SECRET: sim.clientSecret,
    AZURE_AUTHORITY_HOST: sim.url,
    AZURE_RESOURCE_MANAGER_ENDPOINT: sim.url,
  });

  /** Resolves once the simulator has answered a request whose path matches (the load is under way). */
  async function whenRequested(sim: SimulatorHandle, path: RegExp, ms = 30_000): Promise<void> {
    const end = Date.now() + ms;
    while (!sim.requestLog().some((e) => path.test(e.path))) {
      if (Date.now() > end) throw new Error(`no request matching ${path} within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  describe('item 2: the deadline', () => {
    let stall: Server;
    const sockets = new Set<Socket>();
    let open = 0;
    before(async () => {
      // Accepts connections and never answers: not even the TLS handshake.
      stall = createServer((socket) => {
        sockets.add(socket);
        open++;
        socket.resume(); // read (and drop) the ClientHello, so the client's close is seen
        socket.on('close', () => open--);
      });
      await new Promise<void>((r) => stall.listen(0, '127.0.0.1', () => r()));
    });
    after(() => {
      for (const s of sockets) s.destroy();
      stall.close();
    });

    it('an authority that never answers: exit 2 at --timeout, every request cancelled, the process gone', async () => {
      const sim = await simulator();
      const port = (stall.address() as { port: number }).port;
      const r = await run({ ...servicePrincipal(sim), AZURE_AUTHORITY_HOST: `https://127.0.0.1:${port}` }, ['check', 'healthy-gallery.pool.json', '--timeout', '2'], { killAfterMs: 30_000 });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /DeadlineExceeded: .* within 2 s \(--timeout\)/);
      // Not the watchdog (10 s past the deadline): the cancelled requests let the process end.
      assert.doesNotMatch(r.stderr, /still running/);
      assert.ok(r.ms < 9_000, `exited after ${r.ms} ms`);
      assert.ok(sockets.size > 0, 'the authority was contacted');
      // The process is gone, so are its sockets; the server notices the close within moments.
      for (let i = 0; i < 50 && open > 0; i++) await new Promise((res) => setTimeout(res, 100));
      assert.equal(open, 0, 'no connection to the authority is left open');
    });
  });

  describe('item 3: no silent partial inventory', () => {
    // The first page of a list every load makes through Resource Manager, whichever source serves the
    // other categories: the demo's batchprodeast has 23 pools, so with pages of 2 and a latency per
    // request eleven more pages are still to come when the simulator stops or starts failing.
    const MID_LOAD = /\/batchAccounts\/batchprodeast\/pools$/;
    it('export-inventory exits 2 naming the failed categories when the simulator is killed mid-load', async () => {
      const sim = await simulator({ latencyMs: 150, pageSize: 2 });
      const file = join(dir, 'killed.json');
      const r = await run(servicePrincipal(sim), ['export-inventory', '--output', file, '--timeout', '120'], {
        killAfterMs: 100_000,
        onSpawn: () => {
          void whenRequested(sim, MID_LOAD).then(() => sim.stop());
        },
      });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /The inventory is incomplete: .+ failed to load/);
      assert.match(r.stderr, /could not load [a-zA-Z]+ of subscription/);
    });

    it('check with live loading exits 2 when 500s fail categories the rules need; --allow-partial says what was skipped', async () => {
      const sim = await simulator({ latencyMs: 50, pageSize: 2 });
      const start = (): void => {
        sim.setFaults('');
        void whenRequested(sim, MID_LOAD).then(() => sim.setFaults('500:1'));
      };
      sim.clearRequestLog();
      const strict = await run(servicePrincipal(sim), ['check', 'region-mismatch.pool.json', '--account', east], { onSpawn: start });
      assert.equal(strict.status, 2, strict.stderr);
      assert.match(strict.stderr, /the inventory could not load [a-zA-Z]+ of subscription .*rules skipped: /);
      assert.match(strict.stderr, /--allow-partial/);

      sim.clearRequestLog();
      const partial = await run(servicePrincipal(sim), ['check', 'region-mismatch.pool.json', '--account', east, '--allow-partial', '--format', 'json'], { onSpawn: start });
      assert.notEqual(partial.status, 2, partial.stderr);
      const findings = JSON.parse(partial.stdout) as { code: string; message: string }[];
      const incomplete = findings.find((f) => f.code === 'inventory-incomplete');
      assert.ok(incomplete, partial.stdout);
      assert.match(incomplete.message, /these rules were skipped: .+\. Could not load: .+\(HTTP500|InternalServerError/);
    });
  });

  describe('item 9: throttling', () => {
    it('a Retry-After of 120 s is not waited for: exit 2 with "throttled by Azure Resource Manager, retry after 120 s"', async () => {
      const sim = await simulator({ faults: '429:1', retryAfterMs: 120_000 });
      const r = await run(servicePrincipal(sim), ['check', 'healthy-gallery.pool.json', '--account', east], { killAfterMs: 60_000 });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /throttled by Azure Resource Manager, retry after 120 s/);
      assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
    });
  });

  describe('item 10: sign-in failures say what failed', () => {
    let sim: SimulatorHandle;
    before(async () => {
      sim = await simulator();
    });
    const host = (): string => new URL(sim.url).host.replace(/\./g, '\\.');

    it('a wrong tenant names the authority and the tenant', async () => {
      const r = await run({ ...servicePrincipal(sim), AZURE_TENANT_ID: '0badc0de-0000-4000-8000-000000000000' }, ['check', 'healthy-gallery.pool.json']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, new RegExp(`TenantNotFound: Cannot sign in: ${host()} does not know the tenant 0badc0de-0000-4000-8000-000000000000 \\(AADSTS90002`));
      assert.doesNotMatch(r.stderr, /endpoints_resolution_error/);
    });

    it('an authority that refuses connections', async () => {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
      const port = (closed.address() as { port: number }).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const r = await run({ ...servicePrincipal(sim), AZURE_AUTHORITY_HOST: `https://127.0.0.1:${port}` }, ['check', 'healthy-gallery.pool.json']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, new RegExp(`Cannot sign in: 127\\.0\\.0\\.1:${port} refused the connection \\(ECONNREFUSED\\)`));
    });

    it('an untrusted TLS certificate', async () => {
      const r = await run({ ...servicePrincipal(sim), NODE_EXTRA_CA_CERTS: undefined }, ['check', 'healthy-gallery.pool.json']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, new RegExp(`AuthorityCertificateUntrusted: Cannot sign in: the TLS certificate of ${host()} is not trusted \\([A-Z_]+: `));
      assert.match(r.stderr, /NODE_EXTRA_CA_CERTS/);
    });

    it('a token endpoint that resets connections', async () => {
      const resetting = await simulator({ faults: 'reset:1', faultTokenEndpoints: true });
      const r = await run(servicePrincipal(resetting), ['check', 'healthy-gallery.pool.json']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, new RegExp(`AuthorityConnectionReset: Cannot sign in: ${new URL(resetting.url).host.replace(/\./g, '\\.')} closed the connection during the [a-z]+ request \\(ECONNRESET\\)`));
    });
  });
});
