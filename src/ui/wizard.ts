// Multi-step commands as VS Code's Azure extensions present them: "step n of m" in every prompt's
// title, a Back button that returns to the previous question with the earlier answers kept, and
// no resource created before the last step (a summary with a Create button).
//
// Commands stay straight-line code (ask, ask, ask, create). Back works by replaying: the command
// runs again from the top, and the wizard answers the questions before the one to return to from
// what the user answered last time (matched by title and by the offered labels, so a question
// whose choices changed is asked again), then shows that question with its earlier answer
// preselected. This is safe because nothing is written before the summary's Create: a prompt
// marked `commits` (the summary) ends Back for the rest of the run.
import * as vscode from 'vscode';
import type { ConfirmOptions, InputOptions, PickItem, PromptOptions, SaveOptions, UserInput } from './userInput';

/** Thrown by a UserInput when the user pressed the Back button of a prompt. */
export class BackRequestedError extends Error {
  constructor() {
    super('Back');
    this.name = 'BackRequestedError';
  }
}

type Answer =
  | { kind: 'pickOne'; label: string }
  | { kind: 'pickMany'; labels: string[] }
  | { kind: 'input'; value: string }
  | { kind: 'confirm' }
  | { kind: 'save'; uri: vscode.Uri };

interface Recorded {
  /** The prompt's own title (without the step text): replay only answers the same question. */
  key: string;
  answer: Answer;
  /** A quick input (pick or input box) is a step with a Back button; modal dialogs are replayed only. */
  step: boolean;
}

/** Internal: Back at prompt `index` of a run. */
class Rewind extends Error {
  constructor(readonly toIndex: number) {
    super('rewind');
  }
}

/**
 * Runs a multi-step flow with Back. `totalSteps` is the usual number of questions from this entry
 * point (the title's "of m"; it grows when a run asks more, and the summary that commits is always
 * "step n of n"). Escape (UserCancelledError) and failures propagate.
 */
export async function runWizard<T>(inner: () => UserInput, totalSteps: number, flow: (ui: UserInput) => Promise<T>): Promise<T> {
  const history: Recorded[] = [];
  let replay = 0;
  let longest = totalSteps;
  for (;;) {
    const ui = new WizardInput(inner(), history, replay, longest);
    try {
      return await flow(ui);
    } catch (error) {
      if (!(error instanceof Rewind)) throw error;
      replay = error.toIndex;
      longest = Math.max(longest, ui.stepsAsked);
    }
  }
}

const plain = (label: string): string => label.replace(/^(\$\([^)]*\)\s*)+/, '');

class WizardInput implements UserInput {
  private index = 0;
  private step = 0;
  private committed = false;
  /** Indexes of the quick inputs shown or replayed in this run (Back goes to the last of them). */
  private readonly stepIndexes: number[] = [];

  constructor(
    private readonly inner: UserInput,
    private readonly history: Recorded[],
    private readonly replayUntil: number,
    private readonly totalSteps: number,
  ) {}

  get stepsAsked(): number {
    return this.step;
  }

  private replaying(): boolean {
    return this.index < this.replayUntil;
  }

  /** The answer recorded last time for this prompt, when it was the same question. */
  private previous(key: string): Answer | undefined {
    const r = this.history[this.index];
    return r && r.key === key ? r.answer : undefined;
  }

  private record(key: string, answer: Answer, step: boolean): void {
    this.history[this.index] = { key, answer, step };
    this.index++;
  }

  private decorate<O extends PromptOptions>(options: O): O {
    this.step++;
    this.stepIndexes.push(this.index);
    // The summary (the prompt that commits) is the last step: a path shorter than the usual one
    // (a skipped optional question) still ends at "step n of n".
    const total = options.commits ? this.step : Math.max(this.totalSteps, this.step);
    return {
      ...options,
      title: vscode.l10n.t('{0} (step {1} of {2})', options.title, this.step, total),
      canGoBack: !this.committed && this.stepIndexes.length > 1,
    };
  }

