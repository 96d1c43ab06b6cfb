// The inventory snapshot as a file (the CLI's --inventory FILE): JSON with a format version.
// Everything the rules and indexes read is checked on load, so a hand-edited or truncated file
// is refused with the field that is wrong instead of failing later inside a rule.
import * as l10n from '@vscode/l10n';
import { emptyInventorySnapshot, INVENTORY_CATEGORIES, INVENTORY_FORMAT_VERSION, type InventorySnapshot } from './inventory';

/** Serialises a snapshot (stable key order of the snapshot object itself). */
export function serializeInventorySnapshot(snapshot: InventorySnapshot, pretty = true): string {
  return JSON.stringify({ ...snapshot, formatVersion: INVENTORY_FORMAT_VERSION }, null, pretty ? 2 : undefined);
}

export class InventoryFormatError extends Error {}

const LIST_KEYS = [...INVENTORY_CATEGORIES, 'errors'] as const;
type ListKey = (typeof LIST_KEYS)[number];

// ---- the shape of each list item ------------------------------------------------------------

type FieldType =
  | 'string'
  | 'boolean'
  /** A whole number >= 0 (counts, quotas, LUNs). */
  | 'count'
  /** Any finite number. */
  | 'number'
  | 'strings'
  | 'stringMap'
  | { oneOf: readonly string[] }
  | { object: Shape }
  | { list: Shape };

interface Field {
  type: FieldType;
  /** Required fields must be present; optional ones may be absent (or null) but not of another type. */
  required?: boolean;
  /** Lists a hand-written file may omit: they default to []. */
  defaultEmpty?: boolean;
}

type Shape = Readonly<Record<string, Field>>;

const req = (type: FieldType): Field => ({ type, required: true });
const opt = (type: FieldType): Field => ({ type });
const list = (type: FieldType): Field => ({ type, required: true, defaultEmpty: true });

const PURCHASE_PLAN: Shape = { name: req('string'), publisher: req('string'), product: req('string') };

const SHAPES: Readonly<Record<Exclude<ListKey, 'pools'>, Shape>> = {
  subscriptions: { id: req('string'), subscriptionId: req('string'), tenantId: req('string'), displayName: req('string'), registeredProviders: opt('strings') },
  images: {
    id: req('string'),
    name: req('string'),
    subscriptionId: req('string'),
    resourceGroup: req('string'),
    location: req('string'),
    provisioningState: req('string'),
    osType: req('string'),
    osState: req('string'),
    hyperVGeneration: opt('string'),
    sources: list({ list: { kind: req({ oneOf: ['snapshot', 'disk', 'blob', 'vm'] }), id: opt('string'), uri: opt('string'), role: req({ oneOf: ['os', 'data'] }), lun: opt('count') } }),
    tags: opt('stringMap'),
  },
  snapshots: {
    id: req('string'),
    name: req('string'),
    location: req('string'),
    osType: opt('string'),
    diskSizeGB: opt('number'),
    hyperVGeneration: opt('string'),
    purchasePlan: opt({ object: PURCHASE_PLAN }),
    sourceResourceId: opt('string'),
    timeCreated: opt('string'),
    securityType: opt('string'),
    supportedSecurityOption: opt('string'),
  },
  disks: {
    id: req('string'),
    location: req('string'),
    osType: opt('string'),
    purchasePlan: opt({ object: PURCHASE_PLAN }),
    managedBy: opt('string'),
    sourceResourceId: opt('string'),
    securityType: opt('string'),
    supportedSecurityOption: opt('string'),
  },
  virtualMachines: {
    id: req('string'),
    location: req('string'),
    extensions: list({ list: { name: req('string'), type: req('string'), publisher: req('string') } }),
    osDiskId: opt('string'),
    dataDiskIds: list('strings'),
  },
  galleries: { id: req('string'), location: req('string') },
  galleryImageDefinitions: {
    id: req('string'),
    galleryId: req('string'),
    location: req('string'),
    osType: req('string'),
    osState: req('string'),
    hyperVGeneration: opt('string'),
    securityType: opt('string'),
    purchasePlan: opt({ object: PURCHASE_PLAN }),
    identifier: req({ object: { publisher: req('string'), offer: req('string'), sku: req('string') } }),
  },
  galleryImageVersions: {
    id: req('string'),
    definitionId: req('string'),
    name: req('string'),
    location: req('string'),
    provisioningState: req('string'),
    excludeFromLatest: req('boolean'),
    targetRegions: list({ list: { name: req('string'), regionalReplicaCount: req('count') } }),
    sourceId: opt('string'),
    diskSources: opt({ object: { osDiskId: req('string'), dataDisks: list({ list: { lun: req('count'), id: req('string') } }) } }),
    publishedDate: opt('string'),
  },
  batchAccounts: {
    id: req('string'),
    name: req('string'),
    subscriptionId: req('string'),
    resourceGroup: req('string'),
    location: req('string'),
    accountEndpoint: req('string'),
    poolAllocationMode: req('string'),
    allowedAuthenticationModes: list('strings'),
    quotas: opt({ object: { dedicatedCoreQuota: opt('count'), lowPriorityCoreQuota: opt('count'), poolQuota: opt('count') } }),
    supportedImages: opt({
      list: {
        nodeAgentSkuId: req('string'),
        osType: req('string'),
        verificationType: opt('string'),
        batchSupportEndOfLife: opt('string'),
        imageReference: opt({ object: { publisher: opt('string'), offer: opt('string'), sku: opt('string'), version: opt('string') } }),
      },
    }),
  },
  errors: { category: req({ oneOf: INVENTORY_CATEGORIES }), subscriptionId: opt('string'), message: req('string'), code: opt('string') },
};

