// The prompt layer's public surface. Commands ask through a UserInputHolder so tests can swap the
// implementation at run time (the extension API's workflows.useScriptedInput).
import type { UserInput } from './userInput';
import type * as vscode from 'vscode';
import { VsCodeUserInput, type ShownPrompt } from './vscodeUserInput';

export type { ShownPrompt } from './vscodeUserInput';
export type { UserInput, PickItem, PromptOptions, InputOptions, ConfirmOptions, SaveOptions } from './userInput';
export { ScriptedUserInput, type ScriptedAnswer, type ScriptedSession, type RecordedMessage } from './scriptedUserInput';

export class UserInputHolder {
  private readonly real = new VsCodeUserInput();
  private override: UserInput | undefined;

  /** VS Code's quick picks and input boxes as they are shown (tests drive them through the workbench). */
  get onDidShowPrompt(): vscode.Event<ShownPrompt> {
    return this.real.onDidShowPrompt;
  }

  get current(): UserInput {
    return this.override ?? this.real;
  }

  /** Replaces the prompts (tests); undefined restores VS Code's. */
  set(input: UserInput | undefined): void {
    this.override = input;
  }
}
