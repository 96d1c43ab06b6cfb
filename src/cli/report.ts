// Output formats: `file:line:col severity code message` lines, or a JSON array.
import type { Severity } from '../rules';

/** One finding placed in a file (1-based line and column; end exclusive of nothing: the last character's next column). */
export interface ReportedFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export function formatText(findings: readonly ReportedFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`).join('\n');
}

export function formatJson(findings: readonly ReportedFinding[]): string {
  return JSON.stringify(findings, null, 2);
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** True when some finding is at least as severe as `failOn`. */
export function reachesSeverity(findings: readonly ReportedFinding[], failOn: 'error' | 'warning'): boolean {
  const threshold = RANK[failOn];
  return findings.some((f) => RANK[f.severity] >= threshold);
}
