// The workspace pool index (issue 14, item 7): files indexed one at a time, the pools outside a
// file for the rules, positions for related locations in closed files, change detection limited to
// what other files' rules read, and lookup by image for reports.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PoolFileIndex } from '../../../src/pooljson';
import { retiredPoolFiles } from '../../../src/rules';

const IMG = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/img-a';
const pool = (id: string, nodes: number, image = IMG) =>
  JSON.stringify({ id, vmSize: 'Standard_D2s_v5', virtualMachineConfiguration: { imageReference: { virtualMachineImageId: image }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' }, targetDedicatedNodes: nodes }, null, 2);

describe('PoolFileIndex', () => {
  it('keeps the pools of each file, and gives the pools outside one file', () => {
    const index = new PoolFileIndex((file) => (file === 'file:///a.pool.json' ? '/acct/a' : undefined));
    assert.equal(index.update('file:///a.pool.json', pool('a', 1)), true);
    assert.equal(index.update('file:///b.pool.json', pool('b', 2)), true);
    assert.deepEqual(index.poolsOutside('file:///a.pool.json').map((s) => s.name?.value), ['b']);
    assert.deepEqual(index.pools().map((s) => [s.source, s.accountId]), [['file:///a.pool.json', '/acct/a'], ['file:///b.pool.json', undefined]]);
    assert.equal(index.fileCount, 2);
  });

  it('reports a change only when what other files read changed (image, counts, name, line)', () => {
    const index = new PoolFileIndex();
    index.update('f', pool('a', 1));
    assert.equal(index.update('f', pool('a', 1).replace('Standard_D2s_v5', 'Standard_D4s_v5')), false, 'the VM size is not read across files');
    assert.equal(index.update('f', pool('a', 3)), true);
    assert.equal(index.update('f', `\n${pool('a', 3)}`), true, 'the pool moved a line down');
    assert.equal(index.remove('f'), true);
    assert.equal(index.remove('f'), false);
  });

  it('knows where a pool is, in line and column, without keeping the text', () => {
    const index = new PoolFileIndex();
    index.update('f', pool('a', 1));
    const [spec] = index.pools();
    assert.deepEqual(index.location(spec), { file: 'f', start: { line: 1, character: 8 }, end: { line: 1, character: 11 }, image: { line: 5, character: 31 } });
  });

  it('finds the pools using given images, whatever the case of the id', () => {
    const index = new PoolFileIndex();
    index.update('f', pool('a', 1));
    index.update('g', pool('b', 1, `${IMG}-other`));
    index.update('h', '{ not json');
    assert.deepEqual(index.poolsUsingImages([IMG.toUpperCase()]).map((s) => s.source), ['f']);
  });

  it("gives the report's file rows: pools on managed images, at the image id's line, sorted by file", () => {
    const index = new PoolFileIndex();
    const gallery = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0';
    index.update('z.pool.json', pool('late', 1));
    // An ARM template with one pool a line: lines 2, 3 and 4.
    const arm = (name: string, image: string) =>
      JSON.stringify({ type: 'Microsoft.Batch/batchAccounts/pools', apiVersion: '2024-07-01', name: `acct/${name}`, properties: { vmSize: 'Standard_D2s_v5', deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: image }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } } } });
    index.update('a.pool.json', `{ "resources": [\n${arm('third', IMG)},\n${arm('on-gallery', gallery)},\n${arm('second', IMG)}\n] }`);
    index.update('m.pool.json', pool('market', 1, 'not-an-arm-id'));
    const rows = retiredPoolFiles(index.pools(), (spec) => {
      const at = index.location(spec);
      return at && { path: at.file, line: (at.image ?? at.start).line + 1 };
    });
    assert.deepEqual(
      rows.map((r) => [r.path, r.line, r.poolName, r.imageId]),
      [
        ['a.pool.json', 2, 'third', IMG],
        ['a.pool.json', 4, 'second', IMG],
        ['z.pool.json', 6, 'late', IMG],
      ],
    );
  });

  it('indexes a thousand files, each pool once', () => {
    const index = new PoolFileIndex();
    for (let i = 0; i < 1000; i++) index.update(`f${i}`, pool(`p${i}`, i % 7));
    assert.equal(index.pools().length, 1000);
    assert.equal(index.poolsOutside('f1').length, 999);
  });
});
