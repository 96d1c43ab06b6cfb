// A pool definition as the rules see it: read from a JSON document (with source ranges) or
// converted from a live pool (no ranges). Produced by src/pooljson, consumed by src/rules.

/** A span of the document text: character offset and length. */
export interface TextRange {
  offset: number;
  length: number;
}

/**
 * One property the rules read. Absent from the spec when the document does not set it.
 * `unknown` is true when the value is an ARM template expression (`"[parameters('x')]"`) or
 * otherwise not statically knowable: rules that need it skip instead of guessing.
 */
export interface SpecValue<T> {
  value?: T;
  unknown: boolean;
  /** Range of the value. */
  range?: TextRange;
  /** Range of the property key. */
  keyRange?: TextRange;
  /**
   * The source text of a value of the right type that cannot be what it stands for (a node count
   * of `1e999`, `-1` or `2.5`): unknown to the rules, reported by the rule about such values.
   */
  invalid?: string;
}

export type PoolShape = 'dataPlane' | 'arm';

/** JSON path segment, compatible with jsonc-parser's `JSONPath`. */
export type JsonPathSegment = string | number;

export interface PoolSpecSecurityProfile {
  securityType?: string;
  secureBootEnabled?: boolean;
  vTpmEnabled?: boolean;
}

/** A key set again in the same object: Azure (and `az`) read the last one. */
export interface DuplicateKey {
  /** The key as written at the later place. */
  key: string;
  /** Range of the later key (the one whose value counts). */
  range: TextRange;
  /** Range of the earlier key (ignored by Azure). */
  firstRange: TextRange;
}

export interface PoolSpec {
  shape: PoolShape;
  /** Pool id (data plane `id`) or name (ARM: last segment of `name`). */
  name?: SpecValue<string>;
  /**
   * A name for messages and labels: the known name, or a best guess from an ARM expression
   * (`[concat(parameters('a'), '/mypool')]` → `mypool`). Never used for matching.
   */
  displayName?: string;
  /**
   * ARM: the literal `name` as written (`account/pool`, or `pool`), and whether the resource is a
   * child of an account resource (then the name is the pool's alone). Absent for expressions.
   */
  armName?: { value: string; child: boolean };
  /** Keys set more than once in one object of the pool's JSON, in document order. */
  duplicateKeys?: DuplicateKey[];
  /** Account name, when an ARM template names it (`"account/pool"`, or the parent resource). */
  accountName?: string;
  /** Range of the whole pool object (ARM: the resource object). */
  range?: TextRange;
  /** Range of the key holding the pool object (e.g. `"pool"`), when there is one. */
  keyRange?: TextRange;
  /** JSON path from the document root to the pool object (used by the edit builders). */
  path: JsonPathSegment[];
  imageId?: SpecValue<string>;
  nodeAgentSkuId?: SpecValue<string>;
  vmSize?: SpecValue<string>;
  targetDedicatedNodes?: SpecValue<number>;
  targetLowPriorityNodes?: SpecValue<number>;
  /** True when the pool autoscales (data plane `enableAutoScale: true`; ARM `scaleSettings.autoScale`). */
  autoScale?: SpecValue<boolean>;
  resizeTimeout?: SpecValue<string>;
  /** Number of inbound NAT pools configured (0 for an empty array). */
  inboundNatPools?: SpecValue<number>;
  securityProfile?: SpecValue<PoolSpecSecurityProfile>;
  /**
   * Ranges of the enclosing objects, used for findings about a missing property
   * (e.g. missing `nodeAgentSkuId` → the key of `virtualMachineConfiguration`).
   */
  anchors: {
    virtualMachineConfiguration?: { range: TextRange; keyRange?: TextRange };
    imageReference?: { range: TextRange; keyRange?: TextRange };
    /** ARM `properties.scaleSettings.fixedScale`, when present. */
    fixedScale?: { range: TextRange; keyRange?: TextRange };
    /** ARM `properties.scaleSettings`, when present. */
    scaleSettings?: { range: TextRange; keyRange?: TextRange };
  };
  /** Where the spec came from (file path or URI), set by the caller; rules copy it into related locations. */
  source?: string;
  /** Set when the spec was converted from a live pool: the pool's ARM id. */
  livePoolId?: string;
  /** ARM id of the account, when known (live pools). */
  accountId?: string;
}

/** The most specific range to report something about the pool as a whole. */
export function poolAnchorRange(spec: PoolSpec): TextRange | undefined {
  return spec.keyRange ?? spec.name?.keyRange ?? spec.range;
}

/** Known, non-expression value of a spec property, or undefined. */
export function known<T>(v: SpecValue<T> | undefined): T | undefined {
  return v && !v.unknown ? v.value : undefined;
}

/** True when the property is present but its value is an expression the analyser cannot know. */
export function isUnknown(v: SpecValue<unknown> | undefined): boolean {
  return v !== undefined && v.unknown;
}
