// Pure parts of the access layer: environment options, clouds, api-version pinning, error mapping.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AzureError,
  batchUrlOf,
  BATCH_SCOPE,
  connectionOptionsFromEnv,
  errorFromResponse,
  isCancellation,
  makeCloud,
  pinApiVersion,
  portalResourceUrl,
  PUBLIC_CLOUD,
  readErrorBody,
  redactSecrets,
  toAzureError,
} from '../../../src/azure';
import { untilAborted } from '../../../src/azure/paging';
import { scopeOf } from '../../../src/azure/mappers/common';
import { parseArmId } from '../../../src/model';

describe('connectionOptionsFromEnv', () => {
  it('reads the conventional variables and defaults to the public cloud', () => {
    const r = connectionOptionsFromEnv({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' });
    assert.deepEqual(r, { ok: true, options: { tenantId: 't', clientId: 'c', clientSecret: 's' } });
    const custom = connectionOptionsFromEnv({
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
      AZURE_AUTHORITY_HOST: 'https://login.example.test/',
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://arm.example.test',
    });
    assert.ok(custom.ok);
    assert.equal(custom.options.authorityHost, 'https://login.example.test/');
    assert.equal(custom.options.armEndpoint, 'https://arm.example.test');
  });

  it('names what is missing and never echoes values', () => {
    const r = connectionOptionsFromEnv({ AZURE_TENANT_ID: ' ', AZURE_CLIENT_SECRET: 'super-secret' });
    assert.deepEqual(r, { ok: false, missing: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'] });
    assert.ok(!JSON.stringify(r).includes('super-secret'));
  });
});

describe('clouds', () => {
  it('public cloud scopes and authority', () => {
    assert.equal(PUBLIC_CLOUD.armScope, 'https://management.azure.com/.default');
    assert.equal(PUBLIC_CLOUD.batchScope, BATCH_SCOPE);
    assert.equal(BATCH_SCOPE, 'https://batch.core.windows.net//.default');
    assert.equal(PUBLIC_CLOUD.isKnownAuthority, true);
  });
  it('custom endpoints: trailing slashes trimmed, unknown authority, https only', () => {
    const c = makeCloud({ armEndpoint: 'https://127.0.0.1:8443/', authorityHost: 'https://127.0.0.1:8443' });
    assert.equal(c.armEndpoint, 'https://127.0.0.1:8443');
    assert.equal(c.armScope, 'https://127.0.0.1:8443/.default');
    assert.equal(c.isKnownAuthority, false);
    assert.equal(makeCloud({ authorityHost: 'https://login.microsoftonline.us' }).isKnownAuthority, true);
    assert.throws(() => makeCloud({ armEndpoint: 'http://arm.example.test' }), /https/);
  });
  it('portal links follow the cloud: public, US Government, China, a configured portal, none for an unknown cloud', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/img';
    assert.equal(portalResourceUrl(PUBLIC_CLOUD, id, 't'), `https://portal.azure.com/#@t/resource${id}/overview`);
    const usGov = makeCloud({ armEndpoint: 'https://management.usgovcloudapi.net/', authorityHost: 'https://login.microsoftonline.us' });
    assert.equal(portalResourceUrl(usGov, id, 't'), `https://portal.azure.us/#@t/resource${id}/overview`);
    const china = makeCloud({ armEndpoint: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn' });
    assert.equal(portalResourceUrl(china, id, 't'), `https://portal.azure.cn/#@t/resource${id}/overview`);
    const stack = makeCloud({ armEndpoint: 'https://management.local.azurestack.external', portalUrl: 'https://portal.local.azurestack.external/' });
    assert.equal(portalResourceUrl(stack, id, undefined), `https://portal.local.azurestack.external/#@/resource${id}/overview`);
    // A configured portal wins over the known one; an unknown cloud has none (the command says what to set).
    assert.equal(makeCloud({ portalUrl: 'https://portal.example.test' }).portalUrl, 'https://portal.example.test');
    assert.equal(portalResourceUrl(makeCloud({ armEndpoint: 'https://127.0.0.1:8443' }), id, 't'), undefined);
    assert.throws(() => makeCloud({ portalUrl: 'http://portal.example.test' }), /https/);
  });
  it('batch URL from a bare account endpoint', () => {
    assert.equal(batchUrlOf('acct.westeurope.batch.azure.com'), 'https://acct.westeurope.batch.azure.com');
    assert.equal(batchUrlOf('127.0.0.1:9000/batch/acct/'), 'https://127.0.0.1:9000/batch/acct');
    assert.equal(batchUrlOf('https://acct.example'), 'https://acct.example');
  });
});

describe('pinApiVersion', () => {
  it('raises older or missing versions and keeps newer ones', () => {
    assert.equal(pinApiVersion('https://h/p?api-version=2023-11-01&x=1', '2025-06-01'), 'https://h/p?api-version=2025-06-01&x=1');
    assert.equal(pinApiVersion('https://h/p?api-version=2022-10-01.16.0', '2025-06-01.21.0'), 'https://h/p?api-version=2025-06-01.21.0');
    assert.equal(pinApiVersion('https://h/p', '2025-06-01'), 'https://h/p?api-version=2025-06-01');
    assert.equal(pinApiVersion('https://h/p?api-version=2026-08-01', '2025-06-01'), 'https://h/p?api-version=2026-08-01');
  });
});

describe('error mapping', () => {
  it('ARM envelope from a core-rest-pipeline RestError', () => {
    const e = toAzureError({
      name: 'RestError',
      message: 'raw',
      statusCode: 409,
      code: 'Conflict',
      response: { status: 409, bodyAsText: JSON.stringify({ error: { code: 'PoolQuotaReached', message: 'Quota reached.' } }), headers: { get: (n: string) => (n === 'x-ms-request-id' ? 'rid-1' : undefined) } },
    });
    assert.deepEqual([e.code, e.message, e.status, e.requestId], ['PoolQuotaReached', 'Quota reached.', 409, 'rid-1']);
  });
  it('Batch data-plane envelope (ms-rest-js body) with the RequestId trailer split off', () => {
    const e = toAzureError({ statusCode: 409, body: { code: 'PoolExists', message: { lang: 'en-US', value: 'The specified pool already exists.\nRequestId:abc\nTime:2026-01-01T00:00:00Z' } } });
    assert.deepEqual([e.code, e.message, e.status, e.requestId], ['PoolExists', 'The specified pool already exists.', 409, 'abc']);
    assert.deepEqual(readErrorBody({ error: { code: 'X', message: 'y' } }), { code: 'X', message: 'y', requestId: undefined });
  });
  it('identity errors, LRO failures, cancellation and transport errors', () => {
    assert.equal(toAzureError({ errorResponse: { error: 'invalid_client', errorDescription: 'AADSTS7000215: Invalid client secret provided.\nTrace ID: x' }, statusCode: 401 }).code, 'invalid_client');
    const lro = toAzureError(new Error('The long-running operation has failed. InternalOperationError. Snapshot unreadable.'));
    assert.deepEqual([lro.code, lro.message], ['InternalOperationError', 'Snapshot unreadable.']);
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    assert.ok(isCancellation(abort));
    assert.equal(toAzureError(abort).code, 'Cancelled');
    assert.equal(toAzureError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).code, 'ECONNRESET');
    assert.equal(errorFromResponse(500, 'not json', undefined).code, 'HTTP500');
  });
  it('never carries tokens or secrets in messages', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    const e = new AzureError({ code: 'X', message: `bad header Authorization: Bearer ${jwt} and client_secret=hunter2&x=1` });
    assert.ok(!e.message.includes(jwt));
    assert.ok(!e.message.includes('hunter2'));
    assert.equal(redactSecrets('plain text'), 'plain text');
  });
});

describe('untilAborted (ms-rest-js calls never see the signal)', () => {
  it('resolves with the work, or rejects as Cancelled as soon as the signal aborts', async () => {
    assert.equal(await untilAborted(Promise.resolve(1), new AbortController().signal), 1);
    const controller = new AbortController();
    let finish!: (v: number) => void;
    const slow = new Promise<number>((r) => (finish = r));
    const raced = untilAborted(slow, controller.signal);
    controller.abort();
    await assert.rejects(raced, (e: unknown) => e instanceof AzureError && e.code === 'Cancelled');
    finish(2); // a late answer is dropped without an unhandled rejection
    await assert.rejects(untilAborted(Promise.resolve(3), controller.signal), /cancelled/);
  });
});

describe('scopeOf (subscription and group of a listed resource)', () => {
  it('answers like the full id parse, for well-formed and odd ids alike', () => {
    const ids = [
      '/subscriptions/s1/resourceGroups/rg-1/providers/Microsoft.Compute/images/img',
      '/SUBSCRIPTIONS/S1/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.COMPUTE/galleries/g/images/d/versions/1.0.0',
      'subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/images/no-leading-slash',
      '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/images/trailing/',
      ' /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/images/spaced ',
      '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/images',
      '/subscriptions/s1/resourceGroups/rg',
      '/subscriptions//resourceGroups/rg/providers/Microsoft.Compute/images/x',
      '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/images/a b',
      'not an id',
      '',
    ];
    for (const id of ids) {
      const p = parseArmId(id);
      assert.deepEqual(scopeOf(id), { subscriptionId: p?.subscriptionId ?? '', resourceGroup: p?.resourceGroup ?? '' }, id);
    }
    assert.deepEqual(scopeOf(ids[0]), { subscriptionId: 's1', resourceGroup: 'rg-1' });
  });
});
