// Drains an SDK paged iterator (all pages) while honouring an AbortSignal between items, so a
// cancelled load stops issuing next-page requests even if the SDK ignores the signal.
import * as l10n from '@vscode/l10n';
import type { AbortSignalLike } from '@azure/ms-rest-js';
import { AzureError, CANCELLED_CODE } from './errors';

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') });
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

/**
 * Resolves like `work`, or rejects as cancelled as soon as `signal` aborts; a late answer is
 * dropped. For ms-rest-js (Batch data plane) calls, which also get the signal: cancelling then
 * never depends on how the SDK reports an abort. (Handing the signal over once failed in the
 * extension host with "Expected signal to be an instanceof AbortSignal": bundling had renamed the
 * abort-controller polyfill class ms-rest-js gives node-fetch; esbuild's keepNames fixed that.)
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    // Nobody will wait for the work any more; keep its eventual failure from going unhandled.
    void work.catch(() => undefined);
    return Promise.reject(new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      try {
        throwIfAborted(signal);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * The signal as ms-rest-js types it. Its AbortSignalLike declares `onabort` with a `this` type the
 * DOM AbortSignal does not match; at run time ms-rest-js only reads `aborted` and adds / removes
 * an 'abort' listener, which every AbortSignal supports, so the cast is sound.
 */
export function msRestSignal(signal: AbortSignal | undefined): AbortSignalLike | undefined {
  return signal as unknown as AbortSignalLike | undefined;
}
