// Reads one pool object (data plane or ARM) into a PoolSpec with the ranges of every property
// the rules use.
import type { PoolShape, PoolSpec, PoolSpecSecurityProfile, SpecValue, TextRange } from '../model';
import { armLiteral, isArmExpression } from './jsonNodes';
import { detached, Kind, type JsonTape } from './tape';
import { findProperty, isUnknown, lookup, MISSING, pathOf, rangeAt, unknownNode } from './tapeLookup';

type Key = string | readonly string[];

interface Reader {
  tape: JsonTape;
  /** Whether `"[...]"` strings are ARM expressions (true in ARM documents). */
  expressions: boolean;
}

/** Entries of the tape are numbers; -1 is none. */
type Entry = number;

function keyRangeOf(tape: JsonTape, prop: Entry | undefined): TextRange | undefined {
  return prop !== undefined && prop !== -1 ? rangeAt(tape, tape.keyOf(prop)) : undefined;
}

function unknownAt(tape: JsonTape, node: Entry, prop?: Entry): SpecValue<never> {
  return { unknown: true, range: rangeAt(tape, node), keyRange: keyRangeOf(tape, prop) };
}

/**
 * An object the reads start from: found (node), absent (nothing below it exists), or unknown
 * (an expression or non-object: everything below it is unknown, reported at `node`).
 */
interface Base {
  /** The object found, or -1. */
  node: Entry;
  /** When no object: the entry to report as unknown (an expression or non-object), or -1 when absent. */
  unknownAt: Entry;
}

const ABSENT: Base = { node: -1, unknownAt: -1 };

/** Resolves an intermediate object once, so each property read does not walk from the root. */
function base(tape: JsonTape, from: Base, keys: readonly string[]): Base {
  if (from.node === -1) return from;
  const r = lookup(tape, from.node, keys);
  if (r === MISSING) return ABSENT;
  if (isUnknown(r)) return { node: -1, unknownAt: unknownNode(r) };
  const value = tape.valueOf(r);
  return tape.kind(value) === Kind.object ? { node: value, unknownAt: -1 } : { node: -1, unknownAt: value };
}

function found(node: Entry): Base {
  return { node, unknownAt: -1 };
}

/** Generic property read: missing → undefined; expression / wrong type → unknown. */
function read<T>(reader: Reader, from: Base, keys: readonly Key[], convert: (tape: JsonTape, value: Entry) => T | undefined): SpecValue<T> | undefined {
  const tape = reader.tape;
  if (from.node === -1) return from.unknownAt === -1 ? undefined : unknownAt(tape, from.unknownAt);
  const r = lookup(tape, from.node, keys);
  if (r === MISSING) return undefined;
  if (isUnknown(r)) return unknownAt(tape, unknownNode(r));
  const node = tape.valueOf(r);
  const range = rangeAt(tape, node);
  const keyRange = keyRangeOf(tape, r);
  if (reader.expressions && tape.kind(node) === Kind.string && isArmExpression(tape.value(node))) {
    return { range, keyRange, unknown: true };
  }
  const value = convert(tape, node);
  return value === undefined ? { range, keyRange, unknown: true } : { range, keyRange, value, unknown: false };
}

function asPlainString(tape: JsonTape, n: Entry): string | undefined {
  const v = tape.value(n);
  return tape.kind(n) === Kind.string && typeof v === 'string' ? v : undefined;
}

/** In ARM documents `[[x` is the literal `[x`. */
function asArmString(tape: JsonTape, n: Entry): string | undefined {
  const v = asPlainString(tape, n);
  return v === undefined ? undefined : armLiteral(v);
}

function asNumber(tape: JsonTape, n: Entry): number | undefined {
  const v = tape.value(n);
  return tape.kind(n) === Kind.number && typeof v === 'number' ? v : undefined;
}

/**
 * A node count: a whole number of 0 or more. Anything else that is a number (`1e999` reads as
 * Infinity, `-1`, `2.5`) is unknown to the rules, its source text kept for the message about it.
 */
function readCount(reader: Reader, from: Base, keys: readonly Key[]): SpecValue<number> | undefined {
  const v = read(reader, from, keys, asNumber);
  if (!v || v.unknown || v.value === undefined || (Number.isSafeInteger(v.value) && v.value >= 0)) return v;
  const raw = v.range ? detached(reader.tape.text.slice(v.range.offset, v.range.offset + Math.min(v.range.length, 400))) : String(v.value);
  return { range: v.range, keyRange: v.keyRange, unknown: true, invalid: raw };
}

