// `batch-images check`: the command-line checker. `main` is pure of process globals so tests can
// drive it; bin.ts wires it to process.argv / stdout / exit.
import * as l10n from '@vscode/l10n';
import { deserializeInventorySnapshot, emptyInventorySnapshot, indexInventory, InventoryFormatError, serializeInventorySnapshot, type InventorySnapshot } from '../model';
import { parseArgs, STDIN, usage, type CheckOptions, type ExportOptions, type InventorySourceOption } from './args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exitCodes';
import { migrationReport } from './migrationReport';
import { checkFiles, isBatchAccountId } from './check';
import { decodeText } from './decode';
import { describeLoadError, incompleteInventory, incompleteMessage, relevantErrors, type IncompleteInventory } from './partial';
import { formatJson, formatText, reachesSeverity, type ReportedFinding } from './report';
import { escapeControls, shortenMessage, shown } from './safeText';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The file's bytes (decoded here: UTF-8 or UTF-16 with a byte order mark), or text already decoded. */
  readFile(path: string): Promise<string | Uint8Array>;
  /** Standard input, for the file name `-`; absent where there is none. */
  readStdin?(): Promise<string | Uint8Array>;
  /** Only export-inventory writes; absent in tests that never export. */
  writeFile?(path: string, text: string): Promise<void>;
}

export interface LiveInventoryRequest {
  /** The --account id, when given: the loader may restrict itself to what that account needs. */
  accountId?: string;
  /** Aborted at the --timeout deadline: every request still open (token requests too) is cancelled. */
  signal: AbortSignal;
  /** The --timeout, for the loader's own deadline and its messages. */
  timeoutSeconds: number;
  /**
   * Whose supported images (node agent SKUs, one Batch data-plane read per account) to read:
   * the --account of a check, every account for an export. None when absent.
   */
  supportedImagesOf?: readonly string[] | 'all';
  /**
   * Whose resource provider registrations to read (one request per subscription; a load no
   * longer reads them): every subscription for a check with --account (the rules judge images
   * shared from other subscriptions) and for an export. None when absent.
   */
  providersOf?: readonly string[] | 'all';
  /** --source: Azure Resource Graph where it serves (auto) or Resource Manager lists only. */
  source: InventorySourceOption;
}

export interface CliDeps {
  /**
   * Seam for live Azure loading (implemented by the access layer / inventory): returns an
   * inventory snapshot of the signed-in subscriptions, failed categories recorded in `errors`.
   * Used when no --inventory file is given. Without it, and without --inventory, the check runs
   * against an empty inventory.
   */
  loadInventory?: (request: LiveInventoryRequest) => Promise<InventorySnapshot>;
  /** Clock, for deterministic tests. */
  now?: () => Date;
  version?: string;
}

export { EXIT_OK, EXIT_FINDINGS, EXIT_USAGE };

/** The checker's own code for "rules were skipped because the inventory is incomplete". */
export const INVENTORY_INCOMPLETE = 'inventory-incomplete';

/** Every message goes out escaped and shortened: it may echo a file name, an id or Azure's text. */
function error(io: CliIo, message: string): void {
  io.stderr(`batch-images: ${escapeControls(shortenMessage(message))}\n`);
}

function warn(io: CliIo, message: string): void {
  io.stderr(`batch-images: ${l10n.t('warning')}: ${escapeControls(shortenMessage(message))}\n`);
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`batch-images: ${escapeControls(shortenMessage(message))}\n\n${usage()}\n`);
  return EXIT_USAGE;
}

/** Reads a file (or standard input for `-`) as text; a message on failure. Warnings go to stderr. */
async function readText(io: CliIo, path: string): Promise<{ text: string } | { message: string }> {
  const name = displayName(path);
  let raw: string | Uint8Array;
  try {
    if (path === STDIN) {
      if (!io.readStdin) return { message: l10n.t('Cannot read standard input here.') };
      raw = await io.readStdin();
    } else {
      raw = await io.readFile(path);
    }
  } catch (e) {
    return { message: l10n.t('Cannot read {0}: {1}', shown(name), (e as Error).message) };
  }
  const decoded = decodeText(raw);
  if (!decoded.ok) return { message: l10n.t('Cannot read {0}: {1}.', shown(name), decoded.message) };
  if (decoded.warning) warn(io, `${shown(name)}: ${decoded.warning}`);
  return { text: decoded.text };
}

