// `batch-images report`: the migration report for auditors and pipelines — every pool still on a
// managed image or VHD blob, from a live inventory (service principal) or an inventory file.
import * as l10n from '@vscode/l10n';
import { indexInventory, type InventorySnapshot } from '../model';
import { buildMigrationReport, formatMigrationReport } from '../rules';
import type { ReportOptions } from './args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exitCodes';
import type { CliDeps, CliIo } from './main';

/** `load` reads --inventory or loads live; a string is an error message. */
export async function migrationReport(options: ReportOptions, io: CliIo, deps: CliDeps, load: () => Promise<InventorySnapshot | string>): Promise<number> {
  if (!options.inventory && !deps.loadInventory) {
    io.stderr(`batch-images: ${l10n.t('report needs an inventory: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET to load it from Azure, or pass --inventory FILE.')}\n`);
    return EXIT_USAGE;
  }
  const snapshot = await load();
  if (typeof snapshot === 'string') {
    io.stderr(`batch-images: ${snapshot}\n`);
    return EXIT_USAGE;
  }
  const loaded = new Set(snapshot.subscriptions.map((s) => s.subscriptionId.toLowerCase()));
  const unknown = options.subscriptions.filter((s) => !loaded.has(s.toLowerCase()));
  if (unknown.length > 0) {
    io.stderr(`batch-images: ${l10n.t('Not in the inventory (no access, or a wrong id): {0}.', unknown.join(', '))}\n`);
    return EXIT_USAGE;
  }
  // Pools of a subscription whose pools or images could not be loaded would be missing silently: say so.
  for (const e of snapshot.errors) {
    if (e.category !== 'pools' && e.category !== 'images' && e.category !== 'batchAccounts') continue;
    if (options.subscriptions.length > 0 && e.subscriptionId && !options.subscriptions.some((s) => s.toLowerCase() === e.subscriptionId?.toLowerCase())) continue;
    io.stderr(`batch-images: ${l10n.t('warning: could not load {0} of subscription {1}: {2} (the report may miss pools)', e.category, e.subscriptionId ?? '*', e.message)}\n`);
  }
  const report = buildMigrationReport(indexInventory(snapshot), { subscriptionIds: options.subscriptions, now: deps.now?.() });
  io.stdout(formatMigrationReport(report, options.format));
  return options.failIfAny && report.totals.pools > 0 ? EXIT_FINDINGS : EXIT_OK;
}
