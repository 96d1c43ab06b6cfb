// Generic ARM resource behaviour (PUT/GET/LIST/PATCH/DELETE, LROs, paging, errors) driven by a
// per-type spec. Resource families (compute.ts, batch.ts) supply names, validation and shapes.
import type { FailureSpec, Route, SimContext, SimRequest } from '../context';
import { armError, json, jsonNow, type Reply } from '../http';
import { clone, isObject, obj, str, type JsonObject, type JsonValue } from '../json';
import { LroManager, type Operation } from '../lro';
import { paginate } from '../paging';
import { idKey, normaliseLocation } from '../armId';
import type { ArmResource } from '../store';
import { nameProblem, type NameRule } from './names';

export interface BuildContext {
  sim: SimContext;
  req: SimRequest;
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string | undefined;
  existing?: ArmResource;
  parent?: ArmResource;
  input: JsonObject;
}

export interface ResourceTypeSpec {
  kind: string;
  provider: string;
  typePath: string[];
  nameRule: NameRule;
  requiresLocation: boolean;
  /** Create answers 201 with Azure-AsyncOperation and moves Creating -> Succeeded over lroMs. */
  lroCreate: boolean;
  lroDelete: boolean;
  /** Status of a synchronous create of a new resource. */
  createStatus?: 200 | 201;
  /** Key into SimContext.failNext for "make the next creation fail". */
  failKind?: string;
  subscriptionList: boolean;
  /** Async preparation before a write (e.g. opening a Batch account's endpoint). */
  beforeWrite?: (ctx: BuildContext) => Promise<void>;
  /** Validates the request and returns the stored `properties` (throw HttpError to reject). */
  build?: (ctx: BuildContext) => JsonObject;
  /** Output view; may refresh time-based state first. */
  render?: (sim: SimContext, r: ArmResource) => JsonObject;
  beforeDelete?: (sim: SimContext, r: ArmResource) => void;
  afterWrite?: (sim: SimContext, r: ArmResource, created: boolean) => void;
}

/** Top-level body fields that ARM stores verbatim next to `properties`. */
const PASSTHROUGH = ['tags', 'sku', 'plan', 'identity', 'zones', 'extendedLocation', 'kind', 'managedBy'];

export function armTypeOf(spec: ResourceTypeSpec): string {
  return `${spec.provider}/${spec.typePath.join('/')}`;
}

function itemPattern(spec: ResourceTypeSpec): string {
  return `/subscriptions/:sub/resourceGroups/:rg/providers/${spec.provider}/` + spec.typePath.map((t, i) => `${t}/:n${i}`).join('/');
}

function resourceId(spec: ResourceTypeSpec, sub: string, rg: string, names: string[]): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/${spec.provider}/` + spec.typePath.map((t, i) => `${t}/${names[i]}`).join('/');
}

function namesOf(spec: ResourceTypeSpec, params: Record<string, string>): string[] {
  return spec.typePath.map((_, i) => params[`n${i}`]).filter((n): n is string => n !== undefined);
}

export function render(spec: ResourceTypeSpec, sim: SimContext, r: ArmResource): JsonObject {
  return spec.render ? spec.render(sim, r) : clone(r.body);
}

/** The resource as render() answers it, but the stored object itself where no copy is needed: only for a reply serialised at once (jsonNow). */
export function renderShared(spec: ResourceTypeSpec, sim: SimContext, r: ArmResource): JsonObject {
  return spec.render ? spec.render(sim, r) : r.body;
}

export function requireScope(sim: SimContext, sub: string, rg?: string): void {
  if (!sim.store.subscription(sub)) throw armError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`);
  if (rg !== undefined && !sim.store.resourceGroup(sub, rg)) {
    throw armError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
  }
}

