// Which inventory categories each rule reads. When a category failed to load, the rules that read
// it cannot tell "absent" from "not loaded" and say nothing; the CLI uses this table to name them
// as skipped instead of passing silently.
import type { InventoryCategory } from '../model';
import type { RuleCode } from './types';

const IMAGE_LOOKUP: readonly InventoryCategory[] = ['images', 'galleryImageDefinitions', 'galleryImageVersions'];

/** Categories a rule reads; absent or empty: the rule needs only the pool definition (and the id's shape). */
export const RULE_NEEDS: Readonly<Partial<Record<RuleCode, readonly InventoryCategory[]>>> = {
  'managed-image-retired': [],
  'image-not-found': IMAGE_LOOKUP,
  'image-not-ready': IMAGE_LOOKUP,
  'image-region-mismatch': ['images', 'batchAccounts'],
  'gallery-replica-missing': ['galleryImageDefinitions', 'galleryImageVersions', 'batchAccounts'],
  'image-subscription-mismatch': ['subscriptions', 'batchAccounts'],
  'image-source-deleted': ['images', 'snapshots', 'disks', 'virtualMachines'],
  'image-not-from-snapshots': ['images'],
  'image-shared-by-pools': ['images', 'snapshots', 'pools'],
  'base-image-purchase-plan': ['images', 'snapshots', 'disks', 'galleryImageDefinitions', 'galleryImageVersions'],
  'source-vm-has-extensions': ['images', 'snapshots', 'disks', 'virtualMachines'],
  'custom-image-node-limit': ['images', 'snapshots', 'pools'],
  'gallery-replicas-low': ['galleryImageDefinitions', 'galleryImageVersions', 'batchAccounts', 'pools'],
  'node-agent-sku-mismatch': ['batchAccounts', 'images', 'galleryImageDefinitions'],
  'node-agent-sku-end-of-life': ['batchAccounts'],
  'gallery-image-specialized': ['galleryImageDefinitions'],
  'trusted-launch-mismatch': ['galleryImageDefinitions'],
  'account-aad-required': ['batchAccounts'],
};

/** The rules among `codes` that read any of `failed`, in the order of `codes`. */
export function rulesNeeding(failed: ReadonlySet<InventoryCategory>, codes: readonly RuleCode[]): RuleCode[] {
  return codes.filter((code) => (RULE_NEEDS[code] ?? []).some((c) => failed.has(c)));
}
