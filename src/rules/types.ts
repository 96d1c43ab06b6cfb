// The vocabulary shared by every rule, the editor adapter and the CLI.
import type { BatchAccount, Inventory, PoolSpec, TextRange } from '../model';

export const RULE_CODES = [
  'image-id-invalid',
  'managed-image-retired',
  'image-not-found',
  'image-not-ready',
  'image-region-mismatch',
  'gallery-replica-missing',
  'image-subscription-mismatch',
  'image-source-deleted',
  'image-not-from-snapshots',
  'image-shared-by-pools',
  'base-image-purchase-plan',
  'source-vm-has-extensions',
  'node-count-invalid',
  'custom-image-node-limit',
  'inbound-nat-limit',
  'resize-timeout-short',
  'large-pool-resize',
  'gallery-replicas-low',
  'node-agent-sku-missing',
  'node-agent-sku-mismatch',
  'node-agent-sku-end-of-life',
  'gallery-image-specialized',
  'trusted-launch-mismatch',
  'account-aad-required',
  'account-not-selected',
  'resource-name-invalid',
  'json-duplicate-key',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Another location that explains a finding: a range in the same document, or an Azure resource. */
export interface RelatedLocation {
  message: string;
  /** Range in a document (e.g. another pool spec); in the analysed one unless `source` says otherwise. */
  range?: TextRange;
  /** The document of `range` when it is not the analysed one (PoolSpec.source of the other spec). */
  source?: string;
  /** ARM id of a resource (e.g. the live pool sharing the image). */
  resourceId?: string;
}

/** Data a quick fix needs; the editor / CLI turn it into edits or commands. */
export type FixData =
  | { kind: 'setResizeTimeout'; value: string }
  | { kind: 'replaceNodeAgentSku'; candidates: string[] }
  /** `region` is '' when neither the account nor the image location is known. */
  | { kind: 'publishToGallery'; imageId: string; region: string }
  | { kind: 'replaceImageId'; candidates: string[] }
  | { kind: 'capNodes'; targetDedicatedNodes?: number; targetLowPriorityNodes?: number }
  | { kind: 'addSecurityProfile'; securityType: 'trustedLaunch' | 'confidentialVM' }
  | { kind: 'selectAccount' }
  | { kind: 'addReplica'; versionId: string; region: string }
  | { kind: 'raiseReplicaCount'; versionId: string; region: string; current: number; recommended: number };

export interface Finding {
  code: RuleCode;
  severity: Severity;
  /** What is wrong, why it matters, what to do. */
  message: string;
  /** Range of the offending value, or of the enclosing key when a property is missing. Absent for live pools. */
  range?: TextRange;
  related?: RelatedLocation[];
  fix?: FixData;
}

export interface RuleContext {
  /** The target Batch account, when the document is associated with one. */
  account?: BatchAccount;
  inventory: Inventory;
  now: Date;
  /**
   * Other pools in the same document / workspace (for image sharing and node totals). May include
   * the analysed spec itself (it is skipped). Pass the same context object, with the same
   * otherPools array, for every spec of a document: sharing groups are cached per context, so a
   * template with thousands of pools stays linear.
   */
  otherPools?: PoolSpec[];
}

export type Rule = (spec: PoolSpec, ctx: RuleContext) => Finding[];

export interface RuleOptions {
  /** Per-code overrides: `false` / `'off'` disables the rule, a severity replaces the default. */
  overrides?: Partial<Record<RuleCode, Severity | 'off' | false>>;
}
