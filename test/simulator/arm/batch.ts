// Microsoft.Batch through ARM: Batch accounts, pools (shared with the data plane, see pools.ts) and
// the per-location list of supported VM sizes.
import type { Route, SimContext } from '../context';
import { armError, json } from '../http';
import { clone, isObject, num, obj, str, type JsonObject, type JsonValue } from '../json';
import { armPage } from '../paging';
import { MANAGED_IMAGE_RETIRED_MESSAGE, imageIdOf, isManagedImageId, refreshPool, startResize, targets } from '../pools';
import type { ArmResource } from '../store';
import { NAME_RULES } from './names';
import { consumeFailure, requireScope, type BuildContext, type ResourceTypeSpec } from './resources';

const BATCH = 'Microsoft.Batch';

/** "127.0.0.1:PORT" of the account's own listener, else the path form on the main port. */
export function accountEndpoint(sim: SimContext, accountName: string): string {
  return sim.batchEndpoints.get(accountName.toLowerCase()) ?? `${sim.host}/batch/${accountName}`;
}

/** What a new account gets when the request (or a scenario) leaves a property out. */
export const ACCOUNT_DEFAULTS: JsonObject = {
  poolAllocationMode: 'BatchService',
  allowedAuthenticationModes: ['SharedKey', 'AAD', 'TaskAuthenticationToken'],
  publicNetworkAccess: 'Enabled',
  dedicatedCoreQuota: 500,
  lowPriorityCoreQuota: 100,
  dedicatedCoreQuotaPerVMFamilyEnforced: false,
  poolQuota: 100,
  activeJobAndJobScheduleQuota: 300,
};

function buildAccount(ctx: BuildContext): JsonObject {
  const clash = ctx.sim.store.ofKind('batchAccounts').find((a) => a.name.toLowerCase() === ctx.name.toLowerCase() && a.key !== ctx.existing?.key);
  if (clash) throw armError(409, 'Conflict', `The Batch account name '${ctx.name}' is already in use (account names are global).`);
  const p = clone(obj(ctx.input.properties));
  const previous = obj(ctx.existing?.body.properties);
  for (const [k, v] of Object.entries(ACCOUNT_DEFAULTS)) if (p[k] === undefined) p[k] = clone(previous[k] ?? v);
  if (isObject(p.autoStorage) && p.autoStorage.lastKeySync === undefined) p.autoStorage.lastKeySync = new Date().toISOString();
  p.nodeManagementEndpoint = `${ctx.name}.nodemanagement.simulator.local`;
  return p;
}

function renderAccount(sim: SimContext, r: ArmResource): JsonObject {
  const body = clone(r.body);
  // The endpoint depends on the port the simulator listens on, so it is never stored.
  obj(body.properties).accountEndpoint = accountEndpoint(sim, r.name);
  if (body.identity === undefined) body.identity = { type: 'None' };
  return body;
}

const READ_ONLY_POOL = [
  'allocationState', 'allocationStateTransitionTime', 'creationTime', 'currentDedicatedNodes', 'currentLowPriorityNodes', 'lastModified',
  'provisioningState', 'provisioningStateTransitionTime', 'resizeOperationStatus', 'autoScaleRun', 'currentNodeCommunicationMode',
];

export interface PoolProblem {
  status: number;
  /** ARM code / data-plane code. */
  armCode: string;
  dpCode: string;
  property: string;
  message: string;
}

/** Checks a pool definition (ARM-shaped properties) the way both planes do on creation. */
export function poolDefinitionProblem(p: JsonObject): PoolProblem | undefined {
  const missing = (property: string): PoolProblem => ({ status: 400, armCode: 'InvalidParameter', dpCode: 'MissingRequiredProperty', property, message: `The property '${property}' is required.` });
  if (!str(p.vmSize)) return missing('vmSize');
  const vmc = obj(p.deploymentConfiguration).virtualMachineConfiguration;
  if (!isObject(vmc)) return missing('virtualMachineConfiguration');
  if (!isObject(vmc.imageReference)) return missing('imageReference');
  if (!str(vmc.nodeAgentSkuId)) return missing('nodeAgentSkuId');
  const imageId = imageIdOf(p);
  if (imageId && isManagedImageId(imageId)) {
    return { status: 400, armCode: 'InvalidPropertyValue', dpCode: 'InvalidPropertyValue', property: 'imageReference', message: MANAGED_IMAGE_RETIRED_MESSAGE };
  }
  const t = targets(p);
  if (t.dedicated < 0 || t.lowPriority < 0) {
    return { status: 400, armCode: 'InvalidPropertyValue', dpCode: 'InvalidPropertyValue', property: 'targetDedicatedNodes', message: 'Target node counts cannot be negative.' };
  }
  return undefined;
}