  /** Runs a shown quick input; Back rewinds to the quick input before this one. */
  private async shown<R>(ask: () => Promise<R>): Promise<R> {
    try {
      return await ask();
    } catch (error) {
      if (!(error instanceof BackRequestedError)) throw error;
      const before = this.stepIndexes[this.stepIndexes.length - 2];
      if (before === undefined || this.committed) throw error;
      throw new Rewind(before);
    }
  }

  async pickOne<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>> {
    const key = `pickOne:${options.title}`;
    const previous = this.previous(key);
    const kept = previous?.kind === 'pickOne' ? items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator && plain(i.label) === previous.label) : undefined;
    if (this.replaying() && kept) {
      this.step++;
      this.stepIndexes.push(this.index);
      this.record(key, { kind: 'pickOne', label: plain(kept.label) }, true);
      if (options.commits) this.committed = true;
      return kept;
    }
    const picked = await this.shown(() => this.inner.pickOne(items, { ...this.decorate(options), active: kept ?? options.active }));
    this.record(key, { kind: 'pickOne', label: plain(picked.label) }, true);
    if (options.commits) this.committed = true;
    return picked;
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>[]> {
    const key = `pickMany:${options.title}`;
    const previous = this.previous(key);
    const keptLabels = previous?.kind === 'pickMany' ? new Set(previous.labels) : undefined;
    const offered = new Set(items.map((i) => plain(i.label)));
    if (this.replaying() && keptLabels && [...keptLabels].every((l) => offered.has(l))) {
      this.step++;
      this.stepIndexes.push(this.index);
      this.record(key, { kind: 'pickMany', labels: [...keptLabels] }, true);
      return items.filter((i) => keptLabels.has(plain(i.label)));
    }
    const shownItems = keptLabels ? items.map((i) => ({ ...i, picked: keptLabels.has(plain(i.label)) })) : items;
    const picked = await this.shown(() => this.inner.pickMany(shownItems, this.decorate(options)));
    this.record(key, { kind: 'pickMany', labels: picked.map((p) => plain(p.label)) }, true);
    // The caller's own item objects, so identity comparisons in the command still hold.
    const chosen = new Set(picked.map((p) => plain(p.label)));
    return items.filter((i) => chosen.has(plain(i.label)));
  }

  async inputBox(options: InputOptions): Promise<string> {
    const key = `input:${options.title}`;
    const previous = this.previous(key);
    const kept = previous?.kind === 'input' ? previous.value : undefined;
    if (this.replaying() && kept !== undefined && options.validate?.(kept) === undefined) {
      this.step++;
      this.stepIndexes.push(this.index);
      this.record(key, { kind: 'input', value: kept }, true);
      return kept;
    }
    const value = await this.shown(() => this.inner.inputBox({ ...this.decorate(options), value: kept ?? options.value }));
    this.record(key, { kind: 'input', value }, true);
    return value;
  }

  async confirm(message: string, options: ConfirmOptions): Promise<void> {
    const key = `confirm:${message}`;
    if (this.replaying() && this.previous(key)) {
      this.record(key, { kind: 'confirm' }, false);
      return;
    }
    await this.inner.confirm(message, options);
    this.record(key, { kind: 'confirm' }, false);
  }

  async saveDialog(options: SaveOptions): Promise<vscode.Uri> {
    const key = `save:${options.title}`;
    const previous = this.previous(key);
    if (this.replaying() && previous?.kind === 'save') {
      this.record(key, previous, false);
      return previous.uri;
    }
    const uri = await this.inner.saveDialog(options);
    this.record(key, { kind: 'save', uri }, false);
    return uri;
  }

  // Messages shown while replaying were shown the first time already.
  showInformation(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.replaying() ? Promise.resolve(undefined) : this.inner.showInformation(message, ...actions);
  }

  showWarning(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.replaying() ? Promise.resolve(undefined) : this.inner.showWarning(message, ...actions);
  }

  showError(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.inner.showError(message, ...actions);
  }
}
