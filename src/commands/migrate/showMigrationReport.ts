// "Show Migration Report…": the pools of the selected subscriptions still on a retired image, in a
// webview in VS Code's look; also what the explorer's "N pools on retired images" node opens.
// Built from the inventory the explorer already holds (no request per pool), plus the workspace's
// pool files that name such images. Export writes Markdown, CSV or JSON.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildMigrationReport, countText, formatMigrationReport, type MigrationReport, type MigrationReportFormat } from '../../rules';
import type { PickItem } from '../../ui';
import type { WorkflowContext } from '../workflowContext';
import { REPORT_LINK_COMMANDS, reportHtml, type ReportFileRow } from './reportHtml';
import type { RetiredPoolFileSource } from './retiredPoolFiles';

export const SHOW_REPORT_COMMAND = 'azureBatchImages.showMigrationReport';

/** What the command returns (tests read the rendered page's links). */
export interface ShownReport {
  report: MigrationReport;
  files: ReportFileRow[];
  html: string;
}

async function currentReport(ctx: WorkflowContext, files: RetiredPoolFileSource): Promise<{ report: MigrationReport; files: ReportFileRow[] }> {
  await ctx.services.inventory.whenIdle();
  // The inventory holds exactly the subscriptions selected in the explorer.
  const report = buildMigrationReport(ctx.services.inventory.current);
  const rows = (await files.find()).map((f) => ({ path: f.path, line: f.line, poolName: f.poolName, imageId: f.imageId, uri: f.uri.toString() }));
  return { report, files: rows };
}

/** One report panel at a time: showing it again refreshes and reveals it. */
export class MigrationReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly files: RetiredPoolFileSource,
  ) {}

  async show(): Promise<ShownReport> {
    const { report, files } = await currentReport(this.ctx, this.files);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('azureBatchImages.migrationReport', vscode.l10n.t('Migration Report'), vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: REPORT_LINK_COMMANDS,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    const html = reportHtml(report, files, { nonce: randomBytes(16).toString('base64'), cspSource: this.panel.webview.cspSource });
    this.panel.webview.html = html;
    this.panel.reveal();
    return { report, files, html };
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** "Export Migration Report": asks the format (unless given) and where to save. Returns the written file. */
export async function exportMigrationReport(ctx: WorkflowContext, files: RetiredPoolFileSource, format?: unknown): Promise<vscode.Uri> {
  let chosen = format === 'md' || format === 'csv' || format === 'json' ? (format as MigrationReportFormat) : undefined;
  if (!chosen) {
    const items: PickItem<MigrationReportFormat>[] = [
      { label: 'Markdown', description: '.md', data: 'md' },
      { label: 'CSV', description: vscode.l10n.t('.csv, one row per pool'), data: 'csv' },
      { label: 'JSON', description: '.json', data: 'json' },
    ];
    chosen = (await ctx.ui().pickOne(items, { title: vscode.l10n.t('Export Migration Report: format') })).data;
  }
  const { report, files: rows } = await currentReport(ctx, files);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `batch-pools-on-retired-images.${chosen}`;
  const target = await ctx.ui().saveDialog({
    title: vscode.l10n.t('Export Migration Report'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [chosen.toUpperCase()]: [chosen] },
  });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(formatMigrationReport(report, chosen, rows)));
  void ctx.ui().showInformation(vscode.l10n.t('Exported the migration report ({0}) to {1}.', countText.pools(report.totals.pools), vscode.workspace.asRelativePath(target)));
  return target;
}

/** Opens a pool file at a line (the report's file links). */
export async function openPoolFile(uri: unknown, line: unknown): Promise<void> {
  if (typeof uri !== 'string') throw new Error(vscode.l10n.t('No file to open.'));
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const at = new vscode.Position(Math.max(0, (typeof line === 'number' ? line : 1) - 1), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at), preview: false });
}
