// The bundled bootstrap, run as a real process: exit codes and output streams.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { repoRoot } from '../helpers/repoRoot';
import { dataPlanePool, doc } from '../helpers/poolDocs';

describe('cli: bin.ts as a process', () => {
  let dir: string;
  let cli: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'batch-images-cli-'));
    cli = join(dir, 'cli.js');
    await esbuild.build({
      entryPoints: [join(repoRoot(), 'src', 'cli', 'bin.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      outfile: cli,
      logLevel: 'error',
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const exec = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });

  it('exits 2 on usage errors, 1 on errors, 0 on a clean file', () => {
    const usage = exec('check');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /No files to check/);
    writeFileSync(join(dir, 'bad.pool.json'), doc(dataPlanePool({ sku: null })));
    const bad = exec('check', 'bad.pool.json');
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /^bad\.pool\.json:\d+:\d+ error node-agent-sku-missing /m);
    writeFileSync(join(dir, 'market.pool.json'), doc(dataPlanePool({ imageId: null })));
    const clean = exec('check', 'market.pool.json', '--format', 'json');
    assert.equal(clean.status, 0, clean.stderr);
    assert.deepEqual(JSON.parse(clean.stdout).map((f: { code: string }) => f.code), ['account-not-selected']);
  });
});