function displayName(path: string): string {
  return path === STDIN ? l10n.t('<standard input>') : path;
}

/** Stops waiting at the deadline: resolves to 'deadline' when `signal` aborts first. */
function untilDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T | 'deadline'> {
  if (signal.aborted) return Promise.resolve('deadline');
  return new Promise<T | 'deadline'>((resolve, reject) => {
    const onAbort = (): void => resolve('deadline');
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

interface Deadline {
  signal: AbortSignal;
  dispose(): void;
}

function startDeadline(seconds: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('deadline')), seconds * 1000); // l10n-ignore: an abort reason, never printed
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

function deadlineMessage(seconds: number): string {
  return l10n.t('DeadlineExceeded: loading the inventory from Azure did not finish within {0} s (--timeout); every request was cancelled.', seconds);
}

type LoadedSnapshot = { snapshot: InventorySnapshot; source: 'file' | 'live' | 'none' } | { message: string };

async function loadSnapshot(options: Pick<CheckOptions, 'inventory' | 'account' | 'timeoutSeconds' | 'source'>, io: CliIo, deps: CliDeps, deadline: Deadline): Promise<LoadedSnapshot> {
  if (options.inventory !== undefined) {
    const read = await readText(io, options.inventory);
    if ('message' in read) return { message: l10n.t('Cannot read the inventory file: {0}', read.message) };
    try {
      return { snapshot: deserializeInventorySnapshot(read.text), source: 'file' };
    } catch (e) {
      if (e instanceof InventoryFormatError) return { message: l10n.t('Invalid inventory file {0}: {1}', shown(displayName(options.inventory)), e.message) };
      throw e;
    }
  }
  if (deps.loadInventory) {
    try {
      const loaded = await untilDeadline(deps.loadInventory({ accountId: options.account, signal: deadline.signal, timeoutSeconds: options.timeoutSeconds, supportedImagesOf: options.account ? [options.account] : undefined, providersOf: options.account ? 'all' : undefined, source: options.source }), deadline.signal);
      if (loaded === 'deadline') return { message: deadlineMessage(options.timeoutSeconds) };
      return { snapshot: loaded, source: 'live' };
    } catch (e) {
      return { message: l10n.t('Cannot load the inventory from Azure: {0}', (e as Error).message) };
    }
  }
  if (options.account) {
    return { message: l10n.t('--account needs an inventory: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET to load it from Azure, or pass --inventory FILE.') };
  }
  return { snapshot: emptyInventorySnapshot(), source: 'none' };
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
  const deadline = startDeadline(parsed.timeoutSeconds);
  try {
    if (parsed.command === 'exportInventory') return await exportInventory(parsed, io, deps, deadline);
    if (parsed.command === 'report') {
      return await migrationReport(parsed, io, deps, async () => {
        const loaded = await loadSnapshot(parsed, io, deps, deadline);
        return 'message' in loaded ? loaded.message : loaded.snapshot;
      });
    }
    return await check(parsed, io, deps, deadline);
  } finally {
    deadline.dispose();
  }
}

async function check(parsed: CheckOptions, io: CliIo, deps: CliDeps, deadline: Deadline): Promise<number> {
  if (parsed.account !== undefined && !isBatchAccountId(parsed.account)) {
    return usageError(io, l10n.t('--account must be a Batch account resource id (/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Batch/batchAccounts/{name}), not "{0}".', shown(parsed.account)));
  }
  const loaded = await loadSnapshot(parsed, io, deps, deadline);
  if ('message' in loaded) {
    error(io, loaded.message);
    return EXIT_USAGE;
  }
  const { snapshot, source } = loaded;
  const inventory = indexInventory(snapshot);
  const account = parsed.account ? inventory.account(parsed.account) : undefined;
  if (parsed.account && !account) {
    error(io, l10n.t('The Batch account {0} is not in the inventory.', shown(parsed.account)));
    return EXIT_USAGE;
  }

  const files: { file: string; text: string }[] = [];
  let unreadable = 0;
  for (const file of parsed.files) {
    const read = await readText(io, file);
    if ('message' in read) {
      error(io, read.message);
      unreadable++;
    } else {
      files.push({ file: displayName(file), text: read.text });
    }
  }

  const ruleOptions = { overrides: parsed.overrides };
  const result = checkFiles({ files, inventory, account, now: deps.now?.() ?? new Date(), options: ruleOptions });
  const subscriptions = account ? new Set([account.subscriptionId.toLowerCase(), ...result.imageSubscriptions]) : undefined;
  const incomplete = incompleteInventory(relevantErrors(snapshot.errors, subscriptions), ruleOptions);
  const findings = incomplete.skippedRules.length > 0 ? withIncompleteFindings(result.findings, result.filesWithPools, incomplete) : result.findings;

  if (parsed.format === 'json') {
    io.stdout(`${formatJson(findings)}\n`);
  } else {
    const text = formatText(findings);
    if (text) io.stdout(`${text}\n`);
    for (const f of result.filesWithoutPools) error(io, l10n.t('{0}: no pool definition found.', f));
  }
  for (const e of incomplete.errors) {
    const rules = incomplete.skippedRules.length > 0 ? l10n.t('rules skipped: {0}', incomplete.skippedRules.join(', ')) : l10n.t('no enabled rule needs it');
    warn(io, l10n.t('the inventory could not load {0}; {1}', describeLoadError(e), rules));
  }
  if (unreadable > 0) return EXIT_USAGE;
  if (source === 'live' && incomplete.skippedRules.length > 0 && !parsed.allowPartial) {
    error(io, l10n.t('Some inventory categories failed to load, so the check is incomplete (exit 2). Retry, or pass --allow-partial to accept a partial check.'));
    return EXIT_USAGE;
  }
  return reachesSeverity(findings, parsed.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

/** One `inventory-incomplete` warning at the top of every file with pools, ahead of its findings. */
function withIncompleteFindings(findings: readonly ReportedFinding[], files: readonly string[], incomplete: IncompleteInventory): ReportedFinding[] {
  const message = incompleteMessage(incomplete);
  const out: ReportedFinding[] = [];
  const pending = new Set(files);
  for (const f of findings) {
    if (pending.delete(f.file)) out.push(incompleteFinding(f.file, message));
    out.push(f);
  }
  for (const file of files) if (pending.has(file)) out.push(incompleteFinding(file, message));
  return out;
}

function incompleteFinding(file: string, message: string): ReportedFinding {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', code: INVENTORY_INCOMPLETE, message };
}

/** `export-inventory`: the live inventory as JSON, for `check --inventory` where no credentials are. */
async function exportInventory(options: ExportOptions, io: CliIo, deps: CliDeps, deadline: Deadline): Promise<number> {
  const { output, allowPartial, timeoutSeconds } = options;
  if (!deps.loadInventory) {
    error(io, l10n.t('export-inventory needs a service principal: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.'));
    return EXIT_USAGE;
  }
  let snapshot: InventorySnapshot;
  try {
    const loaded = await untilDeadline(deps.loadInventory({ signal: deadline.signal, timeoutSeconds, supportedImagesOf: 'all', providersOf: 'all', source: options.source }), deadline.signal);
    if (loaded === 'deadline') {
      error(io, deadlineMessage(timeoutSeconds));
      return EXIT_USAGE;
    }
    snapshot = loaded;
  } catch (e) {
    error(io, l10n.t('Cannot load the inventory from Azure: {0}', (e as Error).message));
    return EXIT_USAGE;
  }
  const text = `${serializeInventorySnapshot(snapshot)}\n`;
  if (!output) {
    io.stdout(text);
  } else {
    if (!io.writeFile) throw new Error(l10n.t('export-inventory --output needs a writable file system'));
    try {
      await io.writeFile(output, text);
    } catch (e) {
      error(io, l10n.t('Cannot write {0}: {1}', shown(output), (e as Error).message));
      return EXIT_USAGE;
    }
    error(io, l10n.t('wrote {0} images, {1} gallery versions, {2} accounts and {3} pools to {4}', snapshot.images.length, snapshot.galleryImageVersions.length, snapshot.batchAccounts.length, snapshot.pools.length, shown(output)));
  }
  // The snapshot records its failures (a later check --inventory warns about them); a pipeline
  // must still learn here that what it saved is not the whole inventory.
  for (const e of snapshot.errors) warn(io, l10n.t('could not load {0}', describeLoadError(e)));
  if (snapshot.errors.length > 0 && !allowPartial) {
    const categories = [...new Set(snapshot.errors.map((e) => e.category))].join(', ');
    error(io, l10n.t('The inventory is incomplete: {0} failed to load (exit 2). Retry, or pass --allow-partial to accept it.', categories));
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
