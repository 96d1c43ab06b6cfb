// Command-line parsing for `batch-images check`. Pure: argv in, options or a usage error out.
import * as l10n from '@vscode/l10n';
import { RULE_CODES, type RuleCode, type Severity } from '../rules';

export type OutputFormat = 'text' | 'json';
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
}

export interface ExportOptions {
  command: 'exportInventory';
  /** Where to write the snapshot; standard output when absent. */
  output?: string;
}

export type ParsedArgs = CheckOptions | ExportOptions | { command: 'help' } | { command: 'version' } | { command: 'usageError'; message: string };

/** The help text (a function: the locale is chosen after the module loads). */
export function usage(): string {
  return l10n.t('Usage: batch-images check <files...> [options]\n       batch-images export-inventory [--output <file>]\n\nChecks Azure Batch pool definitions (data-plane JSON, ARM pool resources, ARM templates)\nagainst the custom-image rules (docs/rules.md).\n\nOptions:\n  --account <resource id>   Batch account the pools target (enables region, subscription and SKU rules)\n  --inventory <file>        Inventory snapshot (JSON) to check against instead of loading from Azure\n  --format text|json        Output format (default: text)\n  --fail-on error|warning   Exit with 1 when a finding reaches this severity (default: error)\n  --rule <code>=<level>     Override a rule: off, error, warning, information or hint (repeatable)\n  -h, --help                Show this help\n  --version                 Show the version\n\nexport-inventory loads the inventory of the service principal in AZURE_TENANT_ID, AZURE_CLIENT_ID\nand AZURE_CLIENT_SECRET (AZURE_AUTHORITY_HOST, AZURE_RESOURCE_MANAGER_ENDPOINT for other clouds)\nand writes it as JSON for later checks with --inventory, e.g. in a pipeline without credentials.\n\nExit codes: 0 no finding at the --fail-on level, 1 findings at that level, 2 usage or input errors.');
}

const VALUE_OPTIONS = new Set(['--account', '--inventory', '--format', '--fail-on', '--rule']);
const LEVELS = new Set(['off', 'error', 'warning', 'information', 'hint']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  if (args.length === 0) return { command: 'usageError', message: l10n.t('Missing command: expected "check".') };
  if (args.includes('-h') || args.includes('--help')) return { command: 'help' };
  if (args[0] === '--version') return { command: 'version' };
  const [command, ...rest] = args;
  if (command === 'export-inventory') return parseExportArgs(rest);
  if (command !== 'check') return { command: 'usageError', message: l10n.t('Unknown command "{0}": expected "check" or "export-inventory".', command) };

  const options: CheckOptions = { command: 'check', files: [], format: 'text', failOn: 'error', overrides: {} };
  for (let i = 0; i < rest.length; i++) {
    let arg = rest[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '--') {
      options.files.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.files.push(arg);
      continue;
    }
    if (!VALUE_OPTIONS.has(arg)) return { command: 'usageError', message: l10n.t('Unknown option "{0}".', arg) };
    if (value === undefined) {
      value = rest[++i];
      if (value === undefined || value.startsWith('--')) return { command: 'usageError', message: l10n.t('Option {0} needs a value.', arg) };
    }
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
      case '--fail-on':
        if (value !== 'error' && value !== 'warning') return { command: 'usageError', message: l10n.t('--fail-on must be "error" or "warning", not "{0}".', value) };
        options.failOn = value;
        break;
    }
  }
  if (options.files.length === 0) return { command: 'usageError', message: l10n.t('No files to check: pass one or more pool JSON files.') };
  return options;
}

function parseExportArgs(rest: readonly string[]): ParsedArgs {
  const options: ExportOptions = { command: 'exportInventory' };
  for (let i = 0; i < rest.length; i++) {
    const [arg, inline] = rest[i].startsWith('--output=') ? ['--output', rest[i].slice('--output='.length)] : [rest[i], undefined];
    if (arg !== '--output') return { command: 'usageError', message: l10n.t('Unknown argument "{0}" for export-inventory.', arg) };
    const value = inline ?? rest[++i];
    if (!value || value.startsWith('--')) return { command: 'usageError', message: l10n.t('Option --output needs a value.') };
    options.output = value;
  }
  return options;
}
