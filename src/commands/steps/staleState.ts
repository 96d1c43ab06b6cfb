// What a command does when its fresh check (src/azure/freshChecks.ts) stopped a write: what is gone
// is hidden at once, and what changed (or now takes a name) is shown as Azure has it now, so the
// explorer and the wizard's checks see Azure's current state when the user runs the command again.
import type { StaleStateError } from '../../azure';
import type { WorkflowContext } from '../workflowContext';

export function showFreshState(ctx: WorkflowContext, error: StaleStateError): void {
  const inventory = ctx.services.inventory;
  for (const p of error.problems) {
    if (p.gone) inventory.recordDeleted?.(p.category, p.id);
    else if (p.fresh) inventory.recordCreated?.(p.fresh.category, { ...p.fresh.resource });
  }
}
