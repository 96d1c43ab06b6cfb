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
 * Shows a quick input and settles once: with the accepted value, BackRequestedError on Back
 * (wired here for every quick input, see wireBack), UserCancelledError when it is hidden (Escape,
 * focus elsewhere closing it).
 */
function settle<T>(input: ShownPrompt, options: PromptOptions, onShow: (input: ShownPrompt) => void, wire: (resolve: (value: T) => void) => vscode.Disposable[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (action: () => void): void => {
      if (done) return;
      done = true;
      for (const d of disposables) d.dispose();
      action();
      input.dispose();
    };
    const fail = (error: Error): void => finish(() => reject(error));
    const disposables: vscode.Disposable[] = [
      ...wire((value) => finish(() => resolve(value))),
      wireBack(input, options, fail),
      input.onDidHide(() => finish(() => reject(new UserCancelledError()))),
    ];
    input.show();
    onShow(input);
  });
}

/**
 * The one place Back is wired, for every quick pick and input box: the button is shown when the
 * prompt offers it (a wizard step after the first), and pressing it rejects with
 * BackRequestedError; the wizard then asks the previous question with its answer kept.
 */
function wireBack(input: ShownPrompt, options: PromptOptions, reject: (error: Error) => void): vscode.Disposable {
  input.buttons = options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  return input.onDidTriggerButton((button) => {
    if (button === vscode.QuickInputButtons.Back) reject(new BackRequestedError());
  });
}

/** The quick inputs this implementation shows, as they are shown (test hooks drive them). */
export type ShownPrompt = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

export class VsCodeUserInput implements UserInput {
  private readonly shownPrompt = new vscode.EventEmitter<ShownPrompt>();
  /** Fires when a quick pick or input box is shown, with the live object. */
  readonly onDidShowPrompt = this.shownPrompt.event;

  async pickOne<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>> {
    const pick = vscode.window.createQuickPick<PickItem<T>>();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.ignoreFocusOut = true;
    pick.items = items;
    const active = options.active ? items.find((i) => i === options.active || (i.label === options.active?.label && i.kind !== vscode.QuickPickItemKind.Separator)) : undefined;
    if (active) pick.activeItems = [active];
    return this.settle<PickItem<T>>(pick, options, (resolve) => [
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen) resolve(chosen);
      }),
    ]);
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>[]> {
    const pick = vscode.window.createQuickPick<PickItem<T>>();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.canSelectMany = true;
    pick.matchOnDescription = true;
    pick.ignoreFocusOut = true;
    pick.items = items;
    pick.selectedItems = items.filter((i) => i.picked);
    return this.settle<PickItem<T>[]>(pick, options, (resolve) => [
      pick.onDidAccept(() => resolve([...pick.selectedItems])),
    ]);
  }

  async inputBox(options: InputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.placeholder = options.placeHolder;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    const validate = (value: string): string | undefined => options.validate?.(value);
    box.validationMessage = options.value !== undefined ? validate(box.value) : undefined;
    return this.settle<string>(box, options, (resolve) => [
      box.onDidChangeValue((value) => (box.validationMessage = validate(value))),
      box.onDidAccept(() => {
        const problem = validate(box.value);
        box.validationMessage = problem;
        if (problem === undefined) resolve(box.value);
      }),
    ]);
  }

  private settle<T>(input: ShownPrompt, options: PromptOptions, wire: (resolve: (value: T) => void) => vscode.Disposable[]): Promise<T> {
    return settle(input, options, (shown) => this.shownPrompt.fire(shown), wire);
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
