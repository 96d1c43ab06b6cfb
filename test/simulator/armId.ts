// Parses and builds ARM resource ids. ARM treats ids case-insensitively, so keys are lower-cased.
export interface ArmIdParts {
  subscriptionId: string;
  resourceGroup?: string;
  provider?: string;
  /** Alternating type/name pairs after the provider, e.g. [['galleries','g'],['images','d']]. */
  segments: Array<[string, string]>;
}

export function parseArmId(id: string): ArmIdParts | undefined {
  const parts = id.split('/').filter((s) => s.length > 0);
  if (parts.length < 2 || parts[0].toLowerCase() !== 'subscriptions') return undefined;
  const result: ArmIdParts = { subscriptionId: parts[1], segments: [] };
  let i = 2;
  if (parts[i]?.toLowerCase() === 'resourcegroups') {
    if (!parts[i + 1]) return undefined;
    result.resourceGroup = parts[i + 1];
    i += 2;
  }
  if (i === parts.length) return result;
  if (parts[i]?.toLowerCase() !== 'providers' || !parts[i + 1]) return undefined;
  result.provider = parts[i + 1];
  i += 2;
  const rest = parts.slice(i);
  if (rest.length === 0 || rest.length % 2 !== 0) return undefined;
  for (let j = 0; j < rest.length; j += 2) result.segments.push([rest[j], rest[j + 1]]);
  return result;
}

export function idKey(id: string): string {
  return '/' + id.split('/').filter((s) => s.length > 0).join('/').toLowerCase();
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/** "Microsoft.Compute/galleries/images" style type of a parsed id. */
export function armType(parts: ArmIdParts): string {
  return [parts.provider ?? '', ...parts.segments.map(([t]) => t)].join('/');
}

export function normaliseLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}
