// Azure's naming rules per resource type (as documented for each resource provider).
export interface NameRule {
  min: number;
  max: number;
  pattern: RegExp;
  description: string;
  code: string;
}

export const NAME_RULES = {
  // Microsoft.Compute images, snapshots, disks: 1-80, alphanumerics, underscores, periods, hyphens;
  // start with alphanumeric; end with alphanumeric or underscore.
  computeGeneric: {
    min: 1, max: 80, code: 'InvalidParameter',
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/,
    description: 'The name can contain only letters, numbers, underscores, periods and hyphens; it must start with a letter or number and end with a letter, number or underscore, and be 1-80 characters long.',
  },
  virtualMachine: {
    min: 1, max: 64, code: 'InvalidParameter',
    pattern: /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/,
    description: 'Virtual machine names can contain letters, numbers, underscores, periods and hyphens, cannot end with a period or hyphen, and are 1-64 characters long.',
  },
  extension: {
    min: 1, max: 64, code: 'InvalidParameter',
    pattern: /^[A-Za-z0-9_.-]+$/,
    description: 'Extension names can contain letters, numbers, underscores, periods and hyphens.',
  },
  // Galleries: alphanumerics and periods/underscores, start and end alphanumeric, 1-80.
  gallery: {
    min: 1, max: 80, code: 'InvalidParameter',
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.]*[A-Za-z0-9])?$/,
    description: 'Gallery names can contain only letters, numbers, periods and underscores, must start and end with a letter or number, and be 1-80 characters long.',
  },
  galleryImage: {
    min: 1, max: 80, code: 'InvalidParameter',
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$/,
    description: 'Gallery image definition names can contain letters, numbers, hyphens, periods and underscores, must start and end with a letter or number, and be 1-80 characters long.',
  },
  // Gallery image versions: MajorVersion.MinorVersion.Patch, each a 32-bit integer.
  galleryImageVersion: {
    min: 5, max: 32, code: 'InvalidParameter',
    pattern: /^\d{1,10}\.\d{1,10}\.\d{1,10}$/,
    description: "Gallery image version names must follow the 'Major.Minor.Patch' format with integer parts.",
  },
  // Batch accounts: 3-24 lower-case letters and numbers.
  batchAccount: {
    min: 3, max: 24, code: 'AccountNameInvalid',
    pattern: /^[a-z0-9]+$/,
    description: 'Batch account names must be 3-24 characters long and contain only lowercase letters and numbers.',
  },
  // Batch pools: up to 64 letters, numbers, hyphens and underscores.
  batchPool: {
    min: 1, max: 64, code: 'InvalidParameter',
    pattern: /^[A-Za-z0-9_-]+$/,
    description: 'Pool ids can contain any combination of alphanumeric characters including hyphens and underscores, and cannot contain more than 64 characters.',
  },
  resourceGroup: {
    min: 1, max: 90, code: 'InvalidResourceGroupName',
    // Letters and digits as .NET's Char.IsLetterOrDigit: Unicode ones included.
    pattern: /^[-\p{L}\p{N}_.()]*[-\p{L}\p{N}_()]$/u,
    description: 'Resource group names only allow alphanumeric characters, periods, underscores, hyphens and parenthesis and cannot end in a period.',
  },
} satisfies Record<string, NameRule>;

export function nameProblem(rule: NameRule, name: string): string | undefined {
  if (name.length < rule.min || name.length > rule.max || !rule.pattern.test(name)) return rule.description;
  return undefined;
}
