// Several list calls that together make one category (definitions of every gallery, pools of
// every account): what succeeded is kept, the first failure is reported with the result.
import * as l10n from '@vscode/l10n';
import { AzureError, CANCELLED_CODE, toAzureError } from '../azure';

export interface Gathered<T> {
  value: T;
  /** Set when some parts failed (e.g. one gallery's definitions): the value is incomplete. */
  error?: AzureError;
}

/** Runs list calls (each already bounded by the caller); keeps what succeeded, reports the first failure. */
export async function gatherLists<T>(calls: Array<() => Promise<T[]>>, signal: AbortSignal): Promise<Gathered<T[]>> {
  const results = await Promise.allSettled(calls.map((c) => c()));
  const value: T[] = [];
  let error: AzureError | undefined;
  let failures = 0;
  for (const r of results) {
    if (r.status === 'fulfilled') value.push(...r.value);
    else {
      failures++;
      error ??= toAzureError(r.reason);
    }
  }
  if (signal.aborted) throw new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') });
  if (error && failures === results.length) throw error;
  if (error && failures > 1) error = new AzureError({ code: error.code, message: l10n.t('{0} ({1} of {2} lists failed)', error.message, failures, results.length), status: error.status });
  return { value, error };
}

/** Same as gatherLists, keeping each call's result under its key (one account's pools, say). */
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
  return { value, error };
}
