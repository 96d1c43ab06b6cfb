// Azure Resource Graph: `POST /providers/Microsoft.ResourceGraph/resources`, answered from the same
// stored resources as Resource Manager (as the index sees them: writes lag by argLagMs), with
// Azure's paging ($top, $skip, $skipToken), response fields and per-user quota.
import { createHash, randomUUID } from 'node:crypto';
import type { Route, SimContext, SimRequest } from '../context';
import { HttpError, armError, jsonNow, type Reply } from '../http';
import { isObject, type JsonObject, type JsonValue } from '../json';
import { renderShared, armTypeOf, type ResourceTypeSpec } from '../arm/resources';
import { computeSpecs } from '../arm/compute';
import { batchSpecs } from '../arm/batch';
import type { ArmResource } from '../store';
import { filterAndOrder, parseQuery, projectRow, QueryError, typesOf, type KeyColumns, type ParsedQuery } from './kql';
import { hhmmss, parseQuota, UserQuota } from './quota';

/** The types the Resources table holds here (Azure's holds every type; these are the simulated ones). */
const INDEXED_KINDS = ['snapshots', 'disks', 'virtualMachines', 'images', 'galleries', 'galleryImages', 'galleryImageVersions', 'batchAccounts'];
export const RESOURCE_GRAPH_API_VERSIONS = ['2019-04-01', '2020-04-01-preview', '2021-03-01', '2021-06-01-preview', '2022-10-01', '2024-04-01'];
const MAX_SUBSCRIPTIONS = 1000;
const DEFAULT_TOP = 100;
const MAX_TOP = 1000;

const SPECS = new Map<string, ResourceTypeSpec>([...computeSpecs, ...batchSpecs].map((s) => [s.kind, s]));

function row(sim: SimContext, r: ArmResource): JsonObject {
  const spec = SPECS.get(r.kind);
  // Shared, not copied: the page is serialised at once (pageAnswer).
  const body = spec ? renderShared(spec, sim, r) : r.body;
  const value = (k: string): JsonValue => (body[k] === undefined ? null : body[k]);
  return {
    id: String(body.id),
    name: String(body.name),
    // Resource Graph reports types in lower case.
    type: (spec ? armTypeOf(spec) : String(body.type)).toLowerCase(),
    tenantId: sim.identity.tenantId,
    kind: typeof body.kind === 'string' ? body.kind : '',
    location: typeof body.location === 'string' ? body.location : '',
    resourceGroup: r.resourceGroup.toLowerCase(),
    subscriptionId: r.subscriptionId,
    managedBy: typeof body.managedBy === 'string' ? body.managedBy : '',
    sku: value('sku'),
    plan: value('plan'),
    properties: r.kind === 'virtualMachines' ? vmModel(value('properties')) : value('properties'),
    tags: value('tags'),
    identity: value('identity'),
    zones: value('zones'),
    extendedLocation: value('extendedLocation'),
  };
}

/**
 * Azure's index holds a VM's model, not its instance view (what a Resource Manager list with
 * `$expand=instanceView` adds, extensions included): a VM row never says which extensions it has.
 */
function vmModel(properties: JsonValue): JsonValue {
  if (!isObject(properties) || properties.instanceView === undefined) return properties;
  const { instanceView: _omitted, ...model } = properties;
  return model;
}

function badRequest(detailCode: string, detail: string, headers?: Record<string, string>): HttpError {
  const correlationId = randomUUID();
  return new HttpError({
    status: 400,
    headers,
    body: {
      error: {
        code: 'BadRequest',
        message: `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${correlationId}.`,
        details: [
          { code: detailCode, message: detailCode === 'InvalidQuery' ? 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.' : detail },
          ...(detailCode === 'InvalidQuery' ? [{ code: 'ParserFailure', message: detail }] : []),
        ],
      },
    },
  });
}

interface SkipToken {
  offset: number;
  top: number;
  scope: string;
}

function scopeHash(query: string, subscriptions: string[] | undefined): string {
  return createHash('sha256').update(query).update('\n').update((subscriptions ?? []).map((s) => s.toLowerCase()).sort().join(',')).digest('base64url').slice(0, 16);
}

function readSkipToken(token: string, scope: string): SkipToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<SkipToken>;
    if (typeof t.offset === 'number' && typeof t.top === 'number' && t.scope === scope) return t as SkipToken;
  } catch {
    // fall through
  }
  throw badRequest('InvalidSkipToken', 'The skip token is invalid or does not belong to this query and scope.');
}

function intOption(options: JsonObject, name: string, min: number, max: number): number | undefined {
  const v = options[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badRequest('InvalidParameter', `The option '${name}' must be an integer between ${min} and ${max}.`);
  }
  return v;
}

