// The simulator's Azure Resource Graph endpoint and the Resource Manager behaviour around it:
// the KQL subset answered from the stored resources, paging, quota, index lag, the generic
// resource list, read throttling and authentication before routing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_SUBSCRIPTIONS, type SimulatorHandle, type SimulatorOptions } from '../../simulator/index';
import { largeSubscriptionId } from '../../simulator/scenarios/large';
import { ARM_SCOPE, call, credentialFor, startTrusted } from './helpers';

type Json = Record<string, unknown>;
const P = DEMO_SUBSCRIPTIONS.production;
const S = DEMO_SUBSCRIPTIONS.sharedImages;
const ARG = '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01';

async function started(options: SimulatorOptions): Promise<{ sim: SimulatorHandle; token: string }> {
  const sim = await startTrusted(options);
  return { sim, token: (await credentialFor(sim).getToken(ARM_SCOPE)).token };
}

const rowsOf = (r: { json: unknown }): Json[] => (r.json as Json).data as Json[];
const ids = (rows: Json[]): string[] => rows.map((x) => String(x.id).toLowerCase()).sort();

describe('simulator: Azure Resource Graph', () => {
  let sim: SimulatorHandle;
  let token: string;
  const graph = (body: unknown) => call(sim, 'POST', ARG, token, body);
  const arm = (path: string) => call(sim, 'GET', `${path}${path.includes('?') ? '&' : '?'}api-version=2024-03-01`, token);
  before(async () => ({ sim, token } = await started({ scenario: 'demo', lroMs: 0, argQuota: '1000/5s' })));
  after(async () => sim.stop());

  it('answers type in~ with the same resources and properties Resource Manager lists', async () => {
    const r = await graph({ subscriptions: [P, S], query: "Resources | where type in~ ('Microsoft.Compute/images', 'microsoft.compute/snapshots') | project id, name, type, location, properties | order by id asc", options: { $top: 1000, resultFormat: 'objectArray' } });
    assert.equal(r.status, 200);
    const body = r.json as Json;
    assert.equal(body.resultTruncated, 'false');
    assert.equal(body.count, rowsOf(r).length);
    assert.equal(body.totalRecords, rowsOf(r).length);
    assert.ok(typeof r.headers.get('x-ms-user-quota-remaining') === 'string');
    const armItems: Json[] = [];
    for (const sub of [P, S]) {
      for (const type of ['images', 'snapshots']) armItems.push(...(((await arm(`/subscriptions/${sub}/providers/Microsoft.Compute/${type}`)).json as Json).value as Json[]));
    }
    assert.deepEqual(ids(rowsOf(r)), ids(armItems));
    const byId = new Map(armItems.map((x) => [String(x.id).toLowerCase(), x]));
    for (const row of rowsOf(r)) {
      assert.deepEqual(row.properties, byId.get(String(row.id).toLowerCase())?.properties, String(row.id));
      assert.equal(row.type, String(row.type).toLowerCase());
      assert.deepEqual(Object.keys(row).sort(), ['id', 'location', 'name', 'properties', 'type']);
    }
    const sorted = [...rowsOf(r)].map((x) => String(x.id).toLowerCase());
    assert.deepEqual(sorted, [...sorted].sort());
  });

  it('filters by id in~, subscriptionId in~, =~ and and', async () => {
    const image = `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-ubuntu-v1`;
    const byId = await graph({ query: `Resources | where id in~ ('${image.toUpperCase()}', '/subscriptions/${P}/nothing') | project id, properties` });
    assert.deepEqual(ids(rowsOf(byId)), [image.toLowerCase()]);
    const versions = await graph({ query: `Resources | where type =~ 'microsoft.compute/galleries/images/versions' and subscriptionId in~ ('${S}') | project id, subscriptionId` });
    assert.ok(rowsOf(versions).length > 0);
    assert.ok(rowsOf(versions).every((x) => String(x.subscriptionId) === S && /\/versions\//i.test(String(x.id))));
    const scoped = await graph({ subscriptions: [S], query: "Resources | where type =~ 'microsoft.batch/batchaccounts' | project id" });
    const all = await graph({ query: "Resources | where type =~ 'microsoft.batch/batchaccounts' | project id" });
    assert.ok(rowsOf(all).length > rowsOf(scoped).length);
    const account = rowsOf(await graph({ query: "Resources | where type =~ 'microsoft.batch/batchaccounts' and name =~ 'BATCHPRODEAST'" }))[0];
    assert.ok(String((account.properties as Json).accountEndpoint).startsWith('127.0.0.1:'), 'accounts carry their endpoint as Resource Manager renders it');
    assert.equal(account.subscriptionId, P);
    assert.equal(account.resourceGroup, String(account.resourceGroup).toLowerCase());
  });

  it('answers the same query again with what was written since (no lag): pages are never served from an older state', async () => {
    const query = "Resources | where type in~ ('microsoft.compute/snapshots') | project id | order by id asc";
    const total = async (): Promise<number> => Number(((await graph({ query, options: { $top: 1 } })).json as Json).totalRecords);
    const before = await total();
    assert.equal(await total(), before, 'asked twice, the same answer');
    const snapshot = `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/snap-written-between-pages`;
    const put = await call(sim, 'PUT', `${snapshot}?api-version=2024-03-02`, token, { location: 'eastus', properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 8 } });
    assert.ok(put.status < 300, JSON.stringify(put.json));
    assert.equal(await total(), before + 1);
    const second = (await graph({ query, options: { $top: 1, $skip: 1 } })).json as Json;
    assert.equal(second.totalRecords, before + 1);
    const del = await call(sim, 'DELETE', `${snapshot}?api-version=2024-03-02`, token);
    assert.ok(del.status < 300);
    await sleep(20); // the delete LRO completes on the next request
    await call(sim, 'GET', `/subscriptions/${P}?api-version=2022-12-01`, token);
    assert.equal(await total(), before);
  });

  it('answers 400 BadRequest / InvalidQuery for anything outside the subset', async () => {
    for (const query of [
      'Resources | summarize count() by type',
      "Resources | where name contains 'img'",
      "Resources | where type == 'microsoft.compute/images'",
      'AdvisorResources',
      "ResourceContainers | where type in~ ('microsoft.resources/subscriptions') | project id, displayName",
      "Resources | where type in~ ('a'",
      "Resources | where properties =~ 'x'",
      'Resources | project id | project name',
      'Resources | limit 3',
    ]) {
      const r = await graph({ query });
      assert.equal(r.status, 400, query);
      const error = (r.json as Json).error as Json;
      assert.equal(error.code, 'BadRequest', query);
      assert.equal(((error.details as Json[])[0]).code, 'InvalidQuery', query);
    }
    assert.equal((await graph({ query: 'Resources', options: { $top: 1001 } })).status, 400);
    assert.equal((await graph({ query: 'Resources', options: { $skipToken: 'bm90IGEgdG9rZW4=' } })).status, 400);
    assert.equal((await call(sim, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2030-01-01', token, { query: 'Resources' })).status, 400);
  });

  it('truncates instead of paging when id is not projected', async () => {
    const r = await graph({ query: 'Resources | project name', options: { $top: 5 } });
    assert.equal((r.json as Json).resultTruncated, 'true');
    assert.equal((r.json as Json).$skipToken, undefined);
    assert.equal(rowsOf(r).length, 5);
  });

  it('lists generic resources per subscription and resource group with $filter and paging', async () => {
    const all: Json[] = [];
    let next: string | undefined = `/subscriptions/${P}/resources?$filter=${encodeURIComponent("resourceType eq 'Microsoft.Compute/images'")}&$top=3&api-version=2021-04-01`;
    while (next) {
      const page = await call(sim, 'GET', next, token);
      assert.equal(page.status, 200);
      all.push(...((page.json as Json).value as Json[]));
      next = (page.json as Json).nextLink as string | undefined;
    }
    const images = ((await arm(`/subscriptions/${P}/providers/Microsoft.Compute/images`)).json as Json).value as Json[];
    assert.deepEqual(ids(all), ids(images));
    assert.ok(all.every((x) => x.properties === undefined && x.type === 'Microsoft.Compute/images'));
    const inGroup = await call(sim, 'GET', `/subscriptions/${P}/resourceGroups/rg-batch/resources?api-version=2021-04-01`, token);
    assert.ok(((inGroup.json as Json).value as Json[]).some((x) => x.type === 'Microsoft.Batch/batchAccounts'));
    assert.ok(((inGroup.json as Json).value as Json[]).every((x) => !/\/pools\//i.test(String(x.id))), 'pools are proxy resources');
    assert.equal((await call(sim, 'GET', `/subscriptions/${P}/resources?$filter=${encodeURIComponent("name eq 'x'")}&api-version=2021-04-01`, token)).status, 400);
  });

  it('answers disk and VM rows like the Resource Manager lists, a VM without its instance view', async () => {
    // A VM whose Resource Manager list entry carries its instance view (what `$expand=instanceView` adds).
    const vmId = `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/virtualMachines/vm-with-view`;
    const put = await call(sim, 'PUT', `${vmId}?api-version=2024-03-01`, token, {
      location: 'eastus',
      properties: {
        hardwareProfile: { vmSize: 'Standard_D2s_v3' },
        storageProfile: { osDisk: { osType: 'Linux', createOption: 'FromImage', managedDisk: { id: `${vmId}-os` } }, dataDisks: [] },
        instanceView: { extensions: [{ name: 'cs', type: 'Microsoft.Azure.Extensions.CustomScript' }] },
      },
    });
    assert.ok([200, 201].includes(put.status), String(put.status));
    try {
      for (const type of ['disks', 'virtualMachines']) {
        const listed = ((await arm(`/subscriptions/${P}/providers/Microsoft.Compute/${type}`)).json as Json).value as Json[];
        const r = await graph({ subscriptions: [P], query: `Resources | where type in~ ('microsoft.compute/${type.toLowerCase()}') | project id, name, type, location, managedBy, properties | order by id asc`, options: { $top: 1000 } });
        assert.equal(r.status, 200);
        assert.ok(listed.length > 0, type);
        assert.deepEqual(ids(rowsOf(r)), ids(listed), type);
        const byId = new Map(listed.map((x) => [String(x.id).toLowerCase(), x]));
        for (const row of rowsOf(r)) {
          const { instanceView, ...model } = byId.get(String(row.id).toLowerCase())?.properties as Json;
          if (String(row.id).toLowerCase() === vmId.toLowerCase()) assert.ok(instanceView, 'the Resource Manager list shows the instance view');
          assert.deepEqual(row.properties, type === 'virtualMachines' || instanceView === undefined ? model : { instanceView, ...model }, String(row.id));
        }
      }
    } finally {
      await call(sim, 'DELETE', `${vmId}?api-version=2024-03-01`, token);
    }
  });

  it('authenticates before routing: an unknown path without a token is 401, with one 404', async () => {
    assert.equal((await call(sim, 'GET', '/subscriptions/x/nothing/here?api-version=1', undefined)).status, 401);
    assert.equal((await call(sim, 'POST', ARG, undefined, { query: 'Resources' })).status, 401);
    assert.equal((await call(sim, 'GET', '/subscriptions/x/nothing/here?api-version=1', token)).status, 404);
  });
});

describe('simulator: Resource Graph paging over 2,500 rows', () => {
  let sim: SimulatorHandle;
  let token: string;
  before(async () => ({ sim, token } = await started({ scenario: 'large', lroMs: 0, armThrottle: 'off', argQuota: '100/5s' })));
  after(async () => sim.stop());

  it('pages with $skipToken, and $skip/$top give the same rows', async () => {
    const subs = [largeSubscriptionId(0), largeSubscriptionId(1)];
    const query = "Resources | where type in~ ('microsoft.compute/images') | project id, name | order by id asc";
    const rows: Json[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    let total = 0;
    do {
      const r = await call(sim, 'POST', ARG, token, { subscriptions: subs, query, options: { $top: 1000, ...(skipToken ? { $skipToken: skipToken } : {}) } });
      assert.equal(r.status, 200);
      const body = r.json as Json;
      total = Number(body.totalRecords);
      assert.equal(body.count, rowsOf(r).length);
      assert.equal(body.resultTruncated, 'false');
      rows.push(...rowsOf(r));
      skipToken = body.$skipToken as string | undefined;
      pages++;
    } while (skipToken);
    assert.ok(total >= 2500, `total ${total}`);
    assert.equal(rows.length, total);
    assert.equal(pages, Math.ceil(total / 1000));
    assert.equal(new Set(ids(rows)).size, total);
    const third = await call(sim, 'POST', ARG, token, { subscriptions: subs, query, options: { $top: 1000, $skip: 2000 } });
    assert.deepEqual(rowsOf(third), rows.slice(2000, 3000));
  });
});

describe('simulator: quota, throttling, lag, no Resource Graph', () => {
  it('refuses queries past the per-user quota with 429 and Azure headers, then recovers', async () => {
    const { sim, token } = await started({ scenario: 'demo', argQuota: '3/1s' });
    try {
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await call(sim, 'POST', ARG, token, { query: "Resources | where type =~ 'microsoft.compute/galleries' | project id" });
        assert.equal(r.status, 200);
        remaining.push(r.headers.get('x-ms-user-quota-remaining') ?? '');
        assert.match(r.headers.get('x-ms-user-quota-resets-after') ?? '', /^\d\d:\d\d:\d\d$/);
      }
      assert.deepEqual(remaining, ['2', '1', '0']);
      const refused = await call(sim, 'POST', ARG, token, { query: 'Resources | project id' });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('x-ms-user-quota-remaining'), '0');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      await sleep(1100);
      assert.equal((await call(sim, 'POST', ARG, token, { query: 'Resources | project id' })).status, 200);
    } finally {
      await sim.stop();
    }
  });

  it('throttles Resource Manager reads per subscription with a token bucket', async () => {
    const { sim, token } = await started({ scenario: 'demo', armThrottle: '4/2' });
    try {
      const get = (sub: string) => call(sim, 'GET', `/subscriptions/${sub}/providers/Microsoft.Compute/images?api-version=2024-03-01`, token);
      for (let i = 0; i < 4; i++) assert.equal((await get(P)).status, 200);
      const refused = await get(P);
      assert.equal(refused.status, 429);
      assert.equal(((refused.json as Json).error as Json).code, 'SubscriptionRequestsThrottled');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal((await get(S)).status, 200, 'another subscription has its own bucket');
      await sleep(600);
      assert.equal((await get(P)).status, 200, 'the bucket refills');
    } finally {
      await sim.stop();
    }
  });

  it('shows writes and deletes in the index only after the lag', async () => {
    const { sim, token } = await started({ scenario: 'demo', argLagMs: 400, lroMs: 0 });
    try {
      const image = `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-ubuntu-v1-copy`;
      const snapshot = `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/snap-new`;
      const indexed = async (id: string): Promise<boolean> => rowsOf(await call(sim, 'POST', ARG, token, { query: `Resources | where id in~ ('${id}') | project id` })).length === 1;
      assert.equal(await indexed(image), true);
      const del = await call(sim, 'DELETE', `${image}?api-version=2024-03-01`, token);
      assert.ok(del.status < 300);
      await sleep(50); // the delete LRO completes on the next request
      await call(sim, 'GET', `/subscriptions/${P}?api-version=2022-12-01`, token);
      assert.equal((await call(sim, 'GET', `${image}?api-version=2024-03-01`, token)).status, 404, 'Resource Manager knows at once');
      assert.equal(await indexed(image), true, 'the index still lists the deleted image');
      const put = await call(sim, 'PUT', `${snapshot}?api-version=2024-03-02`, token, { location: 'eastus', properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 8 } });
      assert.ok(put.status < 300, JSON.stringify(put.json));
      assert.equal(await indexed(snapshot), false, 'the index does not have the new snapshot yet');
      await sleep(450);
      assert.equal(await indexed(image), false);
      assert.equal(await indexed(snapshot), true);
    } finally {
      await sim.stop();
    }
  });

  it('leaves subscriptions it cannot read out of every answer without saying so (--arg-unreadable-subscriptions, control API)', async () => {
    const { sim, token } = await started({ scenario: 'demo', argUnreadableSubscriptions: [S.toUpperCase()], argQuota: '100/5s' });
    try {
      const graph = (query: string) => call(sim, 'POST', ARG, token, { subscriptions: [P, S], query, options: { $top: 1000 } });
      const subscriptionRows = async (): Promise<string[]> =>
        rowsOf(await graph("ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project id, subscriptionId | order by id asc")).map((r) => String(r.subscriptionId).toLowerCase());
      const versionSubscriptions = async (): Promise<Set<string>> =>
        new Set(rowsOf(await graph("Resources | where type in~ ('microsoft.compute/galleries/images/versions') | project id, subscriptionId")).map((r) => String(r.subscriptionId).toLowerCase()));
      assert.deepEqual(await subscriptionRows(), [P.toLowerCase()]);
      const r = await graph("Resources | where type in~ ('microsoft.compute/galleries/images/versions') | project id, subscriptionId");
      assert.equal(r.status, 200, 'no error: Azure does not say a subscription was left out');
      assert.equal((r.json as Json).resultTruncated, 'false');
      assert.equal((await versionSubscriptions()).has(S.toLowerCase()), false, 'no row of the unreadable subscription');
      // Resource Manager still lists them.
      const armVersions = await call(sim, 'GET', `/subscriptions/${S}/providers/Microsoft.Compute/galleries?api-version=2024-03-03`, token);
      assert.ok(((armVersions.json as Json).value as Json[]).length > 0);
      // The control API changes it at run time.
      const put = await call(sim, 'PUT', '/__simulator/resource-graph', undefined, { unreadableSubscriptions: [] });
      assert.deepEqual((put.json as Json).unreadableSubscriptions, []);
      assert.deepEqual((await subscriptionRows()).sort(), [P, S].map((x) => x.toLowerCase()).sort());
      assert.equal((await versionSubscriptions()).has(S.toLowerCase()), true, 'its rows are back');
      assert.equal((await call(sim, 'PUT', '/__simulator/resource-graph', undefined, { unreadableSubscriptions: 'x' })).status, 400);
    } finally {
      await sim.stop();
    }
  });

  it('without Resource Graph answers like an unknown namespace; faults apply to it as to any route', async () => {
    const { sim, token } = await started({ scenario: 'demo', resourceGraph: false });
    try {
      const r = await call(sim, 'POST', ARG, token, { query: 'Resources' });
      assert.equal(r.status, 404);
      assert.equal(((r.json as Json).error as Json).code, 'InvalidResourceNamespace');
      sim.setFaults('503:1');
      assert.equal((await call(sim, 'POST', ARG, token, { query: 'Resources' })).status, 503);
    } finally {
      await sim.stop();
    }
  });
});

describe('simulator: enterprise scenario', () => {
  it('holds 100+ subscriptions, 50,000+ resources and 200+ Batch accounts with pools, the same for the same seed', async () => {
    const { generateEnterpriseScenario } = await import('../../simulator/scenarios/enterprise');
    const a = generateEnterpriseScenario(7);
    const resources = a.resources ?? [];
    assert.ok(a.subscriptions.length >= 100);
    assert.ok(resources.length >= 50_000, String(resources.length));
    const count = (re: RegExp): number => resources.filter((r) => re.test(r.id)).length;
    assert.ok(count(/\/batchAccounts\/[^/]+$/i) >= 200);
    assert.ok(count(/\/pools\/[^/]+$/i) >= 200);
    assert.ok(count(/\/images\/[^/]+\/versions\/[^/]+$/i) > count(/\/galleries\/[^/]+\/images\/[^/]+$/i));
    assert.deepEqual(generateEnterpriseScenario(7), a);
  });
});
