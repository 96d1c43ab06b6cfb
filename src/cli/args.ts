// Command-line parsing for `batch-images check`. Pure: argv in, options or a usage error out.
import * as l10n from '@vscode/l10n';
import { RULE_CODES, type RuleCode, type Severity } from '../rules';

export type OutputFormat = 'text' | 'json';
/** Where a live inventory comes from: the setting azureBatchImages.inventory.source, on the command line. */
export type InventorySourceOption = 'auto' | 'resourceManager';
export const DEFAULT_SOURCE: InventorySourceOption = 'auto';
export type FailOn = 'error' | 'warning';

export interface CheckOptions {
  command: 'check';
  files: string[];
  account?: string;
  inventory?: string;
  format: OutputFormat;
  failOn: FailOn;
  /** Per-code overrides from --rule code=off|error|warning|information|hint. */
  overrides: Partial<Record<RuleCode, Severity | 'off'>>;
  /** Seconds until everything (sign-in, loading) is stopped and the run exits 2. */
  timeoutSeconds: number;
  /** Check against an inventory with failed categories instead of exiting 2. */
  allowPartial: boolean;
  /** --source: Azure Resource Graph where it serves (auto) or Resource Manager lists only. */
  source: InventorySourceOption;
}

export interface ExportOptions {
  command: 'exportInventory';
  /** Where to write the snapshot; standard output when absent. */
  output?: string;
  timeoutSeconds: number;
  allowPartial: boolean;
  source: InventorySourceOption;
}

/** The deadline without --timeout: a CI step should fail, not hang. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** `-` as a file or --inventory: standard input. */
export const STDIN = '-';

export interface ReportOptions {
  command: 'report';
  format: 'md' | 'csv' | 'json';
  /** Only these subscriptions (bare guids); all the inventory holds when empty. */
  subscriptions: string[];
  failIfAny: boolean;
  inventory?: string;
  timeoutSeconds: number;
  source: InventorySourceOption;
}

export type ParsedArgs = CheckOptions | ExportOptions | ReportOptions | { command: 'help' } | { command: 'version' } | { command: 'usageError'; message: string };

/** The help text (a function: the locale is chosen after the module loads). */
export function usage(): string {
  return l10n.t('Usage: batch-images check <files...> [options]\n       batch-images export-inventory [--output <file>] [--timeout <seconds>] [--allow-partial] [--source auto|resourceManager]\n       batch-images report [--format md|csv|json] [--subscription <id>...] [--fail-if-any] [--inventory <file>] [--timeout <seconds>] [--source auto|resourceManager]\n\nChecks Azure Batch pool definitions (data-plane JSON, ARM pool resources, ARM templates)\nagainst the custom-image rules (docs/rules.md).\n\nOptions:\n  --account <resource id>   Batch account the pools target (enables region, subscription and SKU rules)\n  --inventory <file>        Inventory snapshot (JSON) to check against instead of loading from Azure\n  --format text|json        Output format (default: text)\n  --fail-on error|warning   Exit with 1 when a finding reaches this severity (default: error)\n  --rule <code>=<level>     Override a rule: off, error, warning, information or hint (repeatable)\n  --timeout <seconds>       Stop signing in and loading after this long and exit 2 (default: 300)\n  --allow-partial           Check even when some inventory categories failed to load (the rules\n                            that need them are skipped and reported as inventory-incomplete)\n  --source auto|resourceManager\n                            Where the live inventory comes from: Azure Resource Graph where it\n                            serves, else Resource Manager (auto, default), or Resource Manager lists\n                            only; the same as the setting azureBatchImages.inventory.source\n  --locale <language>       Language of the messages: en or tr (default: from LC_ALL, LC_MESSAGES or LANG)\n  -h, --help                Show this help\n  --version                 Show the version\n\nexport-inventory loads the inventory of the service principal in AZURE_TENANT_ID, AZURE_CLIENT_ID\nand AZURE_CLIENT_SECRET (AZURE_AUTHORITY_HOST, AZURE_RESOURCE_MANAGER_ENDPOINT for other clouds)\nand writes it as JSON for later checks with --inventory, e.g. in a pipeline without credentials.\nA file name (or --inventory) of - reads standard input.\n\nreport lists every pool still on a managed image or VHD blob (retired since 31 March 2026),\ngrouped by image, with what a move to Azure Compute Gallery needs. Exit codes of report: 0 listed,\n1 with --fail-if-any when any pool is affected, 2 errors.\n\nExit codes of check: 0 no finding at the --fail-on level, 1 findings at that level, 2 usage or input\nerrors, a sign-in or connection failure, the --timeout deadline, or inventory categories that\nfailed to load (unless --allow-partial).');
}

