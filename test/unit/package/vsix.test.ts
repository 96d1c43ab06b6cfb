// `npm run package` for real, then the .vsix read back: the manifest a Marketplace page is built
// from, the README's pictures, the walkthrough's media and the translations are all inside, and
// vsce printed no warning.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers/repoRoot';
import { readZip } from '../helpers/zip';

const root = repoRoot();
const source = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; repository: { url: string } };
/** Where vsce points relative README links: the repository's files on GitHub at HEAD. */
const rewrittenBase = `${source.repository.url.replace(/\.git$/, '')}/raw/HEAD/`;

interface Manifest {
  version: string;
  preview?: boolean;
  galleryBanner?: { color?: string; theme?: string };
  bugs?: { url?: string };
  homepage?: string;
  categories: string[];
  activationEvents: string[];
  icon: string;
  contributes: { walkthroughs?: { id: string; steps: { id: string; media: { image?: string; markdown?: string } }[] }[] };
}

describe('the packaged .vsix (npm run package)', () => {
  let output = '';
  let files: Map<string, Buffer>;
  let manifest: Manifest;

  before(() => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    output = `${run.stdout}${run.stderr}`;
    assert.equal(run.status, 0, output);
    const vsix = join(root, `${source.name}-${source.version}.vsix`);
    files = readZip(vsix);
    manifest = JSON.parse(files.get('extension/package.json')?.toString('utf8') ?? '{}') as Manifest;
  });

  it('was made without a warning from vsce', () => {
    assert.doesNotMatch(output, /warning/i);
    assert.match(output, /package: \S+\.vsix/);
  });

  it('carries the Marketplace manifest fields', () => {
    assert.match(manifest.version, /^0\.\d+\.\d+$/);
    assert.equal(manifest.version, '0.2.0');
    assert.equal(manifest.preview, true, 'a 0.x extension is marked as a preview');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(manifest.galleryBanner?.theme === 'dark' || manifest.galleryBanner?.theme === 'light');
    assert.match(manifest.bugs?.url ?? '', /^https:\/\/github\.com\/.+\/issues$/);
    assert.match(manifest.homepage ?? '', /^https:\/\//);
    assert.ok(manifest.categories.length > 0 && !manifest.categories.includes('Other'), `categories: ${manifest.categories.join(', ')}`);
    assert.deepEqual(manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:')), []);
    assert.ok(files.has(`extension/${manifest.icon}`), 'the icon');
  });

  it('holds every picture the README shows, at the path its rewritten link names', () => {
    const readme = files.get('extension/readme.md')?.toString('utf8') ?? '';
    const links = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g), ...readme.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(links.length >= 4, `the README shows a picture per main flow (found ${links.length})`);
    for (const link of links) {
      assert.ok(link.startsWith(rewrittenBase), `${link} is not under ${rewrittenBase} (vsce rewrites relative links there)`);
      const path = link.slice(rewrittenBase.length);
      assert.ok(files.has(`extension/${path}`), `${path} is not in the package`);
      assert.ok(existsSync(join(root, path)), `${path} is not in the repository either`);
    }
  });

  it('holds the walkthrough media, the schemas and every translation', () => {
    for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
      for (const step of walkthrough.steps) {
        const media = step.media.image ?? step.media.markdown ?? '';
        assert.ok(files.has(`extension/${media}`), `${step.id}: ${media}`);
      }
    }
    assert.ok((manifest.contributes.walkthroughs ?? []).length > 0);
    for (const name of readdirSync(root).filter((n) => /^package\.nls(\.[\w-]+)?\.json$/.test(n))) assert.ok(files.has(`extension/${name}`), name);
    const l10n = join(root, 'l10n');
    if (existsSync(l10n)) for (const name of readdirSync(l10n)) assert.ok(files.has(`extension/l10n/${name}`), `l10n/${name}`);
    for (const name of readdirSync(join(root, 'schemas'))) assert.ok(files.has(`extension/schemas/${name}`), `schemas/${name}`);
  });

  it('ships only what runs: no sources, tests, maps or node_modules', () => {
    const shipped = [...files.keys()].filter((n) => n.startsWith('extension/'));
    assert.deepEqual(shipped.filter((n) => /\/(src|test|out|scripts|node_modules)\/|\.map$|\.ts$/.test(n)), []);
  });

  it('has a .vscodeignore whose every kept pattern names something that exists', () => {
    const patterns = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const all = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        if (n === 'node_modules' || n === '.git' || n === 'out') return [];
        const p = join(dir, n);
        return statSync(p).isDirectory() ? all(p) : [relative(root, p)];
      });
    const repoFiles = all(root);
    for (const pattern of patterns) {
      const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\/\*\*$/, '/.+').replace(/\*/g, '[^/]*')}$`);
      assert.ok(repoFiles.some((f) => regex.test(f)), `.vscodeignore keeps ${pattern}, which matches nothing`);
    }
  });
});
