// Azure's naming rules for every kind of name this extension puts into a request URL. A name
// from a pool document, a prompt or an Azure response goes through here before any URL is built
// (src/azure does it for every read and write; src/rules reports the same problems in the editor
// and the CLI), so no name can address another resource: `..` or `.` would be resolved by the URL
// parser (`…/batchAccounts/acct/pools/..` is a request to the account), `/`, `?` and `#` would
// change the path or query. Sources: "Naming rules and restrictions for Azure resources"
// (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules) and the
// Batch pool id rule of the Batch REST API.
import * as l10n from '@vscode/l10n';
import { parseArmId, type ArmId } from './armId';

export type AzureNameKind =
  | 'subscriptionId'
  | 'resourceGroup'
  | 'batchAccount'
  | 'batchPool'
  | 'managedImage'
  | 'snapshot'
  | 'disk'
  | 'virtualMachine'
  | 'vmExtension'
  | 'gallery'
  | 'galleryImageDefinition'
  | 'galleryImageVersion'
  | 'location';

interface NameRule {
  min: number;
  max: number;
  pattern: RegExp;
  /** What the name is, for messages ("Batch pool id"). */
  what(): string;
  /** The rule in words. */
  rule(): string;
}

/** Microsoft.Compute images, snapshots and disks share one rule. */
const COMPUTE_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const computeRule = () => l10n.t('1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore');

const RULES: Record<AzureNameKind, NameRule> = {
  subscriptionId: {
    min: 36, max: 36,
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    what: () => l10n.t('subscription id'),
    rule: () => l10n.t('a GUID such as 00000000-0000-0000-0000-000000000000'),
  },
  resourceGroup: {
    // Unicode letters and digits are allowed; a period anywhere but at the end.
    min: 1, max: 90,
    pattern: /^[-\p{L}\p{N}_.()]*[-\p{L}\p{N}_()]$/u,
    what: () => l10n.t('resource group name'),
    rule: () => l10n.t('1-90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period'),
  },
  batchAccount: {
    min: 3, max: 24,
    pattern: /^[a-z0-9]+$/,
    what: () => l10n.t('Batch account name'),
    rule: () => l10n.t('3-24 lowercase letters and digits'),
  },
  batchPool: {
    min: 1, max: 64,
    pattern: /^[A-Za-z0-9_-]+$/,
    what: () => l10n.t('Batch pool id'),
    rule: () => l10n.t('1-64 letters, digits, hyphens and underscores'),
  },
  managedImage: { min: 1, max: 80, pattern: COMPUTE_PATTERN, what: () => l10n.t('managed image name'), rule: computeRule },
  snapshot: { min: 1, max: 80, pattern: COMPUTE_PATTERN, what: () => l10n.t('snapshot name'), rule: computeRule },
  disk: { min: 1, max: 80, pattern: COMPUTE_PATTERN, what: () => l10n.t('disk name'), rule: computeRule },
  virtualMachine: {
    min: 1, max: 64,
    pattern: /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/,
    what: () => l10n.t('virtual machine name'),
    rule: () => l10n.t('1-64 letters, digits, underscores, periods and hyphens, not ending with a period or hyphen'),
  },
  vmExtension: {
    min: 1, max: 64,
    pattern: /^[A-Za-z0-9_.-]+$/,
    what: () => l10n.t('VM extension name'),
    rule: () => l10n.t('1-64 letters, digits, underscores, periods and hyphens'),
  },
  gallery: {
    min: 1, max: 80,
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.]*[A-Za-z0-9])?$/,
    what: () => l10n.t('gallery name'),
    rule: () => l10n.t('1-80 letters, digits, underscores and periods, starting and ending with a letter or digit (no hyphens)'),
  },
  galleryImageDefinition: {
    min: 1, max: 80,
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$/,
    what: () => l10n.t('image definition name'),
    rule: () => l10n.t('1-80 letters, digits, underscores, hyphens and periods, starting and ending with a letter or digit'),
  },
  galleryImageVersion: {
    min: 5, max: 32,
    pattern: /^\d{1,10}\.\d{1,10}\.\d{1,10}$/,
    what: () => l10n.t('image version name'),
    rule: () => l10n.t('Major.Minor.Patch, each a 32-bit integer, e.g. 1.0.0'),
  },
  location: {
    min: 1, max: 64,
    pattern: /^[a-z0-9]+$/,
    what: () => l10n.t('region name'),
    rule: () => l10n.t('lowercase letters and digits, e.g. westeurope'),
  },
};

