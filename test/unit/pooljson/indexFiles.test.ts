// indexFilesInSlices: the first scan of a workspace's pool files gives the event loop a turn
// between slices and whenever parsing used up its budget; unreadable files leave the index,
// skipped files are not read, and a stop request ends the scan.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indexFilesInSlices, PoolFileIndex } from '../../../src/pooljson';

const pool = (id: string): string => JSON.stringify({ id, vmSize: 'Standard_D2s_v3', virtualMachineConfiguration: { imageReference: { virtualMachineImageId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/${id}` }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' }, targetDedicatedNodes: 1 });

describe('indexFilesInSlices', () => {
  it('indexes every readable file, removes the unreadable, and skips what it is told to', async () => {
    const index = new PoolFileIndex();
    index.update('gone.pool.json', pool('old'));
    const files = ['a.pool.json', 'b.pool.json', 'gone.pool.json', 'open.pool.json'];
    const read: string[] = [];
    const indexed = await indexFilesInSlices(
      index,
      files,
      async (file) => {
        read.push(file);
        if (file === 'gone.pool.json') throw new Error('ENOENT');
        return pool(file.split('.')[0]);
      },
      { skip: (file) => file === 'open.pool.json' },
    );
    assert.equal(indexed, 2);
    assert.deepEqual(read.sort(), ['a.pool.json', 'b.pool.json', 'gone.pool.json']);
    assert.deepEqual(index.pools().map((p) => p.source).sort(), ['a.pool.json', 'b.pool.json']);
  });

  it('gives the loop a turn after each slice, and after each file once the parsing budget is spent', async () => {
    const files = Array.from({ length: 10 }, (_, i) => `f${i}.pool.json`);
    let turns = 0;
    const yieldToLoop = async (): Promise<void> => {
      turns++;
    };
    await indexFilesInSlices(new PoolFileIndex(), files, async (f) => pool(f), { sliceSize: 4, budgetMs: 60_000, yieldToLoop });
    assert.equal(turns, 3, 'one turn per slice (4 + 4 + 2) while the budget lasts');
    turns = 0;
    await indexFilesInSlices(new PoolFileIndex(), files, async (f) => pool(f), { sliceSize: 4, budgetMs: 0, yieldToLoop });
    assert.equal(turns, 10 + 3, 'a spent budget: a turn after every file too');
  });

  it('stops when asked', async () => {
    const files = Array.from({ length: 10 }, (_, i) => `f${i}.pool.json`);
    let stop = false;
    const index = new PoolFileIndex();
    await indexFilesInSlices(index, files, async (f) => pool(f), {
      sliceSize: 2,
      yieldToLoop: async () => {
        stop = true;
      },
      stopped: () => stop,
    });
    assert.equal(index.fileCount, 2, 'the first slice only');
  });
});
