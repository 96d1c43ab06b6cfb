// Answers that depend only on the inventory and a few keys (candidate images for a region, say)
// are the same for every pool of a document and every keystroke until the inventory changes:
// cache them per inventory object, which is replaced (never mutated) on each load.
import type { Inventory } from '../model';

export function perInventoryCache<T>(): (inventory: Inventory, key: string, compute: () => T) => T {
  const caches = new WeakMap<Inventory, Map<string, T>>();
  return (inventory, key, compute) => {
    let cache = caches.get(inventory);
    if (!cache) caches.set(inventory, (cache = new Map()));
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    cache.set(key, value);
    return value;
  };
}
