// Bootstrap for dist/cli.js: wires main() to the process. With a service principal in the
// environment the inventory comes live from Azure; otherwise from --inventory FILE, or none
// (local checks only). The language comes from --locale or LC_ALL / LC_MESSAGES / LANG.
import * as l10n from '@vscode/l10n';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectionOptionsFromEnv } from '../azure/connection';
import { usage } from './args';
import { loadLiveInventory } from './liveInventory';
import { chooseLocale, useLocale } from './locale';
import { EXIT_USAGE, main } from './main';

const live = connectionOptionsFromEnv(process.env).ok;
// dist/cli.js reads the bundles the extension ships in l10n/ (the package root, beside dist/).
const locale = chooseLocale(process.argv.slice(2), process.env);
useLocale(locale.locale, join(__dirname, '..', 'l10n'));

if (locale.missingValue) {
  process.stderr.write(`batch-images: ${l10n.t('Option {0} needs a value.', '--locale')}\n\n${usage()}\n`);
  process.exitCode = EXIT_USAGE;
} else {
  main(
    locale.argv,
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      readFile: (path) => readFile(path, 'utf8'),
      writeFile: (path, text) => writeFile(path, text, 'utf8'),
    },
    {
      loadInventory: live
        ? (request) => loadLiveInventory(process.env, request, (message) => process.stderr.write(l10n.t('batch-images: warning: {0}\n', message)))
        : undefined,
    },
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(l10n.t('batch-images: unexpected error: {0}\n', error instanceof Error ? (error.stack ?? error.message) : String(error)));
      process.exitCode = 2;
    },
  );
}
