// The Batch pool model shared by both planes. A pool is stored once, in ARM shape (as a
// Microsoft.Batch/batchAccounts/pools resource); the data plane converts on the way in and out.
// Allocation is simulated lazily: a resize finishes `allocationMs` after it starts, and then either
// reaches its targets or fails with AllocationFailed when the image cannot be used.
import type { SimContext } from './context';
import { clone, isObject, num, obj, str, type JsonObject, type JsonValue } from './json';
import { normaliseLocation, parseArmId } from './armId';
import type { ArmResource } from './store';

export const ALLOCATION_FAILED_MESSAGE =
  'There was an error encountered while performing the last resize on the pool. Please try resizing the pool again. Code: AllocationFailed';
export const MANAGED_IMAGE_RETIRED_MESSAGE =
  'Managed images (Microsoft.Compute/images) and VHD blobs are no longer supported as a custom image source for Batch pools since 31 March 2026. Use an Azure Compute Gallery image definition or version instead.';

export function imageIdOf(p: JsonObject): string | undefined {
  return str(obj(obj(obj(p.deploymentConfiguration).virtualMachineConfiguration).imageReference).id);
}

export function isManagedImageId(id: string): boolean {
  const parts = parseArmId(id);
  return parts?.provider?.toLowerCase() === 'microsoft.compute' && parts.segments.length === 1 && parts.segments[0][0].toLowerCase() === 'images';
}

export function accountOfPool(sim: SimContext, pool: ArmResource): ArmResource | undefined {
  return pool.parentKey ? sim.store.get(pool.parentKey) : undefined;
}

export function targets(p: JsonObject): { dedicated: number; lowPriority: number } {
  const scale = obj(p.scaleSettings);
  if (isObject(scale.autoScale)) {
    // Only trivially constant formulas are evaluated; anything else scales to zero.
    const formula = String(scale.autoScale.formula ?? '');
    const pick = (v: string): number => Number(new RegExp(`\\$${v}\\s*=\\s*(\\d+)\\s*;?\\s*$`, 'm').exec(formula)?.[1] ?? 0);
    return { dedicated: pick('TargetDedicatedNodes'), lowPriority: pick('TargetLowPriorityNodes') };
  }
  const fixed = obj(scale.fixedScale);
  return { dedicated: num(fixed.targetDedicatedNodes) ?? 0, lowPriority: num(fixed.targetLowPriorityNodes) ?? 0 };
}

