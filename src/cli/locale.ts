// The CLI's language: `--locale <tag>` first, then the POSIX variables in their order of
// precedence (LC_ALL, LC_MESSAGES, LANG). The messages come from the extension's own bundles
// (l10n/bundle.l10n.<locale>.json beside dist/), so the CLI and the editor say the same thing.
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface LocaleChoice {
  /** The locale asked for, normalised (`tr_TR.UTF-8` -> `tr-tr`), or undefined for English. */
  locale?: string;
  /** The arguments without `--locale`. */
  argv: string[];
  /** `--locale` came last, without a value. */
  missingValue: boolean;
}

/** `tr_TR.UTF-8@euro` -> `tr-tr`; `C`, `POSIX` and empty values mean "no preference". */
export function normaliseLocale(value: string | undefined): string | undefined {
  const tag = (value ?? '').split(/[.@]/)[0].trim().replace(/_/g, '-').toLowerCase();
  return tag === '' || tag === 'c' || tag === 'posix' ? undefined : tag;
}

export function chooseLocale(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LocaleChoice {
  const rest: string[] = [];
  let option: string | undefined;
  let missingValue = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--locale') {
      if (i + 1 >= argv.length) missingValue = true;
      else option = argv[++i];
    } else if (arg.startsWith('--locale=')) {
      option = arg.slice('--locale='.length);
    } else {
      rest.push(arg);
    }
  }
  // An empty LC_ALL or LC_MESSAGES does not override the next variable (POSIX).
  const fromEnv = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return { locale: normaliseLocale(option ?? fromEnv), argv: rest, missingValue };
}

/** The bundle file for a locale: the exact tag (`pt-br`), else its language (`tr-tr` -> `tr`). */
export function bundleFor(locale: string | undefined, l10nDir: string): string | undefined {
  if (!locale) return undefined;
  const language = locale.split('-')[0];
  for (const tag of [locale, language]) {
    if (tag === 'en') return undefined;
    const file = join(l10nDir, `bundle.l10n.${tag}.json`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Loads the bundle of `locale` for every l10n.t() that follows; English (no bundle) otherwise. */
export function useLocale(locale: string | undefined, l10nDir: string): void {
  const file = bundleFor(locale, l10nDir);
  if (file) l10n.config({ fsPath: file });
}
