// Answers that depend only on the inventory and a few keys (candidate images for a region, say)
// are the same for every pool of a document and every keystroke until the inventory changes:
// cache them per inventory object, which is replaced (never mutated) on each load.
import type { Inventory } from '../model';

// Keys typed into a document (an image id, character by character) are unbounded: `limit` caps
// the entries per inventory, starting over when reached.
export function perInventoryCache<T>(limit = Infinity): (inventory: Inventory, key: string, compute: () => T) => T {
  const caches = new WeakMap<Inventory, Map<string, T>>();
  return (inventory, key, compute) => {
    let cache = caches.get(inventory);
    if (!cache) caches.set(inventory, (cache = new Map()));
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = compute();
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