/** Why the pool's image cannot be allocated in the account's region, or undefined when it can. */
export function allocationProblem(sim: SimContext, pool: ArmResource): string | undefined {
  const p = obj(pool.body.properties);
  const imageId = imageIdOf(p);
  if (!imageId) return undefined; // marketplace image
  const account = accountOfPool(sim, pool);
  const region = normaliseLocation(str(account?.body.location) ?? '');
  const image = sim.store.get(imageId);
  if (!image) return `The image '${imageId}' does not exist.`;
  if (image.kind === 'images') {
    if (normaliseLocation(str(image.body.location) ?? '') !== region) return `The managed image '${imageId}' is in region '${String(image.body.location)}', not in the account's region '${region}'.`;
    return MANAGED_IMAGE_RETIRED_MESSAGE;
  }
  let version: ArmResource | undefined = image;
  if (image.kind === 'galleryImages') {
    version = sim.store
      .ofKind('galleryImageVersions')
      .filter((v) => v.parentKey === image.key && !obj(obj(v.body.properties).publishingProfile).excludeFromLatest)
      .sort((a, b) => compareVersions(a.name, b.name))
      .pop();
    if (!version) return `The gallery image '${imageId}' has no version available for 'latest'.`;
  }
  if (version.kind !== 'galleryImageVersions') return `The resource '${imageId}' is not an image.`;
  const vp = obj(version.body.properties);
  if (vp.provisioningState !== 'Succeeded') return `The gallery image version '${String(version.body.id)}' is in state '${String(vp.provisioningState)}'.`;
  const regions = obj(vp.publishingProfile).targetRegions;
  const replicated = Array.isArray(regions) && regions.some((r) => isObject(r) && normaliseLocation(String(r.name)) === region);
  if (!replicated) return `The gallery image version '${String(version.body.id)}' has no replica in region '${region}'.`;
  const definition = version.parentKey ? sim.store.get(version.parentKey) : undefined;
  if (str(obj(definition?.body.properties).osState) === 'Specialized') return 'Batch only supports generalized Shared Images.';
  return undefined;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Puts the pool into Resizing towards its current targets. */
export function startResize(sim: SimContext, pool: ArmResource, nodeDeallocationOption = 'Requeue'): void {
  const p = obj(pool.body.properties);
  const now = new Date().toISOString();
  const t = targets(p);
  const status: JsonObject = {
    targetDedicatedNodes: t.dedicated,
    targetLowPriorityNodes: t.lowPriority,
    resizeTimeout: str(obj(obj(p.scaleSettings).fixedScale).resizeTimeout) ?? 'PT15M',
    nodeDeallocationOption,
    startTime: now,
  };
  p.resizeOperationStatus = status;
  p.allocationState = 'Resizing';
  p.allocationStateTransitionTime = now;
  sim.poolResizeDue.set(pool.key, Date.now() + sim.options.allocationMs);
  if (sim.options.allocationMs <= 0) refreshPool(sim, pool);
}

/** Finishes a due resize: reach the targets, or record AllocationFailed. */
export function refreshPool(sim: SimContext, pool: ArmResource): void {
  const due = sim.poolResizeDue.get(pool.key);
  const p = obj(pool.body.properties);
  if (due === undefined || Date.now() < due || p.allocationState !== 'Resizing') return;
  sim.poolResizeDue.delete(pool.key);
  const problem = allocationProblem(sim, pool);
  const status = obj(p.resizeOperationStatus);
  if (problem) {
    status.errors = [{ code: 'AllocationFailed', message: ALLOCATION_FAILED_MESSAGE, details: [{ code: 'Reason', message: problem }] }];
  } else {
    const t = targets(p);
    p.currentDedicatedNodes = t.dedicated;
    p.currentLowPriorityNodes = t.lowPriority;
    delete status.errors;
  }
  p.resizeOperationStatus = status;
  p.allocationState = 'Steady';
  p.allocationStateTransitionTime = new Date().toISOString();
}

// ---- data plane <-> ARM conversion --------------------------------------------------------

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function renameKeys(value: JsonValue | undefined, from: string, to: string): JsonValue | undefined {
  if (!isObject(value)) return value;
  const out = clone(value);
  if (out[from] !== undefined) {
    out[to] = out[from];
    delete out[from];
  }
  return out;
}

function vmcToDataPlane(vmc: JsonObject): JsonObject {
  const out = clone(vmc);
  const ref = obj(out.imageReference);
  if (ref.id !== undefined) {
    ref.virtualMachineImageId = ref.id;
    delete ref.id;
  }
  out.imageReference = ref;
  if (out.nodeAgentSkuId !== undefined) {
    out.nodeAgentSKUId = out.nodeAgentSkuId;
    delete out.nodeAgentSkuId;
  }
  return out;
}

function vmcToArm(vmc: JsonObject): JsonObject {
  const out = clone(vmc);
  const ref = obj(out.imageReference);
  if (ref.virtualMachineImageId !== undefined) {
    ref.id = ref.virtualMachineImageId;
    delete ref.virtualMachineImageId;
  }
  out.imageReference = ref;
  if (out.nodeAgentSKUId !== undefined) {
    out.nodeAgentSkuId = out.nodeAgentSKUId;
    delete out.nodeAgentSKUId;
  }
  return out;
}

function networkToDataPlane(net: JsonValue | undefined): JsonValue | undefined {
  if (!isObject(net)) return net;
  const out = clone(net);
  if (isObject(out.endpointConfiguration)) out.endpointConfiguration = renameKeys(out.endpointConfiguration, 'inboundNatPools', 'inboundNATPools') ?? {};
  return out;
}

function networkToArm(net: JsonValue | undefined): JsonValue | undefined {
  if (!isObject(net)) return net;
  const out = clone(net);
  if (isObject(out.endpointConfiguration)) out.endpointConfiguration = renameKeys(out.endpointConfiguration, 'inboundNATPools', 'inboundNatPools') ?? {};
  return out;
}

/** Data-plane fields copied as they are in both directions. */
const SAME_NAME = ['displayName', 'vmSize', 'startTask', 'metadata', 'userAccounts', 'mountConfiguration', 'certificateReferences', 'targetNodeCommunicationMode', 'resourceTags', 'upgradePolicy'];

export function poolToDataPlane(accountUrl: string, pool: ArmResource): JsonObject {
  const p = obj(pool.body.properties);
  const scale = obj(p.scaleSettings);
  const auto = isObject(scale.autoScale) ? scale.autoScale : undefined;
  const t = targets(p);
  const out: JsonObject = {
    id: pool.name,
    url: `${accountUrl}/pools/${pool.name}`,
    eTag: etagOf(p),
    lastModified: str(p.lastModified) ?? new Date().toISOString(),
    creationTime: str(p.creationTime) ?? new Date().toISOString(),
    state: p.provisioningState === 'Deleting' ? 'deleting' : 'active',
    stateTransitionTime: str(p.provisioningStateTransitionTime) ?? str(p.creationTime) ?? new Date().toISOString(),
    allocationState: lowerFirst(str(p.allocationState) ?? 'Steady'),
    allocationStateTransitionTime: str(p.allocationStateTransitionTime) ?? new Date().toISOString(),
  };
  for (const k of SAME_NAME) if (p[k] !== undefined) out[k] = clone(p[k]);
  out.resizeTimeout = str(obj(scale.fixedScale).resizeTimeout) ?? 'PT15M';
  const errors = obj(p.resizeOperationStatus).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    out.resizeErrors = errors.filter(isObject).map((e): JsonValue => ({
      code: String(e.code),
      message: String(e.message),
      values: (Array.isArray(e.details) ? e.details : []).filter(isObject).map((d): JsonValue => ({ name: String(d.code), value: String(d.message) })),
    }));
  }
  out.currentDedicatedNodes = num(p.currentDedicatedNodes) ?? 0;
  out.currentLowPriorityNodes = num(p.currentLowPriorityNodes) ?? 0;
  out.targetDedicatedNodes = t.dedicated;
  out.targetLowPriorityNodes = t.lowPriority;
  out.enableAutoScale = auto !== undefined;
  if (auto) {
    out.autoScaleFormula = auto.formula ?? '';
    out.autoScaleEvaluationInterval = auto.evaluationInterval ?? 'PT15M';
  }
  out.enableInterNodeCommunication = p.interNodeCommunication === 'Enabled';
  out.taskSlotsPerNode = num(p.taskSlotsPerNode) ?? 1;
  const policy = obj(p.taskSchedulingPolicy);
  out.taskSchedulingPolicy = { ...policy, nodeFillType: lowerFirst(str(policy.nodeFillType) ?? 'Spread') };
  const vmc = obj(obj(p.deploymentConfiguration).virtualMachineConfiguration);
  out.virtualMachineConfiguration = vmcToDataPlane(vmc);
  const net = networkToDataPlane(p.networkConfiguration);
  if (net !== undefined) out.networkConfiguration = net;
  if (Array.isArray(p.applicationPackages)) out.applicationPackageReferences = clone(p.applicationPackages);
  return out;
}

