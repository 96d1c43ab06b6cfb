// Bootstrap for dist/cli.js: wires main() to the process. With a service principal in the
// environment the inventory comes live from Azure; otherwise from --inventory FILE, or none
// (local checks only).
import * as l10n from '@vscode/l10n';
import { readFile, writeFile } from 'node:fs/promises';
import { connectionOptionsFromEnv } from '../azure/connection';
import { DEFAULT_TIMEOUT_SECONDS } from './args';
import { loadLiveInventory } from './liveInventory';
import { main } from './main';
import { quietBundledDeprecations } from './processWarnings';

quietBundledDeprecations(process);

const live = connectionOptionsFromEnv(process.env).ok;

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The last line of defence of the deadline: every request is cancelled at --timeout (main and the
 * loader see to it), and if anything still holds the process a few seconds later it exits anyway.
 * The timer is unref'd: it never keeps a finished run alive.
 */
function armWatchdog(argv: readonly string[]): void {
  const i = argv.findIndex((a) => a === '--timeout' || a.startsWith('--timeout='));
  const raw = i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  const seconds = raw !== undefined && Number(raw) > 0 ? Number(raw) : DEFAULT_TIMEOUT_SECONDS;
  const timer = setTimeout(() => {
    process.stderr.write(`batch-images: ${l10n.t('still running {0} s after the --timeout deadline; exiting.', 10)}\n`);
    process.exit(2);
  }, (seconds + 10) * 1000);
  timer.unref();
}

const argv = process.argv.slice(2);
armWatchdog(argv);

main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path),
  readStdin,
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
}, {
  loadInventory: live ? (request) => loadLiveInventory(process.env, request) : undefined,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(l10n.t('batch-images: unexpected error: {0}\n', error instanceof Error ? (error.stack ?? error.message) : String(error)));
    process.exitCode = 2;
  },
);
