// UserInput over vscode.window: what users see.
import * as vscode from 'vscode';
import { UserCancelledError } from '../commands/registerCommand';
import type { ConfirmOptions, InputOptions, PickItem, PromptOptions, SaveOptions, UserInput } from './userInput';

function answered<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelledError();
  return value;
}

export class VsCodeUserInput implements UserInput {
  async pickOne<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>> {
    return answered(
      await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true }),
    );
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>[]> {
    return answered(
      await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder, canPickMany: true, matchOnDescription: true, ignoreFocusOut: true }),
    );
  }

  async inputBox(options: InputOptions): Promise<string> {
    return answered(
      await vscode.window.showInputBox({
        title: options.title,
        placeHolder: options.placeHolder,
        prompt: options.prompt,
        value: options.value,
        password: options.password,
        ignoreFocusOut: true,
        validateInput: options.validate ? (v) => options.validate?.(v) : undefined,
      }),
    );
  }

  async confirm(message: string, options: ConfirmOptions): Promise<void> {
    if (options.destructive) return this.confirmDestructive(message, options);
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: options.detail }, options.confirmLabel);
    if (choice !== options.confirmLabel) throw new UserCancelledError();
  }

  /** A quick pick whose first (default) item is Cancel: Enter or Escape keeps the resource. */
  private async confirmDestructive(message: string, options: ConfirmOptions): Promise<void> {
    const keep = { label: `$(close) ${vscode.l10n.t('Cancel')}`, description: vscode.l10n.t('keep it') };
    const go = { label: `$(trash) ${options.confirmLabel}`, description: options.detail };
    const choice = await vscode.window.showQuickPick([keep, go], { title: message, placeHolder: options.detail ?? message, ignoreFocusOut: true });
    if (choice !== go) throw new UserCancelledError();
  }

  async saveDialog(options: SaveOptions): Promise<vscode.Uri> {
    return answered(await vscode.window.showSaveDialog({ title: options.title, defaultUri: options.defaultUri, filters: options.filters }));
  }

  async showInformation(message: string, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showInformationMessage(message, ...actions);
  }

  async showWarning(message: string, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, ...actions);
  }

  async showError(message: string, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showErrorMessage(message, ...actions);
  }
}
