// Fault suite, secrets: when an error body echoes the request (Authorization header, token request
// form, a token in a URL), neither AzureError nor the loader's captured category and detail errors
// may carry a token or the client secret. The simulator does not echo headers, so the errors are
// crafted in the shapes the three SDKs throw, around real tokens the simulator issued.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toAzureError, type AzureClients } from '../../../src/azure';
import type { InventorySource } from '../../../src/inventory';
import type { SimulatorHandle } from '../../simulator/index';
import { connectTo, newLoader, realSource, settle, startFaultySimulator, watchProcess } from './harness';

const ARM = 'https://management.azure.com/.default';
const guard = watchProcess();

after(async () => {
  await settle();
  guard.dispose();
  guard.assertNone();
});

/** Error objects shaped like what core-rest-pipeline, ms-rest-js and @azure/identity throw, echoing `secret`. */
function echoingErrors(token: string, secret: string, clientId: string): Array<{ name: string; error: unknown }> {
  const header = `Authorization: Bearer ${token}`;
  const basic = `Authorization: Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  const form = `grant_type=client_credentials&client_id=${clientId}&client_secret=${secret}&scope=x`;
  const restResponse = (body: unknown) => ({ status: 400, bodyAsText: JSON.stringify(body), headers: { get: () => undefined } });
  return [
    { name: 'ARM body echoing the Authorization header', error: { name: 'RestError', statusCode: 400, message: 'raw', response: restResponse({ error: { code: 'BadRequest', message: `Request rejected. Headers: ${header}` } }) } },
    { name: 'ARM body echoing it in lower case', error: { statusCode: 401, response: restResponse({ error: { code: 'InvalidAuthenticationToken', message: `authorization: bearer ${token} is not valid` } }) } },
    { name: 'ARM body echoing the bare token', error: { statusCode: 401, response: restResponse({ error: { code: 'InvalidAuthenticationToken', message: `The token '${token}' is not valid.` } }) } },
    { name: 'ARM body echoing a Basic Authorization header (id:secret)', error: { statusCode: 401, response: restResponse({ error: { code: 'Unauthorized', message: `Rejected ${basic}` } }) } },
    { name: 'Batch data-plane body echoing the header', error: { statusCode: 403, body: { code: 'AuthenticationFailed', message: { lang: 'en-US', value: `Server failed to authenticate the request. ${header}\nRequestId:abc\nTime:2026-01-01T00:00:00Z` } } } },
    { name: 'transport error whose message carries the header', error: Object.assign(new Error(`request failed; sent ${header}`), { code: 'ECONNRESET' }) },
    { name: 'token in a URL', error: Object.assign(new Error(`GET https://host/path?access_token=${token}&x=1 failed`), { code: 'ENOTFOUND' }) },
    { name: 'identity error echoing the token request form', error: { errorResponse: { error: 'invalid_request', errorDescription: `AADSTS900144: bad request body ${form}` }, statusCode: 400 } },
    { name: 'MSAL error echoing the form', error: { message: 'x', cause: { errorCode: 'invalid_client', errorMessage: `Description: AADSTS7000215: Invalid client secret in ${form} - Trace ID: t` } } },
    { name: 'JSON-style secret in a body', error: { statusCode: 400, response: restResponse({ error: { code: 'BadRequest', message: `echo {"client_id":"${clientId}","client_secret":"${secret}"}` } }) } },
    { name: 'LRO failure echoing the header', error: new Error(`The long-running operation has failed. InternalOperationError. Could not read snapshot with ${header}`) },
  ];
}

describe('fault suite: errors never carry a token or the client secret', () => {
  let sim: SimulatorHandle;
  let clients: AzureClients;
  let token: string;
  before(async () => {
    sim = await startFaultySimulator({ seed: 1 });
    clients = await connectTo(sim);
    token = (await clients.connection.credentialFor(ARM).getToken(ARM))?.token ?? '';
    assert.ok(sim.issuedTokens().includes(token), 'a real token from the simulator');
  });
  after(async () => {
    await sim.stop();
  });

  const secretsOf = (): string[] => {
    const basic = Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString('base64');
    // The token's signature alone would be enough to misuse nothing, but its payload+signature would.
    return [token, token.split('.').slice(1).join('.'), sim.clientSecret, basic];
  };

  it('toAzureError keeps code and message but no secret, whatever the shape', () => {
    const cases = echoingErrors(token, sim.clientSecret, sim.clientId);
    console.log(`fault suite (secrets): ${cases.length} echoing error shapes × (toAzureError, loader category, loader detail)`);
    for (const { name, error } of cases) {
      const e = toAzureError(error);
      const text = `${e.code}\n${e.message}\n${e.stack ?? ''}\n${JSON.stringify(e)}\n${String(e)}`;
      for (const secret of secretsOf()) assert.equal(text.includes(secret), false, `${name}: ${text}`);
      assert.ok(e.code.length > 0 && e.message.length > 0, name);
    }
    // Redaction stays narrow: ordinary Azure wording survives untouched.
    for (const plain of ['Basic authentication is not allowed for this account.', 'The property clientSecretSetting is missing.']) {
      assert.equal(toAzureError({ statusCode: 400, body: { code: 'X', message: plain } }).message, plain);
    }
  });

  it('the loader records such failures per category and per detail without the secret', async () => {
    const real = realSource(clients);
    let failure: unknown;
    const failing = <T>(call: () => Promise<T>): Promise<T> => (failure === undefined ? call() : Promise.reject(failure));
    const source: InventorySource = {
      ...real,
      listImages: (sub, signal) => failing(() => real.listImages(sub, signal)),
      listSupportedImages: (account, signal) => failing(() => real.listSupportedImages(account, signal)),
    };
    const loader = newLoader(source);
    try {
      await loader.refresh();
      const sub = sim.subscriptionIds[0];
      for (const { name, error } of echoingErrors(token, sim.clientSecret, sim.clientId)) {
        failure = error;
        // Supported images are read on first need, once per full refresh.
        await loader.refresh();
        await loader.loadSupportedImages('all');
        const state = loader.categoryState(sub, 'images');
        assert.equal(state.kind, 'failed', name);
        assert.ok(loader.issues.some((i) => i.kind === 'supportedImages'), `${name}: a supported-images issue`);
        const text = JSON.stringify({ state, errors: loader.snapshot.errors, issues: loader.issues });
        for (const secret of secretsOf()) assert.equal(text.includes(secret), false, `${name}: ${text}`);
      }
    } finally {
      loader.dispose();
    }
  });
});
