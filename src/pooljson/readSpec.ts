// Reads one pool object (data plane or ARM) into a PoolSpec with the ranges of every property
// the rules use.
import { getNodePath, type Node } from 'jsonc-parser';
import type { PoolShape, PoolSpec, PoolSpecSecurityProfile, SpecValue, TextRange } from '../model';
import { armLiteral, findProperty, isArmExpression, keyNode, lookup, rangeOf, valueNode } from './jsonNodes';

type Key = string | readonly string[];

interface Reader {
  /** Whether `"[...]"` strings are ARM expressions (true in ARM documents). */
  expressions: boolean;
}

function keyRangeOf(prop: Node | undefined): TextRange | undefined {
  const k = prop && keyNode(prop);
  return k ? rangeOf(k) : undefined;
}

function unknownAt(node: Node, prop?: Node): SpecValue<never> {
  return { unknown: true, range: rangeOf(node), keyRange: keyRangeOf(prop) };
}

/** Generic property read: missing → undefined; expression / wrong type → unknown. */
function read<T>(
  reader: Reader,
  obj: Node | undefined,
  keys: readonly Key[],
  convert: (value: Node) => T | undefined,
): SpecValue<T> | undefined {
  if (!obj) return undefined;
  const r = lookup(obj, keys);
  if (r.status === 'missing') return undefined;
  if (r.status === 'unknown') return unknownAt(r.node);
  const base = { range: rangeOf(r.value), keyRange: keyRangeOf(r.prop) };
  if (reader.expressions && r.value.type === 'string' && isArmExpression(r.value.value)) {
    return { ...base, unknown: true };
  }
  const value = convert(r.value);
  return value === undefined ? { ...base, unknown: true } : { ...base, value, unknown: false };
}

const asString =
  (reader: Reader) =>
  (n: Node): string | undefined =>
    n.type === 'string' && typeof n.value === 'string' ? (reader.expressions ? armLiteral(n.value) : n.value) : undefined;

const asNumber = (n: Node): number | undefined => (n.type === 'number' && typeof n.value === 'number' ? n.value : undefined);
const asBoolean = (n: Node): boolean | undefined => (n.type === 'boolean' && typeof n.value === 'boolean' ? n.value : undefined);
const asArrayLength = (n: Node): number | undefined => (n.type === 'array' ? (n.children?.length ?? 0) : undefined);

function asSecurityProfile(n: Node): PoolSpecSecurityProfile | undefined {
  if (n.type !== 'object') return undefined;
  const result: PoolSpecSecurityProfile = {};
  const type = findProperty(n, 'securityType');
  const typeValue = type && valueNode(type);
  if (typeValue?.type === 'string') result.securityType = String(typeValue.value);
  const uefi = findProperty(n, 'uefiSettings');
  const uefiValue = uefi && valueNode(uefi);
  if (uefiValue?.type === 'object') {
    const sb = findProperty(uefiValue, 'secureBootEnabled');
    const sbv = sb && valueNode(sb);
    if (sbv?.type === 'boolean') result.secureBootEnabled = Boolean(sbv.value);
    const tpm = findProperty(uefiValue, 'vTpmEnabled');
    const tpmv = tpm && valueNode(tpm);
    if (tpmv?.type === 'boolean') result.vTpmEnabled = Boolean(tpmv.value);
  }
  return result;
}

/** Range of an object reached by `keys`, for anchoring findings about missing children. */
function anchor(obj: Node, keys: readonly string[]): { range: TextRange; keyRange?: TextRange } | undefined {
  const r = lookup(obj, keys);
  if (r.status !== 'found' || r.value.type !== 'object') return undefined;
  return { range: rangeOf(r.value), keyRange: keyRangeOf(r.prop) };
}

export interface PoolObjectContext {
  /** The pool object (data plane: the document root; ARM: the resource object). */
  node: Node;
  /** The property holding the pool object, if any. */
  prop?: Node;
  /** Account name from a parent resource (ARM templates). */
  parentAccountName?: string;
}

