// A compact, read-only form of a JSON syntax tree: one entry per jsonc-parser node (objects,
// arrays, properties, key strings, values) in document order, held in typed arrays. Reading pool
// specs from it allocates nothing per node, which matters on every keystroke in a 2 MB template:
// a tree of ~10^5 node objects cost more in garbage collection than in parsing. Entry i's
// children are i + 1, then each next sibling starts at the previous one's `end`.
import type { Node } from 'jsonc-parser';

export const enum Kind {
  object = 0,
  array = 1,
  property = 2,
  string = 3,
  number = 4,
  boolean = 5,
  null = 6,
}

const KIND_NAMES = ['object', 'array', 'property', 'string', 'number', 'boolean', 'null'] as const;
export type KindName = (typeof KIND_NAMES)[number];

/** Growable columns; the builders append entries in document (pre-)order. */
export class TapeColumns {
  kind: Uint8Array;
  offset: Int32Array;
  length: Int32Array;
  parent: Int32Array;
  /** Index just past the entry's subtree. */
  end: Int32Array;
  /** Position among the parent's children (array indexes of JSON paths). */
  childIndex: Int32Array;
  size = 0;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.kind = new Uint8Array(n);
    this.offset = new Int32Array(n);
    this.length = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.end = new Int32Array(n);
    this.childIndex = new Int32Array(n);
  }

  /** Appends an entry (its end is set when its subtree is complete) and returns its index. */
  push(kind: Kind, offset: number, length: number, parent: number, childIndex: number): number {
    if (this.size === this.kind.length) this.grow();
    const i = this.size++;
    this.kind[i] = kind;
    this.offset[i] = offset;
    this.length[i] = length;
    this.parent[i] = parent;
    this.end[i] = i + 1;
    this.childIndex[i] = childIndex;
    return i;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const widen = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.kind = widen(this.kind, (k) => new Uint8Array(k));
    this.offset = widen(this.offset, (k) => new Int32Array(k));
    this.length = widen(this.length, (k) => new Int32Array(k));
    this.parent = widen(this.parent, (k) => new Int32Array(k));
    this.end = widen(this.end, (k) => new Int32Array(k));
    this.childIndex = widen(this.childIndex, (k) => new Int32Array(k));
  }
}

/** How a tape gets the value of a string / number / boolean entry. */
export interface ValueSource {
  value(tape: JsonTape, i: number): unknown;
  /** Whether the key string at entry `i` equals `key` the way findProperty compares (case-insensitively). */
  keyIs(tape: JsonTape, i: number, key: string, lowered: string): boolean;
  /** Whether the key strings at entries `i` and `j` are equal the way findProperty compares. */
  sameKeys(tape: JsonTape, i: number, j: number): boolean;
  /** True when keys whose tokens differ in length can never be equal (no escapes in the text). */
  readonly lengthsDecide: boolean;
}

export class JsonTape {
  /**
   * Whether some object sets a key twice (set by findDuplicateKeys). Lookups then return the last
   * match, which is the value Azure and `az` read; without duplicates the first match is the only one.
   */
  hasDuplicateKeys = false;

  constructor(
    readonly text: string,
    readonly columns: TapeColumns,
    private readonly values: ValueSource,
  ) {}

  /** The root entry (0), or -1 for a document without a value. */
  get root(): number {
    return this.columns.size > 0 ? 0 : -1;
  }

  kind(i: number): Kind {
    return this.columns.kind[i] as Kind;
  }

  kindName(i: number): KindName {
    return KIND_NAMES[this.columns.kind[i]];
  }

  offset(i: number): number {
    return this.columns.offset[i];
  }

  length(i: number): number {
    return this.columns.length[i];
  }

  parent(i: number): number {
    return this.columns.parent[i];
  }

  /** First child, or -1. */
  firstChild(i: number): number {
    return this.columns.end[i] > i + 1 ? i + 1 : -1;
  }

  /** The next sibling of child `c` of `parent`, or -1. */
  nextSibling(parent: number, c: number): number {
    const next = this.columns.end[c];
    return next < this.columns.end[parent] ? next : -1;
  }

  childCount(i: number): number {
    let n = 0;
    for (let c = this.firstChild(i); c !== -1; c = this.nextSibling(i, c)) n++;
    return n;
  }

