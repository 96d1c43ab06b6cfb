// Bugs the fuzz suite found, kept as plain unit tests.
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { parseTree, type ParseError } from 'jsonc-parser';
import { applyTextEdits, parsePoolDocument, replaceNodeAgentSkuEdits, setResizeTimeoutEdits } from '../../../src/pooljson';

describe('fuzz regressions', () => {
  it('parsePoolDocument does not throw on nesting deeper than the parser stack (RangeError)', () => {
    for (const text of [`{"resources": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
      const doc = parsePoolDocument(text);
      assert.equal(doc.kind, 'unknown');
      assert.deepEqual(doc.specs, []);
      assert.equal(doc.syntaxErrors[0]?.code, 'NestingTooDeep');
    }
  });

  it('a fix in a minified template edits only its own pool (formatting used to rewrite the whole line, i.e. the file)', () => {
    const pool = (name: string) => ({ type: 'Microsoft.Batch/batchAccounts/pools', name, properties: { deploymentConfiguration: { virtualMachineConfiguration: {} }, scaleSettings: { fixedScale: { targetDedicatedNodes: 2 } } } });
    const text = JSON.stringify({ contentVersion: '1.0.0.0', resources: [pool('acct/a'), pool('acct/b')] });
    const doc = parsePoolDocument(text);
    assert.equal(doc.specs.length, 2);
    const second = doc.specs[1];
    const range = second.range;
    assert.ok(range);
    for (const edits of [setResizeTimeoutEdits(text, second, 'PT20M'), replaceNodeAgentSkuEdits(text, second, 'batch.node.ubuntu 22.04')]) {
      assert.equal(edits.length, 1);
      for (const e of edits) assert.ok(e.offset >= range.offset && e.offset + e.length <= range.offset + range.length, JSON.stringify(e));
      const after = applyTextEdits(text, edits);
      const errors: ParseError[] = [];
      parseTree(after, errors);
      assert.deepEqual(errors, []);
      assert.ok(after.startsWith(text.slice(0, range.offset)), 'the first pool is untouched');
      assert.equal(parsePoolDocument(after).specs.length, 2);
    }
  });

  it('a fix next to deeply nested JSON on the same line does not throw (jsonc-parser formatter past ~60 levels)', () => {
    const nested = '{"a":'.repeat(200) + '1' + '}'.repeat(200);
    const text = `{"id": "p", "virtualMachineConfiguration": {"x": ${nested}}, "targetDedicatedNodes": 2}`;
    const spec = parsePoolDocument(text).specs[0];
    assert.ok(spec);
    const after = applyTextEdits(text, setResizeTimeoutEdits(text, spec, 'PT20M'));
    assert.equal(parsePoolDocument(after).specs[0]?.resizeTimeout?.value, 'PT20M');
  });
});
