// Our retry policy for the Batch data plane (@azure/batch 10.x over ms-rest-js), which replaces
// ms-rest-js's three. Theirs: the system-error policy retries a connection reset only once (the
// second attempt's rejection escapes its try/catch), the exponential policy never retries an
// error without a response, the throttling policy sits outside deserialization and so never saw
// a raw 429, and the defaults wait ~30 s before the first retry. One policy decides here, from the
// outcome and the request's method, whether repeating the request is safe and worthwhile.
//
// What is repeated, and why:
// - 429 and 503, for every method: the service declined the request (throttled / unavailable)
//   without acting on it. Retry-After (or retry-after-ms) is honoured; a wait longer than
//   maxRetryAfterMs is not worth blocking on, so the answer is returned instead.
// - Connection failures before anything was sent (refused, DNS), for every method.
// - Ambiguous failures — the connection was reset or hung up, timed out, or the service answered
//   500/502/504/408 — only when repeating cannot do anything twice: idempotent methods (GET, HEAD,
//   OPTIONS, PUT, DELETE), and POST /pools (pool add). The pool add names its pool in the body,
//   and Batch answers a second add of the same id with 409 PoolExists instead of creating another
//   pool, so a repeat never duplicates anything. Its one cost: when the lost attempt did create the
//   pool, the repeat reports PoolExists; the caller refreshes the account's pools either way, so
//   the pool shows up. Any other POST (resize, actions) is not repeated after an ambiguous
//   failure: the service may have acted on it, and doing it twice is not ours to risk.
// Cancellation: an aborted `request.abortSignal` ends the wait between attempts at once, and no
// attempt starts after it.
//
// Type-only imports: the SDK is loaded lazily by clients.ts; this module must not load it.
import * as l10n from '@vscode/l10n';
import type { HttpHeadersLike, HttpOperationResponse, RequestPolicy, RequestPolicyFactory, WebResourceLike } from '@azure/ms-rest-js';

export interface DataPlaneRetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Wait before the first retry when the service names none; doubles per retry, ±20 % jitter (default 1,000 ms). */
  baseDelayMs?: number;
  /** Cap on one backoff wait (default 30,000 ms). */
  maxDelayMs?: number;
  /** Longest Retry-After that is waited for; a longer one ends the retries (default 60,000 ms). */
  maxRetryAfterMs?: number;
}

const DEFAULTS: Required<DataPlaneRetryOptions> = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

/** What one attempt ended with, as far as the retry decision needs it. */
export interface AttemptOutcome {
  /** HTTP status, when an answer arrived. */
  status?: number;
  /** Node / node-fetch / ms-rest-js error code, when no answer arrived (ECONNRESET, ECONNREFUSED, REQUEST_ABORTED_ERROR…). */
  errorCode?: string;
  /** The service's requested wait, from retry-after-ms or Retry-After. */
  retryAfterMs?: number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** No request left the machine: repeating is safe for any method. ms-rest-js reports DNS failures as REQUEST_SEND_ERROR. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'REQUEST_SEND_ERROR']);
/** The request may have reached the service: repeat only what cannot happen twice. */
const AMBIGUOUS_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const DECLINED_STATUSES = new Set([429, 503]);
const AMBIGUOUS_STATUSES = new Set([408, 500, 502, 504]);

