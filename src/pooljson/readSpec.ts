// Reads one pool object (data plane or ARM) into a PoolSpec with the ranges of every property
// the rules use.
import type { PoolShape, PoolSpec, PoolSpecSecurityProfile, SpecValue, TextRange } from '../model';
import { armLiteral, isArmExpression } from './jsonNodes';
import { Kind, type JsonTape } from './tape';
import { findProperty, lookup, pathOf, rangeAt, type TapeLookup } from './tapeLookup';

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

const MISSING: Base = { node: -1, unknownAt: -1 };

/** Resolves an intermediate object once, so each property read does not walk from the root. */
function base(tape: JsonTape, from: Base, keys: readonly string[]): Base {
  if (from.node === -1) return from;
  const r = lookup(tape, from.node, keys);
  if (r.status === 'missing') return MISSING;
  if (r.status === 'unknown') return { node: -1, unknownAt: r.node };
  return tape.kind(r.value) === Kind.object ? { node: r.value, unknownAt: -1 } : { node: -1, unknownAt: r.value };
}

function found(node: Entry): Base {
  return { node, unknownAt: -1 };
}

/** Generic property read: missing → undefined; expression / wrong type → unknown. */
function read<T>(reader: Reader, from: Base, keys: readonly Key[], convert: (tape: JsonTape, value: Entry) => T | undefined): SpecValue<T> | undefined {
  const tape = reader.tape;
  if (from.node === -1) return from.unknownAt === -1 ? undefined : unknownAt(tape, from.unknownAt);
  const r = lookup(tape, from.node, keys);
  if (r.status === 'missing') return undefined;
  if (r.status === 'unknown') return unknownAt(tape, r.node);
  const range = rangeAt(tape, r.value);
  const keyRange = keyRangeOf(tape, r.prop);
  if (reader.expressions && tape.kind(r.value) === Kind.string && isArmExpression(tape.value(r.value))) {
    return { range, keyRange, unknown: true };
  }
  const value = convert(tape, r.value);
  return value === undefined ? { range, keyRange, unknown: true } : { range, keyRange, value, unknown: false };
}

const asString =
  (reader: Reader) =>
  (tape: JsonTape, n: Entry): string | undefined => {
    const v = tape.value(n);
    return tape.kind(n) === Kind.string && typeof v === 'string' ? (reader.expressions ? armLiteral(v) : v) : undefined;
  };

function asNumber(tape: JsonTape, n: Entry): number | undefined {
  const v = tape.value(n);
  return tape.kind(n) === Kind.number && typeof v === 'number' ? v : undefined;
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
  if (r.status !== 'found' || tape.kind(r.value) !== Kind.object) return undefined;
  return { range: rangeAt(tape, r.value), keyRange: keyRangeOf(tape, r.prop) };
}

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
  const vmc = ['virtualMachineConfiguration'];
  const autoScale = read(reader, obj, ['enableAutoScale'], asBoolean);
  const name = read(reader, obj, ['id'], asString(reader));
  return {
    shape: 'dataPlane' satisfies PoolShape,
    name,
    displayName: name?.value,
    range: rangeAt(tape, ctx.node),
    keyRange: keyRangeOf(tape, ctx.prop),
    path: pathOf(tape, ctx.node),
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
      virtualMachineConfiguration: anchor(tape, ctx.node, vmc),
      imageReference: anchor(tape, ctx.node, [...vmc, 'imageReference']),
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
  const propsBase = base(tape, root, ['properties']);
  const vmcBase = base(tape, propsBase, ['deploymentConfiguration', 'virtualMachineConfiguration']);
  const scaleBase = base(tape, propsBase, ['scaleSettings']);
  const fixedBase = base(tape, scaleBase, ['fixedScale']);
  const autoScaleLookup: TapeLookup =
    scaleBase.node !== -1
      ? lookup(tape, scaleBase.node, ['autoScale'])
      : scaleBase.unknownAt !== -1
        ? { status: 'unknown', node: scaleBase.unknownAt }
        : { status: 'missing' };
  let autoScale: SpecValue<boolean> | undefined;
  if (autoScaleLookup.status === 'found') {
    // An autoScale block (even an expression) means the pool autoscales.
    autoScale = {
      value: true,
      unknown: false,
      range: rangeAt(tape, autoScaleLookup.value),
      keyRange: keyRangeOf(tape, autoScaleLookup.prop),
    };
  } else if (autoScaleLookup.status === 'unknown') {
    autoScale = unknownAt(tape, autoScaleLookup.node);
  }
  const named = splitArmName(read(reader, root, ['name'], asString(reader)), ctx.parentAccountName);
  const nameNode = valueOfProperty(tape, obj, 'name');
  const displayName = named.name?.unknown ? (nameNode !== -1 ? guessNameFromExpression(tape.value(nameNode)) : undefined) : named.name?.value;
  return {
    shape: 'arm',
    name: named.name,
    displayName,
    accountName: named.accountName,
    range: rangeAt(tape, obj),
    keyRange: keyRangeOf(tape, ctx.prop),
    path: pathOf(tape, obj),
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
      virtualMachineConfiguration: propsBase.node !== -1 ? anchor(tape, propsBase.node, ['deploymentConfiguration', 'virtualMachineConfiguration']) : undefined,
      imageReference: vmcBase.node !== -1 ? anchor(tape, vmcBase.node, ['imageReference']) : undefined,
      fixedScale: scaleBase.node !== -1 ? anchor(tape, scaleBase.node, ['fixedScale']) : undefined,
      scaleSettings: propsBase.node !== -1 ? anchor(tape, propsBase.node, ['scaleSettings']) : undefined,
    },
  };
}
