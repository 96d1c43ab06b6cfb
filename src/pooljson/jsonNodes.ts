// Small helpers over jsonc-parser's syntax tree (the edit builders use it) and ARM string values.
// Azure reads property names case-insensitively, so every lookup here is case-insensitive.
import type { Node } from 'jsonc-parser';
import { sameKey } from './tape';

/** The property node (`type: 'property'`) named `key` in an object node; the last one when the key is repeated (what Azure reads). */
export function findProperty(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  const wanted = key.toLowerCase();
  let found: Node | undefined;
  for (const p of obj.children) if (sameKey(p.children?.[0]?.value, key, wanted)) found = p;
  return found;
}

export function keyNode(prop: Node): Node | undefined {
  return prop.children?.[0];
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