/** `--name=value` as name and value; anything else as it is, with no inline value. */
function splitInlineValue(raw: string): { arg: string; value: string | undefined } {
  const eq = raw.indexOf('=');
  return raw.startsWith('--') && eq > 0 ? { arg: raw.slice(0, eq), value: raw.slice(eq + 1) } : { arg: raw, value: undefined };
}

const VALUE_OPTIONS = new Set(['--account', '--inventory', '--format', '--fail-on', '--rule', '--timeout', '--source']);

/** A --source value, or the usage message. */
function parseSource(value: string): InventorySourceOption | string {
  return value === 'auto' || value === 'resourceManager' ? value : l10n.t('--source must be "auto" or "resourceManager", not "{0}".', value);
}
const LEVELS = new Set(['off', 'error', 'warning', 'information', 'hint']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  if (args.length === 0) return { command: 'usageError', message: l10n.t('Missing command: expected "check".') };
  if (args.includes('-h') || args.includes('--help')) return { command: 'help' };
  if (args[0] === '--version') return { command: 'version' };
  const [command, ...rest] = args;
  if (command === 'export-inventory') return parseExportArgs(rest);
  if (command === 'report') return parseReportArgs(rest);
  if (command !== 'check') return { command: 'usageError', message: l10n.t('Unknown command "{0}": expected "check", "report" or "export-inventory".', command) };

  const options: CheckOptions = { command: 'check', files: [], format: 'text', failOn: 'error', overrides: {}, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, allowPartial: false, source: DEFAULT_SOURCE };
  for (let i = 0; i < rest.length; i++) {
    const split = splitInlineValue(rest[i]);
    const arg = split.arg;
    let value = split.value;
    if (arg === '--') {
      options.files.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === STDIN) {
      options.files.push(arg);
      continue;
    }
    if (arg === '--allow-partial' && value === undefined) {
      options.allowPartial = true;
      continue;
    }
    if (!VALUE_OPTIONS.has(arg)) return { command: 'usageError', message: l10n.t('Unknown option "{0}".', arg) };
    if (value === undefined) {
      value = rest[++i];
      if (value === undefined || value.startsWith('--')) return { command: 'usageError', message: l10n.t('Option {0} needs a value.', arg) };
    }
    // `--inventory=` (an unset variable in a script) must not silently mean "no inventory".
    if (value === '') return { command: 'usageError', message: l10n.t('Option {0} needs a value, not an empty string.', arg) };
    switch (arg) {
      case '--account':
        options.account = value;
        break;
      case '--inventory':
        options.inventory = value;
        break;
      case '--format':
        if (value !== 'text' && value !== 'json') return { command: 'usageError', message: l10n.t('--format must be "text" or "json", not "{0}".', value) };
        options.format = value;
        break;
      case '--rule': {
        const [code, level] = value.split('=');
        if (!(RULE_CODES as readonly string[]).includes(code)) return { command: 'usageError', message: l10n.t('--rule: unknown rule code "{0}".', code) };
        if (!level || !LEVELS.has(level)) return { command: 'usageError', message: l10n.t('--rule {0}: the level must be off, error, warning, information or hint.', code) };
        options.overrides[code as RuleCode] = level as Severity | 'off';
        break;
      }
      case '--timeout': {
        const seconds = parseTimeout(value);
        if (typeof seconds === 'string') return { command: 'usageError', message: seconds };
        options.timeoutSeconds = seconds;
        break;
      }
      case '--source': {
        const source = parseSource(value);
        if (source !== 'auto' && source !== 'resourceManager') return { command: 'usageError', message: source };
        options.source = source;
        break;
      }
      case '--fail-on':
        if (value !== 'error' && value !== 'warning') return { command: 'usageError', message: l10n.t('--fail-on must be "error" or "warning", not "{0}".', value) };
        options.failOn = value;
        break;
    }
  }
  if (options.files.length === 0) return { command: 'usageError', message: l10n.t('No files to check: pass one or more pool JSON files.') };
  const stdinUses = options.files.filter((f) => f === STDIN).length + (options.inventory === STDIN ? 1 : 0);
  if (stdinUses > 1) return { command: 'usageError', message: l10n.t('Standard input (-) can be read only once: as one file or as --inventory.') };
  return options;
}

