// Azure's and Batch's naming rules, checked as the user types (the same rules Azure enforces, so
// a refused name is refused before anything is sent). Whether a name is valid is decided in one
// place, src/model/azureNames.ts (which the access layer applies to every request too); these
// functions only say more precisely what to change. Pure functions: a message or undefined.
import * as l10n from '@vscode/l10n';
import { compareVersionNames, isValidAzureName } from '../../model';

function taken(name: string, existing: readonly string[], what: string, where: string): string | undefined {
  return existing.some((e) => e.toLowerCase() === name.toLowerCase()) ? l10n.t('{0} already has {1} named \'{2}\'.', where, what, name) : undefined;
}

/** Managed image names: 1-80 letters, digits, `_ . -`; start with a letter or digit; end with a letter, digit or `_`. */
export function imageNameProblem(name: string, existing: readonly string[], resourceGroup: string): string | undefined {
  if (!isValidAzureName('managedImage', name)) {
    if (name.length < 1 || name.length > 80) return l10n.t('The image name must be 1-80 characters long.');
    if (/[^A-Za-z0-9_.-]/.test(name)) return l10n.t('The image name can contain only letters, digits, underscores, periods and hyphens.');
    return l10n.t('The image name must start with a letter or digit and end with a letter, digit or underscore.');
  }
  return taken(name, existing, l10n.t('an image'), l10n.t('Resource group \'{0}\'', resourceGroup));
}

export function resourceGroupNameProblem(name: string): string | undefined {
  if (isValidAzureName('resourceGroup', name)) return undefined;
  if (name.length < 1 || name.length > 90) return l10n.t('Resource group names are 1-90 characters long.');
  return l10n.t('Resource group names can contain letters, digits, underscores, periods, hyphens and parentheses, and cannot end with a period.');
}

export function galleryNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (name.length < 1 || name.length > 80) return l10n.t('Gallery names are 1-80 characters long.');
  if (!isValidAzureName('gallery', name)) return l10n.t('Gallery names can contain only letters, digits, periods and underscores, and must start and end with a letter or digit (no hyphens).');
  return taken(name, existing, 'a gallery', l10n.t('The resource group'));
}

export function definitionNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (name.length < 1 || name.length > 80) return l10n.t('Image definition names are 1-80 characters long.');
  if (!isValidAzureName('galleryImageDefinition', name)) return l10n.t('Image definition names can contain letters, digits, hyphens, periods and underscores, and must start and end with a letter or digit.');
  return taken(name, existing, l10n.t('an image definition'), l10n.t('The gallery'));
}

export function identifierProblem(value: string, what: string): string | undefined {
  if (value.length < 1 || value.length > 128) return l10n.t('The {0} must be 1-128 characters long.', what);
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$/.test(value)) return l10n.t('The {0} can contain letters, digits, hyphens, periods and underscores, and must start and end with a letter or digit.', what);
  return undefined;
}

export function versionNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (!isValidAzureName('galleryImageVersion', name)) {
    if (/^\d{1,10}\.\d{1,10}\.\d{1,10}$/.test(name)) return l10n.t('Each part of the version must fit a 32-bit integer.');
    return l10n.t('Version names follow \'Major.Minor.Patch\' with whole numbers, e.g. 1.0.0.');
  }
  return existing.some((e) => compareVersionNames(e, name) === 0) ? l10n.t('Version {0} already exists in this image definition.', name) : undefined;
}

/** The next patch version after the highest existing one (1.0.1 after 1.0.0); 1.0.0 for a new definition. */
export function nextVersionName(existing: readonly string[]): string {
  const valid = existing.filter((e) => isValidAzureName('galleryImageVersion', e)).sort(compareVersionNames);
  const highest = valid[valid.length - 1];
  if (!highest) return '1.0.0';
  const [major, minor, patch] = highest.split('.').map(Number);
  return `${major}.${minor}.${patch + 1}`;
}

/** Batch pool ids: letters, digits, hyphens and underscores, at most 64; unique in the account (case-insensitive). */
export function poolIdProblem(id: string, existing: readonly string[], accountName: string): string | undefined {
  if (id.length < 1 || id.length > 64) return l10n.t('The pool id must be 1-64 characters long.');
  if (!isValidAzureName('batchPool', id)) return l10n.t('The pool id can contain only letters, digits, hyphens and underscores.');
  return taken(id, existing, 'a pool', l10n.t('Batch account \'{0}\'', accountName));
}

export function nodeCountProblem(value: string, what: string): string | undefined {
  if (!/^\d+$/.test(value.trim())) return l10n.t('The {0} must be a whole number of nodes (0 or more).', what);
  return undefined;
}

export function isoDurationProblem(value: string): string | undefined {
  return /^P(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/.test(value.trim()) && value.trim() !== 'P' ? undefined : l10n.t('Use an ISO-8601 duration such as PT15M or PT1H.');
}

/** Data disk LUNs: a comma-separated list of distinct integers 0-63, one per data disk. */
export function parseLuns(value: string, count: number): { luns?: number[]; problem?: string } {
  const parts = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length !== count) return { problem: l10n.t('Give {0} LUN(s), one per data-disk snapshot, separated by commas.', count) };
  const luns = parts.map(Number);
  if (parts.some((p) => !/^\d+$/.test(p)) || luns.some((l) => l > 63)) return { problem: l10n.t('LUNs are whole numbers from 0 to 63.') };
  if (new Set(luns).size !== luns.length) return { problem: l10n.t('Each data disk needs its own LUN.') };
  return { luns };
}

/** Replicas per region: ceil(planned nodes / 300), at least 1 (the gallery guidance). */
export function suggestedReplicaCount(plannedNodes: number): number {
  return Math.max(1, Math.ceil(plannedNodes / 300));
}

/** `eastus=2, westus2=1` → a map; every listed region must get a count from 1 to 100. */
export function parseReplicaCounts(value: string, regions: readonly string[]): { counts?: Map<string, number>; problem?: string } {
  const counts = new Map<string, number>();
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p)) {
    const m = /^([A-Za-z0-9 ]+?)\s*=\s*(\d+)$/.exec(part);
    if (!m) return { problem: l10n.t('Write each region as region=count, e.g. {0}=1.', regions[0] ?? 'eastus') };
    const region = regions.find((r) => r.toLowerCase() === m[1].toLowerCase());
    if (!region) return { problem: l10n.t('\'{0}\' is not one of the chosen regions ({1}).', m[1], regions.join(', ')) };
    const n = Number(m[2]);
    if (n < 1 || n > 100) return { problem: l10n.t('Replica counts go from 1 to 100 per region.') };
    counts.set(region, n);
  }
  const missing = regions.filter((r) => !counts.has(r));
  if (missing.length > 0) return { problem: l10n.t('Give a replica count for {0}.', missing.join(', ')) };
  return { counts };
}
