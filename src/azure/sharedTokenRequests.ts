// Concurrent token requests for the same scope share one round trip to Entra ID.
//
// The identity library caches a token once it has one, but callers that ask before the first
// answer arrives each start their own request: an inventory load that lists 50 Batch accounts'
// data planes at once sent 50 discovery and 50 token requests for the same Batch token.
//
// A shared request is not tied to any one caller's signal (one caller giving up must not fail the
// others), but it is cancelled when every caller waiting for it has given up, or when the
// connection's own lifetime ends (the CLI's deadline): a request nobody waits for must not keep a
// socket, or the process, alive.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { untilAborted } from './paging';

interface Shared {
  promise: Promise<AccessToken | null>;
  controller: AbortController;
  /** Callers still waiting; callers without a signal can never give up and count forever. */
  waiting: number;
}

export function sharingTokenRequests(credential: TokenCredential, lifetime?: AbortSignal): TokenCredential {
  const pending = new Map<string, Shared>();
  return {
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const callerSignal = options?.abortSignal as AbortSignal | undefined;
      // Claims challenges (CAE) ask for a token unlike the cached one: never share those.
      if (options?.claims) {
        const signal = lifetime && callerSignal ? AbortSignal.any([lifetime, callerSignal]) : (callerSignal ?? lifetime);
        return credential.getToken(scopes, { ...options, abortSignal: signal });
      }
      const key = `${options?.tenantId ?? ''}|${options?.enableCae ? 'cae' : ''}|${[scopes].flat().join(' ')}`;
      let shared = pending.get(key);
      if (!shared) {
        const controller = new AbortController();
        const signal = lifetime ? AbortSignal.any([lifetime, controller.signal]) : controller.signal;
        const promise = credential.getToken(scopes, { ...options, abortSignal: signal }).finally(() => pending.delete(key));
        shared = { promise, controller, waiting: 0 };
        pending.set(key, shared);
      }
      const entry = shared;
      entry.waiting++;
      if (callerSignal) {
        const giveUp = (): void => {
          entry.waiting--;
          if (entry.waiting === 0) {
            // Nobody waits any more: stop the round trip, and forget it so the next caller starts afresh.
            if (pending.get(key) === entry) pending.delete(key);
            void entry.promise.catch(() => undefined);
            entry.controller.abort();
          }
        };
        if (callerSignal.aborted) giveUp();
        else {
          callerSignal.addEventListener('abort', giveUp, { once: true });
          void entry.promise.then(
            () => callerSignal.removeEventListener('abort', giveUp),
            () => callerSignal.removeEventListener('abort', giveUp),
          );
        }
      }
      // The identity library's AbortSignalLike has what untilAborted uses: `aborted` and the
      // 'abort' listener methods.
      return untilAborted(entry.promise, callerSignal);
    },
  };
}
