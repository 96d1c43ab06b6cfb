// Pure text-edit builders for the quick fixes. Each returns edits against the given text;
// property insertion goes through jsonc-parser's `modify` with indentation detected from the
// document, so the result stays valid, consistently formatted JSON.
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import type { PoolSpec, TextRange } from '../model';
import { findProperty, keyNode } from './jsonNodes';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** Applies non-overlapping edits (any order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(
    text,
    edits.map((e) => ({ offset: e.offset, length: e.length, content: e.newText })),
  );
}

/** Indentation and line ending of the document, so inserted properties match it. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  const indents = sample.match(/\n([ \t]+)\S/g) ?? [];
  if (indents.some((m) => m.includes('\t'))) return { insertSpaces: false, tabSize: 4, eol };
  let size = 0;
  for (const m of indents) {
    const n = m.length - 2; // minus "\n" and the non-space character
    if (n > 0 && (size === 0 || n < size)) size = n;
  }
  return { insertSpaces: true, tabSize: size || 2, eol };
}

type Canonical = readonly string[];

/**
 * Turns canonical relative keys into a JSON path that uses the casing the document already has
 * (Azure keys are case-insensitive, `modify` is not); keys that do not exist yet are canonical.
 */
function documentPath(root: Node | undefined, base: JSONPath, rel: Canonical): JSONPath {
  const path: JSONPath = [...base];
  let node = root ? findNodeAtLocation(root, base) : undefined;
  for (const key of rel) {
    const prop = node ? findProperty(node, key) : undefined;
    const actual = prop ? keyNode(prop)?.value : undefined;
    path.push(typeof actual === 'string' ? actual : key);
    node = prop?.children?.[1];
  }
  return path;
}

function fromJsonc(edits: readonly { offset: number; length: number; content: string }[]): TextEdit[] {
  return edits.map((e) => ({ offset: e.offset, length: e.length, newText: e.content }));
}

/**
 * `modify` with formatting re-formats every line an insertion touches, applying one edit per
 * token (quadratic on a long line). In a minified document that line is the whole file, other
 * pools included: a pool written on one line gets a plain (compact) insertion instead, and so
 * does any pool where formatting would spill outside it.
 */
/**
 * True when every node the path passes through that already exists is an object (an array
 * where the next step is an index). In a broken
 * document (`"virtualMachineConfiguration": "x"`) `modify` would replace the string with the new
 * value, or throw on a number: there is nowhere to insert, so the fix offers no edit.
 */
function insertable(root: Node | undefined, path: JSONPath): boolean {
  for (let i = 0; i < path.length; i++) {
    const node = root ? findNodeAtLocation(root, path.slice(0, i)) : undefined;
    if (!node) return true; // the rest is created by the insertion
    if (node.type !== (typeof path[i] === 'number' ? 'array' : 'object')) return false;
  }
  return true;
}

function modifyInPool(text: string, spec: PoolSpec, path: JSONPath, value: unknown): TextEdit[] {
  if (!insertable(parseTree(text, [], { allowTrailingComma: true }), path)) return [];
  const plain = (): TextEdit[] => {
    try {
      return fromJsonc(modify(text, path, value, {}));
    } catch {
      return []; // jsonc-parser refused the path after all: no fix rather than an exception
    }
  };
  const r = spec.range;
  if (r && !/[\r\n]/.test(text.slice(r.offset, r.offset + r.length))) return plain();
  let formatted: TextEdit[];
  try {
    formatted = fromJsonc(modify(text, path, value, { formattingOptions: detectFormatting(text) }));
  } catch {
    // jsonc-parser's formatter yields edits without content past ~60 indentation levels, and
    // applying them throws; the unformatted insertion is still correct.
    return plain();
  }
  if (!r || formatted.every((e) => e.offset >= r.offset && e.offset + e.length <= r.offset + r.length)) return formatted;
  return plain();
}

function setAt(text: string, spec: PoolSpec, rel: Canonical, value: unknown): TextEdit[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const path = documentPath(root, spec.path, rel);
  return modifyInPool(text, spec, path, value);
}