function userOf(req: SimRequest): string {
  // The bearer token was verified before routing; its object id names the caller.
  const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { oid?: string; appid?: string };
    return claims.oid ?? claims.appid ?? 'anonymous';
  } catch {
    return 'anonymous';
  }
}

export function resourceGraphRoutes(quotaFor: (sim: SimContext) => UserQuota): Route[] {
  return [
    {
      name: 'arg.resources', method: 'POST', auth: 'arm', pattern: '/providers/Microsoft.ResourceGraph/resources',
      handler: (req) => query(req, quotaFor(req.sim)),
    },
  ];
}

function query(req: SimRequest, quota: UserQuota): Reply {
  const { sim } = req;
  if (!sim.options.resourceGraph) throw armError(404, 'InvalidResourceNamespace', "The resource namespace 'Microsoft.ResourceGraph' is invalid.");
  if (!req.apiVersion) throw armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  if (!RESOURCE_GRAPH_API_VERSIONS.includes(req.apiVersion)) {
    throw armError(400, 'NoRegisteredProviderFound', `No registered resource provider found for location 'global' and API version '${req.apiVersion}' for type 'resources'. The supported api-versions are '${RESOURCE_GRAPH_API_VERSIONS.join(', ')}'.`);
  }
  const q = quota.take(userOf(req));
  const headers = { 'x-ms-user-quota-remaining': String(q.remaining), 'x-ms-user-quota-resets-after': hhmmss(q.resetsAfterMs) };
  if (!q.allowed) {
    throw armError(429, 'RateLimiting', 'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.', {
      ...headers, 'Retry-After': String(Math.max(1, Math.ceil(q.resetsAfterMs / 1000))),
    });
  }
  try {
    return answer(req, headers);
  } catch (e) {
    if (e instanceof HttpError) e.reply.headers = { ...headers, ...e.reply.headers };
    throw e;
  }
}

