// What a command does when its fresh check (src/azure/freshChecks.ts) stopped a write: what is gone
// is hidden at once, and every resource named is read again from Resource Manager, so the explorer
// shows Azure's current state when the user runs the command again.
import * as l10n from '@vscode/l10n';
import type { StaleStateError } from '../../azure';
import type { WorkflowContext } from '../workflowContext';

export async function showFreshState(ctx: WorkflowContext, error: StaleStateError): Promise<void> {
  const inventory = ctx.services.inventory;
  for (const p of error.problems) if (p.gone) inventory.recordDeleted?.(p.category, p.id);
  try {
    await inventory.verify?.(error.problems.map((p) => p.id), { force: true });
  } catch (e) {
    ctx.services.log.warn(l10n.t('Reading the changed resources again: {0}', e instanceof Error ? e.message : String(e)));
  }
}
