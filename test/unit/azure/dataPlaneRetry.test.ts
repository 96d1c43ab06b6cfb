// The Batch data plane's retry policy (src/azure/dataPlaneRetry.ts) on its own: which outcomes
// are repeated for which requests, the waits, Retry-After parsing, and cancellation during a
// wait. The same policy against the simulator's injected faults is in test/unit/faults/dataPlaneRetry.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HttpHeaders, RequestPolicyOptions, RestError, WebResource, type HttpOperationResponse, type RequestPolicy, type WebResourceLike } from '@azure/ms-rest-js';
import { backoffMs, dataPlaneRetryPolicy, isRepeatable, retryAfterFrom, retryDecision } from '../../../src/azure/dataPlaneRetry';

const BATCH = 'https://acct.westeurope.batch.azure.com';
const GET_IMAGES = ['GET', `${BATCH}/supportedimages?api-version=2025-06-01.21.0`] as const;
const POOL_ADD = ['POST', `${BATCH}/pools?api-version=2025-06-01.21.0`] as const;
const RESIZE = ['POST', `${BATCH}/pools/p1/resize?api-version=2025-06-01.21.0`] as const;
const PATCH_POOL = ['PATCH', `${BATCH}/pools/p1?api-version=2025-06-01.21.0`] as const;
const half = (): number => 0.5;

describe('data-plane retry decisions', () => {
  it('repeats throttling and unavailability for every request, waiting what the service asked', () => {
    for (const [method, url] of [GET_IMAGES, POOL_ADD, RESIZE, PATCH_POOL]) {
      assert.deepEqual(retryDecision(method, url, { status: 429, retryAfterMs: 1500 }, 0), { retry: true, delayMs: 1500 }, `${method} ${url}`);
      assert.deepEqual(retryDecision(method, url, { status: 503, retryAfterMs: 2000 }, 2), { retry: true, delayMs: 2000 }, `${method} ${url}`);
    }
  });

  it('repeats a failure to connect for every request: nothing was sent', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'REQUEST_SEND_ERROR']) {
      assert.equal(retryDecision(...RESIZE, { errorCode: code }, 0).retry, true, code);
    }
  });

  it('repeats a reset, a hang-up or a 500 only where doing it twice changes nothing', () => {
    for (const outcome of [{ errorCode: 'ECONNRESET' }, { errorCode: 'ETIMEDOUT' }, { errorCode: 'EPIPE' }, { status: 500 }, { status: 502 }, { status: 504 }]) {
      assert.equal(retryDecision(...GET_IMAGES, outcome, 0).retry, true, `GET ${JSON.stringify(outcome)}`);
      assert.equal(retryDecision('DELETE', `${BATCH}/pools/p1`, outcome, 0).retry, true, `DELETE ${JSON.stringify(outcome)}`);
      // Pool add is keyed by the pool id: a repeat can only meet PoolExists, never make a second pool.
      assert.equal(retryDecision(...POOL_ADD, outcome, 0).retry, true, `pool add ${JSON.stringify(outcome)}`);
      assert.equal(retryDecision(...RESIZE, outcome, 0).retry, false, `resize ${JSON.stringify(outcome)}`);
      assert.equal(retryDecision(...PATCH_POOL, outcome, 0).retry, false, `patch ${JSON.stringify(outcome)}`);
    }
  });

  it('never repeats client errors, cancellations or unknown failures', () => {
    for (const status of [400, 401, 403, 404, 409, 412]) assert.equal(retryDecision(...GET_IMAGES, { status }, 0).retry, false, String(status));
    for (const errorCode of ['REQUEST_ABORTED_ERROR', 'PARSE_ERROR', undefined]) assert.equal(retryDecision(...GET_IMAGES, { errorCode }, 0).retry, false, String(errorCode));
  });

  it('stops after maxRetries, and when the service asks for a longer wait than maxRetryAfterMs', () => {
    assert.equal(retryDecision(...GET_IMAGES, { status: 503 }, 2, { maxRetries: 3 }).retry, true);
    assert.equal(retryDecision(...GET_IMAGES, { status: 503 }, 3, { maxRetries: 3 }).retry, false);
    assert.equal(retryDecision(...GET_IMAGES, { status: 429, retryAfterMs: 120_000 }, 0).retry, false, 'default cap 60 s');
    assert.equal(retryDecision(...GET_IMAGES, { status: 429, retryAfterMs: 120_000 }, 0, { maxRetryAfterMs: 180_000 }).retry, true);
  });

  it('backs off exponentially with bounded jitter and a cap when the service names no wait', () => {
    const options = { baseDelayMs: 1000, maxDelayMs: 5000 };
    assert.deepEqual([0, 1, 2, 3, 4].map((n) => backoffMs(n, options, half)), [1000, 2000, 4000, 5000, 5000]);
    assert.equal(backoffMs(0, options, () => 0), 800);
    assert.equal(backoffMs(0, options, () => 0.999_999), 1200);
    assert.deepEqual(retryDecision(...GET_IMAGES, { errorCode: 'ECONNRESET' }, 1, options, half), { retry: true, delayMs: 2000 });
    assert.deepEqual(retryDecision(...GET_IMAGES, { status: 503, retryAfterMs: 0 }, 0, options, half), { retry: true, delayMs: 1000 }, 'Retry-After: 0 falls back to the backoff');
  });

  it('reads retry-after-ms first, then Retry-After in seconds or as an HTTP date', () => {
    assert.equal(retryAfterFrom(new HttpHeaders({ 'retry-after-ms': '250', 'retry-after': '3' })), 250);
    assert.equal(retryAfterFrom(new HttpHeaders({ 'x-ms-retry-after-ms': '40' })), 40);
    assert.equal(retryAfterFrom(new HttpHeaders({ 'retry-after': '3' })), 3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterFrom(new HttpHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }), now), 7000);
    assert.equal(retryAfterFrom(new HttpHeaders({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterFrom(new HttpHeaders({})), undefined);
    assert.equal(retryAfterFrom(undefined), undefined);
  });

  it('treats only POST /pools as a repeatable POST', () => {
    assert.equal(isRepeatable(...POOL_ADD), true);
    assert.equal(isRepeatable('POST', `${BATCH}/pools/`), true);
    assert.equal(isRepeatable(...RESIZE), false);
    assert.equal(isRepeatable('POST', `${BATCH}/jobs`), false);
    assert.equal(isRepeatable('POST', 'not a url'), false);
    assert.equal(isRepeatable(...GET_IMAGES), true);
  });
});

