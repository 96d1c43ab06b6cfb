// Text → PoolSpec[]: recognises the Batch data-plane shape, a single ARM pool resource, and ARM
// templates holding any number of pools. Syntax errors are collected, never thrown: the tolerant
// parser still yields a tree for the rest of the document.
import * as l10n from '@vscode/l10n';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { PoolSpec, TextRange } from '../model';
import { isArmExpression } from './jsonNodes';
import { readArmPool, readDataPlanePool } from './readSpec';
import { strictTape } from './strictTape';
import { Kind, tapeFromTree, type JsonTape } from './tape';
import { findProperty, propertyValue, rangeAt } from './tapeLookup';
import { findDuplicateKeys, type DuplicateKeyEntry } from './duplicateKeys';

export type PoolDocumentKind = 'dataPlane' | 'arm' | 'armTemplate' | 'unknown';

export interface JsonSyntaxError {
  /** jsonc-parser's error name, e.g. `CommaExpected`. */
  code: string;
  message: string;
  range: TextRange;
}

export interface PoolDocument {
  kind: PoolDocumentKind;
  specs: PoolSpec[];
  syntaxErrors: JsonSyntaxError[];
  /** The syntax tree (undefined for empty text), built on first access: the analysis reads a compact tape instead. */
  root?: Node;
}

const POOL_TYPE = 'microsoft.batch/batchaccounts/pools';
const ACCOUNT_TYPE = 'microsoft.batch/batchaccounts';
const DEPLOYMENT_TYPE = 'microsoft.resources/deployments';

const DATA_PLANE_MARKERS = [
  'virtualMachineConfiguration',
  'targetDedicatedNodes',
  'targetLowPriorityNodes',
  'enableAutoScale',
  'autoScaleFormula',
];
const ARM_PROPERTY_MARKERS = ['deploymentConfiguration', 'scaleSettings'];

function stringValue(tape: JsonTape, obj: number, key: string): string | undefined {
  const v = propertyValue(tape, obj, key);
  if (v === -1 || tape.kind(v) !== Kind.string) return undefined;
  const value = tape.value(v);
  return typeof value === 'string' ? value : undefined;
}

function objectValue(tape: JsonTape, obj: number, key: string): number {
  const v = propertyValue(tape, obj, key);
  return v !== -1 && tape.kind(v) === Kind.object ? v : -1;
}

/** The resource objects of a `resources` value: an array, or an object of symbolic names (languageVersion 2.0). */
function resourceNodes(tape: JsonTape, resources: number): number[] {
  const out: number[] = [];
  if (resources === -1) return out;
  const kind = tape.kind(resources);
  if (kind !== Kind.array && kind !== Kind.object) return out;
  for (let c = tape.firstChild(resources); c !== -1; c = tape.nextSibling(resources, c)) {
    const n = kind === Kind.array ? c : tape.valueOf(c);
    if (n !== -1 && tape.kind(n) === Kind.object) out.push(n);
  }
  return out;
}

function resourcesOf(tape: JsonTape, obj: number): number {
  return propertyValue(tape, obj, 'resources');
}

function isArmPoolObject(tape: JsonTape, root: number): boolean {
  const type = stringValue(tape, root, 'type')?.toLowerCase();
  if (type === POOL_TYPE) return true;
  const props = objectValue(tape, root, 'properties');
  return props !== -1 && ARM_PROPERTY_MARKERS.some((k) => findProperty(tape, props, k) !== -1);
}

function isDataPlanePoolObject(tape: JsonTape, root: number): boolean {
  return DATA_PLANE_MARKERS.some((k) => findProperty(tape, root, k) !== -1);
}

/** Collects pools from ARM resources, recursing into child resources and nested deployments. */
function collectTemplatePools(tape: JsonTape, resources: number, parentAccountName: string | undefined, out: PoolSpec[], depth = 0): void {
  if (depth > 8) return; // templates nest a few levels at most; guards against pathological input
  for (const res of resourceNodes(tape, resources)) {
    const type = stringValue(tape, res, 'type')?.toLowerCase();
    const parent = tape.parent(res);
    const prop = parent !== -1 && tape.kind(parent) === Kind.property ? parent : undefined;
    if (type === POOL_TYPE || (type === 'pools' && parentAccountName !== undefined)) {
      out.push(readArmPool({ tape, node: res, prop, parentAccountName }));
    } else if (type === ACCOUNT_TYPE) {
      const name = stringValue(tape, res, 'name');
      const accountName = name !== undefined && !isArmExpression(name) ? name : undefined;
      // Child pools of an account whose name is an expression still count; the account stays unknown.
      collectTemplatePools(tape, resourcesOf(tape, res), accountName ?? '', out, depth + 1);
    } else if (type === DEPLOYMENT_TYPE) {
      const props = objectValue(tape, res, 'properties');
      const template = objectValue(tape, props !== -1 ? props : res, 'template');
      if (template !== -1) collectTemplatePools(tape, resourcesOf(tape, template), undefined, out, depth + 1);
    } else {
      collectTemplatePools(tape, resourcesOf(tape, res), undefined, out, depth + 1);
    }
  }
}

