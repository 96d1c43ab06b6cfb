// scripts/install-code-server.sh run for real, with a fake `npm` first on PATH that lays out the
// files the script expects (instead of 80 s of native builds), so these tests exercise its locking,
// temporary folder and rename: two installs at once, leftovers of killed installs, a failing build.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/repoRoot';

const script = join(repoRoot(), 'scripts', 'install-code-server.sh');
const VERSION = '0.0.0-locktest';

/** Records each call as one line; `install … code-server@…` builds the tree the script finishes. */
const FAKE_NPM = `#!/usr/bin/env bash
set -euo pipefail
echo "$$ $* @ $PWD" >> "$FAKE_NPM_LOG"
if [ -n "\${FAKE_NPM_FAIL:-}" ]; then echo "fake npm: build failed" >&2; exit 1; fi
case " $* " in
  *" install "*code-server@*)
    sleep "\${FAKE_NPM_SECONDS:-0}"
    vs=node_modules/code-server/lib/vscode
    mkdir -p "$vs/bin/remote-cli" "$vs/bin/helpers" "$vs/extensions" "$vs/node_modules"
    printf '#!/bin/sh\\n' > "$vs/bin/remote-cli/code-linux.sh"
    printf '#!/bin/sh\\n' > "$vs/bin/helpers/browser-linux.sh"
    echo '{"name":"code-server"}' > node_modules/code-server/package.json
    ;;
esac
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('scripts/install-code-server.sh: installs that run at once are safe', () => {
  let scratch: string;
  let fakeBin: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'abi-install-'));
    fakeBin = join(scratch, 'bin');
    mkdirSync(fakeBin);
    writeFileSync(join(fakeBin, 'npm'), FAKE_NPM);
    writeFileSync(join(fakeBin, 'rg'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(fakeBin, 'npm'), 0o755);
    chmodSync(join(fakeBin, 'rg'), 0o755);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** A fresh cache folder and npm log for one scenario. */
  function scenario(name: string): { cache: string; log: string } {
    const cache = join(scratch, name, 'cache');
    mkdirSync(cache, { recursive: true });
    return { cache, log: join(scratch, name, 'npm.log') };
  }

  function install(cache: string, log: string, env: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', [script], {
        env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ''}`, ABI_CACHE_DIR: cache, CS_VERSION: VERSION, FAKE_NPM_LOG: log, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  const lastLine = (text: string) => text.trim().split('\n').pop();
  const npmCalls = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  const builds = (log: string) => npmCalls(log).filter((l) => / install .*code-server@/.test(l));
  /** Everything in the cache folder but the finished install and the lock file. */
  const leftovers = (cache: string) => readdirSync(cache).filter((n) => n !== `code-server-${VERSION}` && n !== `.code-server-${VERSION}.lock`);

  it('two installs started together: one builds, the other waits and uses the same folder', async () => {
    const { cache, log } = scenario('together');
    const [a, b] = await Promise.all([install(cache, log, { FAKE_NPM_SECONDS: '2' }), install(cache, log, { FAKE_NPM_SECONDS: '2' })]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const dest = join(cache, `code-server-${VERSION}`);
    assert.equal(lastLine(a.stdout), dest);
    assert.equal(lastLine(b.stdout), dest);
    assert.equal(builds(log).length, 1, `code-server was built more than once:\n${npmCalls(log).join('\n')}`);
    assert.equal([a, b].filter((r) => /waiting for another install/.test(r.stderr)).length, 1, 'exactly one install waited for the lock');
    assert.ok(existsSync(join(dest, '.complete')));
    assert.ok(existsSync(join(dest, 'node_modules/code-server/lib/vscode/bin/remote-cli/code-server')), 'the steps after npm ran in the folder');
    // The build happened in a temporary folder, never in the install folder itself.
    assert.ok(npmCalls(log).every((l) => l.includes(`/.code-server-${VERSION}.tmp.`)), npmCalls(log).join('\n'));
    assert.deepEqual(leftovers(cache), []);
  });

  it('a finished install is used as it is: never deleted, rebuilt or renamed', async () => {
    const { cache, log } = scenario('finished');
    assert.equal((await install(cache, log)).code, 0);
    const dest = join(cache, `code-server-${VERSION}`);
    const marker = join(dest, 'in-use-by-a-running-test');
    writeFileSync(marker, 'x');
    const inode = statSync(dest).ino;
    const again = await Promise.all([install(cache, log), install(cache, log)]);
    for (const r of again) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(lastLine(r.stdout), dest);
    }
    assert.equal(statSync(dest).ino, inode);
    assert.ok(existsSync(marker));
    assert.equal(builds(log).length, 1);
  });

  it('replaces the remains of an interrupted install and removes temporary folders of killed ones', async () => {
    const { cache, log } = scenario('remains');
    const dest = join(cache, `code-server-${VERSION}`);
    mkdirSync(join(dest, 'node_modules'), { recursive: true });
    writeFileSync(join(dest, 'half-written'), 'x');
    mkdirSync(join(cache, `.code-server-${VERSION}.tmp.killed1`, 'node_modules'), { recursive: true });
    mkdirSync(join(cache, 'code-server-9.9.9'), { recursive: true }); // another version's install is not ours to touch
    const r = await install(cache, log);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(dest, '.complete')));
    assert.ok(!existsSync(join(dest, 'half-written')));
    assert.deepEqual(leftovers(cache), ['code-server-9.9.9']);
  });

  it('a failed build leaves no install folder and no temporary folder, and says so', async () => {
    const { cache, log } = scenario('failed');
    const r = await install(cache, log, { FAKE_NPM_FAIL: '1' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /fake npm: build failed/);
    assert.ok(!existsSync(join(cache, `code-server-${VERSION}`)));
    assert.deepEqual(leftovers(cache), []);
    // The next install builds normally.
    const next = await install(cache, log);
    assert.equal(next.code, 0, next.stderr);
    assert.ok(existsSync(join(cache, `code-server-${VERSION}`, '.complete')));
  });
});
