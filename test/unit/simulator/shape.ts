// Structural comparison used by the fidelity tests: the actual response must carry every property
// of the example with the same name and JSON type, recursively. Arrays: every example element must
// have an actual element of its shape; an empty actual array only has to be an array (the example
// shows one possible element, the simulated state may have none).
type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'undefined';

function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as Kind;
}

export function shapeErrors(expected: unknown, actual: unknown, path = '$'): string[] {
  const want = kindOf(expected);
  if (want === 'null') return []; // null carries no type to compare
  const got = kindOf(actual);
  if (want !== got) return [`${path}: expected ${want}, got ${got}`];
  if (want === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    return Object.keys(e).flatMap((k) => (k in a ? shapeErrors(e[k], a[k], `${path}.${k}`) : [`${path}.${k}: missing`]));
  }
  if (want === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (a.length === 0) return [];
    return e.flatMap((item, i) => {
      if (a.some((x) => shapeErrors(item, x).length === 0)) return [];
      const closest = a[Math.min(i, a.length - 1)];
      return [`${path}[${i}]: no element of this shape`, ...shapeErrors(item, closest, `${path}[${i}]`)];
    });
  }
  return [];
}
