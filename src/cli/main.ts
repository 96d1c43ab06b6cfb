// `batch-images check`: the command-line checker. `main` is pure of process globals so tests can
// drive it; bin.ts wires it to process.argv / stdout / exit.
import * as l10n from '@vscode/l10n';
import { deserializeInventorySnapshot, emptyInventorySnapshot, indexInventory, InventoryFormatError, serializeInventorySnapshot, type InventorySnapshot } from '../model';
import { parseArgs, usage, type CheckOptions } from './args';
import { checkFiles, isBatchAccountId } from './check';
import { formatJson, formatText, reachesSeverity } from './report';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** Only export-inventory writes; absent in tests that never export. */
  writeFile?(path: string, text: string): Promise<void>;
}

export interface LiveInventoryRequest {
  /** The --account id, when given: the loader may restrict itself to what that account needs. */
  accountId?: string;
}

export interface CliDeps {
  /**
   * Seam for live Azure loading (implemented by the access layer / inventory): returns an
   * inventory snapshot of the signed-in subscriptions. Used when no --inventory file is given.
   * Without it, and without --inventory, the check runs against an empty inventory.
   */
  loadInventory?: (request: LiveInventoryRequest) => Promise<InventorySnapshot>;
  /** Clock, for deterministic tests. */
  now?: () => Date;
  version?: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

function usageError(io: CliIo, message: string): number {
  io.stderr(`batch-images: ${message}\n\n${usage()}\n`);
  return EXIT_USAGE;
}

async function loadSnapshot(options: CheckOptions, io: CliIo, deps: CliDeps): Promise<InventorySnapshot | string> {
  if (options.inventory) {
    let text: string;
    try {
      text = await io.readFile(options.inventory);
    } catch (e) {
      return l10n.t('Cannot read the inventory file {0}: {1}', options.inventory, (e as Error).message);
    }
    try {
      return deserializeInventorySnapshot(text);
    } catch (e) {
      if (e instanceof InventoryFormatError) return l10n.t('Invalid inventory file {0}: {1}', options.inventory, e.message);
      throw e;
    }
  }
  if (deps.loadInventory) {
    try {
      return await deps.loadInventory({ accountId: options.account });
    } catch (e) {
      return l10n.t('Cannot load the inventory from Azure: {0}', (e as Error).message);
    }
  }
  if (options.account) {
    return l10n.t('--account needs an inventory: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET to load it from Azure, or pass --inventory FILE.');
  }
  return emptyInventorySnapshot();
}

/** Runs the CLI. `argv` are the arguments after the program name (process.argv.slice(2)). Returns the exit code. */
export async function main(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.command === 'help') {
    io.stdout(`${usage()}\n`);
    return EXIT_OK;
  }
  if (parsed.command === 'version') {
    io.stdout(`${deps.version ?? 'unknown'}\n`);
    return EXIT_OK;
  }
  if (parsed.command === 'usageError') return usageError(io, parsed.message);
  if (parsed.command === 'exportInventory') return exportInventory(parsed.output, io, deps);

  if (parsed.account !== undefined && !isBatchAccountId(parsed.account)) {
    return usageError(io, l10n.t('--account must be a Batch account resource id (/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Batch/batchAccounts/{name}), not "{0}".', parsed.account));
  }
  const snapshot = await loadSnapshot(parsed, io, deps);
  if (typeof snapshot === 'string') {
    io.stderr(`batch-images: ${snapshot}\n`);
    return EXIT_USAGE;
  }
  const inventory = indexInventory(snapshot);
  const account = parsed.account ? inventory.account(parsed.account) : undefined;
  if (parsed.account && !account) {
    io.stderr(l10n.t('batch-images: The Batch account {0} is not in the inventory.\n', parsed.account));
    return EXIT_USAGE;
  }

  const files: { file: string; text: string }[] = [];
  const unreadable: string[] = [];
  for (const file of parsed.files) {
    try {
      // Editors do not count a byte order mark as a column; neither do we.
      files.push({ file, text: (await io.readFile(file)).replace(/^\uFEFF/, '') });
    } catch (e) {
      unreadable.push(l10n.t('Cannot read {0}: {1}', file, (e as Error).message));
    }
  }
  for (const message of unreadable) io.stderr(`batch-images: ${message}\n`);

  const result = checkFiles({ files, inventory, account, now: deps.now?.() ?? new Date(), options: { overrides: parsed.overrides } });
  if (parsed.format === 'json') {
    io.stdout(`${formatJson(result.findings)}\n`);
  } else {
    const text = formatText(result.findings);
    if (text) io.stdout(`${text}\n`);
    for (const f of result.filesWithoutPools) io.stderr(l10n.t('batch-images: {0}: no pool definition found.\n', f));
  }
  if (unreadable.length > 0) return EXIT_USAGE;
  return reachesSeverity(result.findings, parsed.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

/** `export-inventory`: the live inventory as JSON, for `check --inventory` where no credentials are. */
async function exportInventory(output: string | undefined, io: CliIo, deps: CliDeps): Promise<number> {
  if (!deps.loadInventory) {
    io.stderr(l10n.t('batch-images: export-inventory needs a service principal: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.\n'));
    return EXIT_USAGE;
  }
  let snapshot: InventorySnapshot;
  try {
    snapshot = await deps.loadInventory({});
  } catch (e) {
    io.stderr(l10n.t('batch-images: Cannot load the inventory from Azure: {0}\n', (e as Error).message));
    return EXIT_USAGE;
  }
  const text = `${serializeInventorySnapshot(snapshot)}\n`;
  if (!output) {
    io.stdout(text);
    return EXIT_OK;
  }
  if (!io.writeFile) throw new Error(l10n.t('export-inventory --output needs a writable file system'));
  try {
    await io.writeFile(output, text);
  } catch (e) {
    io.stderr(l10n.t('batch-images: Cannot write {0}: {1}\n', output, (e as Error).message));
    return EXIT_USAGE;
  }
  io.stderr(l10n.t('batch-images: wrote {0} images, {1} gallery versions, {2} accounts and {3} pools to {4}\n', snapshot.images.length, snapshot.galleryImageVersions.length, snapshot.batchAccounts.length, snapshot.pools.length, output));
  return EXIT_OK;
}
