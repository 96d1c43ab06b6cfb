// ARM's account-level surface: tenants, subscriptions, resource groups and provider registration.
import type { Route, SimContext, SimRequest } from '../context';
import { armError, json, type Reply } from '../http';
import { clone, isObject, obj, str, type JsonObject, type JsonValue } from '../json';
import { LroManager } from '../lro';
import { armPage } from '../paging';
import { resourceGroupId } from '../armId';
import type { ResourceGroup, Subscription } from '../store';
import { nameProblem, NAME_RULES } from './names';
import { requireScope } from './resources';

/** Resource types each simulated provider advertises (with the locations Batch/Compute run in). */
const PROVIDER_TYPES: Record<string, string[]> = {
  'Microsoft.Compute': ['virtualMachines', 'virtualMachines/extensions', 'disks', 'snapshots', 'images', 'galleries', 'galleries/images', 'galleries/images/versions', 'locations/operations'],
  'Microsoft.Batch': ['batchAccounts', 'batchAccounts/pools', 'locations/virtualMachineSkus', 'operations', 'locations/operationResults'],
  'Microsoft.Resources': ['resourceGroups', 'subscriptions', 'tenants'],
  'Microsoft.Storage': ['storageAccounts'],
  'Microsoft.Network': ['virtualNetworks'],
};
const LOCATIONS = ['East US', 'East US 2', 'West US', 'West US 2', 'West Europe', 'North Europe', 'Japan East', 'Southeast Asia'];

