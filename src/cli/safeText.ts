// Making text from input safe to print: a pool id, a file name or an Azure message may contain a
// newline (which forges extra `file:line:col` lines), ANSI escapes (which clear or recolour the
// terminal) or 50 MB of characters. Text output escapes and shortens; JSON output escapes anyway.
import * as l10n from '@vscode/l10n';

/** Longest value echoed whole; longer ones keep their start and end around an ellipsis. */
export const MAX_ECHOED_LENGTH = 200;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * C0 and C1 controls, DEL, line and paragraph separators and the bidirectional overrides and
 * isolates (which reorder what a terminal shows).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escapes control characters as `\n`, `\t`, `\u001b`…; printable text is unchanged. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `value` if short enough, else its start and end around "…(N characters)…". */
export function shorten(value: string, max = MAX_ECHOED_LENGTH): string {
  if (value.length <= max) return value;
  const keep = Math.floor((max - 20) / 2);
  return `${value.slice(0, keep)}${l10n.t('…({0} characters)…', value.length.toLocaleString('en-US'))}${value.slice(value.length - keep)}`;
}

/**
 * A message that echoes input: every run of characters without whitespace longer than the bound
 * (an id, a name) is shortened, and the whole message too if it is still enormous.
 */
export function shortenMessage(message: string, max = MAX_ECHOED_LENGTH): string {
  const runs = message.length > max ? message.replace(new RegExp(`\\S{${max + 1},}`, 'g'), (run) => shorten(run, max)) : message;
  return shorten(runs, max * 20);
}

/** A value from input for a text line or an error message: shortened, then escaped. */
export function shown(value: string): string {
  return escapeControls(shorten(value));
}
