// Service-principal sign-in and subscription listing against the simulator, plus the failure
// modes a user meets first (wrong secret, wrong audience), with no secret in any message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../simulator/index';
import { AzureClients, AzureError, createServicePrincipalConnection, listBatchAccounts, listSupportedImages, toAzureError } from '../../../src/azure';
import { connect, FAST_TUNING, simulatorEnv, startTrustedSimulator } from './simulatorSetup';

describe('service principal connection', () => {
  let sim: SimulatorHandle;
  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo' });
  });
  after(async () => {
    await sim.stop();
  });

  it('signs in and lists the subscriptions of the tenant', async () => {
    const clients = await connect(sim);
    assert.equal(clients.connection.kind, 'servicePrincipal');
    assert.equal(clients.cloud.armEndpoint, sim.url);
    assert.equal(clients.cloud.isKnownAuthority, false);
    const subs = await clients.connection.listSubscriptions();
    assert.deepEqual(subs.map((s) => s.subscriptionId).sort(), [...sim.subscriptionIds].sort());
    for (const s of subs) {
      assert.equal(s.tenantId, sim.tenantId);
      assert.equal(s.id, `/subscriptions/${s.subscriptionId}`);
      assert.ok(s.displayName.length > 0);
    }
    const listCall = sim.requestLog().find((e) => e.route === 'arm.subscriptions.list');
    assert.equal(listCall?.apiVersion, '2022-12-01');
  });

  it('reports a wrong client secret with Entra ID\'s code and without the secret', async () => {
    const env = simulatorEnv(sim);
    const wrong = 'this-is-not-the-secret-1234';
    const connection = await createServicePrincipalConnection({
      tenantId: env.AZURE_TENANT_ID,
      clientId: env.AZURE_CLIENT_ID,
      clientSecret: wrong,
      authorityHost: env.AZURE_AUTHORITY_HOST,
      armEndpoint: env.AZURE_RESOURCE_MANAGER_ENDPOINT,
    });
    const error = await connection.listSubscriptions().then(
      () => assert.fail('expected a sign-in failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AzureError);
    assert.equal(error.code, 'invalid_client');
    assert.match(error.message, /AADSTS7000215/);
    assert.ok(!error.message.includes(wrong));
    assert.ok(!JSON.stringify({ ...error, message: error.message }).includes(wrong));
  });

  it('rejects a token for the wrong audience on the Batch data plane (the Batch scope is required)', async () => {
    const clients = await connect(sim);
    // A connection whose every credential asks for the ARM scope, as subscription.credential
    // from the VS Code auth package would.
    const real = clients.connection.credentialFor(clients.cloud.armScope);
    const armOnly = new AzureClients(
      {
        ...clients.connection,
        credentialFor: () => ({ getToken: (_scopes, options) => real.getToken(clients.cloud.armScope, options) }),
      },
      FAST_TUNING,
    );
    const accounts = await listBatchAccounts(clients, sim.subscriptionIds[0]);
    const account = accounts.find((a) => a.name === 'batchprodeast');
    assert.ok(account);
    const error = await listSupportedImages(armOnly, account).then(
      () => assert.fail('expected 401'),
      (e: unknown) => toAzureError(e),
    );
    assert.equal(error.status, 401);
    assert.equal(error.code, 'AuthenticationFailed');
    assert.match(error.message, /wrong audience/);
    assert.doesNotMatch(error.message, /RequestId:/, 'the Batch trailer is split off');
    // With the right scope the same call works.
    const images = await listSupportedImages(clients, account);
    assert.ok(images.length > 0);
    for (const token of sim.issuedTokens()) assert.ok(!error.message.includes(token));
  });
});