/** Merges a new definition with the pool's runtime state (creation time, node counts, resize). */
export function poolProperties(input: JsonObject, existing: JsonObject | undefined): JsonObject {
  const p = clone(input);
  for (const k of READ_ONLY_POOL) delete p[k];
  const now = new Date().toISOString();
  p.creationTime = str(existing?.creationTime) ?? now;
  p.lastModified = now;
  p.provisioningState = 'Succeeded';
  p.provisioningStateTransitionTime = str(existing?.provisioningStateTransitionTime) ?? now;
  p.allocationState = str(existing?.allocationState) ?? 'Steady';
  p.allocationStateTransitionTime = str(existing?.allocationStateTransitionTime) ?? now;
  p.currentDedicatedNodes = num(existing?.currentDedicatedNodes) ?? 0;
  p.currentLowPriorityNodes = num(existing?.currentLowPriorityNodes) ?? 0;
  if (existing?.resizeOperationStatus !== undefined) p.resizeOperationStatus = clone(existing.resizeOperationStatus);
  if (p.scaleSettings === undefined) p.scaleSettings = { fixedScale: { targetDedicatedNodes: 0, targetLowPriorityNodes: 0 } };
  if (p.interNodeCommunication === undefined) p.interNodeCommunication = 'Disabled';
  if (p.taskSlotsPerNode === undefined) p.taskSlotsPerNode = 1;
  if (p.taskSchedulingPolicy === undefined) p.taskSchedulingPolicy = { nodeFillType: 'Spread' };
  return p;
}

/** Starts allocation when the pool is new or its targets moved away from what it has. */
export function resizeIfNeeded(sim: SimContext, pool: ArmResource, created: boolean): void {
  const p = obj(pool.body.properties);
  const t = targets(p);
  const status = obj(p.resizeOperationStatus);
  const changed = num(status.targetDedicatedNodes) !== t.dedicated || num(status.targetLowPriorityNodes) !== t.lowPriority;
  if (created || changed) startResize(sim, pool);
}

/**
 * Pool - Update (PATCH) and Pool - Create on an existing pool (PUT) change these properties at any
 * time; every other property only while the pool is steady with zero dedicated and zero Spot
 * nodes, and only from api-version 2024-07-01 ("Update Batch pool properties", Azure Batch docs).
 */
const UPDATABLE_ANY_TIME = new Set(['applicationPackages', 'certificates', 'metadata', 'scaleSettings', 'startTask']);
export const POOL_UPDATE_MIN_API_VERSION = '2024-07-01';

function updateProblem(ctx: BuildContext, input: JsonObject): string | undefined {
  const existing = ctx.existing;
  if (!existing) return undefined;
  refreshPool(ctx.sim, existing);
  const before = obj(existing.body.properties);
  const changed = Object.keys({ ...before, ...input }).filter(
    (k) => !READ_ONLY_POOL.includes(k) && !UPDATABLE_ANY_TIME.has(k) && input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(before[k]),
  );
  if (changed.length === 0) return undefined;
  if ((ctx.req.apiVersion ?? '').slice(0, 10) < POOL_UPDATE_MIN_API_VERSION) {
    return `The properties ${changed.join(', ')} of an existing pool can be updated only with api-version ${POOL_UPDATE_MIN_API_VERSION} or later.`;
  }
  const nodes = (num(before.currentDedicatedNodes) ?? 0) + (num(before.currentLowPriorityNodes) ?? 0);
  if (before.allocationState !== 'Steady' || nodes > 0) {
    return `The properties ${changed.join(', ')} can be updated only when the pool is in the steady allocation state with zero dedicated and zero Spot/low-priority nodes (the pool has ${nodes} nodes, allocation state ${String(before.allocationState)}).`;
  }
  return undefined;
}

function buildPool(ctx: BuildContext): JsonObject {
  const input = obj(ctx.input.properties);
  const problem = poolDefinitionProblem(input);
  if (problem) throw armError(problem.status, problem.armCode, `${problem.message} (property: ${problem.property})`);
  const refused = updateProblem(ctx, input);
  if (refused) throw armError(409, 'PropertyCannotBeUpdated', refused);
  if (!ctx.existing) {
    const failure = consumeFailure(ctx.sim, 'poolCreate');
    if (failure) throw armError(400, failure.code, failure.message);
  }
  const account = ctx.parent;
  const quota = num(obj(account?.body.properties).poolQuota) ?? 100;
  if (!ctx.existing && account && ctx.sim.store.ofKind('pools').filter((x) => x.parentKey === account.key).length >= quota) {
    throw armError(409, 'PoolQuotaReached', `The pool quota of ${quota} for account '${account.name}' has been reached.`);
  }
  return poolProperties(input, ctx.existing ? obj(ctx.existing.body.properties) : undefined);
}

