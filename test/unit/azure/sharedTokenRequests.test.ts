// Concurrent token requests for one scope share a round trip; a caller that gives up does not
// fail the others; claims challenges and other scopes are asked separately.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { AzureError } from '../../../src/azure';
import { sharingTokenRequests } from '../../../src/azure/sharedTokenRequests';

/** A credential whose answers the test releases by hand, recording what it was asked. */
function manualCredential(): { credential: TokenCredential; asked: Array<{ scopes: string; options?: GetTokenOptions }>; answer: (i: number, token: string) => void; fail: (i: number) => void } {
  const asked: Array<{ scopes: string; options?: GetTokenOptions }> = [];
  const settle: Array<{ resolve: (t: AccessToken) => void; reject: (e: Error) => void }> = [];
  return {
    credential: {
      getToken: (scopes, options) =>
        new Promise<AccessToken>((resolve, reject) => {
          asked.push({ scopes: [scopes].flat().join(' '), options });
          settle.push({ resolve, reject });
        }),
    },
    asked,
    answer: (i, token) => settle[i].resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
    fail: (i) => settle[i].reject(new Error('AADSTS7000215: invalid client secret')),
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('shared token requests', () => {
  it('callers asking for the same scope at once share one request and its answer', async () => {
    const m = manualCredential();
    const shared = sharingTokenRequests(m.credential);
    const all = Promise.all(Array.from({ length: 20 }, () => shared.getToken('https://batch.core.windows.net//.default')));
    await tick();
    assert.equal(m.asked.length, 1);
    m.answer(0, 'batch-token');
    assert.deepEqual((await all).map((t) => t?.token), Array(20).fill('batch-token'));
    // Once answered, the next caller asks again (the identity library's cache answers it).
    const later = shared.getToken('https://batch.core.windows.net//.default');
    await tick();
    assert.equal(m.asked.length, 2);
    m.answer(1, 'cached');
    assert.equal((await later)?.token, 'cached');
  });

  it('other scopes, tenants and claims challenges are asked separately', async () => {
    const m = manualCredential();
    const shared = sharingTokenRequests(m.credential);
    const arm = shared.getToken('https://management.azure.com/.default');
    const batch = shared.getToken('https://batch.core.windows.net//.default');
    const otherTenant = shared.getToken('https://management.azure.com/.default', { tenantId: 'other' });
    const claims = shared.getToken('https://management.azure.com/.default', { claims: '{"access_token":{}}' });
    await tick();
    assert.equal(m.asked.length, 4);
    m.asked.forEach((_, i) => m.answer(i, `t${i}`));
    assert.deepEqual((await Promise.all([arm, batch, otherTenant, claims])).map((t) => t?.token), ['t0', 't1', 't2', 't3']);
  });

  it('a caller that gives up is rejected alone; the others still get the token', async () => {
    const m = manualCredential();
    const shared = sharingTokenRequests(m.credential);
    const controller = new AbortController();
    const quitter = shared.getToken('scope', { abortSignal: controller.signal });
    const stayer = shared.getToken('scope');
    await tick();
    const sharedSignal = m.asked[0].options?.abortSignal;
    assert.notEqual(sharedSignal, controller.signal, 'the shared request carries no caller signal');
    controller.abort();
    await assert.rejects(quitter, (e: unknown) => e instanceof AzureError && e.code === 'Cancelled');
    assert.equal(sharedSignal?.aborted, false, 'another caller still waits: the request goes on');
    m.answer(0, 'token');
    assert.equal((await stayer)?.token, 'token');
  });

  it('when every caller has given up, the shared request itself is cancelled (issue 12: no request outlives its callers)', async () => {
    const m = manualCredential();
    const shared = sharingTokenRequests(m.credential);
    const a = new AbortController();
    const b = new AbortController();
    const first = shared.getToken('scope', { abortSignal: a.signal });
    const second = shared.getToken('scope', { abortSignal: b.signal });
    await tick();
    const sharedSignal = m.asked[0].options?.abortSignal;
    a.abort();
    assert.equal(sharedSignal?.aborted, false);
    b.abort();
    assert.equal(sharedSignal?.aborted, true, 'nobody waits: the round trip is stopped');
    await assert.rejects(first, (e: unknown) => e instanceof AzureError && e.code === 'Cancelled');
    await assert.rejects(second, (e: unknown) => e instanceof AzureError && e.code === 'Cancelled');
    // The next caller starts afresh rather than joining the cancelled request.
    void shared.getToken('scope').catch(() => undefined);
    await tick();
    assert.equal(m.asked.length, 2);
  });

  it('the connection\'s lifetime ending (the CLI deadline) cancels requests callers without a signal wait for', async () => {
    const m = manualCredential();
    const lifetime = new AbortController();
    const shared = sharingTokenRequests(m.credential, lifetime.signal);
    const waiting = shared.getToken('scope');
    const claims = shared.getToken('scope', { claims: '{}' });
    await tick();
    assert.deepEqual(m.asked.map((q) => q.options?.abortSignal?.aborted), [false, false]);
    lifetime.abort();
    assert.deepEqual(m.asked.map((q) => q.options?.abortSignal?.aborted), [true, true]);
    m.fail(0);
    m.fail(1);
    await assert.rejects(waiting);
    await assert.rejects(claims);
  });

  it('a failure reaches every caller, and the next call asks afresh', async () => {
    const m = manualCredential();
    const shared = sharingTokenRequests(m.credential);
    const a = shared.getToken('scope');
    const b = shared.getToken('scope');
    await tick();
    m.fail(0);
    await assert.rejects(a, /AADSTS7000215/);
    await assert.rejects(b, /AADSTS7000215/);
    const c = shared.getToken('scope');
    await tick();
    assert.equal(m.asked.length, 2);
    m.answer(1, 'ok');
    assert.equal((await c)?.token, 'ok');
  });
});