function notFound(spec: ResourceTypeSpec, rg: string, names: string[]): never {
  const typeName = `${armTypeOf(spec)}/${names.join('/')}`;
  throw armError(404, 'ResourceNotFound', `The Resource '${typeName}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
}

function parentOf(spec: ResourceTypeSpec, sim: SimContext, sub: string, rg: string, names: string[]): ArmResource | undefined {
  if (spec.typePath.length < 2) return undefined;
  const parentId = `/subscriptions/${sub}/resourceGroups/${rg}/providers/${spec.provider}/` + spec.typePath.slice(0, -1).map((t, i) => `${t}/${names[i]}`).join('/');
  const parent = sim.store.get(parentId);
  if (!parent) {
    throw armError(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${names.slice(0, -1).join('/')}' not found.`);
  }
  return parent;
}

export function consumeFailure(sim: SimContext, kind: string | undefined): FailureSpec | undefined {
  if (!kind) return undefined;
  const queue = sim.failNext.get(kind);
  const next = queue?.[0];
  if (next?.skip) {
    next.skip -= 1;
    return undefined;
  }
  return queue?.shift();
}

function lroHeaders(sim: SimContext, op: Operation, apiVersion: string | undefined): Record<string, string> {
  const q = apiVersion ? `?api-version=${encodeURIComponent(apiVersion)}` : '';
  return {
    'Azure-AsyncOperation': `${sim.url}${LroManager.asyncOperationPath(op)}${q}`,
    Location: `${sim.url}${LroManager.locationPath(op)}${q}`,
  };
}

/** Starts a create/update LRO for a stored resource: provisioningState moves to Succeeded/Failed. */
export function startCreateOperation(sim: SimContext, spec: ResourceTypeSpec, r: ArmResource, failure: FailureSpec | undefined, path: string): Operation {
  return sim.lro.start(
    {
      subscriptionId: r.subscriptionId,
      provider: spec.provider,
      location: normaliseLocation(str(r.body.location) ?? 'global'),
      kind: 'create',
      failure,
      resourcePath: path,
      complete: (op) => {
        // The resource may have been replaced (PUT again) or deleted meanwhile: update what is stored now.
        const current = sim.store.get(String(r.body.id));
        if (current) obj(current.body.properties).provisioningState = op.status === 'Succeeded' ? 'Succeeded' : 'Failed';
      },
      result: () => {
        const current = sim.store.get(String(r.body.id));
        return current ? render(spec, sim, current) : undefined;
      },
    },
    sim.options.lroMs,
  );
}

async function put(spec: ResourceTypeSpec, req: SimRequest): Promise<Reply> {
  const { sim, params } = req;
  const names = namesOf(spec, params);
  requireScope(sim, params.sub, params.rg);
  const name = names[names.length - 1];
  const problem = nameProblem(spec.nameRule, name);
  if (problem) throw armError(400, spec.nameRule.code, `The resource name '${name}' is invalid. ${problem}`);
  const parent = parentOf(spec, sim, params.sub, params.rg, names);
  if (!isObject(req.body)) throw armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  const input = req.body;
  if (input.properties !== undefined && !isObject(input.properties)) {
    throw armError(400, 'InvalidRequestContent', "The 'properties' member must be an object.");
  }
  const id = resourceId(spec, params.sub, params.rg, names);
  const existing = sim.store.get(id);
  // A tracked resource's PUT names its location every time, creating or replacing (Azure does not
  // take it from the stored resource): an account PUT without it is refused, whatever its body.
  if (spec.requiresLocation && !str(input.location)) throw armError(400, 'LocationRequired', 'The location property is required for this definition.');
  const location = str(input.location) ?? str(existing?.body.location) ?? str(parent?.body.location);
  const ctx: BuildContext = { sim, req, id, subscriptionId: params.sub, resourceGroup: params.rg, name, location, existing, parent, input };
  const properties = spec.build ? spec.build(ctx) : clone(obj(input.properties));
  await spec.beforeWrite?.(ctx);
  const body: JsonObject = { id, name, type: armTypeOf(spec) };
  if (location !== undefined && spec.requiresLocation) body.location = location;
  for (const k of PASSTHROUGH) if (input[k] !== undefined) body[k] = clone(input[k]);
  if (input.tags === undefined && existing?.body.tags !== undefined) body.tags = clone(existing.body.tags);
  body.properties = properties;
  const record: ArmResource = {
    key: idKey(id), kind: spec.kind, subscriptionId: params.sub, resourceGroup: params.rg, name, parentKey: parent?.key, body,
  };
  if (spec.lroCreate) {
    properties.provisioningState = existing ? 'Updating' : 'Creating';
    sim.store.put(record);
    spec.afterWrite?.(sim, record, !existing);
    const op = startCreateOperation(sim, spec, record, consumeFailure(sim, spec.failKind), req.url.pathname);
    return json(existing ? 200 : 201, render(spec, sim, record), lroHeaders(sim, op, req.apiVersion));
  }
  if (properties.provisioningState === undefined) properties.provisioningState = 'Succeeded';
  sim.store.put(record);
  spec.afterWrite?.(sim, record, !existing);
  return json(existing ? 200 : (spec.createStatus ?? 200), render(spec, sim, record));
}