const MAX_INT32 = 2 ** 31 - 1;

/** Shortens what a message echoes (a hostile name may be megabytes long or hold control characters). */
function shown(name: string): string {
  const clipped = name.length > 80 ? `${name.slice(0, 77)}…` : name;
  return JSON.stringify(clipped);
}

/** Why `name` is not a valid `kind` name in Azure; undefined when it is. */
export function azureNameProblem(kind: AzureNameKind, name: string): string | undefined {
  const rule = RULES[kind];
  let ok = typeof name === 'string' && name.length >= rule.min && name.length <= rule.max && rule.pattern.test(name) && name !== '.' && name !== '..';
  if (ok && kind === 'galleryImageVersion') ok = name.split('.').every((part) => Number(part) <= MAX_INT32);
  if (ok) return undefined;
  return l10n.t('{0} is not a valid {1}: Azure allows {2}.', shown(String(name)), rule.what(), rule.rule());
}

/** Whether `name` is a valid `kind` name in Azure. */
export function isValidAzureName(kind: AzureNameKind, name: string): boolean {
  return azureNameProblem(kind, name) === undefined;
}

/** The name kinds of each resource type's name segments, by lowercased type. */
const NAME_KINDS_BY_TYPE: Readonly<Record<string, readonly AzureNameKind[]>> = {
  'microsoft.batch/batchaccounts': ['batchAccount'],
  'microsoft.batch/batchaccounts/pools': ['batchAccount', 'batchPool'],
  'microsoft.compute/images': ['managedImage'],
  'microsoft.compute/snapshots': ['snapshot'],
  'microsoft.compute/disks': ['disk'],
  'microsoft.compute/virtualmachines': ['virtualMachine'],
  'microsoft.compute/virtualmachines/extensions': ['virtualMachine', 'vmExtension'],
  'microsoft.compute/galleries': ['gallery'],
  'microsoft.compute/galleries/images': ['gallery', 'galleryImageDefinition'],
  'microsoft.compute/galleries/images/versions': ['gallery', 'galleryImageDefinition', 'galleryImageVersion'],
};

/**
 * Parses an ARM resource id of `type` (lowercase, e.g. `microsoft.batch/batchaccounts/pools`) and
 * checks every segment against Azure's rules: the subscription id, the resource group and each
 * name. Returns the parsed id, or why it cannot be used.
 */
export function checkArmId(id: string, type: string): { ok: true; id: ArmId } | { ok: false; problem: string } {
  const parsed = typeof id === 'string' ? parseArmId(id) : undefined;
  const kinds = NAME_KINDS_BY_TYPE[type.toLowerCase()];
  if (!parsed?.resourceGroup || !kinds || parsed.type.toLowerCase() !== type.toLowerCase() || parsed.names.length !== kinds.length) {
    return { ok: false, problem: l10n.t('{0} is not the id of a {1} resource.', shown(String(id)), type) };
  }
  const problem =
    azureNameProblem('subscriptionId', parsed.subscriptionId) ??
    azureNameProblem('resourceGroup', parsed.resourceGroup) ??
    kinds.map((kind, i) => azureNameProblem(kind, parsed.names[i])).find((p) => p !== undefined);
  return problem ? { ok: false, problem } : { ok: true, id: parsed };
}

/**
 * Why the `name` of an ARM pool resource cannot be used: `account/pool` (or `pool` alone) at the
 * top level, `pool` as a child of an account resource; every segment must follow Azure's rules.
 * `acct/..` is refused here: it would address the account itself.
 */
export function armPoolNameProblem(name: string, child: boolean): string | undefined {
  const segments = name.split('/');
  if (segments.length > (child ? 1 : 2)) {
    return child
      ? l10n.t('The name {0} of a pool inside a Batch account resource must be the pool id alone, without "/".', shown(name))
      : l10n.t('The name {0} must be ACCOUNT/POOL: a Batch account name and a pool id.', shown(name));
  }
  if (segments.length === 2) {
    const accountProblem = azureNameProblem('batchAccount', segments[0]);
    if (accountProblem) return accountProblem;
  }
  return azureNameProblem('batchPool', segments[segments.length - 1]);
}
