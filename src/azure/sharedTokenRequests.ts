// Concurrent token requests for the same scope share one round trip to Entra ID.
//
// The identity library caches a token once it has one, but callers that ask before the first
// answer arrives each start their own request: an inventory load that lists 50 Batch accounts'
// data planes at once sent 50 discovery and 50 token requests for the same Batch token.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { untilAborted } from './paging';

export function sharingTokenRequests(credential: TokenCredential): TokenCredential {
  const pending = new Map<string, Promise<AccessToken | null>>();
  return {
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      // Claims challenges (CAE) ask for a token unlike the cached one: never share those.
      if (options?.claims) return credential.getToken(scopes, options);
      const key = `${options?.tenantId ?? ''}|${options?.enableCae ? 'cae' : ''}|${[scopes].flat().join(' ')}`;
      let shared = pending.get(key);
      if (!shared) {
        // Not tied to any one caller's signal: one caller giving up must not fail the others.
        const unbound: GetTokenOptions = { ...options };
        delete unbound.abortSignal;
        shared = credential.getToken(scopes, unbound).finally(() => pending.delete(key));
        pending.set(key, shared);
      }
      // The identity library's AbortSignalLike has what untilAborted uses: `aborted` and the
      // 'abort' listener methods.
      return untilAborted(shared, options?.abortSignal as AbortSignal | undefined);
    },
  };
}