function get(spec: ResourceTypeSpec, req: SimRequest): Reply {
  const { sim, params } = req;
  requireScope(sim, params.sub, params.rg);
  const names = namesOf(spec, params);
  const r = sim.store.get(resourceId(spec, params.sub, params.rg, names));
  if (!r) notFound(spec, params.rg, names);
  return json(200, render(spec, sim, r));
}

/** Deep merge for PATCH: objects merge, everything else (arrays included) replaces. */
export function mergePatch(target: JsonObject, patch: JsonObject): void {
  for (const [k, v] of Object.entries(patch)) {
    const current = target[k];
    if (isObject(v) && isObject(current)) mergePatch(current, v);
    else target[k] = clone(v);
  }
}

function patch(spec: ResourceTypeSpec, req: SimRequest): Reply {
  const { sim, params } = req;
  requireScope(sim, params.sub, params.rg);
  const names = namesOf(spec, params);
  const r = sim.store.get(resourceId(spec, params.sub, params.rg, names));
  if (!r) notFound(spec, params.rg, names);
  if (!isObject(req.body)) throw armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  const ctx: BuildContext = {
    sim, req, id: String(r.body.id), subscriptionId: params.sub, resourceGroup: params.rg, name: r.name,
    location: str(r.body.location), existing: r, input: req.body,
  };
  if (spec.build) {
    // Rebuild from the merged view so validation and derived fields stay consistent.
    const merged = clone(r.body);
    mergePatch(merged, req.body);
    ctx.input = merged;
    r.body.properties = spec.build(ctx);
    if (obj(r.body.properties).provisioningState === undefined) obj(r.body.properties).provisioningState = 'Succeeded';
  } else {
    mergePatch(obj(r.body.properties), obj(req.body.properties));
  }
  if (isObject(req.body.tags)) r.body.tags = clone(req.body.tags);
  spec.afterWrite?.(sim, r, false);
  return json(200, render(spec, sim, r));
}

function del(spec: ResourceTypeSpec, req: SimRequest): Reply {
  const { sim, params } = req;
  requireScope(sim, params.sub, params.rg);
  const names = namesOf(spec, params);
  const id = resourceId(spec, params.sub, params.rg, names);
  const r = sim.store.get(id);
  if (!r) return json(204);
  spec.beforeDelete?.(sim, r);
  if (!spec.lroDelete) {
    sim.store.delete(id);
    return json(200);
  }
  obj(r.body.properties).provisioningState = 'Deleting';
  const op = sim.lro.start(
    {
      subscriptionId: params.sub,
      provider: spec.provider,
      location: normaliseLocation(str(r.body.location) ?? 'global'),
      kind: 'delete',
      complete: () => {
        sim.store.delete(id);
      },
    },
    sim.options.lroMs,
  );
  return json(202, undefined, { ...lroHeaders(sim, op, req.apiVersion) });
}

