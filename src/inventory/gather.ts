// Several list calls that together make one category (definitions of every gallery, pools of
// every account): what succeeded is kept, the first failure is reported with the result.
import * as l10n from '@vscode/l10n';
import { AzureError, CANCELLED_CODE, toAzureError } from '../azure';

export interface Gathered<T> {
  value: T;
  /** Set when some parts failed (e.g. one gallery's definitions): the value is incomplete. */
  error?: AzureError;
}

/**
 * Runs list calls (each bounded by whoever sends its request), keeping each call's result under
 * its key (one account's pools, say); reports the first failure, or throws it when all failed.
 */
export async function gatherKeyedLists<T>(calls: ReadonlyArray<readonly [string, () => Promise<T[]>]>, signal: AbortSignal): Promise<Gathered<Map<string, T[]>>> {
  const results = await Promise.allSettled(calls.map(([, c]) => c()));
  const value = new Map<string, T[]>();
  let error: AzureError | undefined;
  let failures = 0;
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') value.set(calls[i][0], r.value);
    else {
      failures++;
      error ??= toAzureError(r.reason);
    }
  });
  if (signal.aborted) throw new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') });
  if (error && failures === results.length) throw error;
  if (error && failures > 1) error = new AzureError({ code: error.code, message: l10n.t('{0} ({1} of {2} lists failed)', error.message, failures, results.length), status: error.status });
  return { value, error };
}