function answer(req: SimRequest, headers: Record<string, string>): Reply {
  const { sim } = req;
  const body = req.body;
  if (!isObject(body) || typeof body.query !== 'string') throw badRequest('InvalidParameter', "The request body must be an object with a 'query' string.");
  let subscriptions: string[] | undefined;
  if (body.subscriptions !== undefined && body.subscriptions !== null) {
    if (!Array.isArray(body.subscriptions) || body.subscriptions.some((s) => typeof s !== 'string')) throw badRequest('InvalidParameter', "'subscriptions' must be an array of subscription ids.");
    if (body.subscriptions.length > MAX_SUBSCRIPTIONS) throw badRequest('InvalidParameter', `A query may name at most ${MAX_SUBSCRIPTIONS} subscriptions.`);
    subscriptions = body.subscriptions as string[];
  }
  const options = isObject(body.options) ? body.options : {};
  const format = options.resultFormat ?? 'objectArray';
  if (format !== 'objectArray' && format !== 'table') throw badRequest('InvalidParameter', "'resultFormat' must be 'table' or 'objectArray'.");
  let parsed;
  try {
    parsed = parseQuery(body.query);
  } catch (e) {
    if (e instanceof QueryError) throw badRequest('InvalidQuery', e.message);
    throw e;
  }
  const scope = scopeHash(body.query, subscriptions);
  let top = intOption(options, '$top', 1, MAX_TOP);
  let skip = intOption(options, '$skip', 0, Number.MAX_SAFE_INTEGER);
  if (typeof options.$skipToken === 'string' && options.$skipToken) {
    const token = readSkipToken(options.$skipToken, scope);
    top ??= token.top;
    skip ??= token.offset;
  }
  top ??= DEFAULT_TOP;
  skip ??= 0;
  // Unknown or inaccessible subscriptions contribute nothing, as in Azure, which does not say so.
  const allowed = subscriptions ? new Set(subscriptions.map((s) => s.toLowerCase())) : undefined;
  const unreadable = new Set(sim.options.argUnreadableSubscriptions.map((s) => s.toLowerCase()));
  const readable = (subscriptionId: string): boolean => !unreadable.has(subscriptionId.toLowerCase()) && (!allowed || allowed.has(subscriptionId.toLowerCase()));
  if (parsed.table === 'ResourceContainers') return containers(req, parsed, scope, top, skip, format, readable, headers);
  // A query's pages are asked for one after another (or side by side): while nothing was written,
  // its filtered and ordered rows are the same for each page, so they are worked out once.
  const cacheKey = `${scope}|${[...unreadable].sort().join(',')}`;
  const cache = orderedRows(sim);
  const cached = cache.get(cacheKey);
  let all: ArmResource[];
  if (cached && cached.generation === sim.store.generation && !sim.store.hasPendingIndexChanges()) {
    all = cached.rows;
  } else {
    all = matchingResources(sim, parsed, readable);
    if (!sim.store.hasPendingIndexChanges()) {
      if (cache.size >= ORDERED_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(cacheKey, { generation: sim.store.generation, rows: all });
    }
  }
  // Only the page returned is rendered in full.
  return pageAnswer(parsed, all, (r) => row(sim, r), scope, top, skip, format, headers);
}

/** The resources a `Resources` query selects, in its order. */
function matchingResources(sim: SimContext, parsed: ParsedQuery, readable: (subscriptionId: string) => boolean): ArmResource[] {
  const types = typesOf(parsed);
  const candidates: Array<{ r: ArmResource; keys: KeyColumns }> = [];
  for (const kind of INDEXED_KINDS) {
    const spec = SPECS.get(kind);
    const type = spec ? armTypeOf(spec).toLowerCase() : kind;
    if (types && !types.has(type)) continue;
    for (const r of sim.store.indexedOfKind(kind)) {
      if (!sim.store.subscription(r.subscriptionId)) continue;
      if (!readable(r.subscriptionId)) continue;
      const b = r.body;
      candidates.push({
        r,
        keys: {
          id: String(b.id), name: String(b.name), type, location: typeof b.location === 'string' ? b.location : '', resourceGroup: r.resourceGroup,
          subscriptionId: r.subscriptionId, kind: typeof b.kind === 'string' ? b.kind : '', tenantId: sim.identity.tenantId,
        },
      });
    }
  }
  return filterAndOrder(parsed, candidates, (c) => c.keys).map((c) => c.r);
}

const ORDERED_CACHE_SIZE = 16;
const orderedCaches = new WeakMap<SimContext, Map<string, { generation: number; rows: ArmResource[] }>>();

function orderedRows(sim: SimContext): Map<string, { generation: number; rows: ArmResource[] }> {
  let cache = orderedCaches.get(sim);
  if (!cache) orderedCaches.set(sim, (cache = new Map()));
  return cache;
}

/**
 * `ResourceContainers`: the simulator holds its subscription rows (type
 * `microsoft.resources/subscriptions`), those the caller may read.
 */
function containers(req: SimRequest, parsed: ParsedQuery, scope: string, top: number, skip: number, format: JsonValue, readable: (subscriptionId: string) => boolean, headers: Record<string, string>): Reply {
  const { sim } = req;
  const type = 'microsoft.resources/subscriptions';
  const candidates = [...sim.store.subscriptions.values()]
    .filter((s) => readable(s.subscriptionId))
    .map((s) => ({ s, keys: { id: `/subscriptions/${s.subscriptionId}`, name: s.displayName, type, location: '', resourceGroup: '', subscriptionId: s.subscriptionId, kind: '', tenantId: s.tenantId } as KeyColumns }));
  const all = filterAndOrder(parsed, candidates, (c) => c.keys);
  const render = (c: (typeof candidates)[number]): JsonObject => ({
    ...c.keys,
    managedBy: '', sku: null, plan: null, tags: null, identity: null, zones: null, extendedLocation: null,
    properties: { state: c.s.state, displayName: c.s.displayName },
  });
  return pageAnswer(parsed, all, render, scope, top, skip, format, headers);
}

function pageAnswer<T>(parsed: ParsedQuery, all: T[], render: (item: T) => JsonObject, scope: string, top: number, skip: number, format: JsonValue, headers: Record<string, string>): Reply {
  const page = all.slice(skip, skip + top).map((c) => projectRow(parsed, render(c)));
  const more = skip + top < all.length;
  // Paging needs a stable key: without `id` in the output Azure truncates instead of paging.
  const pageable = !parsed.project || parsed.project.includes('id');
  const result: JsonObject = {
    totalRecords: all.length,
    count: page.length,
    resultTruncated: more && !pageable ? 'true' : 'false',
  };
  if (more && pageable) result.$skipToken = Buffer.from(JSON.stringify({ offset: skip + top, top, scope } satisfies SkipToken)).toString('base64');
  result.data = format === 'objectArray' ? page : asTable(page, parsed.project);
  result.facets = [];
  return jsonNow(200, result, headers);
}

function asTable(page: JsonObject[], project: string[] | undefined): JsonObject {
  const columns = project ?? (page[0] ? Object.keys(page[0]) : []);
  const typeOf = (c: string): string => {
    const v = page.find((r) => r[c] !== null && r[c] !== undefined)?.[c];
    return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : isObject(v) || Array.isArray(v) ? 'object' : 'string';
  };
  return { columns: columns.map((name) => ({ name, type: typeOf(name) })), rows: page.map((r) => columns.map((c) => r[c] ?? null)) };
}

export { parseQuota, UserQuota };
