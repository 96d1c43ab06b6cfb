// A pool the user is about to create, in one place: checked by the rules (as a live pool would
// be), and written as an ARM body or as a data-plane pool document.
import * as l10n from '@vscode/l10n';
import type { ArmPoolBody } from '../../azure';
import { batchPoolId, type BatchAccount, type LivePool, type LivePoolScale } from '../../model';
import { livePoolToSpec, minutesToIsoDuration, recommendedResizeTimeoutMinutes, requiredPoolSecurityType, type Finding } from '../../rules';
import type { PickItem } from '../../ui';
import type { WorkflowContext } from '../workflowContext';
import { UserCancelledError } from '../registerCommand';
import { imageOsType } from './resources';

export interface PoolPlan {
  account: BatchAccount;
  poolId: string;
  imageId: string;
  vmSize: string;
  nodeAgentSkuId: string;
  scale: LivePoolScale & { evaluationInterval?: string };
  /** Set when the image definition requires Trusted Launch / Confidential VM. */
  securityType?: 'trustedLaunch' | 'confidentialVM';
}

export function planAsLivePool(plan: PoolPlan): LivePool {
  const { account } = plan;
  return {
    id: batchPoolId(account.subscriptionId, account.resourceGroup, account.name, plan.poolId),
    name: plan.poolId,
    accountId: account.id,
    vmSize: plan.vmSize,
    imageId: plan.imageId,
    nodeAgentSkuId: plan.nodeAgentSkuId,
    scale: plan.scale,
    currentDedicatedNodes: 0,
    currentLowPriorityNodes: 0,
    allocationState: 'steady',
    provisioningState: 'Succeeded',
    resizeErrors: [],
    inboundNatPoolCount: 0,
    securityProfile: plan.securityType ? { securityType: plan.securityType, secureBootEnabled: true, vTpmEnabled: true } : undefined,
  };
}

/** The recommended resizeTimeout for the planned counts (the resize-timeout-short rule's number). */
export function recommendedResizeTimeout(ctx: WorkflowContext, plan: PoolPlan): string {
  const minutes = recommendedResizeTimeoutMinutes(livePoolToSpec(planAsLivePool(plan)), { account: plan.account, inventory: ctx.services.inventory.current, now: new Date() });
  return minutesToIsoDuration(minutes ?? 15);
}

/** The security type a gallery definition demands of its pools, if any. */
export function requiredSecurityType(ctx: WorkflowContext, imageId: string): PoolPlan['securityType'] {
  return requiredPoolSecurityType(ctx.services.inventory.current.definitionOf(imageId)?.securityType);
}

function securityProfile(plan: PoolPlan): Record<string, unknown> | undefined {
  return plan.securityType ? { securityType: plan.securityType, uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } } : undefined;
}

export function armPoolBody(plan: PoolPlan): ArmPoolBody {
  const scale = plan.scale;
  const properties: Record<string, unknown> = {
    vmSize: plan.vmSize,
    // ARM carries the security profile inside the VM configuration (BatchManagement VirtualMachineConfiguration.securityProfile).
    deploymentConfiguration: {
      virtualMachineConfiguration: { imageReference: { id: plan.imageId }, nodeAgentSkuId: plan.nodeAgentSkuId, ...(plan.securityType ? { securityProfile: securityProfile(plan) } : {}) },
    },
    scaleSettings:
      scale.kind === 'fixed'
        ? { fixedScale: { targetDedicatedNodes: scale.targetDedicatedNodes, targetLowPriorityNodes: scale.targetLowPriorityNodes, resizeTimeout: scale.resizeTimeout } }
        : { autoScale: { formula: scale.formula, evaluationInterval: scale.evaluationInterval ?? 'PT15M' } },
  };
  return { properties };
}

