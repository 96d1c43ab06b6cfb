import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isPoolDocument } from '../../../src/pooljson';
import { assertWithinBudget, bestCpuMsPair } from '../helpers/timing';
import { armPool, armTemplate, dataPlanePool, doc } from '../helpers/poolDocs';

describe('isPoolDocument', () => {
  it('accepts pool file names regardless of content', () => {
    assert.ok(isPoolDocument('/w/x.pool.json', ''));
    assert.ok(isPoolDocument('C:\\w\\pool.json', ''));
    assert.ok(isPoolDocument('a.pool.jsonc', ''));
    assert.ok(!isPoolDocument('/w/mypool.json', '{}'));
  });
  it('recognises content: data plane, ARM pool, ARM template, account with child pools', () => {
    assert.ok(isPoolDocument('a.json', doc(dataPlanePool())));
    assert.ok(isPoolDocument('a.json', doc(armPool())));
    assert.ok(isPoolDocument('a.json', '// c\n' + doc(armTemplate([armPool()]))));
    assert.ok(
      isPoolDocument('a.json', doc(armTemplate([{ type: 'Microsoft.Batch/batchAccounts', name: 'a', resources: [{ type: 'pools', name: 'p' }] }]))),
    );
  });
  it('rejects other JSON and non-JSON files', () => {
    assert.ok(!isPoolDocument('package.json', '{"name":"x","scripts":{}}'));
    assert.ok(!isPoolDocument('a.json', '[{"vmSize": 1}]'));
    assert.ok(!isPoolDocument('a.ts', doc(dataPlanePool())));
    assert.ok(!isPoolDocument('a.json', doc(armTemplate([{ type: 'Microsoft.Batch/batchAccounts', name: 'a' }]))));
  });
  it('looks at a bounded prefix only (fast on 10 MB)', () => {
    const big = '{"resources": [' + '{"type":"Microsoft.Storage/storageAccounts","name":"x"},'.repeat(200000) + '{}]}';
    assert.equal(isPoolDocument('big.json', big), false);
    // Baseline: one linear scan of the whole text; sniffing a bounded prefix must stay near it.
    const t = bestCpuMsPair(() => isPoolDocument('big.json', big), () => big.indexOf('"no-such-marker"'), 5);
    assertWithinBudget('isPoolDocument on 10 MB', t.ours, 20, t.baseline, 4);
  });
});
