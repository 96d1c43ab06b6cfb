// The migration report as Markdown (people), CSV (spreadsheets: one row per pool) and JSON
// (pipelines: the report object itself). Pure, shared by the CLI and the extension.
import * as l10n from '@vscode/l10n';
import { known, parseArmId, type PoolSpec } from '../model';
import { countText } from './counts';
import { isRetiredPoolImage, type MigrationReport, type MigrationTotals, type RetiredImageGroup, type RetiredPoolRow } from './migrationReport';

export type MigrationReportFormat = 'md' | 'csv' | 'json';

/** A pool definition file in the workspace that still names a retired image. */
export interface RetiredPoolFile {
  /** Workspace-relative path (or the file's URI where no workspace folder holds it). */
  path: string;
  /** 1-based line of the image id. */
  line: number;
  poolName: string;
  imageId: string;
}

/**
 * The rows of the report's file section from the workspace's pool index: every indexed pool whose
 * image is retired, where `where` places it (shown path, 1-based line of its image id, and whatever
 * else the caller carries, such as the URI to open); sorted by path, then line.
 */
export function retiredPoolFiles<W extends { path: string; line: number }>(pools: Iterable<PoolSpec>, where: (spec: PoolSpec) => W | undefined): (RetiredPoolFile & W)[] {
  const rows: (RetiredPoolFile & W)[] = [];
  for (const spec of pools) {
    const imageId = known(spec.imageId);
    if (!imageId || !isRetiredPoolImage(imageId)) continue;
    const at = where(spec);
    if (at) rows.push({ ...at, poolName: spec.displayName ?? known(spec.name) ?? '', imageId });
  }
  return rows.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

export function formatMigrationReport(report: MigrationReport, format: MigrationReportFormat, files: readonly RetiredPoolFile[] = []): string {
  if (format === 'json') return `${JSON.stringify(files.length > 0 ? { ...report, files } : report, null, 2)}\n`;
  if (format === 'csv') return migrationReportCsv(report);
  return migrationReportMarkdown(report, files);
}

function nodes(current: number, target: number | undefined): string {
  return target === undefined ? `${current} / auto` : `${current} / ${target}`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function sourcesText(group: RetiredImageGroup): string {
  if (group.imageExistence === 'deleted') return l10n.t('image deleted');
  switch (group.sourcesState) {
    case 'present':
      return l10n.t('all present');
    case 'missing': {
      const gone = group.sources.filter((s) => s.existence === 'deleted').map((s) => (s.id ?? s.uri ?? '').split('/').pop() ?? '');
      return l10n.t('missing: {0}', gone.join(', '));
    }
    default:
      return l10n.t('unknown');
  }
}

/** The report's one-line summary (Markdown, the CLI and the webview). */
export function migrationSummaryText(t: MigrationTotals): string {
  return l10n.t(
    '{0} on {1} in {2}: {3} dedicated and {4} Spot nodes now (targets {5} and {6}); {7} ready to switch, {8} with resize errors.',
    countText.pools(t.pools),
    countText.images(t.images),
    countText.accounts(t.accounts),
    t.currentDedicatedNodes,
    t.currentSpotNodes,
    t.targetDedicatedNodes,
    t.targetSpotNodes,
    t.poolsReadyToSwitch,
    t.poolsWithResizeErrors,
  );
}

export function needsText(group: RetiredImageGroup): string {
  return group.regionNeeds.map((n) => l10n.t('{0} ({1} for {2})', n.region, countText.replicas(n.replicas), countText.nodes(n.nodes))).join(', ');
}

export function poolStatusText(row: RetiredPoolRow): string {
  return row.readyToSwitch ? l10n.t('ready to switch') : l10n.t('needs a gallery version');
}

export function migrationReportMarkdown(report: MigrationReport, files: readonly RetiredPoolFile[] = []): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(`# ${l10n.t('Pools on retired images')}`, '');
  out.push(l10n.t('Generated {0} for subscriptions: {1}.', report.generatedAt, report.subscriptionIds.join(', ') || l10n.t('none')), '');
  out.push(migrationSummaryText(t), '');
  if (report.images.length === 0) out.push(l10n.t('No pool uses a managed image or a VHD blob.'), '');
  for (const g of report.images) {
    out.push(`## ${cell(g.imageName)}${g.kind === 'vhdBlob' ? ` (${l10n.t('VHD blob')})` : ''}`, '');
    out.push(`- ${l10n.t('Image')}: \`${g.imageId}\``);
    out.push(`- ${l10n.t('Sources')}: ${sourcesText(g)}`);
    out.push(`- ${l10n.t('Gallery versions made from it')}: ${g.existingVersions.map((v) => `\`${parseArmId(v.id)?.names.join('/') ?? v.id}\``).join(', ') || l10n.t('none')}`);
    out.push(`- ${l10n.t('A gallery version needs')}: ${needsText(g) || l10n.t('no region (accounts not loaded)')}`, '');
    out.push(`| ${[l10n.t('Pool'), l10n.t('Account'), l10n.t('Region'), l10n.t('Dedicated (now / target)'), l10n.t('Spot (now / target)'), l10n.t('Allocation'), l10n.t('Resize errors'), l10n.t('Status')].join(' | ')} |`);
    out.push('|---|---|---|---:|---:|---|---|---|');
    for (const r of g.pools) {
      out.push(
        `| ${[
          cell(r.poolName),
          cell(r.accountName),
          r.region,
          nodes(r.currentDedicatedNodes, r.targetDedicatedNodes),
          nodes(r.currentSpotNodes, r.targetSpotNodes),
          r.allocationState,
          cell(r.resizeErrors.map((e) => e.code).join(', ')),
          poolStatusText(r),
        ].join(' | ')} |`,
      );
    }
    out.push('');
  }
  if (files.length > 0) {
    out.push(`## ${l10n.t('Pool files in the workspace')}`, '');
    out.push(`| ${l10n.t('File')} | ${l10n.t('Pool')} | ${l10n.t('Image')} |`, '|---|---|---|');
    for (const f of files) out.push(`| ${cell(f.path)}:${f.line} | ${cell(f.poolName)} | \`${f.imageId.split('/').pop() ?? f.imageId}\` |`);
    out.push('');
  }
  return out.join('\n');
}

const CSV_COLUMNS = [
  'imageId',
  'imageName',
  'imageKind',
  'sources',
  'existingVersions',
  'poolId',
  'poolName',
  'account',
  'subscriptionId',
  'region',
  'vmSize',
  'currentDedicatedNodes',
  'targetDedicatedNodes',
  'currentSpotNodes',
  'targetSpotNodes',
  'allocationState',
  'resizeErrors',
  'readyToSwitch',
  'regionReplicasNeeded',
] as const;

function csvField(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"` : text;
}

/** One row per pool; column names are stable identifiers (not translated) so pipelines can read them. */
export function migrationReportCsv(report: MigrationReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const g of report.images) {
    for (const r of g.pools) {
      const need = g.regionNeeds.find((n) => n.region === r.region);
      lines.push(
        [
          g.imageId,
          g.imageName,
          g.kind,
          g.sourcesState,
          g.existingVersions.map((v) => v.id).join(' '),
          r.poolId,
          r.poolName,
          r.accountName,
          r.subscriptionId,
          r.region,
          r.vmSize,
          r.currentDedicatedNodes,
          r.targetDedicatedNodes,
          r.currentSpotNodes,
          r.targetSpotNodes,
          r.allocationState,
          r.resizeErrors.map((e) => `${e.code}: ${e.message}`).join('; '),
          r.readyToSwitch,
          need?.replicas,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
