// The commands the manifest contributes, registered by the activation shell with handlers that
// load the features bundle on first use. The features bundle fills the table; an id the manifest
// does not list is registered with VS Code directly when the features load.
import * as vscode from 'vscode';

export type CommandHandler = (...args: unknown[]) => unknown;

/** Where a feature registers a command (src/commands/registerCommand.ts goes through it). */
export interface CommandRegistry {
  register(id: string, handler: CommandHandler): vscode.Disposable;
}

export class CommandTable implements CommandRegistry {
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly contributed: ReadonlySet<string>;

  /**
   * @param ensureLoaded loads the features bundle (synchronously; it fills the table).
   */
  constructor(
    context: vscode.ExtensionContext,
    private readonly ensureLoaded: () => void,
  ) {
    this.contributed = new Set(contributedCommands(context));
    for (const id of this.contributed) {
      context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, args)));
    }
  }

  register(id: string, handler: CommandHandler): vscode.Disposable {
    if (!this.contributed.has(id)) return vscode.commands.registerCommand(id, handler);
    this.handlers.set(id, handler);
    return { dispose: () => (this.handlers.get(id) === handler ? this.handlers.delete(id) : undefined) };
  }

  private run(id: string, args: unknown[]): unknown {
    this.ensureLoaded();
    const handler = this.handlers.get(id);
    if (!handler) throw new Error(vscode.l10n.t('The command {0} is not available.', id));
    return handler(...args);
  }
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const manifest = context.extension.packageJSON as { contributes?: { commands?: { command?: unknown }[] } };
  return (manifest.contributes?.commands ?? []).map((c) => c.command).filter((c): c is string => typeof c === 'string');
}