function asBoolean(tape: JsonTape, n: Entry): boolean | undefined {
  const v = tape.value(n);
  return tape.kind(n) === Kind.boolean && typeof v === 'boolean' ? v : undefined;
}

function asArrayLength(tape: JsonTape, n: Entry): number | undefined {
  return tape.kind(n) === Kind.array ? tape.childCount(n) : undefined;
}

function valueOfProperty(tape: JsonTape, obj: Entry, key: string): Entry {
  const p = findProperty(tape, obj, key);
  return p === -1 ? -1 : tape.valueOf(p);
}

function asSecurityProfile(tape: JsonTape, n: Entry): PoolSpecSecurityProfile | undefined {
  if (tape.kind(n) !== Kind.object) return undefined;
  const result: PoolSpecSecurityProfile = {};
  const typeValue = valueOfProperty(tape, n, 'securityType');
  if (typeValue !== -1 && tape.kind(typeValue) === Kind.string) result.securityType = String(tape.value(typeValue));
  const uefiValue = valueOfProperty(tape, n, 'uefiSettings');
  if (uefiValue !== -1 && tape.kind(uefiValue) === Kind.object) {
    const sbv = valueOfProperty(tape, uefiValue, 'secureBootEnabled');
    if (sbv !== -1 && tape.kind(sbv) === Kind.boolean) result.secureBootEnabled = Boolean(tape.value(sbv));
    const tpmv = valueOfProperty(tape, uefiValue, 'vTpmEnabled');
    if (tpmv !== -1 && tape.kind(tpmv) === Kind.boolean) result.vTpmEnabled = Boolean(tape.value(tpmv));
  }
  return result;
}

/** Range of an object reached by `keys`, for anchoring findings about missing children. */
function anchor(tape: JsonTape, obj: Entry, keys: readonly string[]): { range: TextRange; keyRange?: TextRange } | undefined {
  const r = lookup(tape, obj, keys);
  if (r < 0 || tape.kind(tape.valueOf(r)) !== Kind.object) return undefined;
  return { range: rangeAt(tape, tape.valueOf(r)), keyRange: keyRangeOf(tape, r) };
}

/** Key paths, made once (a literal array in a read would be allocated for every pool). */
const K = {
  // data plane
  enableAutoScale: ['enableAutoScale'],
  id: ['id'],
  vmc: ['virtualMachineConfiguration'],
  dpImageId: ['virtualMachineConfiguration', 'imageReference', 'virtualMachineImageId'],
  dpNodeAgentSku: ['virtualMachineConfiguration', ['nodeAgentSKUId']],
  vmSize: ['vmSize'],
  targetDedicatedNodes: ['targetDedicatedNodes'],
  targetLowPriorityNodes: ['targetLowPriorityNodes'],
  resizeTimeout: ['resizeTimeout'],
  dpInboundNatPools: ['networkConfiguration', 'endpointConfiguration', ['inboundNATPools']],
  dpVmcSecurityProfile: ['virtualMachineConfiguration', 'securityProfile'],
  securityProfile: ['securityProfile'],
  dpImageReference: ['virtualMachineConfiguration', 'imageReference'],
  // ARM
  properties: ['properties'],
  deploymentVmc: ['deploymentConfiguration', 'virtualMachineConfiguration'],
  scaleSettings: ['scaleSettings'],
  fixedScale: ['fixedScale'],
  autoScale: ['autoScale'],
  name: ['name'],
  imageReferenceId: ['imageReference', 'id'],
  armNodeAgentSku: [['nodeAgentSkuId']],
  armInboundNatPools: ['networkConfiguration', 'endpointConfiguration', ['inboundNatPools']],
  imageReference: ['imageReference'],
} as const;

export interface PoolObjectContext {
  tape: JsonTape;
  /** The pool object (data plane: the document root; ARM: the resource object). */
  node: Entry;
  /** The property holding the pool object, if any. */
  prop?: Entry;
  /** Account name from a parent resource (ARM templates). */
  parentAccountName?: string;
}

