// The rule catalogue: one entry per code of RULES.md, in the table's order.
import * as l10n from '@vscode/l10n';
import { accountAadRequired, accountNotSelected } from './accountRules';
import { jsonDuplicateKey, resourceNameInvalid } from './documentRules';
import { imageIdInvalid, imageNotFound, imageNotReady, managedImageRetired } from './imageIdentityRules';
import { baseImagePurchasePlan, imageNotFromSnapshots, imageSharedByPools, imageSourceDeleted, sourceVmHasExtensions } from './lineageRules';
import {
  galleryImageSpecialized,
  nodeAgentSkuEndOfLife,
  nodeAgentSkuMismatch,
  nodeAgentSkuMissing,
  trustedLaunchMismatch,
} from './nodeAgentRules';
import { galleryReplicaMissing, imageRegionMismatch, imageSubscriptionMismatch } from './regionRules';
import { nodeCountInvalid } from './nodeCountRules';
import { customImageNodeLimit, galleryReplicasLow, inboundNatLimit, largePoolResize, resizeTimeoutShort } from './scaleRules';
import type { Rule, RuleCode, Severity } from './types';

export interface RuleInfo {
  code: RuleCode;
  rule: Rule;
  /** Default severity (rules with a context-dependent severity list the strongest). */
  severity: Severity;
  title: string;
  /** Needs a target account to say anything. */
  needsAccount: boolean;
  /** Meaningful for a live pool in the explorer (no document). */
  live: boolean;
}

export const RULES: readonly RuleInfo[] = [
  { code: 'image-id-invalid', rule: imageIdInvalid, severity: 'error', get title() { return l10n.t('Image id is not a custom image id'); }, needsAccount: false, live: true },
  { code: 'managed-image-retired', rule: managedImageRetired, severity: 'error', get title() { return l10n.t('Managed image pools are retired'); }, needsAccount: false, live: true },
  { code: 'image-not-found', rule: imageNotFound, severity: 'error', get title() { return l10n.t('Image does not exist'); }, needsAccount: false, live: true },
  { code: 'image-not-ready', rule: imageNotReady, severity: 'warning', get title() { return l10n.t('Image is not provisioned'); }, needsAccount: false, live: true },
  { code: 'image-region-mismatch', rule: imageRegionMismatch, severity: 'error', get title() { return l10n.t('Image is in another region'); }, needsAccount: true, live: true },
  { code: 'gallery-replica-missing', rule: galleryReplicaMissing, severity: 'error', get title() { return l10n.t('No gallery replica in the account\'s region'); }, needsAccount: true, live: true },
  { code: 'image-subscription-mismatch', rule: imageSubscriptionMismatch, severity: 'error', get title() { return l10n.t('Image is in another subscription'); }, needsAccount: true, live: true },
  { code: 'image-source-deleted', rule: imageSourceDeleted, severity: 'warning', get title() { return l10n.t('Image\'s backing resource was deleted'); }, needsAccount: false, live: true },
  { code: 'image-not-from-snapshots', rule: imageNotFromSnapshots, severity: 'warning', get title() { return l10n.t('Image not made from snapshots'); }, needsAccount: false, live: true },
  { code: 'image-shared-by-pools', rule: imageSharedByPools, severity: 'warning', get title() { return l10n.t('Image shared by several pools'); }, needsAccount: false, live: true },
  { code: 'base-image-purchase-plan', rule: baseImagePurchasePlan, severity: 'error', get title() { return l10n.t('Base image has a purchase plan'); }, needsAccount: false, live: true },
  { code: 'source-vm-has-extensions', rule: sourceVmHasExtensions, severity: 'warning', get title() { return l10n.t('Source VM has extensions'); }, needsAccount: false, live: true },
  { code: 'node-count-invalid', rule: nodeCountInvalid, severity: 'error', get title() { return l10n.t('Node count is not a whole number of 0 or more'); }, needsAccount: false, live: false },
  { code: 'custom-image-node-limit', rule: customImageNodeLimit, severity: 'error', get title() { return l10n.t('Custom image node limit exceeded'); }, needsAccount: false, live: true },
  { code: 'inbound-nat-limit', rule: inboundNatLimit, severity: 'warning', get title() { return l10n.t('Inbound NAT pools reduce limits'); }, needsAccount: false, live: true },
  { code: 'resize-timeout-short', rule: resizeTimeoutShort, severity: 'warning', get title() { return l10n.t('Resize timeout too short'); }, needsAccount: false, live: true },
  { code: 'large-pool-resize', rule: largePoolResize, severity: 'information', get title() { return l10n.t('Large pool may need several resizes'); }, needsAccount: false, live: true },
  { code: 'gallery-replicas-low', rule: galleryReplicasLow, severity: 'warning', get title() { return l10n.t('Too few gallery replicas'); }, needsAccount: true, live: true },
  { code: 'node-agent-sku-missing', rule: nodeAgentSkuMissing, severity: 'error', get title() { return l10n.t('Node agent SKU missing'); }, needsAccount: false, live: true },
  { code: 'node-agent-sku-mismatch', rule: nodeAgentSkuMismatch, severity: 'error', get title() { return l10n.t('Node agent SKU does not fit'); }, needsAccount: false, live: true },
  { code: 'node-agent-sku-end-of-life', rule: nodeAgentSkuEndOfLife, severity: 'warning', get title() { return l10n.t('Node agent SKU near end of life'); }, needsAccount: true, live: true },
  { code: 'gallery-image-specialized', rule: galleryImageSpecialized, severity: 'error', get title() { return l10n.t('Gallery image is specialized'); }, needsAccount: false, live: true },
  { code: 'trusted-launch-mismatch', rule: trustedLaunchMismatch, severity: 'error', get title() { return l10n.t('Security profile missing for Trusted Launch / Confidential VM'); }, needsAccount: false, live: true },
  { code: 'account-aad-required', rule: accountAadRequired, severity: 'error', get title() { return l10n.t('Account does not allow Microsoft Entra ID'); }, needsAccount: true, live: true },
  { code: 'account-not-selected', rule: accountNotSelected, severity: 'information', get title() { return l10n.t('No target Batch account'); }, needsAccount: false, live: false },
  { code: 'resource-name-invalid', rule: resourceNameInvalid, severity: 'error', get title() { return l10n.t('Pool name breaks Azure naming rules'); }, needsAccount: false, live: false },
  { code: 'json-duplicate-key', rule: jsonDuplicateKey, severity: 'warning', get title() { return l10n.t('Key set more than once'); }, needsAccount: false, live: false },
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleInfo(code: RuleCode): RuleInfo | undefined {
  return BY_CODE.get(code);
}
