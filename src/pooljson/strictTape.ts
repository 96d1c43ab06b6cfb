// A fast path for strict JSON (no comments, no trailing commas, no syntax error), which is what
// pool files and ARM templates almost always are: one charCode pass straight into a tape, with
// the same entries jsonc-parser's `parseTree` would have produced (types, offsets, lengths,
// values). Anything it is not sure about (a comment, an error, unusual whitespace, deep nesting)
// returns undefined, and the caller uses jsonc-parser, whose error recovery then decides.
import { JsonTape, Kind, sameKey, TapeColumns, type ValueSource } from './tape';

/** Containers nested deeper than this go to jsonc-parser, which decides about stack overflows. */
const MAX_DEPTH = 200;

const enum Ch {
  tab = 9,
  lf = 10,
  cr = 13,
  space = 32,
  quote = 34,
  plus = 43,
  comma = 44,
  minus = 45,
  dot = 46,
  slash = 47,
  zero = 48,
  nine = 57,
  colon = 58,
  upperA = 65,
  upperE = 69,
  upperZ = 90,
  bracketOpen = 91,
  backslash = 92,
  bracketClose = 93,
  lowerE = 101,
  braceOpen = 123,
  braceClose = 125,
}

/** Thrown (and caught in strictTape) when the text leaves the strict subset. */
class NotStrict {}
const NOT_STRICT = new NotStrict();

function isDigit(c: number): boolean {
  return c >= Ch.zero && c <= Ch.nine;
}

/** Characters that may follow a number or `true` / `false` / `null` without jsonc-parser reading one longer token. */
function endsWord(code: number): boolean {
  return (
    Number.isNaN(code) ||
    code === Ch.space || code === Ch.tab || code === Ch.lf || code === Ch.cr ||
    code === Ch.comma || code === Ch.colon || code === Ch.braceClose || code === Ch.bracketClose ||
    code === Ch.braceOpen || code === Ch.bracketOpen || code === Ch.quote || code === Ch.slash
  );
}

/** Characters a string token may hold as they are: not a quote, a backslash or a control character. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]+/y;

/** What scanString found besides the end: whether the token has escapes, and its value when decoding. */
interface Scanned {
  escaped: boolean;
  value: string;
}

/**
 * Scans the string token at `offset` (a quote) as jsonc-parser's scanner does for valid escapes,
 * decoding into `out.value` when asked. Returns the index after the closing quote; throws
 * NOT_STRICT on anything jsonc-parser would report. (`out` is reused: no allocation per token.)
 */
