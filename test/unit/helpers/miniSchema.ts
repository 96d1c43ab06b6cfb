// A small draft-07 subset validator for testing our own schemas (type, properties, required,
// pattern, enum, minimum, maxLength, items, additionalProperties, anyOf, allOf, if/then/else, $ref).
// Enough to check that real pool documents pass and broken ones fail, without a dependency.

type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function resolve(root: Schema, ref: string): Schema {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Schema)[part];
  if (!node || typeof node !== 'object') throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

/** Returns error messages (empty when valid). */
export function validate(root: Schema, value: unknown, schema: Schema = root, path = '$'): string[] {
  if (typeof schema.$ref === 'string') return validate(root, value, resolve(root, schema.$ref), path);
  const errors: string[] = [];
  const t = typeOf(value);
  if (typeof schema.type === 'string') {
    const ok = schema.type === t || (schema.type === 'number' && t === 'integer');
    if (!ok) return [`${path}: expected ${schema.type}, got ${t}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: not in enum`);
  if (typeof schema.pattern === 'string' && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push(`${path}: '${value}' does not match ${schema.pattern}`);
  }
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) errors.push(`${path}: below minimum`);
  if (typeof schema.maxLength === 'number' && typeof value === 'string' && value.length > schema.maxLength) errors.push(`${path}: too long`);
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${path}: missing ${r}`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...validate(root, v, props[k], `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${k}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validate(root, v, schema.additionalProperties as Schema, `${path}.${k}`));
    }
  }
  if (t === 'array' && schema.items && typeof schema.items === 'object') {
    (value as unknown[]).forEach((item, i) => errors.push(...validate(root, item, schema.items as Schema, `${path}[${i}]`)));
  }
  if (Array.isArray(schema.anyOf)) {
    const results = (schema.anyOf as Schema[]).map((s) => validate(root, value, s, path));
    if (!results.some((r) => r.length === 0)) errors.push(`${path}: no anyOf branch matches (${results.map((r) => r[0]).join(' | ')})`);
  }
  for (const s of (schema.allOf as Schema[] | undefined) ?? []) errors.push(...validate(root, value, s, path));
  if (schema.if && typeof schema.if === 'object') {
    const matches = validate(root, value, schema.if as Schema, path).length === 0;
    if (matches && schema.then) errors.push(...validate(root, value, schema.then as Schema, path));
    if (!matches && schema.else) errors.push(...validate(root, value, schema.else as Schema, path));
  }
  return errors;
}
