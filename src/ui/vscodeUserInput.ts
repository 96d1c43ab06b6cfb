// UserInput over vscode.window: what users see. Quick picks and input boxes are built with
// createQuickPick / createInputBox so that multi-step commands get a Back button and a
// preselected earlier answer (src/ui/wizard.ts).
import * as vscode from 'vscode';
import { UserCancelledError } from '../commands/registerCommand';
import type { ConfirmOptions, InputOptions, PickItem, PromptOptions, SaveOptions, UserInput } from './userInput';
import { BackRequestedError } from './wizard';

function answered<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelledError();
  return value;
}

/**
 * Shows a quick input and settles once: with the accepted value, BackRequestedError on Back,
 * UserCancelledError when it is hidden (Escape, focus elsewhere closing it).
 */
function settle<T>(input: vscode.QuickInput, wire: (resolve: (value: T) => void, reject: (error: Error) => void) => vscode.Disposable[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (action: () => void): void => {
      if (done) return;
      done = true;
      for (const d of disposables) d.dispose();
      action();
      input.dispose();
    };
    const disposables: vscode.Disposable[] = [
      ...wire(
        (value) => finish(() => resolve(value)),
        (error) => finish(() => reject(error)),
      ),
      input.onDidHide(() => finish(() => reject(new UserCancelledError()))),
    ];
    input.show();
  });
}

function backButton(options: PromptOptions): vscode.QuickInputButton[] {
  return options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
}

function onBack(input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox, reject: (error: Error) => void): vscode.Disposable {
  return input.onDidTriggerButton((button) => {
    if (button === vscode.QuickInputButtons.Back) reject(new BackRequestedError());
  });
}

export class VsCodeUserInput implements UserInput {
  async pickOne<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>> {
    const pick = vscode.window.createQuickPick<PickItem<T>>();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.ignoreFocusOut = true;
    pick.buttons = backButton(options);
    pick.items = items;
    const active = options.active ? items.find((i) => i === options.active || (i.label === options.active?.label && i.kind !== vscode.QuickPickItemKind.Separator)) : undefined;
    if (active) pick.activeItems = [active];
    return settle<PickItem<T>>(pick, (resolve, reject) => [
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen) resolve(chosen);
      }),
      onBack(pick as vscode.QuickPick<vscode.QuickPickItem>, reject),
    ]);
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>[]> {
    const pick = vscode.window.createQuickPick<PickItem<T>>();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.canSelectMany = true;
    pick.matchOnDescription = true;
    pick.ignoreFocusOut = true;
    pick.buttons = backButton(options);
    pick.items = items;
    pick.selectedItems = items.filter((i) => i.picked);
    return settle<PickItem<T>[]>(pick, (resolve, reject) => [pick.onDidAccept(() => resolve([...pick.selectedItems])), onBack(pick as vscode.QuickPick<vscode.QuickPickItem>, reject)]);
  }

  async inputBox(options: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.placeholder = options.placeHolder;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = backButton(options);
    const validate = (value: string): string | undefined => options.validate?.(value);
    box.validationMessage = options.value !== undefined ? validate(box.value) : undefined;
    return settle<string>(box, (resolve, reject) => [
      box.onDidChangeValue((value) => (box.validationMessage = validate(value))),
      box.onDidAccept(() => {
        const problem = validate(box.value);
        box.validationMessage = problem;
        if (problem === undefined) resolve(box.value);
      }),
      onBack(box, reject),
    ]);
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
