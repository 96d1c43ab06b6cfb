// Bounds how many Azure requests the inventory has in flight at once (ARM throttles per
// principal; a user with many subscriptions must not fire hundreds of lists at the same time).
import * as l10n from '@vscode/l10n';
import { AzureError, CANCELLED_CODE } from '../azure';

export class Semaphore {
  private active = 0;
  /** Queued grants, highest priority first, first come first served within a priority. */
  private readonly waiting: Array<{ grant: () => void; priority: number }> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Semaphore limit must be a positive integer, got ${limit}.`);
  }

  get inFlight(): number {
    return this.active;
  }

  /**
   * Runs `task` when a slot is free; a queued task of higher `priority` goes first (default 0).
   * A task whose signal aborts while queued never starts.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal, priority = 0): Promise<T> {
    await this.acquire(signal, priority);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal | undefined, priority: number): Promise<void> {
    const cancelled = (): AzureError => new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') });
    if (signal?.aborted) return Promise.reject(cancelled());
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const entry = { grant, priority };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const after = this.waiting.findIndex((w) => w.priority < priority);
      if (after < 0) this.waiting.push(entry);
      else this.waiting.splice(after, 0, entry);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.grant();
  }
}
