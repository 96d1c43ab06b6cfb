// The Batch data plane (https://127.0.0.1:PORT/batch/{account}/...): supported images, pools
// (add/get/list/patch/delete/resize/stop resize) and node counts. Pools are the same records the
// ARM view serves (see pools.ts).
import type { Route, SimContext, SimRequest } from './context';
import { batchError, json, type Reply } from './http';
import { clone, isObject, num, obj, str, type JsonObject, type JsonValue } from './json';
import { paginate } from './paging';
import { dataPlaneToArmProperties, poolToDataPlane, refreshPool, startResize } from './pools';
import { accountEndpoint, poolDefinitionProblem, poolProperties, resizeIfNeeded } from './arm/batch';
import { nameProblem, NAME_RULES } from './arm/names';
import type { ArmResource } from './store';

export const DEFAULT_SUPPORTED_IMAGES: JsonObject[] = [
  { nodeAgentSKUId: 'batch.node.ubuntu 22.04', imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts', version: 'latest' }, verificationType: 'verified', capabilities: ['DockerCompatible'], osType: 'linux' },
  { nodeAgentSKUId: 'batch.node.ubuntu 24.04', imageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' }, verificationType: 'verified', osType: 'linux' },
  { nodeAgentSKUId: 'batch.node.el 9', imageReference: { publisher: 'almalinux', offer: 'almalinux-x86_64', sku: '9-gen2', version: 'latest' }, verificationType: 'verified', osType: 'linux' },
  { nodeAgentSKUId: 'batch.node.ubuntu 20.04', imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-focal', sku: '20_04-lts', version: 'latest' }, verificationType: 'verified', osType: 'linux', batchSupportEndOfLife: '2025-04-30T00:00:00Z' },
  { nodeAgentSKUId: 'batch.node.windows amd64', imageReference: { publisher: 'microsoftwindowsserver', offer: 'windowsserver', sku: '2022-datacenter', version: 'latest' }, verificationType: 'verified', osType: 'windows' },
];

function accountUrl(sim: SimContext, name: string): string {
  return `https://${accountEndpoint(sim, name)}`;
}

function dpError(req: SimRequest, status: number, code: string, message: string, headers?: Record<string, string>): Error {
  return batchError(accountUrl(req.sim, req.params.account ?? ''), status, code, message, headers);
}

function accountOf(req: SimRequest): ArmResource {
  const name = req.params.account.toLowerCase();
  const account = req.sim.store.ofKind('batchAccounts').find((a) => a.name.toLowerCase() === name);
  if (!account) throw dpError(req, 404, 'AccountNotFound', `The Batch account '${req.params.account}' does not exist.`);
  const modes = obj(account.body.properties).allowedAuthenticationModes;
  if (Array.isArray(modes) && !modes.includes('AAD')) {
    throw dpError(req, 401, 'AuthenticationFailed', `Microsoft Entra ID authentication is not allowed for account '${account.name}' (allowedAuthenticationModes: ${modes.join(', ')}).`);
  }
  if (!req.apiVersion) throw dpError(req, 400, 'MissingRequiredQueryParameter', "A query parameter that's mandatory for this request is not specified: api-version.");
  return account;
}

function poolsOf(sim: SimContext, account: ArmResource): ArmResource[] {
  return sim.store.ofKind('pools').filter((p) => p.parentKey === account.key);
}

function poolOf(req: SimRequest, account: ArmResource): ArmResource {
  const pool = poolsOf(req.sim, account).find((p) => p.name.toLowerCase() === req.params.pool.toLowerCase());
  if (!pool) throw dpError(req, 404, 'PoolNotFound', 'The specified pool does not exist.');
  return pool;
}

function dpPool(req: SimRequest, pool: ArmResource): JsonObject {
  refreshPool(req.sim, pool);
  return poolToDataPlane(accountUrl(req.sim, req.params.account), pool);
}

function odataList(req: SimRequest, kind: string, all: JsonValue[]): Reply {
  const max = num(Number(req.query.get('maxresults') ?? NaN));
  const page = paginate(req, all, max && max > 0 ? Math.min(max, req.sim.options.pageSize) : undefined);
  const body: JsonObject = { 'odata.metadata': `${accountUrl(req.sim, req.params.account)}/$metadata#${kind}`, value: page.items };
  if (page.nextLink) body['odata.nextLink'] = page.nextLink;
  return { status: 200, body, contentType: 'application/json;odata=minimalmetadata' };
}

/** Tiny $filter support: "id eq 'x'" and "startswith(id,'x')", the forms tools actually send. */
function filterPools(filter: string | null, pools: ArmResource[]): ArmResource[] {
  if (!filter) return pools;
  const eq = /^\s*id\s+eq\s+'([^']*)'\s*$/i.exec(filter);
  if (eq) return pools.filter((p) => p.name === eq[1]);
  const sw = /^\s*startswith\(\s*id\s*,\s*'([^']*)'\s*\)\s*$/i.exec(filter);
  if (sw) return pools.filter((p) => p.name.startsWith(sw[1]));
  return pools;
}