function scanString(text: string, offset: number, decode: boolean, out: Scanned): number {
  let pos = offset + 1;
  let start = pos;
  let result = '';
  out.escaped = false;
  for (;;) {
    // Runs of ordinary characters in one native step; the loop below sees only the rest.
    PLAIN_RUN.lastIndex = pos;
    if (PLAIN_RUN.test(text)) pos = PLAIN_RUN.lastIndex;
    const c = text.charCodeAt(pos);
    if (c === Ch.quote) break;
    // Control characters (raw line breaks included) and the end of text are syntax errors.
    if (c < Ch.space || Number.isNaN(c)) throw NOT_STRICT;
    if (c === Ch.backslash) {
      out.escaped = true;
      if (decode) result += text.substring(start, pos);
      const e = text.charCodeAt(pos + 1);
      pos += 2;
      let piece: string;
      switch (e) {
        case Ch.quote: piece = '"'; break;
        case Ch.backslash: piece = '\\'; break;
        case Ch.slash: piece = '/'; break;
        case 98: piece = '\b'; break; // b
        case 102: piece = '\f'; break; // f
        case 110: piece = '\n'; break; // n
        case 114: piece = '\r'; break; // r
        case 116: piece = '\t'; break; // t
        case 117: { // u + exactly four hex digits
          const hex = text.substring(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw NOT_STRICT;
          piece = String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          throw NOT_STRICT;
      }
      if (decode) result += piece;
      start = pos;
      continue;
    }
    pos++;
  }
  if (decode) out.value = result + text.substring(start, pos);
  return pos + 1;
}

/** Values read back from the text on demand; strings with escapes are decoded again when asked. */
class TextValues implements ValueSource {
  readonly lengthsDecide: boolean;
  constructor(private readonly escaped: ReadonlySet<number>) {
    this.lengthsDecide = escaped.size === 0;
  }

  private string(tape: JsonTape, i: number): string {
    const o = tape.offset(i);
    if (this.escaped.has(i)) {
      const out: Scanned = { escaped: true, value: '' };
      scanString(tape.text, o, true, out);
      return out.value;
    }
    return tape.text.substring(o + 1, o + tape.length(i) - 1);
  }

  value(tape: JsonTape, i: number): unknown {
    switch (tape.kind(i)) {
      case Kind.string:
        return this.string(tape, i);
      case Kind.number:
        return Number(tape.text.substring(tape.offset(i), tape.offset(i) + tape.length(i)));
      case Kind.boolean:
        return tape.text.charCodeAt(tape.offset(i)) === 116; // t
      default:
        return null;
    }
  }

  keyIs(tape: JsonTape, i: number, key: string, lowered: string): boolean {
    const n = tape.length(i) - 2;
    if (n !== key.length) return false;
    if (this.escaped.has(i)) return sameKey(this.string(tape, i), key, lowered);
    // ASCII compare without making the key string; anything else takes the string path.
    const text = tape.text;
    const start = tape.offset(i) + 1;
    for (let j = 0; j < n; j++) {
      const c = text.charCodeAt(start + j);
      const k = key.charCodeAt(j);
      if (c === k) continue;
      if (c >= 128 || k >= 128) return sameKey(this.string(tape, i), key, lowered);
      const lower = c >= Ch.upperA && c <= Ch.upperZ ? c + 32 : c;
      if (lower !== lowered.charCodeAt(j)) return false;
    }
    return true;
  }

  sameKeys(tape: JsonTape, i: number, j: number): boolean {
    if (this.escaped.size > 0 && (this.escaped.has(i) || this.escaped.has(j))) return this.sameDecoded(tape, i, j);
    const n = tape.length(i);
    if (n !== tape.length(j)) return false;
    const text = tape.text;
    const a = tape.offset(i);
    const b = tape.offset(j);
    // Inside the quotes: ASCII compared case-insensitively in place; anything else takes the string path.
    for (let k = 1; k < n - 1; k++) {
      const c = text.charCodeAt(a + k);
      const d = text.charCodeAt(b + k);
      if (c === d) continue;
      if (c >= 128 || d >= 128) return this.sameDecoded(tape, i, j);
      const lc = c >= Ch.upperA && c <= Ch.upperZ ? c + 32 : c;
      const ld = d >= Ch.upperA && d <= Ch.upperZ ? d + 32 : d;
      if (lc !== ld) return false;
    }
    return true;
  }

  private sameDecoded(tape: JsonTape, i: number, j: number): boolean {
    const b = this.string(tape, j);
    return sameKey(this.string(tape, i), b, b.toLowerCase());
  }
}

class StrictBuilder {
  private pos = 0;
  readonly columns: TapeColumns;
  readonly escaped = new Set<number>();
  private readonly scanned: Scanned = { escaped: false, value: '' };

  constructor(private readonly text: string) {
    // About one entry per 12 characters in indented templates; the columns grow if needed.
    this.columns = new TapeColumns((text.length >> 3) + 16);
  }

  build(): void {
    this.skipSpace();
    // Empty text is a ValueExpected error for jsonc-parser.
    if (this.pos >= this.text.length) throw NOT_STRICT;
    this.value(-1, 0, 0);
    this.skipSpace();
    if (this.pos !== this.text.length) throw NOT_STRICT;
  }

  private skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === Ch.space || c === Ch.lf || c === Ch.cr || c === Ch.tab) pos++;
      else break;
    }
    this.pos = pos;
  }

  /** Appends the value at `pos` (and its subtree); returns the offset just after it. */
  private value(parent: number, childIndex: number, depth: number): number {
    const c = this.text.charCodeAt(this.pos);
    if (c === Ch.braceOpen) return this.object(parent, childIndex, depth + 1);
    if (c === Ch.bracketOpen) return this.array(parent, childIndex, depth + 1);
    if (c === Ch.quote) return this.string(parent, childIndex);
    if (c === Ch.minus || (c >= Ch.zero && c <= Ch.nine)) return this.number(parent, childIndex);
    return this.word(parent, childIndex);
  }

  private object(parent: number, childIndex: number, depth: number): number {
    if (depth > MAX_DEPTH) throw NOT_STRICT;
    const cols = this.columns;
    const offset = this.pos++;
    const node = cols.push(Kind.object, offset, -1, parent, childIndex);
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== Ch.braceClose) {
      for (let n = 0; ; n++) {
        if (this.text.charCodeAt(this.pos) !== Ch.quote) throw NOT_STRICT;
        const keyOffset = this.pos;
        const prop = cols.push(Kind.property, keyOffset, -1, node, n);
        this.string(prop, 0);
        this.skipSpace();
        if (this.text.charCodeAt(this.pos) !== Ch.colon) throw NOT_STRICT;
        this.pos++;
        this.skipSpace();
        const valueEnd = this.value(prop, 1, depth);
        cols.length[prop] = valueEnd - keyOffset;
        cols.end[prop] = cols.size;
        this.skipSpace();
        const sep = this.text.charCodeAt(this.pos);
        if (sep === Ch.comma) {
          this.pos++;
          this.skipSpace();
        } else if (sep === Ch.braceClose) break;
        else throw NOT_STRICT;
      }
    }
    this.pos++;
    cols.length[node] = this.pos - offset;
    cols.end[node] = cols.size;
    return this.pos;
  }

  private array(parent: number, childIndex: number, depth: number): number {
    if (depth > MAX_DEPTH) throw NOT_STRICT;
    const cols = this.columns;
    const offset = this.pos++;
    const node = cols.push(Kind.array, offset, -1, parent, childIndex);
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== Ch.bracketClose) {
      for (let n = 0; ; n++) {
        this.value(node, n, depth);
        this.skipSpace();
        const sep = this.text.charCodeAt(this.pos);
        if (sep === Ch.comma) {
          this.pos++;
          this.skipSpace();
        } else if (sep === Ch.bracketClose) break;
        else throw NOT_STRICT;
      }
    }
    this.pos++;
    cols.length[node] = this.pos - offset;
    cols.end[node] = cols.size;
    return this.pos;
  }

  private string(parent: number, childIndex: number): number {
    const offset = this.pos;
    const end = scanString(this.text, offset, false, this.scanned);
    const i = this.columns.push(Kind.string, offset, end - offset, parent, childIndex);
    if (this.scanned.escaped) this.escaped.add(i);
    return (this.pos = end);
  }

  /** JSON's number grammar exactly; jsonc-parser's scanner reads the same token, then Number(). */
  private number(parent: number, childIndex: number): number {
    const text = this.text;
    const offset = this.pos;
    let pos = offset;
    if (text.charCodeAt(pos) === Ch.minus) pos++;
    if (text.charCodeAt(pos) === Ch.zero) pos++;
    else if (isDigit(text.charCodeAt(pos))) while (isDigit(text.charCodeAt(pos))) pos++;
    else throw NOT_STRICT;
    if (text.charCodeAt(pos) === Ch.dot) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) throw NOT_STRICT;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === Ch.lowerE || e === Ch.upperE) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === Ch.plus || sign === Ch.minus) pos++;
      if (!isDigit(text.charCodeAt(pos))) throw NOT_STRICT;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    // A digit or letter right after (`01`, `1x`) is a second token for jsonc-parser: an error.
    if (!endsWord(text.charCodeAt(pos))) throw NOT_STRICT;
    this.columns.push(Kind.number, offset, pos - offset, parent, childIndex);
    return (this.pos = pos);
  }

  private word(parent: number, childIndex: number): number {
    const text = this.text;
    const offset = this.pos;
    let kind: Kind = Kind.boolean;
    let length = 4;
    if (text.startsWith('false', offset)) length = 5;
    else if (text.startsWith('null', offset)) kind = Kind.null;
    else if (!text.startsWith('true', offset)) throw NOT_STRICT;
    if (!endsWord(text.charCodeAt(offset + length))) throw NOT_STRICT;
    this.columns.push(kind, offset, length, parent, childIndex);
    return (this.pos = offset + length);
  }
}

/**
 * The tape of `parseTree(text)` when `text` is strict JSON (jsonc-parser would report no error);
 * undefined when it is not, or is nested too deeply, so the caller falls back to jsonc-parser.
 */
export function strictTape(text: string): JsonTape | undefined {
  const builder = new StrictBuilder(text);
  try {
    builder.build();
  } catch (e) {
    if (e === NOT_STRICT) return undefined;
    throw e;
  }
  return new JsonTape(text, builder.columns, new TextValues(builder.escaped));
}
