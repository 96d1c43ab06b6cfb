// The migration report as the webview shows it: VS Code's theme colours, a strict Content
// Security Policy (no remote content; one nonce'd script for keyboard navigation), and command
// links for every action (reveal in the explorer, open a pool file, migrate an image, export).
import * as vscode from 'vscode';
import { migrationSummaryText, needsText, poolStatusText, sourcesText, type MigrationReport, type RetiredPoolFile } from '../../rules';
import { shortName } from '../steps/resources';

export const REVEAL_COMMAND = 'azureBatchImages.revealResource';
export const OPEN_POOL_FILE_COMMAND = 'azureBatchImages.openPoolFile';
export const EXPORT_REPORT_COMMAND = 'azureBatchImages.exportMigrationReport';
export const MIGRATE_COMMAND = 'azureBatchImages.migrateImage';
/** The only commands the webview's links may run. */
export const REPORT_LINK_COMMANDS = [REVEAL_COMMAND, OPEN_POOL_FILE_COMMAND, EXPORT_REPORT_COMMAND, MIGRATE_COMMAND];

export interface ReportFileRow extends RetiredPoolFile {
  /** The file's URI (string), for the open link. */
  uri: string;
}

const esc = (text: string | number): string =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function link(command: string, args: unknown[], text: string, label?: string): string {
  return `<a href="${esc(commandLink(command, args))}"${label ? ` aria-label="${esc(label)}"` : ''}>${esc(text)}</a>`;
}

const nodes = (current: number, target: number | undefined) => (target === undefined ? `${current} / ${vscode.l10n.t('auto')}` : `${current} / ${target}`);

