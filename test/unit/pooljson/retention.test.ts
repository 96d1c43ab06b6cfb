// Values read from a document must not keep its text alive: image ids become keys of caches that
// live as long as the inventory, and typing in a large template makes a new text per keystroke.
// (V8 represents a long substring as a slice of its parent string.)
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parsePoolDocument } from '../../../src/pooljson';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** A ~1 MB document, different each time, whose values are kept after the text is dropped. */
function readValues(i: number, comments: boolean): string[] {
  const id = `/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Compute/images/img-${i}`;
  const padding = Array.from({ length: 20_000 }, (_, k) => ({ name: `SETTING_${k}_${i}`, value: 'x'.repeat(20) }));
  const pool = { id: `pool-${i}`, vmSize: 'standard_d4s_v3', virtualMachineConfiguration: { imageReference: { virtualMachineImageId: id }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' }, startTask: { environmentSettings: padding } };
  // With a comment the text is not strict JSON and takes jsonc-parser's path.
  const text = (comments ? '// pool\n' : '') + JSON.stringify(pool, null, 2);
  const spec = parsePoolDocument(text).specs[0];
  return [spec.imageId?.value, spec.name?.value, spec.nodeAgentSkuId?.value].filter((v): v is string => v !== undefined);
}

describe('parsePoolDocument: retention', () => {
  for (const comments of [false, true]) {
    it(`values read from ${comments ? 'a JSONC' : 'a strict JSON'} document do not keep its text alive`, () => {
      const before = heapAfterGc();
      const kept = Array.from({ length: 12 }, (_, i) => readValues(i, comments));
      const retained = heapAfterGc() - before;
      assert.equal(kept.length, 12);
      assert.match(kept[11][0], /img-11$/);
      // 12 texts of ~1.3 MB each would be ~16 MB; the values themselves are a few kilobytes.
      assert.ok(retained < 4 * 1024 * 1024, `retained ${(retained / 1024 / 1024).toFixed(1)} MB`);
    });
  }
});
