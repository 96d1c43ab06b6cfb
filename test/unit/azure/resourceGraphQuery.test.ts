// The pure parts of the Resource Graph client: query text, subscription groups, quota reading,
// and which errors send a category back to Resource Manager.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildInventoryQuery,
  groupSubscriptions,
  kqlString,
  parseResetsAfter,
  parseRetryAfter,
  QuotaGate,
  READABLE_SUBSCRIPTIONS_QUERY,
  SUBSCRIPTIONS_PER_QUERY,
} from '../../../src/azure/resourceGraphQuery';
import { AzureError } from '../../../src/azure/errors';
import { GRAPH_THROTTLED_CODE, GRAPH_TOO_LARGE_CODE, GRAPH_TRUNCATED_CODE, isGraphFallbackError, isGraphUnavailable } from '../../../src/azure/resourceGraph';

describe('Resource Graph query builder', () => {
  it('filters by type (and ids), projects id first and orders by id for stable pages', () => {
    assert.equal(
      buildInventoryQuery({ types: ['Microsoft.Compute/galleries/images/versions'] }),
      "Resources | where type in~ ('microsoft.compute/galleries/images/versions') | project id, name, type, location, managedBy, tags, properties | order by id asc",
    );
    const q = buildInventoryQuery({ types: ['microsoft.compute/disks', 'microsoft.compute/virtualmachines'], ids: ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/o'brien"] });
    assert.match(q, /^Resources \| where type in~ \('microsoft\.compute\/disks', 'microsoft\.compute\/virtualmachines'\) and id in~ \('.*o\\'brien'\) \| project id,/);
    assert.throws(() => buildInventoryQuery({ types: [] }));
    assert.throws(() => buildInventoryQuery({ types: ['x'], ids: [] }));
    assert.equal(kqlString("a\\b'c"), "'a\\\\b\\'c'");
  });

  it('groups subscriptions by at most 300, without duplicates', () => {
    const ids = Array.from({ length: 650 }, (_, i) => `sub-${i}`);
    const groups = groupSubscriptions([...ids, 'SUB-1']);
    assert.deepEqual(groups.map((g) => g.length), [300, 300, 50]);
    assert.equal(SUBSCRIPTIONS_PER_QUERY, 300);
    assert.deepEqual(groups.flat(), ids);
    assert.deepEqual(groupSubscriptions([]), []);
  });

  it('reads the quota headers and Retry-After', () => {
    assert.equal(parseResetsAfter('00:00:03'), 3000);
    assert.equal(parseResetsAfter('01:02:03'), 3_723_000);
    assert.equal(parseResetsAfter('soon'), undefined);
    assert.equal(parseRetryAfter('7'), 7000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter(undefined), undefined);
  });

  it('holds queries back when the quota is spent, until the window resets', () => {
    let now = 0;
    const gate = new QuotaGate(() => now);
    assert.equal(gate.reserve(), 0, 'nothing known yet: send');
    gate.settle({ remaining: '1', resetsAfter: '00:00:05' });
    assert.equal(gate.available(), 1);
    assert.equal(gate.reserve(), 0);
    assert.equal(gate.available(), 0, 'one in flight uses the last one');
    assert.equal(gate.reserve(), 5000, 'the next waits for the reset');
    gate.settle({ remaining: '0', resetsAfter: '00:00:04' });
    now = 4000;
    assert.equal(gate.reserve(), 0, 'a new window');
    gate.exhausted(2000);
    assert.equal(gate.reserve(), 2000, 'a 429 blocks until its Retry-After');
    now = 6000;
    assert.equal(gate.reserve(), 0);
  });

  it('counts every page against the quota: pages a query committed to stay counted when later answers replace the remaining count', () => {
    let now = 0;
    const gate = new QuotaGate(() => now);
    assert.equal(gate.reserve(), 0);
    gate.settle({ remaining: '10', resetsAfter: '00:00:05' });
    // A query's first page said 6 more pages follow.
    gate.commit(6);
    assert.equal(gate.available(), 4);
    // Another query's first page is answered: the server has not seen the 6 pages yet.
    assert.equal(gate.reserve(), 0);
    gate.settle({ remaining: '9', resetsAfter: '00:00:05' });
    assert.equal(gate.available(), 3, 'the 6 committed pages are still counted off');
    // New queries may take only what the committed pages leave.
    for (let i = 0; i < 3; i++) assert.equal(gate.reserve(), 0);
    assert.ok(gate.reserve() > 0, 'a new query waits: the rest is promised');
    // ...while the committed pages themselves go out.
    assert.equal(gate.reserve(true), 0, 'a committed page is sent');
    assert.equal(gate.available(), 0);
    // A query that fails gives its unsent pages back.
    gate.release(5);
    for (let i = 0; i < 3; i++) gate.settle({ remaining: '5', resetsAfter: '00:00:04' });
    gate.settle({ remaining: '5', resetsAfter: '00:00:04' });
    assert.equal(gate.available(), 5);
    now = 5000;
    assert.equal(gate.available(), undefined, 'a new window: not known until the next answer');
  });

  it('names the query that tells which subscriptions Resource Graph can read', () => {
    assert.equal(READABLE_SUBSCRIPTIONS_QUERY, "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project id, subscriptionId | order by id asc");
  });

  it('falls back to Resource Manager for a missing, refused, spent or truncated Resource Graph — not for cancellation', () => {
    const e = (code: string, status?: number) => new AzureError({ code, message: code, status });
    for (const err of [e('InvalidResourceNamespace', 404), e('NoRegisteredProviderFound', 400), e('AuthorizationFailed', 403), e(GRAPH_THROTTLED_CODE, 429), e(GRAPH_TRUNCATED_CODE), e(GRAPH_TOO_LARGE_CODE)]) {
      assert.equal(isGraphFallbackError(err), true, err.code);
    }
    assert.equal(isGraphFallbackError(e('Cancelled')), false);
    assert.equal(isGraphFallbackError(e('InternalServerError', 500)), false, 'a transient error fails the category as any other would');
    assert.equal(isGraphUnavailable(e('InvalidResourceNamespace', 404)), true, 'a cloud without it is not asked again');
    assert.equal(isGraphUnavailable(e(GRAPH_THROTTLED_CODE, 429)), false, 'a spent quota is asked again next load');
  });
});
