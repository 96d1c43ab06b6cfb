// Turns a finding's fix data into text edits, for the fixes that are pure document edits.
// Fixes that act on Azure (publish, replicas) or on the UI (select account) return undefined.
import type { PoolSpec } from '../model';
import {
  addSecurityProfileEdits,
  capNodesEdits,
  replaceImageIdEdits,
  replaceNodeAgentSkuEdits,
  setResizeTimeoutEdits,
  type TextEdit,
} from '../pooljson';
import type { FixData } from './types';

/** True when the fix is a document edit (possibly needing a choice among candidates). */
export function isTextFix(fix: FixData): boolean {
  return ['setResizeTimeout', 'replaceNodeAgentSku', 'replaceImageId', 'capNodes', 'addSecurityProfile'].includes(fix.kind);
}

/**
 * Edits for a text fix. `choice` picks among candidates (replaceNodeAgentSku / replaceImageId);
 * without it the first candidate is used. Undefined when the fix is not a text edit or has no candidate.
 */
export function fixEdits(text: string, spec: PoolSpec, fix: FixData, choice?: string): TextEdit[] | undefined {
  switch (fix.kind) {
    case 'setResizeTimeout':
      return setResizeTimeoutEdits(text, spec, fix.value);
    case 'replaceNodeAgentSku': {
      const sku = choice ?? fix.candidates[0];
      return sku === undefined ? undefined : replaceNodeAgentSkuEdits(text, spec, sku);
    }
    case 'replaceImageId': {
      const id = choice ?? fix.candidates[0];
      return id === undefined ? undefined : replaceImageIdEdits(text, spec, id);
    }
    case 'capNodes':
      return capNodesEdits(text, spec, { targetDedicatedNodes: fix.targetDedicatedNodes, targetLowPriorityNodes: fix.targetLowPriorityNodes });
    case 'addSecurityProfile':
      return addSecurityProfileEdits(text, spec, fix.securityType);
    default:
      return undefined;
  }
}