/** Reads a data-plane pool (`PoolAddParameter`). */
export function readDataPlanePool(ctx: PoolObjectContext): PoolSpec {
  const tape = ctx.tape;
  const reader: Reader = { tape, expressions: false };
  const obj = found(ctx.node);
    const autoScale = read(reader, obj, K.enableAutoScale, asBoolean);
  const name = read(reader, obj, K.id, asPlainString);
  return {
    shape: 'dataPlane' satisfies PoolShape,
    name,
    displayName: name?.value,
    range: rangeAt(tape, ctx.node),
    keyRange: keyRangeOf(tape, ctx.prop),
    path: pathOf(tape, ctx.node),
    imageId: read(reader, obj, K.dpImageId, asPlainString),
    nodeAgentSkuId: read(reader, obj, K.dpNodeAgentSku, asPlainString),
    vmSize: read(reader, obj, K.vmSize, asPlainString),
    targetDedicatedNodes: readCount(reader, obj, K.targetDedicatedNodes),
    targetLowPriorityNodes: readCount(reader, obj, K.targetLowPriorityNodes),
    autoScale,
    resizeTimeout: read(reader, obj, K.resizeTimeout, asPlainString),
    inboundNatPools: read(reader, obj, K.dpInboundNatPools, asArrayLength),
    securityProfile:
      read(reader, obj, K.dpVmcSecurityProfile, asSecurityProfile) ??
      read(reader, obj, K.securityProfile, asSecurityProfile),
    anchors: {
      virtualMachineConfiguration: anchor(tape, ctx.node, K.vmc),
      imageReference: anchor(tape, ctx.node, K.dpImageReference),
    },
  };
}

/** Best-effort label for an expression-valued name: the last quoted literal, without a leading slash. */
function guessNameFromExpression(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : '';
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
  const tape = ctx.tape;
  const reader: Reader = { tape, expressions: true };
  const obj = ctx.node;
  const root = found(obj);
  const propsBase = base(tape, root, K.properties);
  const vmcBase = base(tape, propsBase, K.deploymentVmc);
  const scaleBase = base(tape, propsBase, K.scaleSettings);
  const fixedBase = base(tape, scaleBase, K.fixedScale);
  let autoScale: SpecValue<boolean> | undefined;
  if (scaleBase.node !== -1) {
    const r = lookup(tape, scaleBase.node, K.autoScale);
    // An autoScale block (even an expression) means the pool autoscales.
    if (r >= 0) autoScale = { value: true, unknown: false, range: rangeAt(tape, tape.valueOf(r)), keyRange: keyRangeOf(tape, r) };
    else if (isUnknown(r)) autoScale = unknownAt(tape, unknownNode(r));
  } else if (scaleBase.unknownAt !== -1) {
    autoScale = unknownAt(tape, scaleBase.unknownAt);
  }
  const fullName = read(reader, root, K.name, asArmString);
  const named = splitArmName(fullName, ctx.parentAccountName);
  const nameNode = valueOfProperty(tape, obj, 'name');
  const displayName = named.name?.unknown ? (nameNode !== -1 ? guessNameFromExpression(tape.value(nameNode)) : undefined) : named.name?.value;
  return {
    shape: 'arm',
    name: named.name,
    displayName,
    accountName: named.accountName,
    armName: fullName && !fullName.unknown && fullName.value !== undefined ? { value: fullName.value, child: ctx.parentAccountName !== undefined } : undefined,
    range: rangeAt(tape, obj),
    keyRange: keyRangeOf(tape, ctx.prop),
    path: pathOf(tape, obj),
    imageId: read(reader, vmcBase, K.imageReferenceId, asArmString),
    nodeAgentSkuId: read(reader, vmcBase, K.armNodeAgentSku, asArmString),
    vmSize: read(reader, propsBase, K.vmSize, asArmString),
    targetDedicatedNodes: readCount(reader, fixedBase, K.targetDedicatedNodes),
    targetLowPriorityNodes: readCount(reader, fixedBase, K.targetLowPriorityNodes),
    autoScale,
    resizeTimeout: read(reader, fixedBase, K.resizeTimeout, asArmString),
    inboundNatPools: read(reader, propsBase, K.armInboundNatPools, asArrayLength),
    securityProfile: read(reader, vmcBase, K.securityProfile, asSecurityProfile),
    anchors: {
      virtualMachineConfiguration: propsBase.node !== -1 ? anchor(tape, propsBase.node, K.deploymentVmc) : undefined,
      imageReference: vmcBase.node !== -1 ? anchor(tape, vmcBase.node, K.imageReference) : undefined,
      fixedScale: scaleBase.node !== -1 ? anchor(tape, scaleBase.node, K.fixedScale) : undefined,
      scaleSettings: propsBase.node !== -1 ? anchor(tape, propsBase.node, K.scaleSettings) : undefined,
    },
  };
}
