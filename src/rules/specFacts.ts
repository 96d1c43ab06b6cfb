// Derived facts about a pool spec that several rules share: scale mode, node counts, anchors.
import * as l10n from '@vscode/l10n';
import { known, poolAnchorRange, type PoolSpec, type TextRange } from '../model';

/** 'fixed' | 'auto' | 'unknown' (autoscale flag is an expression). */
export function scaleMode(spec: PoolSpec): 'fixed' | 'auto' | 'unknown' {
  if (!spec.autoScale) return 'fixed';
  if (spec.autoScale.unknown) return 'unknown';
  return spec.autoScale.value ? 'auto' : 'fixed';
}

export interface NodeCounts {
  dedicated: number;
  lowPriority: number;
  total: number;
  /** False when a count is an expression: totals are then a lower bound. */
  complete: boolean;
}

/** Target node counts of a fixed-size pool; a missing count is 0. */
export function targetCounts(spec: PoolSpec): NodeCounts {
  const dedicated = known(spec.targetDedicatedNodes) ?? 0;
  const lowPriority = known(spec.targetLowPriorityNodes) ?? 0;
  const complete = !spec.targetDedicatedNodes?.unknown && !spec.targetLowPriorityNodes?.unknown;
  return { dedicated, lowPriority, total: dedicated + lowPriority, complete };
}

/** Range to report about the pool as a whole: its key, its name's key, or the opening brace. */
export function poolRange(spec: PoolSpec): TextRange | undefined {
  const anchor = poolAnchorRange(spec);
  // The whole object is too large a squiggle: fall back to its opening brace.
  return anchor === spec.range && spec.range ? { offset: spec.range.offset, length: 1 } : anchor;
}

/** Range for a property missing from virtualMachineConfiguration. */
export function vmConfigurationRange(spec: PoolSpec): TextRange | undefined {
  return spec.anchors.virtualMachineConfiguration?.keyRange ?? poolRange(spec);
}

/** Range for a missing scale property (resizeTimeout). */
export function scaleRange(spec: PoolSpec): TextRange | undefined {
  return spec.anchors.fixedScale?.keyRange ?? spec.anchors.scaleSettings?.keyRange ?? poolRange(spec);
}

/** A readable pool label for messages. */
export function poolLabel(spec: PoolSpec): string {
  const name = known(spec.name) ?? spec.displayName;
  return name ? l10n.t('pool \'{0}\'', name) : l10n.t('this pool');
}
