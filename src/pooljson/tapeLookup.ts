// Property lookups on a tape, the counterparts of jsonNodes.ts' helpers on jsonc-parser nodes.
// Azure reads property names case-insensitively, so every lookup here is case-insensitive.
import type { TextRange } from '../model';
import { Kind, type JsonTape } from './tape';

export function rangeAt(tape: JsonTape, i: number): TextRange {
  return { offset: tape.offset(i), length: tape.length(i) };
}

/**
 * The property entry named `key` in object entry `obj`, or -1. When the key is set more than once,
 * the last one: that is the value Azure and `az` read (the editor reports the others).
 */
export function findProperty(tape: JsonTape, obj: number, key: string): number {
  if (obj < 0 || tape.kind(obj) !== Kind.object) return -1;
  const lowered = key.toLowerCase();
  if (!tape.hasDuplicateKeys) {
    for (let p = tape.firstChild(obj); p !== -1; p = tape.nextSibling(obj, p)) {
      if (tape.keyIs(p, key, lowered)) return p;
    }
    return -1;
  }
  let found = -1;
  for (let p = tape.firstChild(obj); p !== -1; p = tape.nextSibling(obj, p)) {
    if (tape.keyIs(p, key, lowered)) found = p;
  }
  return found;
}

/** The first property present among alternative names (e.g. `inboundNATPools` / `inboundNatPools`). */
export function findPropertyOf(tape: JsonTape, obj: number, keys: readonly string[]): number {
  for (const k of keys) {
    const p = findProperty(tape, obj, k);
    if (p !== -1) return p;
  }
  return -1;
}

/** The value entry of property `key` of `obj`, or -1. */
export function propertyValue(tape: JsonTape, obj: number, key: string): number {
  const p = findProperty(tape, obj, key);
  return p === -1 ? -1 : tape.valueOf(p);
}

/**
 * The result of `lookup`, one number so that the thousands of lookups of a large template allocate
 * nothing: a property entry (>= 0) when found; MISSING; or, when an ancestor (or the value
 * itself) is an ARM expression or not an object, `unknownResult(node)` for the entry to report.
 */
export type LookupResult = number;

export const MISSING: LookupResult = -1;

function unknownResult(node: number): LookupResult {
  return -2 - node;
}

export function isUnknown(r: LookupResult): boolean {
  return r <= -2;
}

/** The entry an unknown result reports at. */
export function unknownNode(r: LookupResult): number {
  return -2 - r;
}

/** Walks `keys` from `obj`, stopping at expressions and non-objects. A found property has a value. */
export function lookup(tape: JsonTape, obj: number, keys: readonly (string | readonly string[])[]): LookupResult {
  let current = obj;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const prop = typeof k === 'string' ? findProperty(tape, current, k) : findPropertyOf(tape, current, k);
    if (prop === -1) return MISSING;
    const value = tape.valueOf(prop);
    if (value === -1) return unknownResult(prop);
    if (i === keys.length - 1) return prop;
    if (tape.kind(value) !== Kind.object) return unknownResult(value);
    current = value;
  }
  return MISSING;
}

/** JSON path from the root to entry `i`, as jsonc-parser's getNodePath gives it. */
export function pathOf(tape: JsonTape, i: number): (string | number)[] {
  const path: (string | number)[] = [];
  for (let node = i, parent = tape.parent(i); parent !== -1; node = parent, parent = tape.parent(node)) {
    const kind = tape.kind(parent);
    if (kind === Kind.property) path.push(tape.value(tape.keyOf(parent)) as string);
    else if (kind === Kind.array) path.push(tape.childIndex(node));
  }
  return path.reverse();
}