export function reportHtml(report: MigrationReport, files: readonly ReportFileRow[], page: { nonce: string; cspSource: string }): string {
  const l = vscode.l10n.t;
  const parts: string[] = [];
  parts.push(`<h1>${esc(l('Pools on retired images'))}</h1>`);
  parts.push(
    `<p class="summary">${esc(
      migrationSummaryText(report.totals),
    )}</p>`,
  );
  parts.push(`<p class="meta">${esc(l('Generated {0} for subscriptions: {1}.', report.generatedAt, report.subscriptionIds.join(', ') || l('none')))}</p>`);
  parts.push(
    `<nav class="exports">${esc(l('Export:'))} ${(['md', 'csv', 'json'] as const)
      .map((f) => `<a class="button" href="${esc(commandLink(EXPORT_REPORT_COMMAND, [f]))}">${esc({ md: 'Markdown', csv: 'CSV', json: 'JSON' }[f])}</a>`)
      .join(' ')}</nav>`,
  );
  if (report.images.length === 0) parts.push(`<p>${esc(l('No pool uses a managed image or a VHD blob.'))}</p>`);
  for (const g of report.images) {
    parts.push(`<section aria-label="${esc(g.imageName)}">`);
    parts.push(`<h2>${link(REVEAL_COMMAND, [g.imageId], g.imageName, l('Reveal {0} in the explorer', g.imageName))}${g.kind === 'vhdBlob' ? ` <span class="tag">${esc(l('VHD blob'))}</span>` : ''} <a class="button" href="${esc(commandLink(MIGRATE_COMMAND, [{ imageId: g.imageId }]))}">${esc(l('Migrate…'))}</a></h2>`);
    parts.push('<dl>');
    parts.push(`<dt>${esc(l('Sources'))}</dt><dd class="${g.sourcesState === 'missing' ? 'warn' : ''}">${esc(sourcesText(g))}</dd>`);
    parts.push(`<dt>${esc(l('Gallery versions made from it'))}</dt><dd>${g.existingVersions.map((v) => link(REVEAL_COMMAND, [v.id], shortName(v.id))).join(', ') || esc(l('none'))}</dd>`);
    parts.push(`<dt>${esc(l('A gallery version needs'))}</dt><dd>${esc(needsText(g) || l('no region (accounts not loaded)'))}</dd>`);
    parts.push('</dl>');
    parts.push(
      `<table><thead><tr>${[l('Pool'), l('Account'), l('Region'), l('Dedicated (now / target)'), l('Spot (now / target)'), l('Allocation'), l('Resize errors'), l('Status')]
        .map((h) => `<th scope="col">${esc(h)}</th>`)
        .join('')}</tr></thead><tbody>`,
    );
    for (const r of g.pools) {
      parts.push(
        `<tr tabindex="0" data-pool="${esc(r.poolId)}"><td>${link(REVEAL_COMMAND, [r.poolId], r.poolName, l('Reveal {0} in the explorer', r.poolName))}</td><td>${link(REVEAL_COMMAND, [r.accountId], r.accountName)}</td><td>${esc(r.region)}</td><td class="num">${esc(nodes(r.currentDedicatedNodes, r.targetDedicatedNodes))}</td><td class="num">${esc(nodes(r.currentSpotNodes, r.targetSpotNodes))}</td><td>${esc(r.allocationState)}</td><td class="${r.resizeErrors.length ? 'warn' : ''}" title="${esc(r.resizeErrors.map((e) => `${e.code}: ${e.message}`).join('\n'))}">${esc(r.resizeErrors.map((e) => e.code).join(', '))}</td><td>${esc(poolStatusText(r))}</td></tr>`,
      );
    }
    parts.push('</tbody></table></section>');
  }
  parts.push(`<section aria-label="${esc(l('Pool files in the workspace'))}"><h2>${esc(l('Pool files in the workspace'))}</h2>`);
  if (files.length === 0) parts.push(`<p>${esc(l('No pool file in the workspace names a managed image.'))}</p>`);
  else {
    parts.push(`<table><thead><tr><th scope="col">${esc(l('File'))}</th><th scope="col">${esc(l('Pool'))}</th><th scope="col">${esc(l('Image'))}</th></tr></thead><tbody>`);
    for (const f of files) {
      parts.push(
        `<tr tabindex="0"><td>${link(OPEN_POOL_FILE_COMMAND, [f.uri, f.line], `${f.path}:${f.line}`)}</td><td>${esc(f.poolName)}</td><td>${link(REVEAL_COMMAND, [f.imageId], f.imageId.split('/').pop() ?? f.imageId)}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  parts.push('</section>');

  const csp = `default-src 'none'; style-src ${page.cspSource} 'nonce-${page.nonce}'; script-src 'nonce-${page.nonce}';`;
  return `<!DOCTYPE html>
<html lang="${esc(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(l('Migration Report'))}</title>
<style nonce="${page.nonce}">
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; }
a:hover, a:focus { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
a.button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); padding: 2px 10px; border-radius: 2px; font-size: var(--vscode-font-size); font-weight: normal; }
a.button:hover, a.button:focus { background: var(--vscode-button-hoverBackground); text-decoration: none; }
:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 18px; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: var(--vscode-list-hoverBackground); }
tbody tr:focus { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
.warn { color: var(--vscode-editorWarning-foreground); }
.tag { font-size: 0.8em; border: 1px solid var(--vscode-badge-background); border-radius: 3px; padding: 0 4px; }
.meta { color: var(--vscode-descriptionForeground); }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }
dt { color: var(--vscode-descriptionForeground); }
dd { margin: 0; }
</style>
</head>
<body>
${parts.join('\n')}
<script nonce="${page.nonce}">
// Arrow keys move between rows, Home/End to the first/last, Enter opens the row's first link.
const rows = () => Array.from(document.querySelectorAll('tbody tr[tabindex]'));
document.addEventListener('keydown', (e) => {
  const all = rows();
  const i = all.indexOf(document.activeElement);
  if (i < 0) return;
  let next;
  if (e.key === 'ArrowDown') next = all[Math.min(i + 1, all.length - 1)];
  else if (e.key === 'ArrowUp') next = all[Math.max(i - 1, 0)];
  else if (e.key === 'Home') next = all[0];
  else if (e.key === 'End') next = all[all.length - 1];
  else if (e.key === 'Enter') { const a = all[i].querySelector('a'); if (a) { a.click(); e.preventDefault(); } return; }
  if (next) { next.focus(); e.preventDefault(); }
});
</script>
</body>
</html>`;
}
