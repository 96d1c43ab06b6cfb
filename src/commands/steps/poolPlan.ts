// A pool the user is about to create, in one place: checked by the rules (as a live pool would
// be), and written as an ARM body or as a data-plane pool document.
import * as l10n from '@vscode/l10n';
import type { ArmPoolBody } from '../../azure';
import { batchPoolId, type BatchAccount, type LivePool, type LivePoolScale } from '../../model';
import { livePoolToSpec, minutesToIsoDuration, recommendedResizeTimeoutMinutes, runRules, type Finding } from '../../rules';
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

export function planFindings(ctx: WorkflowContext, plan: PoolPlan): Finding[] {
  return runRules(livePoolToSpec(planAsLivePool(plan)), { account: plan.account, inventory: ctx.services.inventory.current, now: new Date() });
}

/** The recommended resizeTimeout for the planned counts (the resize-timeout-short rule's number). */
export function recommendedResizeTimeout(ctx: WorkflowContext, plan: PoolPlan): string {
  const minutes = recommendedResizeTimeoutMinutes(livePoolToSpec(planAsLivePool(plan)), { account: plan.account, inventory: ctx.services.inventory.current, now: new Date() });
  return minutesToIsoDuration(minutes ?? 15);
}

/** The security type a gallery definition demands of its pools, if any. */
export function requiredSecurityType(ctx: WorkflowContext, imageId: string): PoolPlan['securityType'] {
  const type = ctx.services.inventory.current.definitionOf(imageId)?.securityType?.toLowerCase();
  if (type === 'trustedlaunch') return 'trustedLaunch';
  if (type === 'confidentialvm') return 'confidentialVM';
  return undefined;
}

function securityProfile(plan: PoolPlan): Record<string, unknown> | undefined {
  return plan.securityType ? { securityType: plan.securityType, uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } } : undefined;
}

export function armPoolBody(plan: PoolPlan): ArmPoolBody {
  const scale = plan.scale;
  const properties: Record<string, unknown> = {
    vmSize: plan.vmSize,
    deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: plan.imageId }, nodeAgentSkuId: plan.nodeAgentSkuId } },
    scaleSettings:
      scale.kind === 'fixed'
        ? { fixedScale: { targetDedicatedNodes: scale.targetDedicatedNodes, targetLowPriorityNodes: scale.targetLowPriorityNodes, resizeTimeout: scale.resizeTimeout } }
        : { autoScale: { formula: scale.formula, evaluationInterval: scale.evaluationInterval ?? 'PT15M' } },
  };
  const security = securityProfile(plan);
  if (security) properties.securityProfile = security;
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

const SEVERITY_ICON: Record<string, string> = { error: '$(error)', warning: '$(warning)', information: '$(info)', hint: '$(lightbulb)' };

/**
 * Shows the rules' findings before a write. Errors block unless the user insists ("… anyway");
 * with `allowJson`, "Open as JSON" continues in the editor instead. No findings: no prompt.
 */
export async function reviewFindings(ctx: WorkflowContext, title: string, findings: readonly Finding[], proceedLabel: string, allowJson: boolean): Promise<FindingDecision> {
  if (findings.length === 0) return 'proceed';
  const errors = findings.filter((f) => f.severity === 'error').length;
  type Choice = FindingDecision | 'cancel' | 'info';
  const actions: PickItem<Choice>[] = [
    ...(allowJson ? [{ label: l10n.t('$(json) Open as JSON'), description: l10n.t('continue in the editor, with these findings as diagnostics'), data: 'json' as Choice }] : []),
    { label: errors > 0 ? l10n.t('$(alert) {0} anyway', proceedLabel) : l10n.t('$(check) {0}', proceedLabel), description: errors > 0 ? l10n.t('{0} error(s): the pool may fail to allocate nodes', errors) : undefined, data: 'proceed' },
    { label: l10n.t('$(close) Cancel'), data: 'cancel' },
  ];
  const listed: PickItem<Choice>[] = findings.map((f) => ({ label: `${SEVERITY_ICON[f.severity] ?? ''} ${f.code}`, detail: f.message, data: 'info' }));
  for (;;) {
    const choice = (
      await ctx.ui().pickOne([...(errors > 0 ? actions.filter((a) => a.data !== 'proceed') : actions), ...(errors > 0 ? actions.filter((a) => a.data === 'proceed') : []), ...listed], {
        title: errors > 0 ? l10n.t('{0}: {1} finding(s), {2} error(s)', title, findings.length, errors) : l10n.t('{0}: {1} finding(s)', title, findings.length),
        placeHolder: errors > 0 ? l10n.t('The rules found errors: fix them in JSON, or go ahead anyway') : l10n.t('The rules found warnings'),
      })
    ).data;
    if (choice === 'cancel') throw new UserCancelledError();
    if (choice !== 'info') return choice;
  }
}

export { imageOsType };
