// The CLI speaks the user's language: --locale, else LC_ALL / LC_MESSAGES / LANG, reading the
// bundles the package ships in l10n/ beside dist/ (the layout of the .vsix and of an npm install).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { chooseLocale, normaliseLocale } from '../../../src/cli/locale';
import { repoRoot } from '../helpers/repoRoot';
import { dataPlanePool, doc } from '../helpers/poolDocs';

describe('cli: locale choice', () => {
  it('normalises POSIX locale names and ignores C / POSIX', () => {
    assert.equal(normaliseLocale('tr_TR.UTF-8'), 'tr-tr');
    assert.equal(normaliseLocale('tr_TR.UTF-8@euro'), 'tr-tr');
    assert.equal(normaliseLocale('tr'), 'tr');
    assert.equal(normaliseLocale('C.UTF-8'), undefined);
    assert.equal(normaliseLocale('POSIX'), undefined);
    assert.equal(normaliseLocale(''), undefined);
  });

  it('takes --locale first, then LC_ALL, LC_MESSAGES, LANG; removes the option from the arguments', () => {
    assert.deepEqual(chooseLocale(['check', '--locale', 'tr', 'a.json'], { LANG: 'en_US.UTF-8' }), { locale: 'tr', argv: ['check', 'a.json'], missingValue: false });
    assert.deepEqual(chooseLocale(['--locale=en', 'check'], { LC_ALL: 'tr_TR.UTF-8' }), { locale: 'en', argv: ['check'], missingValue: false });
    assert.equal(chooseLocale(['check'], { LC_ALL: 'tr_TR.UTF-8', LANG: 'en_US.UTF-8' }).locale, 'tr-tr');
    assert.equal(chooseLocale(['check'], { LC_ALL: '', LC_MESSAGES: 'tr_TR', LANG: 'en_US' }).locale, 'tr-tr');
    assert.equal(chooseLocale(['check'], { LANG: 'tr_TR.UTF-8' }).locale, 'tr-tr');
    assert.equal(chooseLocale(['check'], {}).locale, undefined);
    assert.equal(chooseLocale(['check', '--locale'], {}).missingValue, true);
    assert.deepEqual(chooseLocale(['check', '--', '--locale', 'x'], {}).argv, ['check', '--', '--locale', 'x']);
  });
});

describe('cli: Turkish output as a process', () => {
  let dir: string;
  let cli: string;
  before(async () => {
    // The package layout: dist/cli.js with the bundles in l10n/ beside dist/.
    dir = mkdtempSync(join(tmpdir(), 'batch-images-locale-'));
    mkdirSync(join(dir, 'dist'));
    cli = join(dir, 'dist', 'cli.js');
    cpSync(join(repoRoot(), 'l10n'), join(dir, 'l10n'), { recursive: true });
    await esbuild.build({
      entryPoints: [join(repoRoot(), 'src', 'cli', 'bin.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      outfile: cli,
      logLevel: 'error',
    });
    writeFileSync(join(dir, 'bad.pool.json'), doc(dataPlanePool({ sku: null })));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const neutral = { LC_ALL: '', LC_MESSAGES: '', LANG: '' };
  const exec = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, ...neutral, ...env } });

  it('--locale tr prints usage errors, help and rule messages in Turkish', () => {
    const usage = exec({}, 'check', '--locale', 'tr');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /Denetlenecek dosya yok: bir veya daha fazla havuz JSON dosyası verin\./);
    assert.match(usage.stderr, /Kullanım: batch-images check/);

    const bad = exec({}, '--locale=tr', 'check', 'bad.pool.json');
    assert.equal(bad.status, 1, bad.stderr);
    // Rule code and severity stay as they are (tools parse them); the message is Turkish.
    assert.match(bad.stdout, /^bad\.pool\.json:\d+:\d+ error node-agent-sku-missing .*virtualMachineConfiguration içinde nodeAgentSKUId ayarlamıyor/m);
  });

  it('follows LANG=tr_TR.UTF-8, and LC_ALL overrides LANG', () => {
    const tr = exec({ LANG: 'tr_TR.UTF-8' }, 'check', 'bad.pool.json');
    assert.equal(tr.status, 1, tr.stderr);
    assert.match(tr.stdout, /düğüm aracısı SKU'suna ihtiyacı var/);

    const en = exec({ LANG: 'tr_TR.UTF-8', LC_ALL: 'en_US.UTF-8' }, 'check', 'bad.pool.json');
    assert.match(en.stdout, /Batch needs the node agent SKU that matches the image's operating system/);
    const option = exec({ LANG: 'tr_TR.UTF-8' }, '--locale', 'en', 'check', 'bad.pool.json');
    assert.match(option.stdout, /Batch needs the node agent SKU/);
  });

  it('stays English for a language it has no bundle for, and rejects --locale without a value', () => {
    const fr = exec({ LANG: 'fr_FR.UTF-8' }, 'check');
    assert.match(fr.stderr, /No files to check/);
    const missing = exec({}, 'check', '--locale');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Option --locale needs a value\./);
  });
});