function addPool(req: SimRequest): Reply {
  const { sim } = req;
  const account = accountOf(req);
  if (!isObject(req.body)) throw dpError(req, 400, 'InvalidRequestBody', 'The request body is not a valid pool.');
  const id = str(req.body.id);
  if (!id) throw dpError(req, 400, 'MissingRequiredProperty', "The property 'id' is required.");
  if (nameProblem(NAME_RULES.batchPool, id)) throw dpError(req, 400, 'InvalidPropertyValue', `The value '${id}' of property 'id' is invalid. ${NAME_RULES.batchPool.description}`);
  if (poolsOf(sim, account).some((p) => p.name.toLowerCase() === id.toLowerCase())) throw dpError(req, 409, 'PoolExists', 'The specified pool already exists.');
  if (req.body.cloudServiceConfiguration !== undefined) throw dpError(req, 400, 'InvalidPropertyValue', 'CloudServiceConfiguration pools are no longer supported; use virtualMachineConfiguration.');
  const input = dataPlaneToArmProperties(req.body);
  const problem = poolDefinitionProblem(input);
  if (problem) throw dpError(req, problem.status, problem.dpCode, `${problem.message} (property: ${problem.property})`);
  const quota = num(obj(account.body.properties).poolQuota) ?? 100;
  if (poolsOf(sim, account).length >= quota) throw dpError(req, 409, 'PoolQuotaReached', `The pool quota of ${quota} for this account has been reached.`);
  const poolId = `${String(account.body.id)}/pools/${id}`;
  const pool: ArmResource = {
    key: poolId.toLowerCase(), kind: 'pools', subscriptionId: account.subscriptionId, resourceGroup: account.resourceGroup, name: id, parentKey: account.key,
    body: { id: poolId, name: id, type: 'Microsoft.Batch/batchAccounts/pools', properties: poolProperties(input, undefined) },
  };
  sim.store.put(pool);
  resizeIfNeeded(sim, pool, true);
  const view = dpPool(req, pool);
  return { status: 201, headers: { ETag: String(view.eTag), 'Last-Modified': new Date(String(view.lastModified)).toUTCString(), DataServiceId: String(view.url), Location: String(view.url) } };
}

function patchPool(req: SimRequest): Reply {
  const account = accountOf(req);
  const pool = poolOf(req, account);
  if (!isObject(req.body)) throw dpError(req, 400, 'InvalidRequestBody', 'The request body is not valid.');
  const p = obj(pool.body.properties);
  // Only the mutable data-plane properties can be patched.
  for (const k of ['startTask', 'metadata', 'targetNodeCommunicationMode', 'displayName']) if (req.body[k] !== undefined) p[k] = clone(req.body[k]);
  p.lastModified = new Date().toISOString();
  return json(200);
}

function resizePool(req: SimRequest): Reply {
  const account = accountOf(req);
  const pool = poolOf(req, account);
  refreshPool(req.sim, pool);
  const p = obj(pool.body.properties);
  if (isObject(obj(p.scaleSettings).autoScale)) throw dpError(req, 409, 'AutoScalingEnabled', 'The specified pool has auto scaling enabled.');
  const body = obj(req.body);
  const fixed = obj(obj(p.scaleSettings).fixedScale);
  const dedicated = num(body.targetDedicatedNodes) ?? num(fixed.targetDedicatedNodes) ?? 0;
  const low = num(body.targetLowPriorityNodes) ?? num(fixed.targetLowPriorityNodes) ?? 0;
  if (dedicated < 0 || low < 0) throw dpError(req, 400, 'InvalidPropertyValue', 'Target node counts cannot be negative.');
  const next: JsonObject = { ...fixed, targetDedicatedNodes: dedicated, targetLowPriorityNodes: low };
  if (str(body.resizeTimeout)) next.resizeTimeout = String(body.resizeTimeout);
  p.scaleSettings = { fixedScale: next };
  p.lastModified = new Date().toISOString();
  startResize(req.sim, pool, str(body.nodeDeallocationOption) ?? 'Requeue');
  return json(202);
}

