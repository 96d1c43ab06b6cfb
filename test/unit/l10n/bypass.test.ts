// Every runtime string a user reads goes through vscode.l10n.t or @vscode/l10n: a scan of src/.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/repoRoot';
import { findBypasses } from './bypassScanner';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Test doubles that speak to the test author, not to a user. */
const NOT_USER_FACING = new Set(['src/ui/scriptedUserInput.ts']);

describe('l10n: no runtime string bypasses localisation', () => {
  it('finds the bypasses it is meant to find (the scan can fail)', () => {
    const sample = [
      "vscode.window.showInformationMessage('Pool created.');",
      "vscode.window.showErrorMessage(vscode.l10n.t('Failed: {0}', e), 'Show Log');",
      'vscode.window.withProgress({ title: `Creating ${name}`, cancellable: true }, run);',
      "ctx.ui().pickOne(items, { title: 'Pick one', placeHolder: vscode.l10n.t('Where') });",
      "const item = new vscode.TreeItem('Managed Images'); item.tooltip = 'Not loaded';",
      "findings.push({ code: 'x', severity: 'error', message: ok ? l10n.t('Fine') : 'Broken image' });",
      "io.stderr(`batch-images: cannot read ${file}\\n`);",
      "throw new Error('The pool has no id.');",
      "items.push({ label: `$(add) New gallery…` });",
      "throw new Error('internal'); // l10n-ignore: never shown",
    ].join('\n');
    const texts = findBypasses('sample.ts', sample).map((b) => b.text);
    assert.deepEqual(texts, [
      "'Pool created.'",
      "'Show Log'",
      '`Creating ${name}`',
      "'Pick one'",
      "'Managed Images'",
      "'Not loaded'",
      "'Broken image'",
      '`batch-images: cannot read ${file}\\n`',
      "'The pool has no id.'",
      '`$(add) New gallery…`',
    ]);
  });

  it('accepts localised text, names, codes and formatting without words', () => {
    const sample = [
      "vscode.window.showInformationMessage(vscode.l10n.t('Pool {0} created.', name));",
      "const items = [{ label: 'Linux', data: 'Linux' }, { label: `${a} · ${b}`, description: `${x} (${y})` }];",
      "io.stdout(`${formatText(findings)}\\n`); io.stderr(`batch-images: ${message}\\n`);",
      "item.description = describe([a, b]); item.tooltip = l10n.t('Region: {0}', r);",
      "const sizes = [{ label: 'Standard_LRS', description: `${n} GiB` }];",
      "items.push({ label: `$(add) ${l10n.t('New gallery…')}`, detail: `$(check) ${name}` });",
      "return new vscode.TreeItem('root'); // l10n-ignore: the invisible root",
    ].join('\n');
    assert.deepEqual(findBypasses('sample.ts', sample), []);
  });

  it('src/ has no user-facing literal outside l10n', () => {
    const root = repoRoot();
    const bypasses = tsFiles(join(root, 'src'))
      .map((path) => ({ path, rel: relative(root, path).replace(/\\/g, '/') }))
      .filter(({ rel }) => !NOT_USER_FACING.has(rel))
      .flatMap(({ path, rel }) => findBypasses(rel, readFileSync(path, 'utf8')));
    assert.deepEqual(
      bypasses.map((b) => `${b.file}:${b.line} ${b.where} ${b.text}`),
      [],
      'wrap these in vscode.l10n.t(...) (code that may import vscode) or l10n.t(...) from @vscode/l10n (pure code, CLI)',
    );
  });
});
