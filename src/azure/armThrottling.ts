// A bound on how long a Resource Manager call waits for throttling.
//
// The ARM SDKs' retry policy waits whatever Retry-After says, up to its retry count: a 429 with
// "Retry-After: 3600" held a category (and a CLI run) for an hour without a word. Above the bound
// the call fails at once with an error that names the wait, so the user can decide.
import * as l10n from '@vscode/l10n';
import type { PipelinePolicy, PipelineResponse } from '@azure/core-rest-pipeline';
import { AzureError } from './errors';

/** The longest Retry-After that is waited for; longer ones fail the call. */
export const MAX_ARM_RETRY_AFTER_MS = 60_000;

export const THROTTLED_CODE = 'Throttled';

/** Retry-After of a 429/503 in milliseconds (retry-after-ms, x-ms-retry-after-ms, seconds or an HTTP date), if any. */
export function retryAfterMs(response: Pick<PipelineResponse, 'status' | 'headers'>, now = Date.now()): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = response.headers.get(name);
    if (v !== undefined && /^\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  }
  const raw = response.headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function armThrottleBoundPolicy(maxWaitMs = MAX_ARM_RETRY_AFTER_MS): PipelinePolicy {
  return {
    name: 'armThrottleBound',
    async sendRequest(request, next) {
      const response = await next(request);
      const wait = retryAfterMs(response);
      if (wait !== undefined && wait > maxWaitMs) {
        const seconds = Math.ceil(wait / 1000);
        throw new AzureError({
          code: THROTTLED_CODE,
          status: response.status,
          requestId: response.headers.get('x-ms-request-id') ?? undefined,
          message: l10n.t('throttled by Azure Resource Manager, retry after {0} s', seconds),
        });
      }
      return response;
    },
  };
}

/** Adds the bound inside the client's retry policy, so it sees every attempt's answer first. */
export function boundArmThrottling(client: { pipeline: { addPolicy(policy: PipelinePolicy, options?: { afterPhase?: 'Retry' }): void } }): void {
  client.pipeline.addPolicy(armThrottleBoundPolicy(), { afterPhase: 'Retry' });
}
