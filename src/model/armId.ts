// ARM resource ids: parsing, formatting and case-insensitive comparison.
// Azure treats ids case-insensitively, and real payloads mix casings ("resourcegroups" vs
// "resourceGroups") and sometimes omit the leading slash, so every comparison goes through armIdKey.

/** A parsed ARM resource id. `types`/`names` are the resource type segments below the provider. */
export interface ArmId {
  /** The id as given, normalised to start with a slash and without a trailing slash. */
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup?: string;
  /** Provider namespace, e.g. `Microsoft.Compute`. */
  readonly provider?: string;
  /** Type segments below the provider, e.g. `['galleries', 'images', 'versions']`. */
  readonly types: readonly string[];
  /** Names matching `types`, e.g. `['myGallery', 'myDef', '1.0.0']`. */
  readonly names: readonly string[];
  /** Full resource type, e.g. `Microsoft.Compute/galleries/images/versions` (empty for a subscription or group). */
  readonly type: string;
  /** Name of the last resource (the group or subscription id when the id names one of those). */
  readonly name: string;
}

/** Normalised lookup key: lowercase, leading slash, no trailing slash. Use it for every map key. */
export function armIdKey(id: string): string {
  let s = id.trim().toLowerCase();
  if (!s.startsWith('/')) s = '/' + s;
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s;
}

/** Case-insensitive id equality. */
export function sameArmId(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return armIdKey(a) === armIdKey(b);
}

/** Parses an ARM id; undefined when the text is not one (no subscriptions segment, odd segment pairs). */
export function parseArmId(id: string): ArmId | undefined {
  if (typeof id !== 'string') return undefined;
  const trimmed = id.trim().replace(/\/+$/, '');
  const segments = trimmed.replace(/^\/+/, '').split('/');
  if (segments.length < 2 || segments.some((s) => s.length === 0)) return undefined;
  if (segments[0].toLowerCase() !== 'subscriptions') return undefined;
  const subscriptionId = segments[1];
  const normalised = '/' + segments.join('/');
  if (segments.length === 2) {
    return { id: normalised, subscriptionId, types: [], names: [], type: '', name: subscriptionId };
  }
  if (segments[2].toLowerCase() !== 'resourcegroups' || segments.length < 4) return undefined;
  const resourceGroup = segments[3];
  if (segments.length === 4) {
    return { id: normalised, subscriptionId, resourceGroup, types: [], names: [], type: '', name: resourceGroup };
  }
  if (segments[4].toLowerCase() !== 'providers' || segments.length < 8) return undefined;
  const provider = segments[5];
  const rest = segments.slice(6);
  if (rest.length % 2 !== 0) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i]);
    names.push(rest[i + 1]);
  }
  return {
    id: normalised,
    subscriptionId,
    resourceGroup,
    provider,
    types,
    names,
    type: `${provider}/${types.join('/')}`,
    name: names[names.length - 1],
  };
}

/** Builds an ARM id from its parts. */
export function formatArmId(parts: {
  subscriptionId: string;
  resourceGroup?: string;
  provider?: string;
  types?: readonly string[];
  names?: readonly string[];
}): string {
  let id = `/subscriptions/${parts.subscriptionId}`;
  if (parts.resourceGroup === undefined) return id;
  id += `/resourceGroups/${parts.resourceGroup}`;
  if (!parts.provider || !parts.types || parts.types.length === 0) return id;
  id += `/providers/${parts.provider}`;
  const names = parts.names ?? [];
  parts.types.forEach((t, i) => {
    id += `/${t}/${names[i] ?? ''}`;
  });
  return id;
}

/** Lowercased resource type of an id, e.g. `microsoft.compute/images`; undefined when unparseable. */
export function armResourceType(id: string): string | undefined {
  return parseArmId(id)?.type.toLowerCase();
}

/** The id of the parent resource (drops the last type/name pair); undefined at the top. */
export function parentArmId(id: string): string | undefined {
  const p = parseArmId(id);
  if (!p || p.types.length < 2) return undefined;
  return formatArmId({
    subscriptionId: p.subscriptionId,
    resourceGroup: p.resourceGroup,
    provider: p.provider,
    types: p.types.slice(0, -1),
    names: p.names.slice(0, -1),
  });
}

export const RESOURCE_TYPES = {
  managedImage: 'microsoft.compute/images',
  snapshot: 'microsoft.compute/snapshots',
  disk: 'microsoft.compute/disks',
  virtualMachine: 'microsoft.compute/virtualmachines',
  gallery: 'microsoft.compute/galleries',
  galleryImageDefinition: 'microsoft.compute/galleries/images',
  galleryImageVersion: 'microsoft.compute/galleries/images/versions',
  batchAccount: 'microsoft.batch/batchaccounts',
  batchPool: 'microsoft.batch/batchaccounts/pools',
} as const;
