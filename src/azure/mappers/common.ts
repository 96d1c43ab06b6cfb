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