const POOL: Shape = {
  id: req('string'),
  name: req('string'),
  accountId: req('string'),
  vmSize: req('string'),
  imageId: opt('string'),
  nodeAgentSkuId: opt('string'),
  currentDedicatedNodes: req('count'),
  currentLowPriorityNodes: req('count'),
  allocationState: req('string'),
  provisioningState: req('string'),
  resizeErrors: list({ list: { code: req('string'), message: req('string') } }),
  inboundNatPoolCount: req('count'),
  securityProfile: opt({ object: { securityType: opt('string'), secureBootEnabled: opt('boolean'), vTpmEnabled: opt('boolean') } }),
};
const FIXED_SCALE: Shape = { targetDedicatedNodes: req('count'), targetLowPriorityNodes: req('count'), resizeTimeout: opt('string') };
const AUTO_SCALE: Shape = { formula: opt('string') };

// ---- checking -------------------------------------------------------------------------------

type Loose = Record<string, unknown>;

function isObject(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeType(type: FieldType): string {
  if (type === 'string') return l10n.t('a string');
  if (type === 'boolean') return l10n.t('true or false');
  if (type === 'count') return l10n.t('a whole number of 0 or more');
  if (type === 'number') return l10n.t('a number');
  if (type === 'strings') return l10n.t('an array of strings');
  if (type === 'stringMap') return l10n.t('an object of strings');
  if ('oneOf' in type) return l10n.t('one of {0}', type.oneOf.map((v) => `"${v}"`).join(', '));
  if ('object' in type) return l10n.t('an object');
  return l10n.t('an array of objects');
}

function fits(type: FieldType, value: unknown): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  // JSON.parse reads 1e999 as Infinity: finite numbers only.
  if (type === 'count') return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'strings') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (type === 'stringMap') return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
  if ('oneOf' in type) return typeof value === 'string' && type.oneOf.includes(value);
  if ('object' in type) return isObject(value);
  return Array.isArray(value);
}

function fail(path: string, message: string): never {
  throw new InventoryFormatError(l10n.t('Inventory field {0} {1}', path, message));
}

/** Checks `obj` against `shape` in place, filling omitted default lists. */
function checkShape(obj: Loose, shape: Shape, path: string): void {
  for (const [name, field] of Object.entries(shape)) {
    const where = `${path}.${name}`;
    let value = obj[name];
    if (value === undefined || value === null) {
      if (field.defaultEmpty) value = obj[name] = [];
      else if (field.required) fail(where, l10n.t('is missing: it must be {0}.', describeType(field.type)));
      else {
        delete obj[name];
        continue;
      }
    }
    if (!fits(field.type, value)) fail(where, l10n.t('must be {0}.', describeType(field.type)));
    if (typeof field.type === 'object' && 'object' in field.type) {
      const copy = { ...(value as Loose) };
      checkShape(copy, field.type.object, where);
      obj[name] = copy;
    } else if (typeof field.type === 'object' && 'list' in field.type) {
      const itemShape = field.type.list;
      obj[name] = (value as unknown[]).map((item, i) => {
        if (!isObject(item)) fail(`${where}[${i}]`, l10n.t('must be an object.'));
        const copy = { ...item };
        checkShape(copy, itemShape, `${where}[${i}]`);
        return copy;
      });
    }
  }
}

function checkItem(key: ListKey, item: unknown, index: number): unknown {
  const where = `"${key}"[${index}]`;
  if (!isObject(item)) fail(where, l10n.t('must be an object.'));
  const obj = { ...item };
  if (key !== 'pools') {
    checkShape(obj, SHAPES[key], where);
    return obj;
  }
  checkShape(obj, POOL, where);
  const scale = obj.scale;
  if (!isObject(scale) || (scale.kind !== 'fixed' && scale.kind !== 'auto')) fail(`${where}.scale`, l10n.t('must be an object with "kind" "fixed" or "auto".'));
  const scaleCopy = { ...scale };
  checkShape(scaleCopy, scale.kind === 'fixed' ? FIXED_SCALE : AUTO_SCALE, `${where}.scale`);
  obj.scale = scaleCopy;
  return obj;
}

/**
 * Parses a serialised snapshot. Missing lists default to empty (so hand-written files stay short);
 * a wrong format version, a non-array list or an item without a field the rules read throws
 * InventoryFormatError naming the field.
 */
export function deserializeInventorySnapshot(text: string): InventorySnapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InventoryFormatError(l10n.t('Inventory file is not valid JSON: {0}', (e as Error).message));
  }
  if (!isObject(data)) throw new InventoryFormatError(l10n.t('Inventory file must contain a JSON object.'));
  const version = data.formatVersion ?? INVENTORY_FORMAT_VERSION;
  if (version !== INVENTORY_FORMAT_VERSION) {
    throw new InventoryFormatError(l10n.t('Unsupported inventory formatVersion {0}; this version reads {1}.', String(version), INVENTORY_FORMAT_VERSION));
  }
  const result = emptyInventorySnapshot();
  for (const key of LIST_KEYS) {
    const value = data[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) throw new InventoryFormatError(l10n.t('Inventory field "{0}" must be an array.', key));
    (result as unknown as Record<string, unknown[]>)[key] = value.map((item, i) => checkItem(key, item, i));
  }
  if (data.loadedAt !== undefined) {
    if (typeof data.loadedAt !== 'string') fail('loadedAt', l10n.t('must be {0}.', describeType('string')));
    result.loadedAt = data.loadedAt;
  }
  return result;
}
