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

/** Every repeated key of every object, in document order; sets `tape.hasDuplicateKeys`. One pass, no allocation without duplicates in small objects. */
export function findDuplicateKeys(tape: JsonTape): DuplicateKeyEntry[] {
  const out: DuplicateKeyEntry[] = [];
  const size = tape.columns.size;
  for (let obj = 0; obj < size; obj++) {
    if (tape.kind(obj) !== Kind.object) continue;
    const first = tape.firstChild(obj);
    if (first === -1) continue;
    const second = tape.nextSibling(obj, first);
    if (second === -1) continue;
    let count = 2;
    for (let p = tape.nextSibling(obj, second); p !== -1 && count <= PAIRWISE_LIMIT; p = tape.nextSibling(obj, p)) count++;
    if (count <= PAIRWISE_LIMIT) pairwise(tape, obj, first, out);
    else byMap(tape, obj, first, out);
  }
  tape.hasDuplicateKeys = out.length > 0;
  return out;
}

function pairwise(tape: JsonTape, obj: number, first: number, out: DuplicateKeyEntry[]): void {
  for (let p = tape.nextSibling(obj, first); p !== -1; p = tape.nextSibling(obj, p)) {
    // The nearest earlier one, so three copies give two findings, each pointing one back.
    let match = -1;
    for (let q = first; q !== p; q = tape.nextSibling(obj, q)) if (tape.sameKeys(q, p)) match = q;
    if (match !== -1) out.push({ prop: p, first: match });
  }
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