function list(spec: ResourceTypeSpec, req: SimRequest, scope: 'subscription' | 'resourceGroup' | 'parent'): Reply {
  const { sim, params } = req;
  requireScope(sim, params.sub, scope === 'subscription' ? undefined : params.rg);
  let items = sim.store.ofKindInSubscription(spec.kind, params.sub);
  if (scope !== 'subscription') items = items.filter((r) => r.resourceGroup.toLowerCase() === params.rg.toLowerCase());
  if (scope === 'parent') {
    const names = namesOf(spec, params);
    const parent = parentOf(spec, sim, params.sub, params.rg, [...names, '']);
    items = items.filter((r) => r.parentKey === parent?.key);
  }
  // Render only the page that is returned (rendering may advance pool state).
  const page = paginate(req, items);
  const body: JsonObject = { value: page.items.map((r): JsonValue => renderShared(spec, sim, r)) };
  if (page.nextLink) body.nextLink = page.nextLink;
  return jsonNow(200, body);
}

export function resourceRoutes(spec: ResourceTypeSpec): Route[] {
  const item = itemPattern(spec);
  const collection = item.slice(0, item.lastIndexOf('/'));
  const base = `arm.${spec.kind}`;
  const routes: Route[] = [
    { name: `${base}.put`, method: 'PUT', pattern: item, auth: 'arm', handler: (r) => put(spec, r) },
    { name: `${base}.get`, method: 'GET', pattern: item, auth: 'arm', handler: (r) => get(spec, r) },
    { name: `${base}.patch`, method: 'PATCH', pattern: item, auth: 'arm', handler: (r) => patch(spec, r) },
    { name: `${base}.delete`, method: 'DELETE', pattern: item, auth: 'arm', handler: (r) => del(spec, r) },
    {
      name: spec.typePath.length > 1 ? `${base}.listByParent` : `${base}.listByResourceGroup`,
      method: 'GET', pattern: collection, auth: 'arm',
      handler: (r) => list(spec, r, spec.typePath.length > 1 ? 'parent' : 'resourceGroup'),
    },
  ];
  if (spec.subscriptionList) {
    routes.push({
      name: `${base}.listBySubscription`, method: 'GET', auth: 'arm',
      pattern: `/subscriptions/:sub/providers/${spec.provider}/${spec.typePath[0]}`,
      handler: (r) => list(spec, r, 'subscription'),
    });
  }
  return routes;
}

/** Polling endpoints shared by every LRO. */
export function operationRoutes(): Route[] {
  const opOf = (req: SimRequest): Operation => {
    const op = req.sim.lro.get(req.params.op);
    if (!op) throw armError(404, 'OperationNotFound', `The operation '${req.params.op}' was not found.`);
    return op;
  };
  return [
    {
      name: 'arm.operations.status', method: 'GET', auth: 'arm',
      pattern: '/subscriptions/:sub/providers/:provider/locations/:loc/operations/:op',
      handler: (req) => {
        const op = opOf(req);
        const body: JsonObject = { id: `${req.sim.url}${req.url.pathname}`, name: op.id, status: op.status, startTime: new Date(op.startedAt).toISOString() };
        if (op.status !== 'InProgress') body.endTime = new Date(op.doneAt).toISOString();
        if (op.status === 'Failed' && op.failure) body.error = { code: op.failure.code, message: op.failure.message };
        return json(200, body);
      },
    },
    {
      name: 'arm.operations.result', method: 'GET', auth: 'arm',
      pattern: '/subscriptions/:sub/providers/:provider/locations/:loc/operationResults/:op',
      handler: (req) => {
        const op = opOf(req);
        if (op.status === 'InProgress') return json(202, undefined, { Location: `${req.sim.url}${req.url.pathname}${req.url.search}` });
        if (op.status === 'Failed') {
          throw armError(400, op.failure?.code ?? 'OperationFailed', op.failure?.message ?? 'The operation failed.');
        }
        if (op.kind === 'delete') return json(204);
        const body = op.result?.();
        return body ? json(200, body) : json(204);
      },
    },
  ];
}
