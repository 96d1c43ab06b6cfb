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

/**
 * An object the reads start from: found (node), absent (nothing below it exists), or unknown
 * (an expression or non-object: everything below it is unknown, reported at `node`).
 */
type Base = { node: Node } | { missing: true } | { unknownAt: Node };

/** Resolves an intermediate object once, so each property read does not walk from the root. */
function base(from: Base, keys: readonly string[]): Base {
  if (!('node' in from)) return from;
  const r = lookup(from.node, keys);
  if (r.status === 'missing') return { missing: true };
  if (r.status === 'unknown') return { unknownAt: r.node };
  return r.value.type === 'object' ? { node: r.value } : { unknownAt: r.value };
}

/** Generic property read: missing → undefined; expression / wrong type → unknown. */
function read<T>(
  reader: Reader,
  from: Base | Node | undefined,
  keys: readonly Key[],
  convert: (value: Node) => T | undefined,
): SpecValue<T> | undefined {
  if (!from) return undefined;
  const b: Base = 'type' in from ? { node: from } : from;
  if ('missing' in b) return undefined;
  if ('unknownAt' in b) return unknownAt(b.unknownAt);
  const obj = b.node;
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
  const name = read(reader, obj, ['id'], asString(reader));
  return {
    shape: 'dataPlane' satisfies PoolShape,
    name,
    displayName: name?.value,
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

/** Best-effort label for an expression-valued name: the last quoted literal, without a leading slash. */
function guessNameFromExpression(node: Node): string | undefined {
  const text = typeof node.value === 'string' ? node.value : '';
  const literals = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1].replace(/^\//, '')).filter((l) => /^[\w.-]+$/.test(l));
  return literals.length > 0 ? literals[literals.length - 1] : undefined;
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
  const root: Base = { node: obj };
  const propsBase = base(root, ['properties']);
  const vmcBase = base(propsBase, ['deploymentConfiguration', 'virtualMachineConfiguration']);
  const scaleBase = base(propsBase, ['scaleSettings']);
  const fixedBase = base(scaleBase, ['fixedScale']);
  const autoScaleLookup: ReturnType<typeof lookup> =
    'node' in scaleBase
      ? lookup(scaleBase.node, ['autoScale'])
      : 'unknownAt' in scaleBase
        ? { status: 'unknown', node: scaleBase.unknownAt }
        : { status: 'missing', parent: obj };
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
  const nameProp = findProperty(obj, 'name');
  const nameNode = nameProp && valueNode(nameProp);
  const displayName = named.name?.unknown ? (nameNode ? guessNameFromExpression(nameNode) : undefined) : named.name?.value;
  return {
    shape: 'arm',
    name: named.name,
    displayName,
    accountName: named.accountName,
    range: rangeOf(obj),
    keyRange: keyRangeOf(ctx.prop),
    path: getNodePath(obj),
    imageId: read(reader, vmcBase, ['imageReference', 'id'], asString(reader)),
    nodeAgentSkuId: read(reader, vmcBase, [['nodeAgentSkuId']], asString(reader)),
    vmSize: read(reader, propsBase, ['vmSize'], asString(reader)),
    targetDedicatedNodes: read(reader, fixedBase, ['targetDedicatedNodes'], asNumber),
    targetLowPriorityNodes: read(reader, fixedBase, ['targetLowPriorityNodes'], asNumber),
    autoScale,
    resizeTimeout: read(reader, fixedBase, ['resizeTimeout'], asString(reader)),
    inboundNatPools: read(reader, propsBase, ['networkConfiguration', 'endpointConfiguration', ['inboundNatPools']], asArrayLength),
    securityProfile: read(reader, vmcBase, ['securityProfile'], asSecurityProfile),
    anchors: {
      virtualMachineConfiguration: 'node' in propsBase ? anchor(propsBase.node, ['deploymentConfiguration', 'virtualMachineConfiguration']) : undefined,
      imageReference: 'node' in vmcBase ? anchor(vmcBase.node, ['imageReference']) : undefined,
      fixedScale: 'node' in scaleBase ? anchor(scaleBase.node, ['fixedScale']) : undefined,
      scaleSettings: 'node' in propsBase ? anchor(propsBase.node, ['scaleSettings']) : undefined,
    },
  };
}