function renderPool(sim: SimContext, r: ArmResource): JsonObject {
  refreshPool(sim, r);
  const body = clone(r.body);
  const status = obj(body.properties).resizeOperationStatus;
  // Always expose the errors array (empty when the last resize succeeded).
  if (isObject(status) && status.errors === undefined) status.errors = [];
  return body;
}

export const batchSpecs: ResourceTypeSpec[] = [
  {
    kind: 'batchAccounts', provider: BATCH, typePath: ['batchAccounts'], nameRule: NAME_RULES.batchAccount, requiresLocation: true,
    lroCreate: false, lroDelete: true, subscriptionList: true, build: buildAccount, render: renderAccount,
    beforeWrite: (ctx) => ctx.sim.ensureBatchEndpoint(ctx.name),
    beforeDelete: (sim, r) => {
      for (const k of [...sim.poolResizeDue.keys()]) if (k.startsWith(r.key + '/')) sim.poolResizeDue.delete(k);
    },
  },
  {
    kind: 'pools', provider: BATCH, typePath: ['batchAccounts', 'pools'], nameRule: NAME_RULES.batchPool, requiresLocation: false,
    lroCreate: false, lroDelete: true, subscriptionList: false, build: buildPool, render: renderPool, afterWrite: resizeIfNeeded,
  },
];

const cap = (name: string, value: string): JsonObject => ({ name, value });
const VM_SKUS: JsonObject[] = [
  { name: 'Standard_A1', familyName: 'standardA0_A7Family', batchSupportEndOfLife: '2024-08-31T00:00:00Z', capabilities: [cap('vCPUs', '1'), cap('MemoryGB', '1.75'), cap('LowPriorityCapable', 'False'), cap('HyperVGenerations', 'V1')] },
  { name: 'Standard_D2s_v3', familyName: 'standardDSv3Family', capabilities: [cap('vCPUs', '2'), cap('MemoryGB', '8'), cap('LowPriorityCapable', 'True'), cap('HyperVGenerations', 'V1,V2'), cap('TrustedLaunchDisabled', 'False')] },
  { name: 'Standard_D4s_v3', familyName: 'standardDSv3Family', capabilities: [cap('vCPUs', '4'), cap('MemoryGB', '16'), cap('LowPriorityCapable', 'True'), cap('HyperVGenerations', 'V1,V2')] },
  { name: 'Standard_D8s_v5', familyName: 'standardDSv5Family', capabilities: [cap('vCPUs', '8'), cap('MemoryGB', '32'), cap('LowPriorityCapable', 'True'), cap('HyperVGenerations', 'V1,V2')] },
  { name: 'Standard_F4s_v2', familyName: 'standardFSv2Family', capabilities: [cap('vCPUs', '4'), cap('MemoryGB', '8'), cap('LowPriorityCapable', 'True'), cap('HyperVGenerations', 'V1,V2')] },
  { name: 'Standard_NC6s_v3', familyName: 'standardNCSv3Family', capabilities: [cap('vCPUs', '6'), cap('MemoryGB', '112'), cap('GPUs', '1'), cap('LowPriorityCapable', 'True'), cap('HyperVGenerations', 'V1,V2')] },
];

export function batchExtraRoutes(): Route[] {
  return [
    {
      name: 'arm.batch.virtualMachineSkus', method: 'GET', auth: 'arm',
      pattern: '/subscriptions/:sub/providers/Microsoft.Batch/locations/:loc/virtualMachineSkus',
      handler: (req) => {
        requireScope(req.sim, req.params.sub);
        return json(200, armPage(req, VM_SKUS.map((s): JsonValue => clone(s))));
      },
    },
    {
      name: 'arm.batchAccounts.listKeys', method: 'POST', auth: 'arm',
      pattern: '/subscriptions/:sub/resourceGroups/:rg/providers/Microsoft.Batch/batchAccounts/:name/listKeys',
      handler: (req) => {
        requireScope(req.sim, req.params.sub, req.params.rg);
        const a = req.sim.store.get(`/subscriptions/${req.params.sub}/resourceGroups/${req.params.rg}/providers/Microsoft.Batch/batchAccounts/${req.params.name}`);
        if (!a) throw armError(404, 'ResourceNotFound', `The Resource 'Microsoft.Batch/batchAccounts/${req.params.name}' under resource group '${req.params.rg}' was not found.`);
        const modes = obj(a.body.properties).allowedAuthenticationModes;
        if (Array.isArray(modes) && !modes.includes('SharedKey')) {
          throw armError(409, 'OperationNotValidForAuthenticationMode', 'Shared Key authentication is disabled for this account.');
        }
        return json(200, { accountName: a.name, primary: Buffer.from(`${a.name}-primary`).toString('base64'), secondary: Buffer.from(`${a.name}-secondary`).toString('base64') });
      },
    },
  ];
}
