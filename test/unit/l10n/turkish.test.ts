// The Turkish translation is complete: every key of the English bundle and of package.nls.json
// has a Turkish text with the same placeholders, and nothing stale is left behind.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/repoRoot';

type Texts = Record<string, string | { message: string }>;

function read(...path: string[]): Texts {
  return JSON.parse(readFileSync(join(repoRoot(), ...path), 'utf8')) as Texts;
}

const text = (v: string | { message: string }) => (typeof v === 'string' ? v : v.message);
/** `{0}`, `$(icon)` and `%key%`-free tokens that must survive translation unchanged. */
const tokens = (s: string) => [...s.matchAll(/\{\d+\}|\$\([a-z~-]+\)|command:[A-Za-z.]+/g)].map((m) => m[0]).sort();

function compare(english: Texts, turkish: Texts, name: string): void {
  const missing = Object.keys(english).filter((k) => !(k in turkish));
  const stale = Object.keys(turkish).filter((k) => !(k in english));
  assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, `${name}: Turkish keys differ from the English ones`);
  const broken = Object.keys(english).filter((k) => {
    const tr = text(turkish[k]);
    return tr.trim() === '' || tokens(text(english[k])).join() !== tokens(tr).join();
  });
  assert.deepEqual(broken, [], `${name}: Turkish texts that are empty or lost/added a placeholder`);
}

describe('l10n: Turkish', () => {
  it('l10n/bundle.l10n.tr.json has every runtime string of the English bundle', () => {
    compare(read('l10n', 'bundle.l10n.json'), read('l10n', 'bundle.l10n.tr.json'), 'bundle.l10n.tr.json');
  });

  it('package.nls.tr.json has every manifest string of package.nls.json', () => {
    compare(read('package.nls.json'), read('package.nls.tr.json'), 'package.nls.tr.json');
  });

  it('the comparison fails on a missing key and on a lost placeholder', () => {
    assert.throws(() => compare({ 'Pool {0}': 'Pool {0}', Retry: 'Retry' }, { 'Pool {0}': 'Havuz {0}' }, 'sample'), /missing/);
    assert.throws(() => compare({ 'Pool {0}': 'Pool {0}' }, { 'Pool {0}': 'Havuz' }, 'sample'), /placeholder/);
    assert.doesNotThrow(() => compare({ 'Pool {0}': 'Pool {0}' }, { 'Pool {0}': 'Havuz {0}' }, 'sample'));
  });

  it('is really Turkish, not a copy of the English text', () => {
    const english = read('l10n', 'bundle.l10n.json');
    const turkish = read('l10n', 'bundle.l10n.tr.json');
    const prose = Object.keys(english).filter((k) => k.split(' ').length >= 4);
    const copied = prose.filter((k) => text(turkish[k]) === k);
    assert.deepEqual(copied, []);
  });
});
