// Bootstrap for dist/cli.js: wires main() to the process. With a service principal in the
// environment the inventory comes live from Azure; otherwise from --inventory FILE, or none
// (local checks only).
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
  loadInventory: live ? (request) => loadLiveInventory(process.env, request, (message) => process.stderr.write(`batch-images: warning: ${message}\n`)) : undefined,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`batch-images: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
