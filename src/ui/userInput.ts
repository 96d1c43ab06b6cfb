// The prompt layer: every question a command asks goes through UserInput, so integration tests
// can answer from a script (and fail on a question nobody expected) while users get VS Code's
// quick picks, input boxes and modal dialogs. Imports only vscode types and the cancel error.
import type * as vscode from 'vscode';

/** A quick pick item carrying the value it stands for. */
export interface PickItem<T> extends vscode.QuickPickItem {
  readonly data: T;
}

export interface PromptOptions {
  /** Shown as the prompt's title; scripted answers are matched against title and placeholder. */
  title: string;
  placeHolder?: string;
  /** Show a Back button (multi-step commands, src/ui/wizard.ts); pressing it rejects with BackRequestedError. */
  canGoBack?: boolean;
  /** pickOne: the item to start on (an earlier answer kept after Back). */
  active?: vscode.QuickPickItem;
  /** pickOne: answering this prompt commits the flow (the summary's Create); Back ends here. */
  commits?: boolean;
}

export interface InputOptions extends PromptOptions {
  prompt?: string;
  value?: string;
  /** Hide what is typed (secrets). */
  password?: boolean;
  /** A message while the value is not acceptable, undefined when it is. Runs as the user types. */
  validate?: (value: string) => string | undefined;
}

export interface ConfirmOptions {
  /** Detail text under the modal message. */
  detail?: string;
  /** The label of the button that goes ahead (e.g. "Delete"). */
  confirmLabel: string;
  /**
   * Something is destroyed: Enter must not confirm it. A modal dialog makes its first button the
   * default, so the question is asked where "Cancel" is the default answer instead.
   */
  destructive?: boolean;
}

export interface SaveOptions extends PromptOptions {
  defaultUri?: vscode.Uri;
  filters?: Record<string, string[]>;
}

/**
 * Every method that asks something resolves with the answer or rejects with
 * UserCancelledError when the user backs out (Escape, closing a dialog, "Cancel"), or with
 * BackRequestedError when the prompt offered Back (options.canGoBack) and the user pressed it.
 * Messages (showInformation / showWarning / showError) never block a command: they resolve with
 * the action the user clicked, if any, whenever that happens.
 */
export interface UserInput {
  pickOne<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>>;
  /** Items with `picked: true` start selected. Picking nothing is an answer (empty array). */
  pickMany<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>[]>;
  inputBox(options: InputOptions): Promise<string>;
  /** A modal confirmation; resolves when the user chose `confirmLabel`. */
  confirm(message: string, options: ConfirmOptions): Promise<void>;
  saveDialog(options: SaveOptions): Promise<vscode.Uri>;
  showInformation(message: string, ...actions: string[]): Promise<string | undefined>;
  showWarning(message: string, ...actions: string[]): Promise<string | undefined>;
  showError(message: string, ...actions: string[]): Promise<string | undefined>;
}
