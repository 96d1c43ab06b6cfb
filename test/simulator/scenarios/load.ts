// Loads a scenario (built-in name, generated "large", or a JSON file path) into a SimContext.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SimContext } from '../context';
import { clone, isObject, obj, str, type JsonObject } from '../json';
import { armType, idKey, parseArmId } from '../armId';
import { computeSpecs } from '../arm/compute';
import { ACCOUNT_DEFAULTS, batchSpecs } from '../arm/batch';
import { armTypeOf } from '../arm/resources';
import { DEFAULT_SUPPORTED_IMAGES } from '../batchPlane';
import { Store } from '../store';
import type { Scenario, ScenarioResource } from './format';
import { DEMO_IDENTITY } from './identity';
import { generateEnterpriseScenario } from './enterprise';
import { generateLargeScenario } from './large';

const KIND_BY_TYPE = new Map([...computeSpecs, ...batchSpecs].map((s) => [armTypeOf(s).toLowerCase(), { kind: s.kind, type: armTypeOf(s) }]));

export function readScenario(nameOrPath: string, seed: number): Scenario {
  if (nameOrPath === 'large') return generateLargeScenario(seed);
  if (nameOrPath === 'enterprise') return generateEnterpriseScenario(seed);
  const builtin = join(__dirname, `${nameOrPath}.json`);
  const path = /^[a-z0-9-]+$/.test(nameOrPath) && existsSync(builtin) ? builtin : resolve(nameOrPath);
  if (!existsSync(path)) throw new Error(`scenario '${nameOrPath}' not found (built-ins: empty, demo, large, enterprise; or a path to a JSON file)`);
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isObject(parsed) || !Array.isArray(parsed.subscriptions)) throw new Error(`${path} is not a scenario file (missing "subscriptions")`);
  return parsed as unknown as Scenario;
}

function toRecordBody(r: ScenarioResource, type: string): JsonObject {
  const parts = parseArmId(r.id);
  const name = parts?.segments[parts.segments.length - 1]?.[1] ?? '';
  const body: JsonObject = { id: r.id, name, type };
  if (r.location !== undefined) body.location = r.location;
  for (const k of ['tags', 'sku', 'plan', 'identity'] as const) if (r[k] !== undefined) body[k] = clone(r[k]) as JsonObject;
  body.properties = clone(r.properties);
  return body;
}

function applyDefaults(sim: SimContext, kind: string, body: JsonObject, key: string): void {
  const p = obj(body.properties);
  body.properties = p;
  if (kind === 'batchAccounts') {
    for (const [k, v] of Object.entries(ACCOUNT_DEFAULTS)) if (p[k] === undefined) p[k] = clone(v);
  }
  if (kind === 'pools') {
    const now = new Date().toISOString();
    const defaults: JsonObject = {
      creationTime: now, lastModified: now, provisioningStateTransitionTime: now, allocationState: 'Steady', allocationStateTransitionTime: now,
      currentDedicatedNodes: 0, currentLowPriorityNodes: 0, interNodeCommunication: 'Disabled', taskSlotsPerNode: 1, taskSchedulingPolicy: { nodeFillType: 'Spread' },
      scaleSettings: { fixedScale: { targetDedicatedNodes: 0, targetLowPriorityNodes: 0 } },
    };
    for (const [k, v] of Object.entries(defaults)) if (p[k] === undefined) p[k] = v;
    if (p.allocationState === 'Resizing') sim.poolResizeDue.set(key, Date.now() + sim.options.allocationMs);
  }
  if (p.provisioningState === undefined) p.provisioningState = 'Succeeded';
}

/** Replaces the whole state of `sim` with the scenario. */
export function applyScenario(sim: SimContext, scenario: Scenario): void {
  const identity = { ...DEMO_IDENTITY, ...scenario.identity };
  sim.identity = {
    tenantId: identity.tenantId, tenantDisplayName: identity.tenantDisplayName, tenantDomain: identity.tenantDomain,
    clientId: identity.clientId, clientSecret: identity.clientSecret,
  };
  const store = new Store();
  for (const s of scenario.subscriptions) {
    store.addSubscription({
      subscriptionId: s.subscriptionId, displayName: s.displayName, tenantId: sim.identity.tenantId, state: s.state ?? 'Enabled',
      providers: new Map((s.registeredProviders ?? ['Microsoft.Compute', 'Microsoft.Batch', 'Microsoft.Storage', 'Microsoft.Network']).map((p) => [p.toLowerCase(), 'Registered'])),
    });
  }
  for (const g of scenario.resourceGroups ?? []) {
    store.putResourceGroup({ subscriptionId: g.subscriptionId, name: g.name, location: g.location, tags: g.tags, provisioningState: 'Succeeded' });
  }
  sim.store = store;
  sim.poolResizeDue.clear();
  sim.lro.clear();
  for (const r of scenario.resources ?? []) {
    const parts = parseArmId(r.id);
    if (!parts?.resourceGroup) throw new Error(`scenario resource id is not resource-group scoped: ${r.id}`);
    const known = KIND_BY_TYPE.get(armType(parts).toLowerCase());
    if (!known) throw new Error(`scenario resource type not simulated: ${armType(parts)} (${r.id})`);
    if (!store.subscription(parts.subscriptionId)) throw new Error(`scenario resource in unknown subscription: ${r.id}`);
    if (!store.resourceGroup(parts.subscriptionId, parts.resourceGroup)) {
      // Resource groups may be implied by resources: created in the resource's (or parent's) region.
      store.putResourceGroup({ subscriptionId: parts.subscriptionId, name: parts.resourceGroup, location: r.location ?? 'eastus', provisioningState: 'Succeeded' });
    }
    const key = idKey(r.id);
    const parentKey = parts.segments.length > 1 ? key.split('/').slice(0, -2).join('/') : undefined;
    if (parentKey && !store.get(parentKey)) throw new Error(`scenario resource listed before (or without) its parent: ${r.id}`);
    const body = toRecordBody(r, known.type);
    if (body.location === undefined && parentKey && known.kind !== 'pools') body.location = str(store.get(parentKey)?.body.location) ?? 'eastus';
    applyDefaults(sim, known.kind, body, key);
    store.put({ key, kind: known.kind, subscriptionId: parts.subscriptionId, resourceGroup: parts.resourceGroup, name: String(body.name), parentKey, body });
  }
  // The scenario is the index's starting point; only later writes lag behind.
  store.indexLagMs = sim.options.argLagMs;
  sim.supportedImages.clear();
  sim.supportedImages.set('*', scenario.supportedImages?.default ?? DEFAULT_SUPPORTED_IMAGES);
  for (const [account, list] of Object.entries(scenario.supportedImages?.byAccount ?? {})) sim.supportedImages.set(account.toLowerCase(), list);
  sim.failNext.clear();
  for (const f of scenario.failNext ?? []) {
    const queue = sim.failNext.get(f.operation) ?? [];
    queue.push({ code: f.code, message: f.message });
    sim.failNext.set(f.operation, queue);
  }
}
