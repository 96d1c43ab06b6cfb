// ISO-8601 durations as Batch uses them for resizeTimeout (e.g. `PT15M`, `PT1H30M`, `P1DT2H`).
import * as l10n from '@vscode/l10n';

const DURATION = /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Duration in milliseconds; undefined when the text is not an ISO-8601 duration. Years/months use 365/30 days. */
export function parseIsoDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const n = (i: number): number => (m[i] ? Number(m[i].replace(',', '.')) : 0);
  return n(1) * 365 * DAY + n(2) * 30 * DAY + n(3) * 7 * DAY + n(4) * DAY + n(5) * HOUR + n(6) * MINUTE + n(7) * SECOND;
}

/** `20` → `PT20M`. */
export function minutesToIsoDuration(minutes: number): string {
  return `PT${Math.ceil(minutes)}M`;
}

export function formatMinutes(ms: number): string {
  const minutes = ms / MINUTE;
  return l10n.t('{0} min', Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1));
}

export const MS_PER_MINUTE = MINUTE;
export const MS_PER_DAY = DAY;
