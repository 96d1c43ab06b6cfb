// Entra ID endpoints (v2.0 and v1 style), token errors and the bearer checks on both planes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { ClientSecretCredential } from '@azure/identity';
import type { SimulatorHandle } from '../../simulator/index';
import { call, startTrusted } from './helpers';

type Json = Record<string, unknown>;

function postForm(sim: SimulatorHandle, path: string, form: Record<string, string>): Promise<{ status: number; json: Json }> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(form).toString();
    const req = request(new URL(path, sim.url), { method: 'POST', ca: sim.caPem, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Json }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const decode = (token: string): Json => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Json;

describe('Entra ID and bearer checks', () => {
  let sim: SimulatorHandle;
  before(async () => {
    sim = await startTrusted({ scenario: 'demo', tokenLifetimeSeconds: 600 });
  });
  after(async () => {
    await sim.stop();
  });
  const creds = (): Record<string, string> => ({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret });

  it('serves OpenID configuration for v2.0 and v1 paths, by tenant id or domain', async () => {
    const v2 = await call(sim, 'GET', `/${sim.tenantId}/v2.0/.well-known/openid-configuration`, undefined);
    assert.equal(v2.status, 200);
    const c2 = v2.json as Json;
    for (const k of ['authorization_endpoint', 'token_endpoint', 'issuer', 'jwks_uri']) assert.ok(typeof c2[k] === 'string', k);
    assert.equal(c2.token_endpoint, `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`);
    const v1 = await call(sim, 'GET', '/contosobatch.onmicrosoft.com/.well-known/openid-configuration', undefined);
    assert.equal((v1.json as Json).token_endpoint, `${sim.url}/${sim.tenantId}/oauth2/token`);
    const unknown = await call(sim, 'GET', '/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration', undefined);
    assert.equal(unknown.status, 400);
    assert.match(String((unknown.json as Json).error_description), /AADSTS90002/);
  });

  it('issues v1 tokens for a resource and v2 tokens for a scope', async () => {
    const v1 = await postForm(sim, `/${sim.tenantId}/oauth2/token`, { ...creds(), resource: 'https://management.core.windows.net/' });
    assert.equal(v1.status, 200);
    assert.equal(v1.json.resource, 'https://management.core.windows.net/');
    assert.equal(decode(String(v1.json.access_token)).aud, 'https://management.core.windows.net/');
    const v2 = await postForm(sim, `/${sim.tenantId}/oauth2/v2.0/token`, { ...creds(), scope: 'https://batch.core.windows.net//.default' });
    assert.equal(v2.json.token_type, 'Bearer');
    assert.equal(v2.json.expires_in, 600);
    assert.equal(decode(String(v2.json.access_token)).aud, 'https://batch.core.windows.net/');
    assert.ok(sim.issuedTokens().includes(String(v2.json.access_token)));
  });

  it('signs the real SDK in through an AD FS style authority (v1 endpoints)', async () => {
    const credential = new ClientSecretCredential('adfs', sim.clientId, sim.clientSecret, { authorityHost: sim.url, disableInstanceDiscovery: true });
    const token = await credential.getToken('https://management.azure.com/.default');
    assert.equal(decode(token.token).aud, 'https://management.azure.com');
    const routes = sim.requestLog().map((e) => e.route);
    assert.ok(routes.includes('aad.openid.v1') && routes.includes('aad.token.v1'));
  });

  it('rejects a wrong secret, an unknown client and other grants', async () => {
    const wrong = await postForm(sim, `/${sim.tenantId}/oauth2/v2.0/token`, { ...creds(), client_secret: 'nope', scope: 'https://management.azure.com/.default' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error, 'invalid_client');
    const client = await postForm(sim, `/${sim.tenantId}/oauth2/v2.0/token`, { ...creds(), client_id: 'someone-else', scope: 'https://management.azure.com/.default' });
    assert.equal(client.json.error, 'unauthorized_client');
    const grant = await postForm(sim, `/${sim.tenantId}/oauth2/v2.0/token`, { ...creds(), grant_type: 'password', scope: 'x/.default' });
    assert.equal(grant.json.error, 'unsupported_grant_type');
  });

  it('accepts the ARM audiences (with or without slash) and rejects expired tokens', async () => {
    for (const resource of ['https://management.azure.com', 'https://management.core.windows.net/', `${sim.url}/`]) {
      const t = await postForm(sim, `/${sim.tenantId}/oauth2/token`, { ...creds(), resource });
      const r = await call(sim, 'GET', '/subscriptions?api-version=2022-12-01', String(t.json.access_token));
      assert.equal(r.status, 200, resource);
    }
    // A separate simulator with one-second tokens and no clock-skew allowance: wait past the
    // expiry, then use the token.
    const short = await startTrusted({ scenario: 'empty', tokenLifetimeSeconds: 1, clockSkewSeconds: 0 });
    try {
      const t = await postForm(short, `/${short.tenantId}/oauth2/token`, { ...creds(), resource: 'https://management.azure.com/' });
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await call(short, 'GET', '/subscriptions?api-version=2022-12-01', String(t.json.access_token));
      assert.equal(expired.status, 401);
      assert.equal((expired.json as { error: Json }).error.code, 'ExpiredAuthenticationToken');
      assert.match(String(expired.headers.get('www-authenticate')), /error="invalid_token"/);
    } finally {
      await short.stop();
    }
  });

  it('allows clock skew: a token is accepted for clockSkewSeconds past its exp on both planes, then refused', { timeout: 30_000 }, async () => {
    // Two-second tokens, two seconds of skew. The waits are read from the token's own exp, so
    // each check lands a quarter second into its window, far from either edge.
    const skewed = await startTrusted({ scenario: 'demo', tokenLifetimeSeconds: 2, clockSkewSeconds: 2 });
    try {
      const issue = async (resource: string): Promise<string> => String((await postForm(skewed, `/${skewed.tenantId}/oauth2/token`, { grant_type: 'client_credentials', client_id: skewed.clientId, client_secret: skewed.clientSecret, resource })).json.access_token);
      const arm = await issue('https://management.azure.com/');
      const batch = await issue('https://batch.core.windows.net/');
      const exp = Math.max(Number(decode(arm).exp), Number(decode(batch).exp)) * 1000;
      const untilMs = async (at: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
      const batchUrl = `${skewed.batchUrl('batchprodeast')}/supportedimages?api-version=2025-06-01.21.0`;
      const both = async (): Promise<number[]> => [
        (await call(skewed, 'GET', '/subscriptions?api-version=2022-12-01', arm)).status,
        (await call(skewed, 'GET', batchUrl, batch)).status,
      ];

      await untilMs(exp + 250);
      assert.ok(Date.now() > exp, 'both tokens have expired');
      assert.deepEqual(await both(), [200, 200], 'accepted within the allowance');

      await untilMs(exp + 2000 + 250);
      const refused = await call(skewed, 'GET', '/subscriptions?api-version=2022-12-01', arm);
      assert.equal(refused.status, 401);
      assert.equal((refused.json as { error: Json }).error.code, 'ExpiredAuthenticationToken');
      assert.equal((await call(skewed, 'GET', batchUrl, batch)).status, 401);
    } finally {
      await skewed.stop();
    }
  });

  it('serves cloud metadata without a token', async () => {
    const list = await call(sim, 'GET', '/metadata/endpoints?api-version=2022-09-01', undefined);
    assert.equal(list.status, 200);
    const cloud = (list.json as Json[])[0];
    assert.equal(cloud.resourceManager, `${sim.url}/`);
    assert.equal((cloud.authentication as Json).loginEndpoint, `${sim.url}/`);
    const legacy = await call(sim, 'GET', '/metadata/endpoints', undefined);
    assert.ok(!Array.isArray(legacy.json));
  });
});