/** True when sending the request twice has the effect of sending it once (see the header comment). */
export function isRepeatable(method: string, url: string): boolean {
  const m = method.toUpperCase();
  if (IDEMPOTENT_METHODS.has(m)) return true;
  if (m !== 'POST') return false;
  try {
    return /\/pools\/?$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** Backoff before retry number `retry` (0-based): base × 2^retry with ±20 % jitter, capped. */
export function backoffMs(retry: number, options: DataPlaneRetryOptions = {}, random: () => number = Math.random): number {
  const { baseDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  const jitter = 0.8 + 0.4 * random();
  return Math.min(maxDelayMs, Math.round(baseDelayMs * 2 ** retry * jitter));
}

/** Whether to repeat a request after `retriesSoFar` retries ended in `outcome`, and how long to wait first. */
export function retryDecision(method: string, url: string, outcome: AttemptOutcome, retriesSoFar: number, options: DataPlaneRetryOptions = {}, random: () => number = Math.random): RetryDecision {
  const settings = { ...DEFAULTS, ...options };
  if (retriesSoFar >= settings.maxRetries) return { retry: false };
  const { status, errorCode, retryAfterMs } = outcome;
  let eligible: boolean;
  if (status !== undefined) eligible = DECLINED_STATUSES.has(status) || (AMBIGUOUS_STATUSES.has(status) && isRepeatable(method, url));
  else if (errorCode !== undefined) eligible = NOT_SENT_CODES.has(errorCode) || (AMBIGUOUS_CODES.has(errorCode) && isRepeatable(method, url));
  else eligible = false;
  if (!eligible) return { retry: false };
  if (retryAfterMs !== undefined && retryAfterMs > 0) {
    return retryAfterMs <= settings.maxRetryAfterMs ? { retry: true, delayMs: retryAfterMs } : { retry: false };
  }
  return { retry: true, delayMs: backoffMs(retriesSoFar, settings, random) };
}

/** retry-after-ms (Azure's, milliseconds) first, then Retry-After in seconds or as an HTTP date. */
export function retryAfterFrom(headers: HttpHeadersLike | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.get(name);
    const ms = Number(value);
    if (value !== undefined && value.trim() !== '' && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = headers.get('retry-after');
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The fields of a rejected attempt the decision reads (ms-rest-js RestError, node-fetch FetchError). */
interface FailedAttempt {
  code?: unknown;
  statusCode?: unknown;
  response?: HttpOperationResponse;
}

function outcomeOf(result: { response: HttpOperationResponse } | { error: unknown }): AttemptOutcome {
  if ('response' in result) return { status: result.response.status, retryAfterMs: retryAfterFrom(result.response.headers) };
  const error = (typeof result.error === 'object' && result.error !== null ? result.error : {}) as FailedAttempt;
  // The deserialization policy (inside this one) rejects a generated operation's non-success
  // answer as a RestError with the answer attached: that counts as the answer.
  const status = error.response?.status ?? (typeof error.statusCode === 'number' ? error.statusCode : undefined);
  if (status !== undefined) return { status, retryAfterMs: retryAfterFrom(error.response?.headers) };
  return { errorCode: typeof error.code === 'string' ? error.code : undefined };
}

function abortError(): Error {
  const error = new Error(l10n.t('The request was aborted.'));
  error.name = 'AbortError';
  return error;
}

/** Waits `ms`, or rejects as soon as `signal` aborts; leaves no timer or listener behind. */
function wait(ms: number, signal: WebResourceLike['abortSignal']): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort);
  });
}

async function sendWithRetries(next: RequestPolicy, request: WebResourceLike, options: DataPlaneRetryOptions): Promise<HttpOperationResponse> {
  for (let retries = 0; ; retries++) {
    if (request.abortSignal?.aborted) throw abortError();
    // Each attempt gets a fresh copy: the policies inside (signing, deserialization) write to it.
    let result: { response: HttpOperationResponse } | { error: unknown };
    try {
      result = { response: await next.sendRequest(request.clone()) };
    } catch (error) {
      result = { error };
    }
    const decision = request.abortSignal?.aborted ? { retry: false as const } : retryDecision(request.method, request.url, outcomeOf(result), retries, options);
    if (!decision.retry) {
      if ('error' in result) throw result.error;
      return result.response;
    }
    await wait(decision.delayMs, request.abortSignal);
  }
}

/**
 * The data-plane retry policy factory. clients.ts puts it outside the signing policy, so every
 * attempt is signed afresh (a token that expired during the backoff is renewed), and outside
 * deserialization, whose RestErrors carry the answer the decision reads.
 */
export function dataPlaneRetryPolicy(options: DataPlaneRetryOptions = {}): RequestPolicyFactory {
  return {
    create(nextPolicy: RequestPolicy): RequestPolicy {
      return { sendRequest: (request) => sendWithRetries(nextPolicy, request, options) };
    },
  };
}