function subscriptionBody(s: Subscription): JsonObject {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

function rgBody(rg: ResourceGroup): JsonObject {
  const body: JsonObject = {
    id: resourceGroupId(rg.subscriptionId, rg.name),
    name: rg.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: rg.location,
    properties: { provisioningState: rg.provisioningState },
  };
  if (rg.tags) body.tags = clone(rg.tags);
  return body;
}

function providerBody(s: Subscription, namespace: string): JsonObject {
  const canonical = Object.keys(PROVIDER_TYPES).find((k) => k.toLowerCase() === namespace.toLowerCase()) ?? namespace;
  return {
    id: `/subscriptions/${s.subscriptionId}/providers/${canonical}`,
    namespace: canonical,
    registrationState: s.providers.get(canonical.toLowerCase()) ?? 'NotRegistered',
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: (PROVIDER_TYPES[canonical] ?? []).map((t) => ({ resourceType: t, locations: LOCATIONS, apiVersions: ['2026-08-01', '2026-04-01', '2025-06-01'] })),
  };
}

function subscriptionOf(req: SimRequest): Subscription {
  requireScope(req.sim, req.params.sub);
  const s = req.sim.store.subscription(req.params.sub);
  if (!s) throw armError(404, 'SubscriptionNotFound', `The subscription '${req.params.sub}' could not be found.`);
  return s;
}

function putResourceGroup(req: SimRequest): Reply {
  const { sim, params } = req;
  requireScope(sim, params.sub);
  const problem = nameProblem(NAME_RULES.resourceGroup, params.rg);
  if (problem) throw armError(400, 'InvalidResourceGroupName', problem);
  const body = obj(req.body);
  const location = str(body.location);
  const existing = sim.store.resourceGroup(params.sub, params.rg);
  if (!location && !existing) throw armError(400, 'LocationRequired', 'The location property is required for this definition.');
  if (existing && location && existing.location.replace(/\s/g, '').toLowerCase() !== location.replace(/\s/g, '').toLowerCase()) {
    throw armError(409, 'InvalidResourceGroupLocation', `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`);
  }
  const rg: ResourceGroup = {
    subscriptionId: params.sub,
    name: existing?.name ?? params.rg,
    location: existing?.location ?? String(location),
    tags: isObject(body.tags) ? clone(body.tags) : existing?.tags,
    provisioningState: 'Succeeded',
  };
  sim.store.putResourceGroup(rg);
  return json(existing ? 200 : 201, rgBody(rg));
}

function deleteResourceGroup(req: SimRequest): Reply {
  const { sim, params } = req;
  requireScope(sim, params.sub);
  const rg = sim.store.resourceGroup(params.sub, params.rg);
  if (!rg) throw armError(404, 'ResourceGroupNotFound', `Resource group '${params.rg}' could not be found.`);
  rg.provisioningState = 'Deleting';
  const op = sim.lro.start(
    { subscriptionId: params.sub, provider: 'Microsoft.Resources', location: 'global', kind: 'delete', complete: () => sim.store.deleteResourceGroup(params.sub, rg.name) },
    sim.options.lroMs,
  );
  const q = req.apiVersion ? `?api-version=${req.apiVersion}` : '';
  return json(202, undefined, { Location: `${sim.url}${LroManager.locationPath(op)}${q}` });
}

function listResourceGroups(req: SimRequest): Reply {
  requireScope(req.sim, req.params.sub);
  const rgs = [...req.sim.store.resourceGroups.values()].filter((g) => g.subscriptionId.toLowerCase() === req.params.sub.toLowerCase());
  return json(200, armPage(req, rgs.map((g): JsonValue => rgBody(g))));
}

function tenantBody(sim: SimContext): JsonObject {
  const t = sim.identity;
  return { id: `/tenants/${t.tenantId}`, tenantId: t.tenantId, tenantCategory: 'Home', countryCode: 'US', displayName: t.tenantDisplayName, domains: [t.tenantDomain], defaultDomain: t.tenantDomain, tenantType: 'AAD' };
}

export function subscriptionRoutes(): Route[] {
  const r = (name: string, method: string, pattern: string, handler: Route['handler']): Route => ({ name: `arm.${name}`, method, pattern, auth: 'arm', handler });
  return [
    r('tenants.list', 'GET', '/tenants', (req) => json(200, armPage(req, [tenantBody(req.sim)]))),
    r('subscriptions.list', 'GET', '/subscriptions', (req) => json(200, armPage(req, [...req.sim.store.subscriptions.values()].map(subscriptionBody)))),
    r('subscriptions.get', 'GET', '/subscriptions/:sub', (req) => json(200, subscriptionBody(subscriptionOf(req)))),
    r('subscriptions.locations', 'GET', '/subscriptions/:sub/locations', (req) => {
      const s = subscriptionOf(req);
      return json(200, { value: LOCATIONS.map((l) => ({ id: `/subscriptions/${s.subscriptionId}/locations/${l.replace(/\s/g, '').toLowerCase()}`, name: l.replace(/\s/g, '').toLowerCase(), displayName: l, regionalDisplayName: `(Simulated) ${l}` })) });
    }),
    r('resourceGroups.list', 'GET', '/subscriptions/:sub/resourcegroups', listResourceGroups),
    r('resourceGroups.get', 'GET', '/subscriptions/:sub/resourcegroups/:rg', (req) => {
      requireScope(req.sim, req.params.sub, req.params.rg);
      const rg = req.sim.store.resourceGroup(req.params.sub, req.params.rg);
      return json(200, rg ? rgBody(rg) : {});
    }),
    r('resourceGroups.head', 'HEAD', '/subscriptions/:sub/resourcegroups/:rg', (req) => {
      requireScope(req.sim, req.params.sub);
      return json(req.sim.store.resourceGroup(req.params.sub, req.params.rg) ? 204 : 404);
    }),
    r('resourceGroups.put', 'PUT', '/subscriptions/:sub/resourcegroups/:rg', putResourceGroup),
    r('resourceGroups.delete', 'DELETE', '/subscriptions/:sub/resourcegroups/:rg', deleteResourceGroup),
    r('providers.list', 'GET', '/subscriptions/:sub/providers', (req) => {
      const s = subscriptionOf(req);
      return json(200, armPage(req, Object.keys(PROVIDER_TYPES).map((ns) => providerBody(s, ns))));
    }),
    r('providers.get', 'GET', '/subscriptions/:sub/providers/:ns', (req) => json(200, providerBody(subscriptionOf(req), req.params.ns))),
    r('providers.register', 'POST', '/subscriptions/:sub/providers/:ns/register', (req) => {
      const s = subscriptionOf(req);
      // Registration completes immediately: nothing in the extension waits on it.
      s.providers.set(req.params.ns.toLowerCase(), 'Registered');
      return json(200, providerBody(s, req.params.ns));
    }),
    r('providers.unregister', 'POST', '/subscriptions/:sub/providers/:ns/unregister', (req) => {
      const s = subscriptionOf(req);
      s.providers.set(req.params.ns.toLowerCase(), 'Unregistered');
      return json(200, providerBody(s, req.params.ns));
    }),
  ];
}
