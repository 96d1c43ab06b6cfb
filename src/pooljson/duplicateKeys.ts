// Keys set twice in one object. JSON leaves them undefined; Azure Resource Manager, the Batch
// service and `az` (Python's json) all keep the last one, so a file with `targetDedicatedNodes: 1`
// then `targetDedicatedNodes: 5000` asks for 5000. The rules read that last value (findProperty)
// and the duplicates are reported (rule json-duplicate-key). Keys compare as the lookups compare
// them: case-insensitively, as Azure reads property names.
import { Kind, type JsonTape } from './tape';

/** Objects with more properties than this are checked through a map instead of pairwise. */
const PAIRWISE_LIMIT = 16;

export interface DuplicateKeyEntry {
  /** The property entry that repeats a key. */
  prop: number;
  /** The earlier property entry with the same key. */
  first: number;
}

/**
 * Every repeated key of every object, in document order; sets `tape.hasDuplicateKeys`. One pass
 * over the tape's columns (it runs on every keystroke, often before the JIT has warmed up, so it
 * reads the typed arrays directly instead of calling methods per entry); no allocation unless an
 * object has more than PAIRWISE_LIMIT properties.
 */
export function findDuplicateKeys(tape: JsonTape): DuplicateKeyEntry[] {
  const out: DuplicateKeyEntry[] = [];
  const { kind, end, length, size } = tape.columns;
  const lengthsDecide = tape.keyLengthsDecide;
  for (let obj = 0; obj < size; obj++) {
    if (kind[obj] !== Kind.object) continue;
    // Properties of `obj` are obj + 1, then each next one starts at the previous one's end.
    const objEnd = end[obj];
    const first = obj + 1;
    if (first >= objEnd || end[first] >= objEnd) continue;
    let count = 0;
    for (let p = first; p < objEnd && count <= PAIRWISE_LIMIT; p = end[p]) count++;
    if (count > PAIRWISE_LIMIT) {
      byMap(tape, obj, first, out);
      continue;
    }
    for (let p = end[first]; p < objEnd; p = end[p]) {
      // The nearest earlier copy, so three copies give two findings, each pointing one back.
      let match = -1;
      for (let q = first; q !== p; q = end[q]) {
        if (lengthsDecide && length[q + 1] !== length[p + 1]) continue;
        if (tape.sameKeys(q, p)) match = q;
      }
      if (match !== -1) out.push({ prop: p, first: match });
    }
  }
  tape.hasDuplicateKeys = out.length > 0;
  return out;
}

function byMap(tape: JsonTape, obj: number, first: number, out: DuplicateKeyEntry[]): void {
  const seen = new Map<string, number>();
  for (let p = first; p !== -1; p = tape.nextSibling(obj, p)) {
    const name = tape.value(tape.keyOf(p));
    if (typeof name !== 'string') continue;
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) out.push({ prop: p, first: earlier });
    seen.set(key, p);
  }
}
