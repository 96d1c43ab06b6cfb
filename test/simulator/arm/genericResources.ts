// The generic resource lists Azure's own tools use (`az resource list`, Get-AzResource):
// `GET /subscriptions/{id}/resources` and `.../resourceGroups/{rg}/resources`, with
// `$filter=resourceType eq '…'`, `$top` and nextLink paging. Items are GenericResource: the
// envelope of each resource without its `properties`.
import type { Route, SimRequest } from '../context';
import { armError, json, type Reply } from '../http';
import { type JsonObject, type JsonValue } from '../json';
import { paginate } from '../paging';
import { requireScope } from './resources';

/** Proxy resources (no location of their own) are not in the generic list, as in Azure. */
const UNLISTED_KINDS = new Set(['pools']);
const ENVELOPE = ['id', 'name', 'type', 'location', 'tags', 'sku', 'kind', 'managedBy', 'plan', 'identity', 'zones', 'extendedLocation'];

function parseFilter(filter: string | null): string | undefined {
  if (filter === null || filter.trim() === '') return undefined;
  const m = /^\s*resourceType\s+eq\s+'([^']+)'\s*$/i.exec(filter);
  if (!m) throw armError(400, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string. The simulator supports resourceType eq '<type>'.`);
  return m[1].toLowerCase();
}

function list(req: SimRequest, byGroup: boolean): Reply {
  const { sim, params } = req;
  requireScope(sim, params.sub, byGroup ? params.rg : undefined);
  const type = parseFilter(req.query.get('$filter'));
  const top = req.query.get('$top');
  const pageSize = top === null ? undefined : Number(top);
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) throw armError(400, 'InvalidTopInQueryString', `Invalid $top '${top}' specified in the query string.`);
  const items = sim.store
    .all()
    .filter((r) => !UNLISTED_KINDS.has(r.kind) && r.subscriptionId.toLowerCase() === params.sub.toLowerCase())
    .filter((r) => !byGroup || r.resourceGroup.toLowerCase() === params.rg.toLowerCase())
    .filter((r) => type === undefined || String(r.body.type).toLowerCase() === type)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = paginate(req, items, pageSize);
  const value = page.items.map((r): JsonValue => {
    const out: JsonObject = {};
    for (const k of ENVELOPE) if (r.body[k] !== undefined) out[k] = r.body[k];
    return out;
  });
  return json(200, page.nextLink ? { value, nextLink: page.nextLink } : { value });
}

export function genericResourceRoutes(): Route[] {
  return [
    { name: 'arm.resources.listBySubscription', method: 'GET', auth: 'arm', pattern: '/subscriptions/:sub/resources', handler: (r) => list(r, false) },
    { name: 'arm.resources.listByResourceGroup', method: 'GET', auth: 'arm', pattern: '/subscriptions/:sub/resourceGroups/:rg/resources', handler: (r) => list(r, true) },
  ];
}
