// The simulator copies every resource it stores or returns; the copy must be exactly what a JSON
// round trip gives, or responses would differ from what Azure's JSON would carry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clone } from '../../simulator/json';

describe('simulator clone', () => {
  const samples: unknown[] = [
    null,
    0,
    -1.5,
    'text',
    true,
    [],
    {},
    { a: 1, b: 'x', c: [1, 'two', null, { d: false }], e: { f: { g: [] } } },
    { dropped: undefined, kept: 1, fn: () => 1 },
    [undefined, () => 1, 2],
    { nan: NaN, inf: Infinity, list: [NaN, -Infinity] },
    { when: new Date('2026-01-02T03:04:05Z'), nested: { when: new Date(0) } },
    JSON.parse('{"__proto__": {"polluted": true}, "x": 1}'),
  ];
  for (const value of samples) {
    it(`copies ${JSON.stringify(value)} as a JSON round trip does`, () => {
      const copy = clone(value);
      assert.deepStrictEqual(copy, JSON.parse(JSON.stringify(value)));
      assert.equal(JSON.stringify(copy), JSON.stringify(value));
    });
  }
  it('shares nothing with the original', () => {
    const original = { a: { b: [1, { c: 2 }] } };
    const copy = clone(original);
    (copy.a.b[1] as { c: number }).c = 3;
    (copy.a.b as unknown[]).push(4);
    assert.deepEqual(original, { a: { b: [1, { c: 2 }] } });
  });
  it('never sets a prototype from a member named __proto__', () => {
    const copy = clone(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal((copy as { polluted?: boolean }).polluted, undefined);
    assert.deepEqual(Object.keys(copy), ['__proto__']);
  });
  it('leaves undefined as it is', () => {
    assert.equal(clone(undefined), undefined);
  });
});
