// Small helpers shared by the SDK -> model mappers.
import { parseArmId } from '../../model';
import type { OsType, PurchasePlan } from '../../model';

export function osTypeOf(value: string | undefined): OsType | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v === 'windows') return 'Windows';
  if (v === 'linux') return 'Linux';
  return undefined;
}

export function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // Strings come from raw JSON (Resource Graph rows); the SDKs hand Dates. One spelling for both.
  if (typeof value === 'string') {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
  }
  return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
}

export function purchasePlanOf(p: { name?: string; publisher?: string; product?: string } | undefined): PurchasePlan | undefined {
  if (!p || !p.name || !p.publisher || !p.product) return undefined;
  return { name: p.name, publisher: p.publisher, product: p.product };
}

const WELL_FORMED_RESOURCE_ID = /^\/subscriptions\/([^/\s]+)\/resourceGroups\/([^/\s]+)\/providers\/[^/\s]+(?:\/[^/\s]+\/[^/\s]+)+$/i;

/** Subscription and resource group of a resource id ('' when the id is odd). */
export function scopeOf(id: string): { subscriptionId: string; resourceGroup: string } {
  // Every resource a list returns has this shape: one regex instead of a full parse (a load maps
  // tens of thousands). Anything else (odd slashes, spaces, no provider) takes the full parse.
  const m = WELL_FORMED_RESOURCE_ID.exec(id);
  if (m) return { subscriptionId: m[1], resourceGroup: m[2] };
  const p = parseArmId(id);
  return { subscriptionId: p?.subscriptionId ?? '', resourceGroup: p?.resourceGroup ?? '' };
}

/** Payloads sometimes omit the leading slash of ids; the model wants it. */
export function normaliseId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const t = id.trim();
  return t.startsWith('/') ? t : `/${t}`;
}

/**
 * A resource as Resource Manager sends it (`properties` nested) in the shape the ARM SDKs'
 * models have (`properties` flattened into the top level), so that one mapper per type reads
 * both: the SDKs' answers, and raw JSON (Resource Graph rows, lists read without the SDK's
 * deserializer).
 */
export function flattenArmResource(resource: unknown): Record<string, unknown> {
  const r = (typeof resource === 'object' && resource !== null ? resource : {}) as Record<string, unknown>;
  const properties = typeof r.properties === 'object' && r.properties !== null ? (r.properties as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...properties, id: r.id, name: r.name, type: r.type, location: r.location };
  if (typeof r.tags === 'object' && r.tags !== null) out.tags = r.tags;
  if (typeof r.managedBy === 'string' && r.managedBy) out.managedBy = r.managedBy;
  return out;
}
