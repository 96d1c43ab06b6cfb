import * as vscode from 'vscode';
import type { CommandRegistry } from '../shell/commandTable';
import type { UserInput } from '../ui/userInput';
import { reportError } from './errorReporting';

/** A command body: receives whatever VS Code passes (a tree node, a URI, nothing). */
export type CommandHandler = (...args: unknown[]) => unknown;

/** Thrown to end a command quietly when the user backs out of a prompt. */
export class UserCancelledError extends Error {
  constructor() {
    super(vscode.l10n.t('Cancelled by the user.'));
    this.name = 'UserCancelledError';
  }
}

/** What registering a command needs (ExtensionServices has all of it). */
export interface CommandServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly commands: CommandRegistry;
  ui(): UserInput;
}

/**
 * Registers a command through one wrapper so every command reports failures the same way
 * (errorReporting.reportError: logged once, shown once with the code and "Show Log"); a cancelled
 * prompt is silent. Callers get undefined from a failed command.
 */
export function registerCommand(services: CommandServices, id: string, handler: CommandHandler): void {
  services.context.subscriptions.push(
    services.commands.register(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof UserCancelledError) return undefined;
        reportError(services, undefined, error);
        return undefined;
      }
    }),
  );
}
