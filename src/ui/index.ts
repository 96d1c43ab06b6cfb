// The prompt layer's public surface. Commands ask through a UserInputHolder so tests can swap the
// implementation at run time (the extension API's workflows.useScriptedInput).
import type { UserInput } from './userInput';
import { VsCodeUserInput } from './vscodeUserInput';

export type { UserInput, PickItem, PromptOptions, InputOptions, ConfirmOptions, SaveOptions } from './userInput';
export { ScriptedUserInput, type ScriptedAnswer, type ScriptedSession, type RecordedMessage } from './scriptedUserInput';

export class UserInputHolder {
  private readonly real: UserInput = new VsCodeUserInput();
  private override: UserInput | undefined;

  get current(): UserInput {
    return this.override ?? this.real;
  }

  /** Replaces the prompts (tests); undefined restores VS Code's. */
  set(input: UserInput | undefined): void {
    this.override = input;
  }
}
