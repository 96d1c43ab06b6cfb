// What every palette workflow command receives: the services, the explorer (to reveal what it
// created) and the prompt layer (swappable by tests).
import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { Explorer } from '../tree';
import type { UserInput } from '../ui';
import { errorText, reportError } from './errorReporting';
import { UserCancelledError } from './registerCommand';
import { RevealNotAnsweredError } from '../tree/revealById';
import { revealResource } from './treeCommands';

export interface WorkflowContext {
  readonly services: ExtensionServices;
  readonly explorer: Explorer;
  /** The current prompt implementation (read it per prompt: tests swap it between commands). */
  ui(): UserInput;
}

export { errorText } from './errorReporting';
/**
 * Restricted Mode covers commands, not only diagnostics: a command that takes what it writes to
 * Azure from a file of the workspace refuses in an untrusted workspace (opening a folder must not
 * be enough to have its content sent to Azure). Throws before any prompt or request.
 */
export function requireTrustedWorkspace(ctx: WorkflowContext, command: string): void {
  if (ctx.services.isTrusted()) return;
  throw new Error(
    vscode.l10n.t(
      '{0} is not available in Restricted Mode: it writes to Azure from a file of this workspace. Trust the workspace (Workspaces: Manage Workspace Trust) to use it.',
      command,
    ),
  );
}


/**
 * Runs long work in a cancellable notification. `cancelMeaning` says what cancelling does (Azure
 * keeps running most operations); it is shown with the progress. The work receives an AbortSignal
 * that fires on Cancel.
 */
export async function withCancellableProgress<T>(
  title: string,
  cancelMeaning: string,
  work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    const report = (message: string) => progress.report({ message: `${message} (${cancelMeaning})` });
    report(vscode.l10n.t('Starting…'));
    try {
      return await work(controller.signal, report);
    } finally {
      subscription.dispose();
    }
  });
}

/**
 * The end of a failed write: a cancellation becomes a notice saying what may still happen in
 * Azure and ends the command quietly; an Azure error is shown once with its code and message and
 * the command ends quietly too (returns undefined to callers such as quick fixes).
 */
export function reportFailure(ctx: WorkflowContext, what: string, error: unknown, afterCancel?: string): void {
  if (error instanceof UserCancelledError) throw error;
  reportError({ log: ctx.services.log, ui: ctx.ui }, what, error, afterCancel);
}

/**
 * Refreshes what a write touched and reveals the new resource once the inventory has it, under a
 * notification so that the seconds between the write's own progress and the result are never
 * silent. A resource the refresh did not bring (Azure lists it a little later) is only logged:
 * the announcement's "Reveal in Explorer" finds it later.
 */
export async function refreshAndReveal(ctx: WorkflowContext, scope: { subscriptionId?: string; accountId?: string }, resourceId?: string): Promise<void> {
  const title = resourceId ? vscode.l10n.t('Showing {0} in the explorer…', resourceId.split('/').pop() ?? resourceId) : vscode.l10n.t('Updating the explorer…');
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => refreshAndRevealNow(ctx, scope, resourceId, token));
}

/**
 * A reveal failure is logged; when the view never asked for the refreshed tree (hidden or
 * collapsed), "Could not reveal" is also shown, with a Reveal button that asks again. Cancelling
 * the progress stops the reveal quietly.
 */
async function refreshAndRevealNow(ctx: WorkflowContext, scope: { subscriptionId?: string; accountId?: string }, resourceId: string | undefined, token: vscode.CancellationToken): Promise<void> {
  await ctx.services.inventory.refresh(scope);
  await ctx.services.inventory.whenIdle();
  if (!resourceId) return;
  if (ctx.services.inventory.current.existence(resourceId) !== 'present') {
    ctx.services.log.info(vscode.l10n.t('{0} is not listed by Azure yet; not revealed.', resourceId));
    return;
  }
  try {
    await revealResource(ctx.explorer, resourceId, token);
  } catch (error) {
    if (error instanceof vscode.CancellationError) return;
    const message = vscode.l10n.t('Could not reveal {0}: {1}', resourceId, errorText(error));
    ctx.services.log.warn(message);
    if (error instanceof RevealNotAnsweredError) {
      const reveal = vscode.l10n.t('Reveal');
      void ctx.ui().showWarning(message, reveal).then((choice) => {
        if (choice === reveal) void revealResource(ctx.explorer, resourceId).catch(() => undefined);
      });
    }
  }
}

/** A notification with a "Reveal in Explorer" action (the reveal already happened; this brings it back). */
export function announce(ctx: WorkflowContext, message: string, resourceId: string): void {
  const reveal = vscode.l10n.t('Reveal in Explorer');
  void ctx.ui().showInformation(message, reveal).then((choice) => {
    if (choice === reveal) void revealResource(ctx.explorer, resourceId).catch(() => undefined);
  });
}