/** A document whose syntax tree is built only if someone asks for `root` (nothing in the analysis does). */
function poolDocument(kind: PoolDocumentKind, specs: PoolSpec[], syntaxErrors: JsonSyntaxError[], tree: () => Node | undefined): PoolDocument {
  let root: { node: Node | undefined } | undefined;
  return {
    kind,
    specs,
    syntaxErrors,
    get root() {
      root ??= { node: tree() };
      return root.node;
    },
  };
}

/** Parses a pool document. Never throws. */
export function parsePoolDocument(text: string): PoolDocument {
  const errors: ParseError[] = [];
  // A byte order mark is not JSON; a space in its place keeps every offset where it was.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const jsoncTree = (): Node | undefined => parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  // Strict JSON (the usual case) takes the fast path, which reads exactly what jsonc-parser's tree holds.
  let tape = strictTape(source);
  let tree: () => Node | undefined = () => parseTree(source, [], { allowTrailingComma: true, disallowComments: false });
  if (!tape) {
    let root: Node | undefined;
    try {
      root = jsoncTree();
    } catch (e) {
      // jsonc-parser recurses per nesting level: thousands of levels overflow the stack.
      if (!(e instanceof RangeError)) throw e;
      const range = { offset: 0, length: Math.min(text.length, 1) };
      return { kind: 'unknown', specs: [], syntaxErrors: [{ code: 'NestingTooDeep', message: l10n.t('JSON syntax error: the document is nested too deeply to analyse'), range }] };
    }
    tape = tapeFromTree(source, root);
    tree = () => root;
  }
  const syntaxErrors = errors.map((e) => ({
    code: printParseErrorCode(e.error),
    message: l10n.t('JSON syntax error: {0}', printParseErrorCode(e.error)),
    range: { offset: e.offset, length: e.length },
  }));
  const root = tape.root;
  if (root === -1 || tape.kind(root) !== Kind.object) return poolDocument('unknown', [], syntaxErrors, tree);
  // Before any lookup: with duplicates, lookups return the last of them (what Azure reads).
  const duplicates = findDuplicateKeys(tape);
  const { kind, specs } = readPools(tape, root);
  if (duplicates.length > 0) assignDuplicates(tape, duplicates, specs);
  return poolDocument(kind, specs, syntaxErrors, tree);
}

/** The pools of a document whose root is an object, and which shape it has. */
function readPools(tape: JsonTape, root: number): { kind: PoolDocumentKind; specs: PoolSpec[] } {
  const resources = resourcesOf(tape, root);
  if (resources !== -1 && (tape.kind(resources) === Kind.array || tape.kind(resources) === Kind.object)) {
    const specs: PoolSpec[] = [];
    collectTemplatePools(tape, resources, undefined, specs);
    // Clean up the '' placeholder used for account parents named by expressions.
    for (const s of specs) if (s.accountName === '') s.accountName = undefined;
    return { kind: 'armTemplate', specs };
  }
  if (isArmPoolObject(tape, root)) return { kind: 'arm', specs: [readArmPool({ tape, node: root })] };
  if (isDataPlanePoolObject(tape, root)) return { kind: 'dataPlane', specs: [readDataPlanePool({ tape, node: root })] };
  return { kind: 'unknown', specs: [] };
}

/** Gives each repeated key to the innermost pool whose object holds it (keys outside every pool are Azure's concern, not a pool's). */
function assignDuplicates(tape: JsonTape, duplicates: readonly DuplicateKeyEntry[], specs: PoolSpec[]): void {
  for (const d of duplicates) {
    const offset = tape.offset(d.prop);
    let owner: PoolSpec | undefined;
    for (const spec of specs) {
      const r = spec.range;
      if (!r || offset < r.offset || offset >= r.offset + r.length) continue;
      if (!owner?.range || r.length < owner.range.length) owner = spec;
    }
    if (!owner) continue;
    const key = tape.value(tape.keyOf(d.prop));
    (owner.duplicateKeys ??= []).push({
      key: typeof key === 'string' ? key : '',
      range: rangeAt(tape, tape.keyOf(d.prop)),
      firstRange: rangeAt(tape, tape.keyOf(d.first)),
    });
  }
}
