// Bootstrap for dist/cli.js: wires main() to the process. With a service principal in the
// environment the inventory comes live from Azure; otherwise from --inventory FILE, or none
// (local checks only).
import * as l10n from '@vscode/l10n';
import { readFile, writeFile } from 'node:fs/promises';
import { connectionOptionsFromEnv } from '../azure/connection';
import { loadLiveInventory } from './liveInventory';
import { main } from './main';

const live = connectionOptionsFromEnv(process.env).ok;

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
}, {
  loadInventory: live ? (request) => loadLiveInventory(process.env, request, (message) => process.stderr.write(l10n.t('batch-images: warning: {0}\n', message))) : undefined,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(l10n.t('batch-images: unexpected error: {0}\n', error instanceof Error ? (error.stack ?? error.message) : String(error)));
    process.exitCode = 2;
  },
);