/** Whole or fractional seconds, more than 0 and at most a day; or the usage message. */
function parseTimeout(value: string): number | string {
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    return l10n.t('--timeout must be a number of seconds from more than 0 up to 86400, not "{0}".', value);
  }
  return seconds;
}

function parseExportArgs(rest: readonly string[]): ParsedArgs {
  const options: ExportOptions = { command: 'exportInventory', timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, allowPartial: false, source: DEFAULT_SOURCE };
  for (let i = 0; i < rest.length; i++) {
    const { arg, value: inline } = splitInlineValue(rest[i]);
    if (arg === '--allow-partial' && inline === undefined) {
      options.allowPartial = true;
      continue;
    }
    if (arg !== '--output' && arg !== '--timeout' && arg !== '--source') return { command: 'usageError', message: l10n.t('Unknown argument "{0}" for export-inventory.', arg) };
    const value = inline ?? rest[++i];
    if (!value || value.startsWith('--')) return { command: 'usageError', message: l10n.t('Option {0} needs a value.', arg) };
    if (arg === '--output') {
      options.output = value;
      continue;
    }
    if (arg === '--source') {
      const source = parseSource(value);
      if (source !== 'auto' && source !== 'resourceManager') return { command: 'usageError', message: source };
      options.source = source;
      continue;
    }
    const seconds = parseTimeout(value);
    if (typeof seconds === 'string') return { command: 'usageError', message: seconds };
    options.timeoutSeconds = seconds;
  }
  return options;
}

const SUBSCRIPTION_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseReportArgs(rest: readonly string[]): ParsedArgs {
  const options: ReportOptions = { command: 'report', format: 'md', subscriptions: [], failIfAny: false, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, source: DEFAULT_SOURCE };
  for (let i = 0; i < rest.length; i++) {
    const split = splitInlineValue(rest[i]);
    const arg = split.arg;
    let value = split.value;
    if (arg === '--fail-if-any' && value === undefined) {
      options.failIfAny = true;
      continue;
    }
    if (arg !== '--format' && arg !== '--subscription' && arg !== '--inventory' && arg !== '--timeout' && arg !== '--source') return { command: 'usageError', message: l10n.t('Unknown argument "{0}" for report.', arg) };
    if (value === undefined) {
      value = rest[++i];
      if (value === undefined || value.startsWith('--')) return { command: 'usageError', message: l10n.t('Option {0} needs a value.', arg) };
    }
    if (arg === '--format') {
      if (value !== 'md' && value !== 'csv' && value !== 'json') return { command: 'usageError', message: l10n.t('--format must be "md", "csv" or "json", not "{0}".', value) };
      options.format = value;
    } else if (arg === '--inventory') {
      options.inventory = value;
    } else if (arg === '--source') {
      const source = parseSource(value);
      if (source !== 'auto' && source !== 'resourceManager') return { command: 'usageError', message: source };
      options.source = source;
    } else if (arg === '--timeout') {
      const seconds = parseTimeout(value);
      if (typeof seconds === 'string') return { command: 'usageError', message: seconds };
      options.timeoutSeconds = seconds;
    } else {
      // `/subscriptions/{guid}` or the bare guid; several may follow one flag, separated by commas.
      for (const part of value.split(',')) {
        const guid = part.trim().replace(/^\/?subscriptions\//i, '');
        if (!SUBSCRIPTION_GUID.test(guid)) return { command: 'usageError', message: l10n.t('--subscription needs a subscription id (a GUID), not "{0}".', part) };
        options.subscriptions.push(guid);
      }
    }
  }
  return options;
}
