// The CLI contract: one JSON line when ready, a CA usable through NODE_EXTRA_CA_CERTS by other
// processes, the control API, and a clean exit (code 0) on SIGTERM.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_IDENTITY, DEMO_SUBSCRIPTIONS } from '../../simulator/index';

const MAIN = join(__dirname, '..', '..', 'simulator', 'main.js');

interface Ready {
  url: string;
  caCertPath: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  subscriptionIds: string[];
}

describe('simulator CLI', () => {
  it('prints one JSON line, serves HTTPS trusted via NODE_EXTRA_CA_CERTS, and exits 0 on SIGTERM', async () => {
    const started = Date.now();
    const child = spawn(process.execPath, [MAIN, '--scenario', 'demo', '--port', '0', '--page-size', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const nl = out.indexOf('\n');
          if (nl >= 0) resolve(out.slice(0, nl));
        });
        child.on('exit', (code) => reject(new Error(`exited early (${String(code)}): ${stderr}`)));
      });
      console.log(`simulator CLI ready after ${Date.now() - started} ms`);
      const ready = JSON.parse(line) as Ready;
      assert.deepEqual(Object.keys(ready).sort(), ['caCertPath', 'clientId', 'clientSecret', 'subscriptionIds', 'tenantId', 'url']);
      assert.match(ready.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(ready.tenantId, DEMO_IDENTITY.tenantId);
      assert.equal(ready.clientSecret, DEMO_IDENTITY.clientSecret);
      assert.deepEqual(ready.subscriptionIds.sort(), Object.values(DEMO_SUBSCRIPTIONS).sort());
      assert.ok(existsSync(ready.caCertPath));
      // Another process trusts the CA through NODE_EXTRA_CA_CERTS only.
      const script = `require('https').get(process.argv[1], (r) => { let b=''; r.on('data', (d) => b += d); r.on('end', () => { console.log(r.statusCode, JSON.parse(b).issuer); }); }).on('error', (e) => { console.error(e.message); process.exit(3); });`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, `${ready.url}/${ready.tenantId}/v2.0/.well-known/openid-configuration`], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: ready.caCertPath },
      });
      assert.equal(stdout.trim(), `200 ${ready.url}/${ready.tenantId}/v2.0`);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
      assert.ok(!existsSync(ready.caCertPath), 'the temp dir with the keys is removed on stop');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects bad options with a message and a non-zero exit', async () => {
    const run = promisify(execFile);
    await assert.rejects(run(process.execPath, [MAIN, '--faults', '418:0.5']), (e: { code?: number; stderr?: string }) => e.code === 2 && /invalid fault/.test(String(e.stderr)));
    await assert.rejects(run(process.execPath, [MAIN, '--scenario', 'no-such-scenario']), (e: { code?: number; stderr?: string }) => e.code === 2 && /not found/.test(String(e.stderr)));
  });
});