/** A next policy that plays back outcomes in order and records the requests it saw. */
function scripted(outcomes: Array<number | Error>): RequestPolicy & { seen: WebResourceLike[] } {
  const seen: WebResourceLike[] = [];
  return {
    seen,
    sendRequest(request) {
      seen.push(request);
      const next = outcomes.shift();
      if (next === undefined) return Promise.reject(new Error('no more scripted outcomes'));
      if (next instanceof Error) return Promise.reject(next);
      const response: HttpOperationResponse = { request, status: next, headers: new HttpHeaders(next === 503 ? { 'retry-after-ms': '1' } : {}), bodyAsText: '{}' };
      return Promise.resolve(response);
    },
  };
}

function reset(): Error {
  return Object.assign(new Error('request to https://acct/ failed, reason: socket hang up'), { code: 'ECONNRESET', type: 'system' });
}

describe('data-plane retry policy', () => {
  const options = { maxRetries: 4, baseDelayMs: 1, maxDelayMs: 2 };

  it('sends a fresh copy per attempt until one succeeds', async () => {
    const next = scripted([reset(), reset(), 503, 200]);
    const request = new WebResource(GET_IMAGES[1], 'GET');
    const response = await dataPlaneRetryPolicy(options).create(next, new RequestPolicyOptions()).sendRequest(request);
    assert.equal(response.status, 200);
    assert.equal(next.seen.length, 4);
    assert.ok(next.seen.every((r) => r !== request), 'the original request is never sent itself');
    assert.equal(new Set(next.seen).size, 4);
  });

  it('gives the last failure back when the retries run out, and does not repeat a reset resize', async () => {
    const next = scripted([reset(), reset(), reset(), reset(), reset(), 200]);
    const request = new WebResource(GET_IMAGES[1], 'GET');
    await assert.rejects(dataPlaneRetryPolicy(options).create(next, new RequestPolicyOptions()).sendRequest(request), /socket hang up/);
    assert.equal(next.seen.length, 5, 'the first attempt and 4 retries');

    const resize = scripted([reset(), 200]);
    await assert.rejects(dataPlaneRetryPolicy(options).create(resize, new RequestPolicyOptions()).sendRequest(new WebResource(RESIZE[1], 'POST')), /socket hang up/);
    assert.equal(resize.seen.length, 1);
  });

  it('reads the answer a generated operation rejected with (RestError carrying the response)', async () => {
    const rejected = new RestError('throttled', 'TooManyRequests', 429, undefined, { request: new WebResource(), status: 429, headers: new HttpHeaders({ 'retry-after-ms': '1' }) });
    const next = scripted([rejected, 200]);
    const response = await dataPlaneRetryPolicy(options).create(next, new RequestPolicyOptions()).sendRequest(new WebResource(GET_IMAGES[1], 'GET'));
    assert.equal(response.status, 200);
    assert.equal(next.seen.length, 2);
  });

  it('stops waiting and sends nothing more once the request is cancelled', { timeout: 10_000 }, async () => {
    const controller = new AbortController();
    const next = scripted([reset(), 200]);
    const request = new WebResource(GET_IMAGES[1], 'GET');
    request.abortSignal = controller.signal as unknown as WebResourceLike['abortSignal']; // the DOM signal's `onabort` typing differs from ms-rest-js's AbortSignalLike
    // A one-hour backoff: only the abort can end this wait.
    const pending = dataPlaneRetryPolicy({ baseDelayMs: 3_600_000, maxDelayMs: 3_600_000 }).create(next, new RequestPolicyOptions()).sendRequest(request);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(next.seen.length, 1);
    controller.abort();
    await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
    assert.equal(next.seen.length, 1, 'no attempt after the abort');
  });

  it('does not start when the request is already cancelled', async () => {
    const next = scripted([200]);
    const request = new WebResource(GET_IMAGES[1], 'GET');
    request.abortSignal = AbortSignal.abort() as unknown as WebResourceLike['abortSignal']; // see above
    await assert.rejects(dataPlaneRetryPolicy(options).create(next, new RequestPolicyOptions()).sendRequest(request), (e: Error) => e.name === 'AbortError');
    assert.equal(next.seen.length, 0);
  });
});
