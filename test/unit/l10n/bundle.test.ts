// l10n/bundle.l10n.json is generated from the sources by @vscode/l10n-dev (`npm run l10n`), never
// written by hand: this fails when a string was added, changed or removed without regenerating it.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getL10nJson } from '@vscode/l10n-dev';
import { repoRoot } from '../helpers/repoRoot';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

export function readBundle(locale?: string): Record<string, string> {
  const file = join(repoRoot(), 'l10n', locale ? `bundle.l10n.${locale}.json` : 'bundle.l10n.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

describe('l10n: the English bundle', () => {
  it('is what `npm run l10n` generates from src/ (run it after changing a string)', async () => {
    const files = tsFiles(join(repoRoot(), 'src')).map((path) => ({ extension: '.ts', contents: readFileSync(path, 'utf8') }));
    const generated = await getL10nJson(files);
    const committed = readBundle();
    const missing = Object.keys(generated).filter((k) => !(k in committed));
    const stale = Object.keys(committed).filter((k) => !(k in generated));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
    assert.deepEqual(committed, generated);
  });
});
