// Run as a child process with --expose-gc: the heap an indexed inventory occupies. The snapshot
// is read from a JSON file (as the loader would have built it), indexed, and kept alive; the
// difference of heapUsed after full collections is the inventory's cost.
import { readFileSync } from 'node:fs';
import { indexInventory, type Inventory, type InventorySnapshot } from '../../src/model';

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
}

const file = process.argv[2];
let text: string | undefined = readFileSync(file, 'utf8');
collect();
const before = process.memoryUsage().heapUsed;
const snapshot = JSON.parse(text) as InventorySnapshot;
text = undefined; // the file's text is not part of the inventory
// Every index built (they are built on first use), so they all count.
const inventory: Inventory = indexInventory(snapshot, { eager: true });
collect();
const after = process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ heapBytes: after - before, items: inventory.snapshot.images.length + inventory.snapshot.pools.length }));
