// Rules about the definition as a document: names Azure refuses (json shapes and ARM names,
// the `acct/..` traversal among them), and keys set twice, where the rules read the last value
// as Azure and az do (a node limit must not hide behind an earlier, smaller count).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePoolDocument } from '../../../src/pooljson';
import { armPool, armTemplate, dataPlanePool, doc, keyRange, valueRange } from '../helpers/poolDocs';
import { analyse, expectOne, withCode } from '../helpers/ruleHarness';

/** A data-plane pool on a managed image whose node count is set twice: 1, then 5000. */
function duplicatedNodes(secondKey = 'targetDedicatedNodes'): string {
  const text = doc(dataPlanePool({ dedicated: 1 }));
  return text.replace('"resizeTimeout"', `"${secondKey}": 5000,\n  "resizeTimeout"`);
}

describe('json-duplicate-key', () => {
  it('reads the last value (the node limit shows) and reports the second key, on the strict and the tolerant parser', () => {
    const strict = duplicatedNodes();
    // A comment takes the text off the strict fast path onto jsonc-parser's tree.
    const tolerant = `// pool\n${strict}`;
    for (const text of [strict, tolerant]) {
      const spec = parsePoolDocument(text).specs[0];
      assert.equal(spec.targetDedicatedNodes?.value, 5000);
      const findings = analyse(text);
      const f = expectOne(findings, 'json-duplicate-key', 'warning', keyRange(text, 'targetDedicatedNodes', 1));
      assert.deepEqual(f.related?.[0].range, keyRange(text, 'targetDedicatedNodes', 0));
      assert.match(f.message, /"targetDedicatedNodes" is set more than once/);
      // The managed image limit is 2,000 dedicated nodes: the 5000 Azure would read is over it.
      assert.equal(withCode(findings, 'custom-image-node-limit').length, 1, JSON.stringify(findings.map((x) => x.code)));
    }
  });
  it('compares keys as Azure reads them (case-insensitively) and reports each later copy', () => {
    const text = duplicatedNodes('TargetDedicatedNodes').replace('"resizeTimeout"', '"targetdedicatednodes": 7,\n  "resizeTimeout"');
    assert.equal(parsePoolDocument(text).specs[0].targetDedicatedNodes?.value, 7);
    const hits = withCode(analyse(text), 'json-duplicate-key');
    assert.deepEqual(hits.map((h) => h.range), [keyRange(text, 'TargetDedicatedNodes'), keyRange(text, 'targetdedicatednodes')]);
  });
  it('finds duplicates in large objects, nested objects and escaped keys; none in a clean file', () => {
    const pool = dataPlanePool();
    const metadata: Record<string, string> = {};
    for (let i = 0; i < 40; i++) metadata[`k${i}`] = 'v';
    const text = doc({ ...pool, metadata }).replace('"k39": "v"', '"k39": "v",\n    "k3": "again"').replace('"nodeAgentSKUId"', '"imageReference": {},\n    "node\\u0041gentSKUId": "x",\n    "nodeAgentSKUId"');
    const hits = withCode(analyse(text), 'json-duplicate-key');
    assert.deepEqual(hits.map((h) => text.slice(h.range?.offset, (h.range?.offset ?? 0) + (h.range?.length ?? 0))).sort(), ['"imageReference"', '"k3"', '"nodeAgentSKUId"'].sort());
    assert.deepEqual(withCode(analyse(doc(pool)), 'json-duplicate-key'), []);
  });
  it('in a template, reports each duplicate with the pool that holds it and reads the last value', () => {
    const a = armPool({ name: 'acct/a', dedicated: 3 });
    const b = armPool({ name: 'acct/b', dedicated: 4 });
    const text = doc(armTemplate([a, b])).replace('"targetDedicatedNodes": 4', '"targetDedicatedNodes": 4,\n                "targetDedicatedNodes": 3000');
    const parsed = parsePoolDocument(text);
    assert.deepEqual(parsed.specs.map((s) => s.targetDedicatedNodes?.value), [3, 3000]);
    assert.deepEqual(parsed.specs.map((s) => s.duplicateKeys?.length ?? 0), [0, 1]);
  });
});

describe('resource-name-invalid', () => {
  it('flags the ARM name that would address the Batch account itself, at the name', () => {
    for (const name of ['acct/..', 'acct/.', 'acct/a b', 'Acct/pool', 'acct/pool/x']) {
      const text = doc(armPool({ name }));
      const f = expectOne(analyse(text), 'resource-name-invalid', 'error', valueRange(text, 'name', name));
      assert.match(f.message, /Deploy Pool JSON will not send it/);
    }
    assert.deepEqual(withCode(analyse(doc(armPool({ name: 'acct/pool-1' }))), 'resource-name-invalid'), []);
    assert.deepEqual(withCode(analyse(doc(armPool({ name: "[concat(parameters('a'), '/..')]" }))), 'resource-name-invalid'), [], 'expressions are skipped');
  });
  it('flags a data-plane id Azure refuses', () => {
    for (const id of ['..', 'a/b', 'has space', 'x'.repeat(65)]) {
      const text = doc(dataPlanePool({ id }));
      expectOne(analyse(text), 'resource-name-invalid', 'error', valueRange(text, 'id', id));
    }
    assert.deepEqual(withCode(analyse(doc(dataPlanePool({ id: 'pool_1-a' }))), 'resource-name-invalid'), []);
  });
  it('a pool inside an account resource is named by its id alone', () => {
    const child = { ...armPool({ name: 'acct/p1' }), type: 'pools' };
    const account = { type: 'Microsoft.Batch/batchAccounts', apiVersion: '2024-07-01', name: 'acct', location: 'eastus', resources: [child] };
    const text = doc(armTemplate([account]));
    expectOne(analyse(text), 'resource-name-invalid', 'error', valueRange(text, 'name', 'acct/p1'));
  });
});
