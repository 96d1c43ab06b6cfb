// The one way a failed command reaches the user: logged once, shown once with Azure's error code
// and a "Show Log" button. registerCommand ends every command through it; workflows that must
// carry on after a failure (clean up, refresh) call it through reportFailure.
import * as vscode from 'vscode';
import { isAzureError, isCancellation } from '../azure/errors';
import type { UserInput } from '../ui/userInput';

export interface ErrorSink {
  readonly log: vscode.LogOutputChannel;
  /** The current prompt layer (tests record what it shows). */
  ui(): UserInput;
}

/** `Code: message` for Azure errors (what the portal shows), the message otherwise. */
export function errorText(error: unknown): string {
  if (isAzureError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reports a failure. `what` names the work ("Creating image x"); a cancellation (Cancel on a
 * progress notification) is a notice saying what may still happen in Azure, not an error.
 */
export function reportError(sink: ErrorSink, what: string | undefined, error: unknown, afterCancel?: string): void {
  if (isCancellation(error)) {
    void sink.ui().showInformation(vscode.l10n.t('Stopped waiting for {0}.{1}', what ?? vscode.l10n.t('Azure'), afterCancel ? ` ${afterCancel}` : ''));
    return;
  }
  const text = what ? vscode.l10n.t('{0} failed: {1}', what, errorText(error)) : errorText(error);
  sink.log.error(text);
  const showLog = vscode.l10n.t('Show Log');
  // Not awaited: the notification stays until dismissed, and the command is over now.
  void sink.ui().showError(text, showLog).then((choice) => {
    if (choice === showLog) sink.log.show(true);
  });
}
