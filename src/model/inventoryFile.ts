// The inventory snapshot as a file (the CLI's --inventory FILE): JSON with a format version.
import * as l10n from '@vscode/l10n';
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
    throw new InventoryFormatError(l10n.t('Inventory file is not valid JSON: {0}', (e as Error).message));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InventoryFormatError(l10n.t('Inventory file must contain a JSON object.'));
  }
  const obj = data as Record<string, unknown>;
  const version = obj.formatVersion ?? INVENTORY_FORMAT_VERSION;
  if (version !== INVENTORY_FORMAT_VERSION) {
    throw new InventoryFormatError(
      l10n.t('Unsupported inventory formatVersion {0}; this version reads {1}.', String(version), INVENTORY_FORMAT_VERSION),
    );
  }
  const result = emptyInventorySnapshot();
  for (const key of LIST_KEYS) {
    const value = obj[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) throw new InventoryFormatError(l10n.t('Inventory field "{0}" must be an array.', key));
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
  const where = l10n.t('Inventory field "{0}"[{1}]', key, index);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new InventoryFormatError(l10n.t('{0} must be an object.', where));
  const obj = { ...(item as Record<string, unknown>) };
  if (key === 'errors') {
    if (typeof obj.category !== 'string') throw new InventoryFormatError(l10n.t('{0} has no string "category".', where));
    return obj;
  }
  if (typeof obj.id !== 'string') throw new InventoryFormatError(l10n.t('{0} has no string "id".', where));
  if (key === 'subscriptions' && typeof obj.subscriptionId !== 'string') throw new InventoryFormatError(l10n.t('{0} has no string "subscriptionId".', where));
  if (key === 'pools') {
    if (typeof obj.accountId !== 'string') throw new InventoryFormatError(l10n.t('{0} has no string "accountId".', where));
    const scale = obj.scale as { kind?: unknown } | undefined;
    if (!scale || (scale.kind !== 'fixed' && scale.kind !== 'auto')) throw new InventoryFormatError(l10n.t('{0} needs "scale" with kind "fixed" or "auto".', where));
  }
  if (key === 'galleryImageVersions' && typeof obj.definitionId !== 'string') throw new InventoryFormatError(l10n.t('{0} has no string "definitionId".', where));
  for (const list of DEFAULT_LISTS[key] ?? []) if (obj[list] === undefined) obj[list] = [];
  return obj;
}