/** The `az batch pool create --json-file` body (Batch data plane PoolAddParameter). */
export function dataPlanePoolDocument(plan: PoolPlan): Record<string, unknown> {
  const scale = plan.scale;
  const doc: Record<string, unknown> = {
    id: plan.poolId,
    vmSize: plan.vmSize,
    virtualMachineConfiguration: {
      imageReference: { virtualMachineImageId: plan.imageId },
      nodeAgentSKUId: plan.nodeAgentSkuId,
      ...(plan.securityType ? { securityProfile: securityProfile(plan) } : {}),
    },
  };
  if (scale.kind === 'fixed') {
    Object.assign(doc, { targetDedicatedNodes: scale.targetDedicatedNodes, targetLowPriorityNodes: scale.targetLowPriorityNodes, enableAutoScale: false, resizeTimeout: scale.resizeTimeout });
  } else {
    Object.assign(doc, { enableAutoScale: true, autoScaleFormula: scale.formula, autoScaleEvaluationInterval: scale.evaluationInterval ?? 'PT15M' });
  }
  return doc;
}

export type FindingDecision = 'proceed' | 'json';

/**
 * What the findings stand in front of: a new pool (its wizard can continue in JSON instead), a
 * pool document being deployed (fixed in the document), or a resize (nothing to edit: cancel or go on).
 */
export type ReviewKind = 'create' | 'deploy' | 'resize';

const SEVERITY_ICON: Record<string, string> = { error: '$(error)', warning: '$(warning)', information: '$(info)', hint: '$(lightbulb)' };

function reviewPlaceHolder(kind: ReviewKind, errors: number): string {
  if (errors === 0) return l10n.t('The rules found warnings');
  switch (kind) {
    case 'create':
      return l10n.t('The rules found errors: continue in JSON to fix them, or create anyway');
    case 'deploy':
      return l10n.t('The rules found errors: cancel and fix them in the document, or deploy anyway');
    case 'resize':
      return l10n.t('The rules found errors: the resize is likely to fail; cancel, or resize anyway');
  }
}

/**
 * Shows the rules' findings before a write. Errors block unless the user insists ("… anyway");
 * for a new pool, "Open as JSON" continues in the editor instead. No findings and no notes: no prompt.
 */
export async function reviewFindings(
  ctx: WorkflowContext,
  title: string,
  findings: readonly Finding[],
  proceedLabel: string,
  kind: ReviewKind,
  notes: readonly string[] = [],
): Promise<FindingDecision> {
  if (findings.length === 0 && notes.length === 0) return 'proceed';
  const errors = findings.filter((f) => f.severity === 'error').length;
  type Choice = FindingDecision | 'cancel' | 'info';
  const jsonAction: PickItem<Choice>[] =
    kind === 'create' ? [{ label: l10n.t('$(json) Open as JSON'), description: l10n.t('continue in the editor, with these findings as diagnostics'), data: 'json' }] : [];
  const proceed: PickItem<Choice> = {
    label: errors > 0 ? l10n.t('$(alert) {0} anyway', proceedLabel) : l10n.t('$(check) {0}', proceedLabel),
    description: errors > 0 ? l10n.t('{0} error(s): Azure may refuse it, or the pool may fail to allocate nodes', errors) : undefined,
    data: 'proceed',
  };
  const cancel: PickItem<Choice> = { label: l10n.t('$(close) Cancel'), data: 'cancel' };
  // With errors, going ahead is the last choice; otherwise it is the first (Enter accepts it).
  const actions = errors > 0 ? [...jsonAction, cancel, proceed] : [...jsonAction, proceed, cancel];
  const listed: PickItem<Choice>[] = [
    ...notes.map((n) => ({ label: `$(history) ${n}`, data: 'info' as Choice })),
    ...findings.map((f) => ({ label: `${SEVERITY_ICON[f.severity] ?? ''} ${f.code}`, detail: f.message, data: 'info' as Choice })),
  ];
  const heading =
    errors > 0 ? l10n.t('{0}: {1} finding(s), {2} error(s)', title, findings.length, errors) : l10n.t('{0}: {1} finding(s)', title, findings.length);
  for (;;) {
    const placeHolder = [...notes.slice(0, 1), reviewPlaceHolder(kind, errors)].join(' — ');
    const choice = (await ctx.ui().pickOne([...actions, ...listed], { title: heading, placeHolder })).data;
    if (choice === 'cancel') throw new UserCancelledError();
    if (choice !== 'info') return choice;
  }
}

export { imageOsType };
