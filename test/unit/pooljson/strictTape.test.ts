// The strict-JSON fast path must hold exactly what jsonc-parser's tree holds, or decline: whenever
// it returns a tape, parseTree reports no error and every entry matches its node (type, offset,
// length, value, children, JSON path, key comparison). The tape converted from a jsonc-parser
// tree (the path for everything else) must match its tree the same way.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getNodePath, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { strictTape } from '../../../src/pooljson/strictTape';
import { sameKey, tapeFromTree, type JsonTape } from '../../../src/pooljson/tape';
import { findProperty, pathOf } from '../../../src/pooljson/tapeLookup';
import { mutate, mutation, poolDocumentText } from '../fuzz/arbitraries';
import { fuzzConfig } from '../fuzz/config';
import { countedParams } from '../fuzz/counted';
import { fuzzImageIds, fuzzWorld } from '../fuzz/world';
import { repoRoot } from '../helpers/repoRoot';

function jsonc(text: string): { root: ReturnType<typeof parseTree>; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return { root, errors };
}

const KEYS = ['type', 'name', 'properties', 'resources', 'id', 'Id', 'ID', 'key', 'virtualMachineConfiguration', 'targetDedicatedNodes', 'nodeAgentSKUId', 'k\u0130', 'kelvin'];

/** Compares tape entry `i` (and its subtree) with jsonc-parser's node. */
function assertMatches(tape: JsonTape, i: number, node: Node): void {
  const where = `entry ${i} at ${node.offset}`;
  assert.equal(tape.kindName(i), node.type, where);
  assert.equal(tape.offset(i), node.offset, where);
  assert.equal(tape.length(i), node.length, where);
  assert.ok(Object.is(tape.value(i), node.value), `${where}: ${String(tape.value(i))} vs ${String(node.value)}`);
  assert.deepStrictEqual(pathOf(tape, i), getNodePath(node), where);
  const children = node.children ?? [];
  assert.equal(tape.childCount(i), children.length, where);
  if (node.type === 'property') assert.equal(tape.valueOf(i) === -1, children.length < 2, where);
  if (node.type === 'object') {
    for (const key of KEYS) {
      const expected = children.findIndex((p) => sameKey(p.children?.[0]?.value, key, key.toLowerCase()));
      const got = findProperty(tape, i, key);
      assert.equal(got === -1 ? -1 : tape.childIndex(got), expected, `${where}: key ${key}`);
    }
  }
  let c = tape.firstChild(i);
  for (const child of children) {
    assert.notEqual(c, -1, where);
    assert.equal(tape.parent(c), i, where);
    assertMatches(tape, c, child);
    c = tape.nextSibling(i, c);
  }
  assert.equal(c, -1, where);
}

function assertTapeOf(tape: JsonTape, root: Node | undefined): void {
  if (!root) return assert.equal(tape.root, -1);
  assert.equal(tape.root, 0);
  assertMatches(tape, 0, root);
}

/** The fast path's contract for one text; returns whether it took the text. */
function agrees(text: string): boolean {
  const slow = jsonc(text);
  // The converted tape is what every text that is not strict JSON gets.
  assertTapeOf(tapeFromTree(text, slow.root), slow.root);
  const fast = strictTape(text);
  if (fast === undefined) return false;
  assert.deepEqual(slow.errors, [], `jsonc-parser reports errors for a text the fast path took: ${JSON.stringify(text.slice(0, 200))}`);
  assertTapeOf(fast, slow.root);
  return true;
}

const STRICT = [
  '{}',
  '[]',
  ' \r\n\t{ "a" : 1 , "b":[ true,false ,null, -0, 0.5, 1e400, -1E-400, 2.5e+3, 123456789012345678901234567890 ] }\n',
  '"just a string"',
  '42',
  'null',
  '{"esc":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\ude00\\ud800","raw":"\u2028\uFEFF\uD800 ok"}',
  '{"a":{"b":{"c":[[[]],{}]}},"a":2}',
  '{"":"","__proto__":{"constructor":1}}',
  '{"ID":1,"iD":2,"\\u0069d":3,"\u212Aey":4,"KEY":5,"k\u0130":6,"KELVIN":7,"kelvin":8}',
  JSON.stringify({ resources: [{ type: 'Microsoft.Batch/batchAccounts/pools', name: 'acct/pool', properties: { vmSize: 'x', n: [1, 2.25, -3] } }] }, null, 2),
  JSON.stringify({ deep: JSON.parse('['.repeat(150) + ']'.repeat(150)) as unknown }),
];

const NOT_STRICT = [
  '',
  '   \n',
  '{"a":1,}',
  '[1,]',
  '{"a":1 // comment\n}',
  '/* c */ {}',
  '{"a":01}',
  '{"a":1.}',
  '{"a":.5}',
  '{"a":1e}',
  '{"a":-}',
  '{"a":tru}',
  '{"a":truex}',
  '{"a":nul}',
  '{"a":1x}',
  '{"a":"line\nbreak"}',
  '{"a":"tab\there"}',
  '{"a":"\\x"}',
  '{"a":"\\u12g4"}',
  '{"a":"unterminated}',
  '{"a" 1}',
  '{a:1}',
  "{'a':1}",
  '{"a":1}}',
  '{"a":1} x',
  '{"a":\u00a01}',
  '\uFEFF{}',
  '['.repeat(300) + ']'.repeat(300),
];

describe('strictTape and tapeFromTree', () => {
  it('builds the same tree as jsonc-parser for strict JSON', () => {
    for (const text of STRICT) assert.ok(agrees(text), `fast path declined ${JSON.stringify(text.slice(0, 80))}`);
  });

  it('declines comments, trailing commas, syntax errors, unusual whitespace and deep nesting', () => {
    for (const text of NOT_STRICT) {
      assert.equal(strictTape(text), undefined, JSON.stringify(text.slice(0, 80)));
      if (text.length < 1000) agrees(text); // the converted tape of jsonc-parser's recovered tree
    }
  });

  it('takes the demo workspace files that are strict JSON, with the same tree', () => {
    const dir = join(repoRoot(), 'test', 'simulator', 'scenarios', 'demo-workspace');
    let taken = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      if (agrees(text)) taken++;
    }
    assert.ok(taken > 0, 'no demo file took the fast path');
  });

  const cfg = fuzzConfig();
  const imageIds = fuzzImageIds(fuzzWorld());

  it('generated pool documents (any style) and their mutations: same tree or declined', () => {
    fc.assert(
      fc.property(poolDocumentText(imageIds), fc.array(mutation, { maxLength: 3 }), (d, mutations) => {
        agrees(d.text);
        agrees(mutate(d.text, mutations));
      }),
      countedParams(cfg, cfg.runs(4)),
    );
  });

  it('JSON.stringify output of generated documents always takes the fast path', () => {
    fc.assert(
      fc.property(poolDocumentText(imageIds), fc.constantFrom(0, 2, '\t'), (d, indent) => {
        const tree = jsonc(d.text);
        if (tree.errors.length > 0 || !tree.root) return;
        // Re-serialising the document's own value gives strict JSON.
        const text = JSON.stringify(JSON.parse(JSON.stringify(nodeValue(tree.root))), null, indent);
        assert.ok(agrees(text));
      }),
      countedParams(cfg, cfg.runs(4)),
    );
  });
});

function nodeValue(node: NonNullable<ReturnType<typeof parseTree>>): unknown {
  if (node.type === 'object') return Object.fromEntries((node.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1] ? nodeValue(p.children[1]) : null]));
  if (node.type === 'array') return (node.children ?? []).map(nodeValue);
  return node.value as unknown;
}
