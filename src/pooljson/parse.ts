// Text → PoolSpec[]: recognises the Batch data-plane shape, a single ARM pool resource, and ARM
// templates holding any number of pools. Syntax errors are collected, never thrown: the tolerant
// parser still yields a tree for the rest of the document.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { PoolSpec, TextRange } from '../model';
import { findProperty, isArmExpression, valueNode } from './jsonNodes';
import { readArmPool, readDataPlanePool } from './readSpec';

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
  /** The syntax tree (undefined for empty text); edits and the editor may reuse it. */
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

function stringValue(obj: Node, key: string): string | undefined {
  const p = findProperty(obj, key);
  const v = p && valueNode(p);
  return v?.type === 'string' && typeof v.value === 'string' ? v.value : undefined;
}

function objectValue(obj: Node, key: string): Node | undefined {
  const p = findProperty(obj, key);
  const v = p && valueNode(p);
  return v?.type === 'object' ? v : undefined;
}

/** The resource objects of a `resources` value: an array, or an object of symbolic names (languageVersion 2.0). */
function resourceNodes(resources: Node | undefined): Node[] {
  if (!resources?.children) return [];
  if (resources.type === 'array') return resources.children.filter((n) => n.type === 'object');
  if (resources.type === 'object') {
    return resources.children.map((p) => valueNode(p)).filter((n): n is Node => n?.type === 'object');
  }
  return [];
}

function resourcesOf(obj: Node): Node | undefined {
  const p = findProperty(obj, 'resources');
  return p && valueNode(p);
}

function isArmPoolObject(root: Node): boolean {
  const type = stringValue(root, 'type')?.toLowerCase();
  if (type === POOL_TYPE) return true;
  const props = objectValue(root, 'properties');
  return props !== undefined && ARM_PROPERTY_MARKERS.some((k) => findProperty(props, k) !== undefined);
}

function isDataPlanePoolObject(root: Node): boolean {
  return DATA_PLANE_MARKERS.some((k) => findProperty(root, k) !== undefined);
}

/** Collects pools from ARM resources, recursing into child resources and nested deployments. */
function collectTemplatePools(resources: Node | undefined, parentAccountName: string | undefined, out: PoolSpec[], depth = 0): void {
  if (depth > 8) return; // templates nest a few levels at most; guards against pathological input
  for (const res of resourceNodes(resources)) {
    const type = stringValue(res, 'type')?.toLowerCase();
    const prop = res.parent?.type === 'property' ? res.parent : undefined;
    if (type === POOL_TYPE || (type === 'pools' && parentAccountName !== undefined)) {
      out.push(readArmPool({ node: res, prop, parentAccountName }));
    } else if (type === ACCOUNT_TYPE) {
      const name = stringValue(res, 'name');
      const accountName = name !== undefined && !isArmExpression(name) ? name : undefined;
      // Child pools of an account whose name is an expression still count; the account stays unknown.
      collectTemplatePools(resourcesOf(res), accountName ?? '', out, depth + 1);
    } else if (type === DEPLOYMENT_TYPE) {
      const template = objectValue(objectValue(res, 'properties') ?? res, 'template');
      if (template) collectTemplatePools(resourcesOf(template), undefined, out, depth + 1);
    } else {
      collectTemplatePools(resourcesOf(res), undefined, out, depth + 1);
    }
  }
}

/** Parses a pool document. Never throws. */
export function parsePoolDocument(text: string): PoolDocument {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    // A byte order mark is not JSON; a space in its place keeps every offset where it was.
    const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // jsonc-parser recurses per nesting level: thousands of levels overflow the stack.
    if (!(e instanceof RangeError)) throw e;
    const range = { offset: 0, length: Math.min(text.length, 1) };
    return { kind: 'unknown', specs: [], syntaxErrors: [{ code: 'NestingTooDeep', message: 'JSON syntax error: the document is nested too deeply to analyse', range }] };
  }
  const syntaxErrors = errors.map((e) => ({
    code: printParseErrorCode(e.error),
    message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    range: { offset: e.offset, length: e.length },
  }));
  if (!root || root.type !== 'object') return { kind: 'unknown', specs: [], syntaxErrors, root };

  const resources = resourcesOf(root);
  if (resources && (resources.type === 'array' || resources.type === 'object')) {
    const specs: PoolSpec[] = [];
    collectTemplatePools(resources, undefined, specs);
    // Clean up the '' placeholder used for account parents named by expressions.
    for (const s of specs) if (s.accountName === '') s.accountName = undefined;
    return { kind: 'armTemplate', specs, syntaxErrors, root };
  }
  if (isArmPoolObject(root)) return { kind: 'arm', specs: [readArmPool({ node: root })], syntaxErrors, root };
  if (isDataPlanePoolObject(root)) return { kind: 'dataPlane', specs: [readDataPlanePool({ node: root })], syntaxErrors, root };
  return { kind: 'unknown', specs: [], syntaxErrors, root };
}
