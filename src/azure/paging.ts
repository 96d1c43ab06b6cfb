// Drains an SDK paged iterator (all pages) while honouring an AbortSignal between items, so a
// cancelled load stops issuing next-page requests even if the SDK ignores the signal.
import { AzureError, CANCELLED_CODE } from './errors';

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AzureError({ code: CANCELLED_CODE, message: 'The operation was cancelled.' });
}

export async function collect<T>(iterable: AsyncIterable<T>, signal?: AbortSignal): Promise<T[]> {
  throwIfAborted(signal);
  const out: T[] = [];
  for await (const item of iterable) {
    throwIfAborted(signal);
    out.push(item);
  }
  return out;
}

/** Same as collect, mapping each item and dropping the ones the mapper rejects (undefined). */
export async function collectMapped<T, U>(iterable: AsyncIterable<T>, map: (item: T) => U | undefined, signal?: AbortSignal): Promise<U[]> {
  const out: U[] = [];
  for (const item of await collect(iterable, signal)) {
    const mapped = map(item);
    if (mapped !== undefined) out.push(mapped);
  }
  return out;
}