/** Reads a data-plane pool (`PoolAddParameter`). */
export function readDataPlanePool(ctx: PoolObjectContext): PoolSpec {
  const reader: Reader = { expressions: false };
  const obj = ctx.node;
  const vmc = ['virtualMachineConfiguration'];
  const autoScale = read(reader, obj, ['enableAutoScale'], asBoolean);
  return {
    shape: 'dataPlane' satisfies PoolShape,
    name: read(reader, obj, ['id'], asString(reader)),
    range: rangeOf(obj),
    keyRange: keyRangeOf(ctx.prop),
    path: getNodePath(obj),
    imageId: read(reader, obj, [...vmc, 'imageReference', 'virtualMachineImageId'], asString(reader)),
    nodeAgentSkuId: read(reader, obj, [...vmc, ['nodeAgentSKUId']], asString(reader)),
    vmSize: read(reader, obj, ['vmSize'], asString(reader)),
    targetDedicatedNodes: read(reader, obj, ['targetDedicatedNodes'], asNumber),
    targetLowPriorityNodes: read(reader, obj, ['targetLowPriorityNodes'], asNumber),
    autoScale,
    resizeTimeout: read(reader, obj, ['resizeTimeout'], asString(reader)),
    inboundNatPools: read(
      reader,
      obj,
      ['networkConfiguration', 'endpointConfiguration', ['inboundNATPools']],
      asArrayLength,
    ),
    securityProfile:
      read(reader, obj, [...vmc, 'securityProfile'], asSecurityProfile) ??
      read(reader, obj, ['securityProfile'], asSecurityProfile),
    anchors: {
      virtualMachineConfiguration: anchor(obj, vmc),
      imageReference: anchor(obj, [...vmc, 'imageReference']),
    },
  };
}

/** Splits an ARM pool resource name: `account/pool` → both; `pool` → pool only. */
function splitArmName(name: SpecValue<string> | undefined, parentAccountName: string | undefined) {
  if (!name || name.unknown || name.value === undefined) {
    return { name, accountName: parentAccountName };
  }
  const parts = name.value.split('/');
  if (parts.length >= 2) {
    return { name: { ...name, value: parts[parts.length - 1] }, accountName: parts[parts.length - 2] };
  }
  return { name, accountName: parentAccountName };
}

/** Reads an ARM pool (a `Microsoft.Batch/batchAccounts/pools` resource or its `properties` bag). */
export function readArmPool(ctx: PoolObjectContext): PoolSpec {
  const reader: Reader = { expressions: true };
  const obj = ctx.node;
  const props = ['properties'];
  const vmc = [...props, 'deploymentConfiguration', 'virtualMachineConfiguration'];
  const fixed = [...props, 'scaleSettings', 'fixedScale'];
  const autoScaleLookup = lookup(obj, [...props, 'scaleSettings', 'autoScale']);
  let autoScale: SpecValue<boolean> | undefined;
  if (autoScaleLookup.status === 'found') {
    // An autoScale block (even an expression) means the pool autoscales.
    autoScale = {
      value: true,
      unknown: false,
      range: rangeOf(autoScaleLookup.value),
      keyRange: keyRangeOf(autoScaleLookup.prop),
    };
  } else if (autoScaleLookup.status === 'unknown') {
    autoScale = unknownAt(autoScaleLookup.node);
  }
  const named = splitArmName(read(reader, obj, ['name'], asString(reader)), ctx.parentAccountName);
  return {
    shape: 'arm',
    name: named.name,
    accountName: named.accountName,
    range: rangeOf(obj),
    keyRange: keyRangeOf(ctx.prop),
    path: getNodePath(obj),
    imageId: read(reader, obj, [...vmc, 'imageReference', 'id'], asString(reader)),
    nodeAgentSkuId: read(reader, obj, [...vmc, ['nodeAgentSkuId']], asString(reader)),
    vmSize: read(reader, obj, [...props, 'vmSize'], asString(reader)),
    targetDedicatedNodes: read(reader, obj, [...fixed, 'targetDedicatedNodes'], asNumber),
    targetLowPriorityNodes: read(reader, obj, [...fixed, 'targetLowPriorityNodes'], asNumber),
    autoScale,
    resizeTimeout: read(reader, obj, [...fixed, 'resizeTimeout'], asString(reader)),
    inboundNatPools: read(
      reader,
      obj,
      [...props, 'networkConfiguration', 'endpointConfiguration', ['inboundNatPools']],
      asArrayLength,
    ),
    securityProfile: read(reader, obj, [...vmc, 'securityProfile'], asSecurityProfile),
    anchors: {
      virtualMachineConfiguration: anchor(obj, vmc),
      imageReference: anchor(obj, [...vmc, 'imageReference']),
      fixedScale: anchor(obj, fixed),
      scaleSettings: anchor(obj, [...props, 'scaleSettings']),
    },
  };
}
