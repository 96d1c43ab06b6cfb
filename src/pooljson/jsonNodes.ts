// Small helpers over jsonc-parser's syntax tree. Azure reads property names case-insensitively,
// so every lookup here is case-insensitive.
import type { Node } from 'jsonc-parser';
import type { TextRange } from '../model';

export function rangeOf(node: Node): TextRange {
  return { offset: node.offset, length: node.length };
}

/** The property node (`type: 'property'`) named `key` in an object node. */
export function findProperty(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  const wanted = key.toLowerCase();
  for (const p of obj.children) {
    const v = p.children?.[0]?.value;
    // Length check first: lowercasing every key of a 2 MB template is measurable.
    if (typeof v === 'string' && v.length === key.length && (v === key || v.toLowerCase() === wanted)) return p;
  }
  return undefined;
}

/** The first property present among alternative names (e.g. `inboundNATPools` / `inboundNatPools`). */
export function findPropertyOf(obj: Node | undefined, keys: readonly string[]): Node | undefined {
  for (const k of keys) {
    const p = findProperty(obj, k);
    if (p) return p;
  }
  return undefined;
}

export function keyNode(prop: Node): Node | undefined {
  return prop.children?.[0];
}

export function valueNode(prop: Node): Node | undefined {
  return prop.children?.[1];
}

/**
 * An ARM template expression: a string starting with `[` and ending with `]`. A leading `[[`
 * escapes a literal bracket and is not an expression.
 */
export function isArmExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('[') && !value.startsWith('[[') && value.trimEnd().endsWith(']');
}

/** The literal value of an ARM string (`[[x` means `[x`). */
export function armLiteral(value: string): string {
  return value.startsWith('[[') ? value.slice(1) : value;
}

export type Lookup =
  | { status: 'found'; prop: Node; value: Node }
  | { status: 'missing'; /** the deepest object reached */ parent: Node; parentProp?: Node }
  /** an ancestor (or the value itself) is an ARM expression or not an object: cannot know. */
  | { status: 'unknown'; node: Node };

/** Walks `keys` from `obj`, stopping at expressions and non-objects. */
export function lookup(obj: Node, keys: readonly (string | readonly string[])[]): Lookup {
  let current = obj;
  let currentProp: Node | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const prop = typeof k === 'string' ? findProperty(current, k) : findPropertyOf(current, k);
    if (!prop) return { status: 'missing', parent: current, parentProp: currentProp };
    const value = valueNode(prop);
    if (!value) return { status: 'unknown', node: prop };
    if (i === keys.length - 1) return { status: 'found', prop, value };
    if (value.type !== 'object') return { status: 'unknown', node: value };
    current = value;
    currentProp = prop;
  }
  return { status: 'missing', parent: current, parentProp: currentProp };
}
