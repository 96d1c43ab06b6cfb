// The last step of every create / publish flow: the choices made, and a button that creates.
// Back returns to the questions (answers kept); Escape leaves nothing created. Answering it
// commits the flow (src/ui/wizard.ts): the write starts, Back ends here.
import * as vscode from 'vscode';
import type { PickItem } from '../../ui';
import type { WorkflowContext } from '../workflowContext';

export interface SummaryRow {
  /** What was chosen ("Resource group"). */
  name: string;
  value: string;
}

/**
 * Shows the summary until the user selects the action button (`actionLabel`, e.g. "Create");
 * selecting a row keeps the summary open.
 */
export async function confirmSummary(ctx: WorkflowContext, title: string, rows: readonly SummaryRow[], actionLabel: string, actionDetail?: string): Promise<void> {
  const GO = 'go';
  const items: PickItem<string>[] = [
    { label: `$(check) ${actionLabel}`, detail: actionDetail, data: GO },
    { label: vscode.l10n.t('Your choices'), kind: vscode.QuickPickItemKind.Separator, data: '' },
    ...rows.map((r) => ({ label: r.value, description: r.name, data: 'row' })),
  ];
  for (;;) {
    const picked = await ctx.ui().pickOne(items, {
      title: vscode.l10n.t('{0}: summary', title),
      placeHolder: vscode.l10n.t('Check your choices, then select {0}. Back changes an answer; Escape creates nothing.', actionLabel),
      active: items[0],
      commits: true,
    });
    if (picked.data === GO) return;
  }
}
