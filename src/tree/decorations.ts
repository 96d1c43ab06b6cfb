// Turns rule findings into what a tree node shows: an error or warning icon, a short description
// and a Markdown tooltip saying what is wrong and what to do.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../rules';
import { ruleDocUrl } from '../rules';

const order: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || order[f.severity] < order[worst]) worst = f.severity;
  return worst;
}

/** The icon of a node with findings; `fallback` when it has none worth an icon. */
export function findingIcon(findings: readonly Finding[], fallback: vscode.ThemeIcon): vscode.ThemeIcon {
  switch (worstSeverity(findings)) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    default:
      return fallback;
  }
}

/** "2 errors, 1 warning" style summary for a node's description. */
export function findingSummary(findings: readonly Finding[]): string | undefined {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const parts = [
    errors ? (errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', errors)) : '',
    warnings ? (warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', warnings)) : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

/** A tooltip: the resource's facts, then each finding with its code linked to the rule's page. */
export function findingTooltip(title: string, facts: readonly string[], findings: readonly Finding[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(title)}**\n\n`);
  for (const fact of facts) md.appendMarkdown(`${escape(fact)}  \n`);
  const relevant = findings.filter((f) => f.severity === 'error' || f.severity === 'warning' || f.severity === 'information');
  if (relevant.length) md.appendMarkdown('\n---\n');
  for (const f of [...relevant].sort((a, b) => order[a.severity] - order[b.severity])) {
    const icon = f.severity === 'error' ? '$(error)' : f.severity === 'warning' ? '$(warning)' : '$(info)';
    md.appendMarkdown(`\n${icon} [${f.code}](${ruleDocUrl(f.code)}): ${escape(f.message)}\n`);
  }
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
