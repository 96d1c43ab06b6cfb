// Bytes of a file (or standard input) to text. Editors save JSON as UTF-8, sometimes with a byte
// order mark, and Windows tools (PowerShell 5's `>` and Out-File) as UTF-16 with one: both are
// read. UTF-32 is refused by name; invalid UTF-8 is read with U+FFFD and a warning at its offset.
import * as l10n from '@vscode/l10n';

export type Decoded = { ok: true; text: string; warning?: string } | { ok: false; message: string };

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Offset of the first byte that is not part of well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** Line and column (1-based, in characters) of byte `offset` of valid UTF-8 `bytes` before it. */
function lineColumnAt(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

export function decodeText(input: string | Uint8Array): Decoded {
  // Tests (and callers that read text themselves) pass strings: only a BOM to drop.
  if (typeof input === 'string') return { ok: true, text: input.replace(/^\uFEFF/, '') };
  const bytes = input;
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { ok: false, message: l10n.t('the file is UTF-32, which is not supported: save it as UTF-8') };
  }
  for (const [bom, encoding] of [
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ] as const) {
    if (!startsWith(bytes, bom)) continue;
    if ((bytes.length - 2) % 2 !== 0) return { ok: false, message: l10n.t('the file starts like {0} but has an odd number of bytes: save it as UTF-8', encoding.toUpperCase()) };
    try {
      return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2)) };
    } catch {
      return { ok: false, message: l10n.t('the file is not valid {0}: save it as UTF-8', encoding.toUpperCase()) };
    }
  }
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  const text = new TextDecoder('utf-8').decode(body);
  if (bad === -1) return { ok: true, text };
  const at = lineColumnAt(body, bad);
  const offset = bad + (body === bytes ? 0 : 3);
  return {
    ok: true,
    text,
    warning: l10n.t('invalid UTF-8 at byte {0} (line {1}, column {2}); read as U+FFFD', offset, at.line, at.column),
  };
}
