import * as vscode from 'vscode';

/** A command body: receives whatever VS Code passes (a tree node, a URI, nothing). */
export type CommandHandler = (...args: unknown[]) => unknown;

/** Thrown to end a command quietly when the user backs out of a prompt. */
export class UserCancelledError extends Error {
  constructor() {
    super(vscode.l10n.t('Cancelled by the user.'));
    this.name = 'UserCancelledError';
  }
}

/**
 * Registers a command through one wrapper so every command reports failures the same way:
 * once, with the message, and an action to open the log; a cancelled prompt is silent.
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  id: string,
  handler: CommandHandler,
  log?: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof UserCancelledError) return undefined;
        const message = error instanceof Error ? error.message : String(error);
        log?.error(vscode.l10n.t('{0} failed: {1}', id, message));
        const showLog = log ? vscode.l10n.t('Show Log') : undefined;
        // Not awaited: the notification stays until dismissed, and the command is over now.
        void vscode.window.showErrorMessage(message, ...(showLog ? [showLog] : [])).then((choice) => {
          if (choice === showLog) log?.show(true);
        });
        return undefined;
      }
    }),
  );
}