  childIndex(i: number): number {
    return this.columns.childIndex[i];
  }

  /** The key string entry of a property. */
  keyOf(prop: number): number {
    return prop + 1;
  }

  /** The value entry of a property, or -1 (a property without value in broken JSON). */
  valueOf(prop: number): number {
    const v = this.columns.end[prop + 1];
    return v < this.columns.end[prop] ? v : -1;
  }

  /** The value of a string / number / boolean / null entry (undefined for containers). */
  value(i: number): unknown {
    const k = this.kind(i);
    if (k === Kind.object || k === Kind.array || k === Kind.property) return undefined;
    const v = this.values.value(this, i);
    return typeof v === 'string' ? detached(v) : v;
  }

  /** Whether property `prop` is named `key`, compared case-insensitively as Azure does. */
  keyIs(prop: number, key: string, lowered: string): boolean {
    return this.values.keyIs(this, prop + 1, key, lowered);
  }

  /** True when keys whose tokens differ in length are known to differ (no escapes to decode). */
  get keyLengthsDecide(): boolean {
    return this.values.lengthsDecide;
  }

  /** Whether properties `a` and `b` have the same name, compared as keyIs compares. */
  sameKeys(a: number, b: number): boolean {
    const cols = this.columns;
    // Most keys of an object differ in length: decided without a call when no key has escapes.
    if (this.values.lengthsDecide && cols.length[a + 1] !== cols.length[b + 1]) return false;
    return this.values.sameKeys(this, a + 1, b + 1);
  }
}

/**
 * A copy of `s` that does not keep the document text alive. V8 makes a substring of 13 or more
 * characters a slice of its parent: an image id read from a 2 MB template would hold the whole
 * text for as long as the per-inventory caches keep the id (one text per keystroke). Prepending
 * and slicing again flattens the copy into a string of its own.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** findProperty's comparison on an existing key string. */
export function sameKey(name: unknown, key: string, lowered: string): boolean {
  // Length check first: lowercasing every key of a 2 MB template is measurable.
  return typeof name === 'string' && name.length === key.length && (name === key || name.toLowerCase() === lowered);
}

/** Values kept by a tape converted from a jsonc-parser tree (broken JSON keeps its recovered values). */
class StoredValues implements ValueSource {
  /** Token lengths include escapes, which recovered values may have had. */
  readonly lengthsDecide = false;
  constructor(private readonly stored: unknown[]) {}
  value(_tape: JsonTape, i: number): unknown {
    return this.stored[i];
  }
  keyIs(_tape: JsonTape, i: number, key: string, lowered: string): boolean {
    return sameKey(this.stored[i], key, lowered);
  }
  sameKeys(_tape: JsonTape, i: number, j: number): boolean {
    const b = this.stored[j];
    return typeof b === 'string' && sameKey(this.stored[i], b, b.toLowerCase());
  }
}

const KIND_OF: Record<string, Kind> = {
  object: Kind.object,
  array: Kind.array,
  property: Kind.property,
  string: Kind.string,
  number: Kind.number,
  boolean: Kind.boolean,
  null: Kind.null,
};

/** The tape of a jsonc-parser tree (the path for text that is not strict JSON). Iterative: the tree may be deep. */
export function tapeFromTree(text: string, root: Node | undefined): JsonTape {
  const columns = new TapeColumns(64);
  const stored: unknown[] = [];
  if (root) {
    // Pre-order walk; `end` of each entry is written when its subtree is done.
    const stack: { node: Node; index: number; parent: number; childIndex: number; entry: number }[] = [{ node: root, index: 0, parent: -1, childIndex: 0, entry: -1 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.entry === -1) {
        top.entry = columns.push(KIND_OF[top.node.type], top.node.offset, top.node.length, top.parent, top.childIndex);
        stored[top.entry] = top.node.value as unknown;
      }
      const children = top.node.children ?? [];
      if (top.index < children.length) {
        stack.push({ node: children[top.index], index: 0, parent: top.entry, childIndex: top.index, entry: -1 });
        top.index++;
      } else {
        columns.end[top.entry] = columns.size;
        stack.pop();
      }
    }
  }
  return new JsonTape(text, columns, new StoredValues(stored));
}
