// The inventory snapshot as a file (the CLI's --inventory FILE): JSON with a format version.
import { emptyInventorySnapshot, INVENTORY_CATEGORIES, INVENTORY_FORMAT_VERSION, type InventorySnapshot } from './inventory';

/** Serialises a snapshot (stable key order of the snapshot object itself). */
export function serializeInventorySnapshot(snapshot: InventorySnapshot, pretty = true): string {
  return JSON.stringify({ ...snapshot, formatVersion: INVENTORY_FORMAT_VERSION }, null, pretty ? 2 : undefined);
}

export class InventoryFormatError extends Error {}

const LIST_KEYS = [...INVENTORY_CATEGORIES, 'errors'] as const;

/**
 * Parses a serialised snapshot. Missing lists default to empty (so hand-written files stay short);
 * a wrong format version or a non-array list throws InventoryFormatError.
 */
export function deserializeInventorySnapshot(text: string): InventorySnapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InventoryFormatError(`Inventory file is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InventoryFormatError('Inventory file must contain a JSON object.');
  }
  const obj = data as Record<string, unknown>;
  const version = obj.formatVersion ?? INVENTORY_FORMAT_VERSION;
  if (version !== INVENTORY_FORMAT_VERSION) {
    throw new InventoryFormatError(
      `Unsupported inventory formatVersion ${String(version)}; this version reads ${INVENTORY_FORMAT_VERSION}.`,
    );
  }
  const result = emptyInventorySnapshot();
  for (const key of LIST_KEYS) {
    const value = obj[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) throw new InventoryFormatError(`Inventory field "${key}" must be an array.`);
    (result as unknown as Record<string, unknown[]>)[key] = value.map((item, i) => checkItem(key, item, i));
  }
  if (typeof obj.loadedAt === 'string') result.loadedAt = obj.loadedAt;
  return result;
}

/** Array fields an item may omit in a hand-written file; they default to []. */
const DEFAULT_LISTS: Partial<Record<(typeof LIST_KEYS)[number], string[]>> = {
  images: ['sources'],
  virtualMachines: ['extensions', 'dataDiskIds'],
  galleryImageVersions: ['targetRegions'],
  batchAccounts: ['allowedAuthenticationModes'],
  pools: ['resizeErrors'],
};

/**
 * Shallow checks that keep indexing from failing on a hand-written file: every resource is an
 * object with a string id (pools also an accountId and a scale); omitted lists become [].
 */
function checkItem(key: (typeof LIST_KEYS)[number], item: unknown, index: number): unknown {
  const where = `Inventory field "${key}"[${index}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new InventoryFormatError(`${where} must be an object.`);
  const obj = { ...(item as Record<string, unknown>) };
  if (key === 'errors') {
    if (typeof obj.category !== 'string') throw new InventoryFormatError(`${where} has no string "category".`);
    return obj;
  }
  if (typeof obj.id !== 'string') throw new InventoryFormatError(`${where} has no string "id".`);
  if (key === 'subscriptions' && typeof obj.subscriptionId !== 'string') throw new InventoryFormatError(`${where} has no string "subscriptionId".`);
  if (key === 'pools') {
    if (typeof obj.accountId !== 'string') throw new InventoryFormatError(`${where} has no string "accountId".`);
    const scale = obj.scale as { kind?: unknown } | undefined;
    if (!scale || (scale.kind !== 'fixed' && scale.kind !== 'auto')) throw new InventoryFormatError(`${where} needs "scale" with kind "fixed" or "auto".`);
  }
  if (key === 'galleryImageVersions' && typeof obj.definitionId !== 'string') throw new InventoryFormatError(`${where} has no string "definitionId".`);
  for (const list of DEFAULT_LISTS[key] ?? []) if (obj[list] === undefined) obj[list] = [];
  return obj;
}
