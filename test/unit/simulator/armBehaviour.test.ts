// ARM behaviour the SDK flows do not reach: names, missing scopes, providers, references, the
// control API over HTTP, the data-plane path form and the generated large scenario.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { DEMO_SUBSCRIPTIONS, type SimulatorHandle } from '../../simulator/index';
import { generateLargeScenario, LARGE_COUNTS } from '../../simulator/scenarios/large';
import { ARM_SCOPE, BATCH_SCOPE, call, credentialFor, startTrusted } from './helpers';

type Json = Record<string, unknown>;
const P = DEMO_SUBSCRIPTIONS.production;
const err = (r: { json: unknown }): string => String(((r.json as Json).error as Json | undefined)?.code ?? (r.json as Json).code);

describe('ARM behaviour and control API', () => {
  let sim: SimulatorHandle;
  let token: string;
  const arm = (method: string, path: string, body?: unknown) => call(sim, method, `${path}${path.includes('?') ? '&' : '?'}api-version=2025-04-01`, token, body);
  before(async () => {
    sim = await startTrusted({ scenario: 'demo', lroMs: 0, allocationMs: 100 });
    token = (await credentialFor(sim).getToken(ARM_SCOPE)).token;
  });
  after(async () => {
    await sim.stop();
  });

  it('applies Azure naming rules per resource type', async () => {
    const images = `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images`;
    const body = { location: 'eastus', properties: { storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', blobUri: 'https://a.blob.core.windows.net/v/x.vhd' } } } };
    for (const bad of ['-starts-with-hyphen', 'ends-with-period.', 'has space', 'x'.repeat(81)]) {
      const r = await arm('PUT', `${images}/${encodeURIComponent(bad)}`, body);
      assert.equal(r.status, 400, bad);
      assert.equal(err(r), 'InvalidParameter');
    }
    assert.equal((await arm('PUT', `${images}/ok_name-1.2_`, body)).status, 201);
    const galleries = `/subscriptions/${P}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries`;
    assert.equal((await arm('PUT', `${galleries}/no-hyphens`, { location: 'eastus' })).status, 400);
    assert.equal((await arm('PUT', `${galleries}/dots.and_underscores`, { location: 'eastus' })).status, 200);
    const accounts = `/subscriptions/${P}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts`;
    assert.equal(err(await arm('PUT', `${accounts}/UpperCase`, { location: 'eastus' })), 'AccountNameInvalid');
    assert.equal(err(await arm('PUT', `/subscriptions/${DEMO_SUBSCRIPTIONS.sharedImages}/resourceGroups/rg-shared-images/providers/Microsoft.Batch/batchAccounts/batchprodeast`, { location: 'eastus' })), 'Conflict');
  });

  it('refuses what Azure refuses: an account PUT without location, "." and ".." path segments, an invalid pool name', async () => {
    const accountPath = `/subscriptions/${P}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
    const before = await arm('GET', accountPath);
    assert.equal(before.status, 200);
    // What `…/pools/..` resolves to: a pool body PUT on the account itself. Refused, the account is unchanged.
    const poolBody = { properties: { vmSize: 'STANDARD_D2S_V3', scaleSettings: { fixedScale: { targetDedicatedNodes: 1 } } } };
    const noLocation = await arm('PUT', accountPath, poolBody);
    assert.equal(noLocation.status, 400);
    assert.equal(err(noLocation), 'LocationRequired');
    assert.deepEqual((await arm('GET', accountPath)).json, before.json);
    // A client that sends the segment unresolved (no URL normalisation) is refused, as written and percent-encoded.
    const raw = (path: string) =>
      new Promise<{ status: number; code: string }>((resolve, reject) => {
        const target = new URL(sim.url);
        const req = httpsRequest(
          { hostname: target.hostname, port: target.port, path: `${path}?api-version=2025-04-01`, method: 'PUT', ca: sim.caPem, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, code: String(((JSON.parse(text) as Json).error as Json).code) }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(poolBody));
      });
    for (const segment of ['..', '.', '%2E%2E', '.%2e']) {
      assert.deepEqual(await raw(`${accountPath}/pools/${segment}`), { status: 400, code: 'InvalidRequestUri' }, segment);
    }
    assert.deepEqual((await arm('GET', accountPath)).json, before.json);
    for (const bad of ['has.dot', 'x'.repeat(65), 'sp ace']) {
      const r = await arm('PUT', `${accountPath}/pools/${encodeURIComponent(bad)}`, poolBody);
      assert.equal(r.status, 400, bad);
    }
  });

  it('reports missing subscriptions, resource groups, parents, resources and references', async () => {
    assert.equal(err(await arm('GET', '/subscriptions/99999999-0000-0000-0000-000000000000/providers/Microsoft.Compute/images')), 'SubscriptionNotFound');
    assert.equal(err(await arm('GET', `/subscriptions/${P}/resourceGroups/nope/providers/Microsoft.Compute/images/x`)), 'ResourceGroupNotFound');
    assert.equal(err(await arm('GET', `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/nope`)), 'ResourceNotFound');
    const def = `/subscriptions/${P}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2`;
    const missingSource = await arm('PUT', `${def}/versions/3.0.0`, { location: 'eastus', properties: { storageProfile: { source: { id: `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/gone` } } } });
    assert.equal(missingSource.status, 400);
    assert.equal(err(missingSource), 'InvalidParameter');
    const orphan = await arm('PUT', `/subscriptions/${P}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/nogallery/images/x`, { location: 'eastus', properties: { osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'a', offer: 'b', sku: 'c' } } });
    assert.equal(err(orphan), 'ParentResourceNotFound');
    const missingSnapshot = await arm('PUT', `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/needs-snap`, {
      location: 'eastus', properties: { storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', snapshot: { id: `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/snap-deleted-os` } } } },
    });
    assert.equal(err(missingSnapshot), 'InvalidParameter');
  });

  it('lists and registers resource providers', async () => {
    const list = await arm('GET', `/subscriptions/${P}/providers`);
    const batch = ((list.json as Json).value as Json[]).find((p) => p.namespace === 'Microsoft.Batch');
    assert.equal(batch?.registrationState, 'Registered');
    assert.equal((await arm('POST', `/subscriptions/${P}/providers/Microsoft.Batch/unregister`)).status, 200);
    assert.equal(((await arm('GET', `/subscriptions/${P}/providers/Microsoft.Batch`)).json as Json).registrationState, 'Unregistered');
    assert.equal(((await arm('POST', `/subscriptions/${P}/providers/Microsoft.Batch/register`)).json as Json).registrationState, 'Registered');
  });

  it('serves the data plane under /batch/{account} on the main port too (raw REST)', async () => {
    const batchToken = (await credentialFor(sim).getToken(BATCH_SCOPE)).token;
    const r = await call(sim, 'GET', '/batch/batchprodeast/pools?api-version=2025-06-01.21.0&maxresults=3', batchToken);
    assert.equal(r.status, 200);
    assert.equal(((r.json as Json).value as Json[]).length, 3);
    assert.ok(String((r.json as Json)['odata.nextLink']).includes('$skiptoken=3'));
    const missing = await call(sim, 'GET', `${sim.batchUrl('batchprodeast')}/pools/nope?api-version=2025-06-01.21.0`, batchToken);
    assert.equal(missing.status, 404);
    const e = missing.json as Json;
    assert.equal(e.code, 'PoolNotFound');
    assert.equal((e.message as Json).lang, 'en-US');
    assert.ok(String(e['odata.metadata']).includes('$metadata#'));
    const sharedKeyOnly = await call(sim, 'GET', `${sim.batchUrl('batchsharedkey')}/supportedimages?api-version=2025-06-01.21.0`, batchToken);
    assert.equal(sharedKeyOnly.status, 401);
  });

  it('resizes a pool through an ARM PATCH and reports node counts on the data plane', async () => {
    const pool = `/subscriptions/${P}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodwest/pools/pool-west-healthy`;
    const patched = await call(sim, 'PATCH', `${pool}?api-version=2025-06-01`, token, { properties: { scaleSettings: { fixedScale: { targetDedicatedNodes: 7, resizeTimeout: 'PT15M' } } } });
    assert.equal(patched.status, 200);
    const props = (patched.json as Json).properties as Json;
    assert.equal(props.allocationState, 'Resizing');
    assert.equal((props.resizeOperationStatus as Json).targetDedicatedNodes, 7);
    await new Promise((r) => setTimeout(r, 120)); // allocationMs is 100 in this suite
    const batchToken = (await credentialFor(sim).getToken(BATCH_SCOPE)).token;
    const counts = await call(sim, 'GET', `${sim.batchUrl('batchprodwest')}/nodecounts?api-version=2025-06-01.21.0`, batchToken);
    const entry = ((counts.json as Json).value as Json[]).find((c) => c.poolId === 'pool-west-healthy');
    assert.equal((entry?.dedicated as Json).total, 7);
  });

  it('drives state through the control API', async () => {
    const info = await call(sim, 'GET', '/__simulator/info', undefined);
    assert.equal((info.json as Json).url, sim.url);
    const faults = await call(sim, 'PUT', '/__simulator/faults', undefined, { spec: '503:1' });
    assert.equal(faults.status, 200);
    const throttled = await arm('GET', `/subscriptions/${P}/resourcegroups`);
    assert.equal(throttled.status, 503);
    assert.ok(throttled.headers.get('retry-after'));
    assert.equal((await call(sim, 'PUT', '/__simulator/faults', undefined, { spec: 'bogus' })).status, 400);
    await call(sim, 'PUT', '/__simulator/faults', undefined, { spec: '' });
    const queued = await call(sim, 'POST', '/__simulator/fail-next', undefined, { operation: 'imageCreate', message: 'disk read error (simulated)' });
    assert.equal((queued.json as Json).queued, 1);
    const created = await arm('PUT', `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/will-fail`, {
      location: 'eastus', properties: { storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', blobUri: 'https://a.blob.core.windows.net/v/x.vhd' } } },
    });
    const status = await call(sim, 'GET', String(created.headers.get('azure-asyncoperation')), token);
    assert.equal((status.json as Json).status, 'Failed');
    assert.equal(((status.json as Json).error as Json).message, 'disk read error (simulated)');
    const counters = await call(sim, 'GET', '/__simulator/counters', undefined);
    assert.ok(((counters.json as Json)['arm.images.put'] as Json).requests);
    const log = await call(sim, 'GET', '/__simulator/requests', undefined);
    const entry = (log.json as Json[]).find((e) => e.route === 'arm.images.put');
    assert.deepEqual(Object.keys(entry ?? {}).sort(), ['apiVersion', 'durationMs', 'method', 'path', 'route', 'status', 'time']);
    const reset = await call(sim, 'POST', '/__simulator/reset', undefined);
    assert.equal(reset.status, 200);
    assert.equal(sim.getResource(`/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/will-fail`), undefined);
    const empty = await call(sim, 'POST', '/__simulator/scenario', undefined, { scenario: 'empty' });
    assert.deepEqual((empty.json as Json).subscriptionIds, [P]);
    assert.deepEqual((await call(sim, 'GET', '/__simulator/state', undefined)).json, { resourceGroups: 0 });
    await sim.loadScenario('demo');
  });

  it('generates the large scenario deterministically with the documented counts', () => {
    const a = generateLargeScenario(5);
    const b = generateLargeScenario(5);
    assert.deepEqual(a, b);
    const count = (type: string): number => (a.resources ?? []).filter((r) => new RegExp(`/${type}/[^/]+$`).test(r.id)).length;
    assert.equal(a.subscriptions.length, LARGE_COUNTS.subscriptions);
    assert.equal(count('images') - count('galleries/[^/]+/images'), LARGE_COUNTS.images);
    assert.equal(count('snapshots'), LARGE_COUNTS.snapshots);
    assert.equal(count('versions'), LARGE_COUNTS.galleries * LARGE_COUNTS.definitionsPerGallery * LARGE_COUNTS.versionsPerDefinition);
    assert.equal(count('pools'), LARGE_COUNTS.accounts * LARGE_COUNTS.poolsPerAccount);
    assert.notDeepEqual(generateLargeScenario(6), a);
  });

  it('loads the large scenario and pages through it', async () => {
    await sim.loadScenario('large');
    try {
      const counts = sim.resourceCounts();
      assert.equal(counts.images, LARGE_COUNTS.images);
      assert.equal(counts.batchAccounts, LARGE_COUNTS.accounts);
      const sub = sim.subscriptionIds[0];
      let next: string | undefined = `/subscriptions/${sub}/providers/Microsoft.Compute/snapshots?api-version=2025-01-02`;
      let total = 0;
      for (let i = 0; next && i < 100; i++) {
        const page = await call(sim, 'GET', next, token);
        total += ((page.json as Json).value as unknown[]).length;
        next = (page.json as Json).nextLink as string | undefined;
      }
      assert.equal(total, LARGE_COUNTS.snapshots / LARGE_COUNTS.subscriptions);
    } finally {
      await sim.loadScenario('demo');
    }
  });
});