function deletePool(req: SimRequest): Reply {
  const { sim } = req;
  const account = accountOf(req);
  const pool = poolOf(req, account);
  const p = obj(pool.body.properties);
  p.provisioningState = 'Deleting';
  p.provisioningStateTransitionTime = new Date().toISOString();
  sim.lro.start({ subscriptionId: pool.subscriptionId, provider: 'Microsoft.Batch', location: 'global', kind: 'delete', complete: () => sim.store.delete(String(pool.body.id)) }, sim.options.lroMs);
  return json(202);
}

function nodeCounts(req: SimRequest): Reply {
  const account = accountOf(req);
  const counts = (n: number): JsonObject => ({
    creating: 0, idle: n, offline: 0, preempted: 0, rebooting: 0, reimaging: 0, running: 0, starting: 0, startTaskFailed: 0,
    leavingPool: 0, unknown: 0, unusable: 0, waitingForStartTask: 0, deallocated: 0, deallocating: 0, upgradingOS: 0, total: n,
  });
  const items = poolsOf(req.sim, account).map((pool): JsonValue => {
    refreshPool(req.sim, pool);
    const p = obj(pool.body.properties);
    return { poolId: pool.name, dedicated: counts(num(p.currentDedicatedNodes) ?? 0), lowPriority: counts(num(p.currentLowPriorityNodes) ?? 0) };
  });
  return odataList(req, 'poolnodecounts', items);
}

export function batchPlaneRoutes(): Route[] {
  const r = (name: string, method: string, pattern: string, handler: Route['handler']): Route => ({ name: `batch.${name}`, method, pattern: `/batch/:account${pattern}`, auth: 'batch', handler });
  return [
    r('supportedImages.list', 'GET', '/supportedimages', (req) => {
      const account = accountOf(req);
      const images = req.sim.supportedImages.get(account.name.toLowerCase()) ?? req.sim.supportedImages.get('*') ?? DEFAULT_SUPPORTED_IMAGES;
      return odataList(req, 'supportedimages', images.map((i): JsonValue => clone(i)));
    }),
    r('nodeCounts.list', 'GET', '/nodecounts', nodeCounts),
    r('pools.list', 'GET', '/pools', (req) => {
      const account = accountOf(req);
      return odataList(req, 'pools', filterPools(req.query.get('$filter'), poolsOf(req.sim, account)).map((p): JsonValue => dpPool(req, p)));
    }),
    r('pools.add', 'POST', '/pools', addPool),
    r('pools.get', 'GET', '/pools/:pool', (req) => {
      const view = dpPool(req, poolOf(req, accountOf(req)));
      return { status: 200, body: view, contentType: 'application/json;odata=minimalmetadata', headers: { ETag: String(view.eTag), 'Last-Modified': new Date(String(view.lastModified)).toUTCString() } };
    }),
    r('pools.exists', 'HEAD', '/pools/:pool', (req) => {
      const account = accountOf(req);
      const found = poolsOf(req.sim, account).some((p) => p.name.toLowerCase() === req.params.pool.toLowerCase());
      return json(found ? 200 : 404);
    }),
    r('pools.patch', 'PATCH', '/pools/:pool', patchPool),
    r('pools.delete', 'DELETE', '/pools/:pool', deletePool),
    r('pools.resize', 'POST', '/pools/:pool/resize', resizePool),
    r('pools.stopResize', 'POST', '/pools/:pool/stopresize', (req) => {
      const pool = poolOf(req, accountOf(req));
      const p = obj(pool.body.properties);
      req.sim.poolResizeDue.delete(pool.key);
      p.allocationState = 'Steady';
      p.allocationStateTransitionTime = new Date().toISOString();
      return json(202);
    }),
  ];
}

