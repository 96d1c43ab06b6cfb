// The VS Code account connection with a scripted subscription provider (no `vscode` loaded):
// tokens are asked for with exactly the requested scope and tenant, subscriptions are the
// filtered list without duplicates, and nothing is returned when nobody is signed in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AzureSubscription } from '@microsoft/vscode-azext-azureauth';
import { AzureError, BATCH_SCOPE } from '../../../src/azure';
import { createVSCodeConnection, type SubscriptionProviderLike } from '../../../src/azure/vscodeAccount';

function jwt(exp: number): string {
  const b = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'none' })}.${b({ exp })}.sig`;
}

function fakeSubscription(subscriptionId: string, tenantId: string, asked: string[][]): AzureSubscription {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return {
    subscriptionId,
    tenantId,
    name: `Sub ${subscriptionId}`,
    authentication: {
      getSession: () => undefined,
      getSessionWithScopes: (scopes: string[] | object) => {
        asked.push([tenantId, ...(Array.isArray(scopes) ? scopes : [])]);
        return { id: 's', accessToken: jwt(exp), account: { id: 'a', label: 'user' }, scopes: [] };
      },
    },
  } as unknown as AzureSubscription;
}

const environment = { resourceManagerEndpointUrl: 'https://management.azure.com/', activeDirectoryEndpointUrl: 'https://login.microsoftonline.com/', batchResourceId: 'https://batch.core.windows.net/' };

describe('VS Code account connection', () => {
  it('gets tokens with the requested scope (Batch or ARM) for the subscription\'s tenant', async () => {
    const asked: string[][] = [];
    const subs = [fakeSubscription('s1', 't1', asked), fakeSubscription('s1', 't1', asked), fakeSubscription('s2', 't2', asked)];
    let filterArg: unknown;
    const provider: SubscriptionProviderLike = {
      isSignedIn: async () => true,
      getSubscriptions: async (filter?: unknown) => {
        filterArg = filter;
        return subs;
      },
    };
    const connection = await createVSCodeConnection({ provider, environment });
    assert.equal(connection.kind, 'vscode');
    assert.equal(connection.cloud.armScope, 'https://management.azure.com/.default');
    assert.equal(connection.cloud.batchScope, BATCH_SCOPE);
    assert.equal(filterArg, true, 'the azureResourceGroups.selectedSubscriptions filter applies');

    const listed = await connection.listSubscriptions();
    assert.deepEqual(listed.map((s) => [s.subscriptionId, s.tenantId]), [['s1', 't1'], ['s2', 't2']]);

    const batch = await connection.credentialFor(connection.cloud.batchScope, 't2').getToken('ignored');
    assert.ok(batch && batch.expiresOnTimestamp > Date.now());
    const arm = await connection.credentialFor(connection.cloud.armScope).getToken(['ignored']);
    assert.ok(arm);
    assert.deepEqual(asked, [
      ['t2', BATCH_SCOPE],
      ['t1', 'https://management.azure.com/.default'],
    ]);
  });

  it('refuses to connect when nobody is signed in', async () => {
    const provider: SubscriptionProviderLike = { isSignedIn: async () => false, getSubscriptions: async () => [] };
    await assert.rejects(createVSCodeConnection({ provider, environment }), (e: unknown) => e instanceof AzureError && e.code === 'NotSignedIn');
  });
});