function vmConfigurationPath(spec: PoolSpec): Canonical {
  return spec.shape === 'arm' ? ['properties', 'deploymentConfiguration', 'virtualMachineConfiguration'] : ['virtualMachineConfiguration'];
}

function fixedScalePath(spec: PoolSpec): Canonical {
  return spec.shape === 'arm' ? ['properties', 'scaleSettings', 'fixedScale'] : [];
}

/** Sets (or inserts) `resizeTimeout` where the shape keeps it. */
export function setResizeTimeoutEdits(text: string, spec: PoolSpec, value: string): TextEdit[] {
  if (spec.resizeTimeout?.range && !spec.resizeTimeout.unknown) {
    return [{ ...spec.resizeTimeout.range, newText: JSON.stringify(value) }];
  }
  return setAt(text, spec, [...fixedScalePath(spec), 'resizeTimeout'], value);
}

/**
 * The range of the property's own value. A property that is unknown because a container on its
 * path is not an object (`"virtualMachineConfiguration": 7`) carries that container's range and no
 * key range: replacing it would overwrite the container, so it is not the property's own.
 */
function ownRange(value: { range?: TextRange; keyRange?: TextRange; unknown: boolean } | undefined): TextRange | undefined {
  return value?.range && (!value.unknown || value.keyRange) ? value.range : undefined;
}

/** Replaces (or inserts) the image id. */
export function replaceImageIdEdits(text: string, spec: PoolSpec, imageId: string): TextEdit[] {
  const own = ownRange(spec.imageId);
  if (own) return [{ ...own, newText: JSON.stringify(imageId) }];
  const key = spec.shape === 'arm' ? 'id' : 'virtualMachineImageId';
  return setAt(text, spec, [...vmConfigurationPath(spec), 'imageReference', key], imageId);
}

/** Replaces (or inserts) the node agent SKU, with the key spelling of the shape. */
export function replaceNodeAgentSkuEdits(text: string, spec: PoolSpec, sku: string): TextEdit[] {
  const own = ownRange(spec.nodeAgentSkuId);
  if (own) return [{ ...own, newText: JSON.stringify(sku) }];
  const key = spec.shape === 'arm' ? 'nodeAgentSkuId' : 'nodeAgentSKUId';
  return setAt(text, spec, [...vmConfigurationPath(spec), key], sku);
}

/** Caps the node counts (only the given ones, and only where the value is a literal). */
export function capNodesEdits(
  _text: string,
  spec: PoolSpec,
  caps: { targetDedicatedNodes?: number; targetLowPriorityNodes?: number },
): TextEdit[] {
  const edits: TextEdit[] = [];
  const pairs = [
    [spec.targetDedicatedNodes, caps.targetDedicatedNodes],
    [spec.targetLowPriorityNodes, caps.targetLowPriorityNodes],
  ] as const;
  for (const [current, cap] of pairs) {
    if (cap === undefined || !current?.range || current.unknown) continue;
    if (current.value !== undefined && current.value <= cap) continue;
    edits.push({ ...current.range, newText: String(cap) });
  }
  return edits;
}

/** Adds (or completes) `virtualMachineConfiguration.securityProfile` for Trusted Launch / Confidential VM. */
export function addSecurityProfileEdits(
  text: string,
  spec: PoolSpec,
  securityType: 'trustedLaunch' | 'confidentialVM' = 'trustedLaunch',
): TextEdit[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const path = documentPath(root, spec.path, [...vmConfigurationPath(spec), 'securityProfile']);
  const existingNode = root ? findNodeAtLocation(root, path) : undefined;
  // Keep whatever else the profile already says (e.g. encryptionAtHost).
  const existing: unknown = existingNode ? getNodeValue(existingNode) : undefined;
  const base = existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {};
  const uefi = base.uefiSettings && typeof base.uefiSettings === 'object' ? (base.uefiSettings as Record<string, unknown>) : {};
  const value = {
    ...base,
    securityType,
    uefiSettings: { ...uefi, secureBootEnabled: true, vTpmEnabled: true },
  };
  return modifyInPool(text, spec, path, value);
}
