// Output formats: `file:line:col severity code message` lines, or a JSON array.
import type { Severity } from '../rules';
import { escapeControls, shortenMessage } from './safeText';

/** One finding placed in a file (1-based line and column; end exclusive of nothing: the last character's next column). */
export interface ReportedFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  /** A rule code, or one of the checker's own (`json-syntax`, `inventory-incomplete`). */
  code: string;
  message: string;
}

/** One line per finding: whatever came from input is escaped, so a line is always one finding. */
export function formatText(findings: readonly ReportedFinding[]): string {
  return findings.map((f) => `${escapeControls(f.file)}:${f.line}:${f.column} ${f.severity} ${f.code} ${escapeControls(shortenMessage(f.message))}`).join('\n');
}

export function formatJson(findings: readonly ReportedFinding[]): string {
  return JSON.stringify(
    findings.map((f) => ({ ...f, message: shortenMessage(f.message) })),
    null,
    2,
  );
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** True when some finding is at least as severe as `failOn`. */
export function reachesSeverity(findings: readonly ReportedFinding[], failOn: 'error' | 'warning'): boolean {
  const threshold = RANK[failOn];
  return findings.some((f) => RANK[f.severity] >= threshold);
}