/** Converts a data-plane PoolAddParameter into ARM pool properties (before validation). */
export function dataPlaneToArmProperties(dp: JsonObject): JsonObject {
  const p: JsonObject = {};
  for (const k of SAME_NAME) if (dp[k] !== undefined) p[k] = clone(dp[k]);
  if (isObject(dp.virtualMachineConfiguration)) p.deploymentConfiguration = { virtualMachineConfiguration: vmcToArm(dp.virtualMachineConfiguration) };
  if (dp.enableAutoScale === true) {
    p.scaleSettings = { autoScale: { formula: dp.autoScaleFormula ?? '', evaluationInterval: dp.autoScaleEvaluationInterval ?? 'PT15M' } };
  } else {
    const fixed: JsonObject = { targetDedicatedNodes: num(dp.targetDedicatedNodes) ?? 0, targetLowPriorityNodes: num(dp.targetLowPriorityNodes) ?? 0 };
    if (dp.resizeTimeout !== undefined) fixed.resizeTimeout = dp.resizeTimeout;
    p.scaleSettings = { fixedScale: fixed };
  }
  p.interNodeCommunication = dp.enableInterNodeCommunication === true ? 'Enabled' : 'Disabled';
  if (dp.taskSlotsPerNode !== undefined) p.taskSlotsPerNode = dp.taskSlotsPerNode;
  if (isObject(dp.taskSchedulingPolicy)) {
    p.taskSchedulingPolicy = { ...dp.taskSchedulingPolicy, nodeFillType: upperFirst(str(dp.taskSchedulingPolicy.nodeFillType) ?? 'spread') };
  }
  const net = networkToArm(dp.networkConfiguration);
  if (net !== undefined) p.networkConfiguration = net;
  if (Array.isArray(dp.applicationPackageReferences)) p.applicationPackages = clone(dp.applicationPackageReferences);
  return p;
}

function etagOf(p: JsonObject): string {
  const t = Date.parse(str(p.lastModified) ?? '') || 0;
  return `0x8D${t.toString(16).toUpperCase().padStart(13, '0')}`;
}
