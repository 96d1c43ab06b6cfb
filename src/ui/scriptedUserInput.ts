// A UserInput that answers from a script, for integration tests. Each prompt takes the next
// expected answer, which names the kind of prompt and a pattern its title / placeholder / prompt
// must match; anything else — an unexpected prompt, the wrong kind, a label that is not offered,
// a script that ran out — is recorded as a failure and rejects the prompt, so the command stops
// and the test's assertDone() reports what was asked. Lives in the extension bundle so that
// cancellation errors are the extension's own class.
import * as vscode from 'vscode';
import { UserCancelledError } from '../commands/registerCommand';
import type { ConfirmOptions, InputOptions, PickItem, PromptOptions, SaveOptions, UserInput } from './userInput';
import { BackRequestedError } from './wizard';

export type ScriptedAnswer =
  /** Picks the item whose label (without `$(icon)` prefixes) equals `label`, or matches it when a RegExp. */
  | { kind: 'pickOne'; expect: string | RegExp; label: string | RegExp }
  /** Picks exactly these labels; `keepPicked` adds them to the preselected items instead. */
  | { kind: 'pickMany'; expect: string | RegExp; labels: (string | RegExp)[]; keepPicked?: boolean }
  /** Types `value`; `undefined` accepts the prefilled value. A value the validator refuses is recorded in validationMessages and the next answer is taken for the same box. */
  | { kind: 'input'; expect: string | RegExp; value?: string }
  | { kind: 'confirm'; expect: string | RegExp; answer: boolean }
  | { kind: 'save'; expect: string | RegExp; uri: string }
  /** Backs out of whatever prompt comes (Escape). */
  | { kind: 'cancel'; expect: string | RegExp }
  /** Presses the Back button of a quick pick or input box (a failure when it has none). */
  | { kind: 'back'; expect: string | RegExp }
  /** Accepts what a quick pick or input box proposes: its active item or prefilled value (a failure when there is none). */
  | { kind: 'accept'; expect: string | RegExp };

export interface RecordedMessage {
  severity: 'information' | 'warning' | 'error';
  message: string;
  /** The buttons offered with it. */
  actions: string[];
}

export interface ScriptedSession {
  /** Messages shown (not prompts), in order. */
  readonly messages: readonly RecordedMessage[];
  /** What validators said about refused input, in order. */
  readonly validationMessages: readonly string[];
  /** Titles of the prompts asked, in order. */
  readonly asked: readonly string[];
  /** What each quick pick offered ("description: label" per item, separators left out), in order. */
  readonly offered: readonly { title: string; items: string[] }[];
  /** Unexpected prompts and mismatches. */
  readonly failures: readonly string[];
  /** Adds answers at the end of the script. */
  push(...answers: ScriptedAnswer[]): void;
  /** Throws when a prompt failed or answers are left over. */
  assertDone(): void;
}

function matches(pattern: string | RegExp, text: string): boolean {
  return typeof pattern === 'string' ? text.toLowerCase().includes(pattern.toLowerCase()) : pattern.test(text);
}

function plainLabel(label: string): string {
  return label.replace(/^(\$\([^)]*\)\s*)+/, '');
}

function labelMatches(pattern: string | RegExp, label: string): boolean {
  return typeof pattern === 'string' ? plainLabel(label) === pattern : pattern.test(plainLabel(label));
}

export class ScriptedUserInput implements UserInput, ScriptedSession {
  readonly messages: RecordedMessage[] = [];
  readonly validationMessages: string[] = [];
  readonly asked: string[] = [];
  readonly offered: { title: string; items: string[] }[] = [];
  readonly failures: string[] = [];
  private readonly queue: ScriptedAnswer[];

  constructor(answers: readonly ScriptedAnswer[]) {
    this.queue = [...answers];
  }

  push(...answers: ScriptedAnswer[]): void {
    this.queue.push(...answers);
  }

  assertDone(): void {
    const problems = [...this.failures];
    if (this.queue.length > 0) problems.push(`${this.queue.length} scripted answer(s) not used, next: ${describe(this.queue[0])}`);
    if (problems.length > 0) throw new Error(`Scripted input: ${problems.join('; ')}. Prompts asked: ${this.asked.join(' | ')}. Messages: ${this.messages.map((m) => `${m.severity}: ${m.message}`).join(' | ')}`);
  }

  private fail(message: string): never {
    this.failures.push(message);
    throw new Error(`Scripted input: ${message}`);
  }

  /**
   * The next answer, checked against the prompt; a `cancel` answer backs out, a `back` answer
   * presses Back, an `accept` answer is returned as is (the prompt takes what it proposes).
   */
  private next<K extends ScriptedAnswer['kind']>(kind: K, text: string, canGoBack = false): Extract<ScriptedAnswer, { kind: K | 'accept' }> {
    this.asked.push(text);
    const answer = this.queue.shift();
    if (!answer) return this.fail(`unexpected ${kind} prompt "${text}"`);
    if (!matches(answer.expect, text)) return this.fail(`expected a prompt matching ${String(answer.expect)}, got ${kind} "${text}"`);
    if (answer.kind === 'cancel') throw new UserCancelledError();
    if (answer.kind === 'back') {
      if (!canGoBack) return this.fail(`no Back button on ${kind} "${text}"`);
      throw new BackRequestedError();
    }
    if (answer.kind === 'accept' && (kind === 'pickOne' || kind === 'input' || kind === 'pickMany')) return answer as Extract<ScriptedAnswer, { kind: 'accept' }>;
    if (answer.kind !== kind) return this.fail(`expected ${answer.kind} for ${String(answer.expect)}, got ${kind} "${text}"`);
    return answer as Extract<ScriptedAnswer, { kind: K | 'accept' }>;
  }

  private recordOffer(items: readonly vscode.QuickPickItem[], options: PromptOptions): void {
    const shown = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => (i.description ? `${i.description}: ${plainLabel(i.label)}` : plainLabel(i.label)));
    this.offered.push({ title: options.title, items: shown });
  }

  async pickOne<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>> {
    this.recordOffer(items, options);
    const answer = this.next('pickOne', promptText(options), options.canGoBack);
    if (answer.kind === 'accept') {
      const active = options.active && items.find((i) => i === options.active || i.label === options.active?.label);
      if (!active) return this.fail(`nothing preselected to accept in "${options.title}"`);
      return Promise.resolve(active);
    }
    const item = items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator && labelMatches(answer.label, i.label));
    if (!item) return this.fail(`no item ${String(answer.label)} in "${options.title}"; offered: ${items.map((i) => i.label).join(', ')}`);
    return Promise.resolve(item);
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PromptOptions): Promise<PickItem<T>[]> {
    this.recordOffer(items, options);
    const answer = this.next('pickMany', promptText(options), options.canGoBack);
    if (answer.kind === 'accept') return Promise.resolve(items.filter((i) => i.picked));
    const chosen = new Set<PickItem<T>>(answer.keepPicked ? items.filter((i) => i.picked) : []);
    for (const pattern of answer.labels) {
      const item = items.find((i) => labelMatches(pattern, i.label));
      if (!item) return this.fail(`no item ${String(pattern)} in "${options.title}"; offered: ${items.map((i) => i.label).join(', ')}`);
      chosen.add(item);
    }
    return Promise.resolve(items.filter((i) => chosen.has(i)));
  }

  async inputBox(options: InputOptions): Promise<string> {
    for (;;) {
      const answer = this.next('input', promptText(options), options.canGoBack);
      const value = (answer.kind === 'input' ? answer.value : undefined) ?? options.value ?? '';
      const problem = options.validate?.(value);
      if (problem === undefined) return Promise.resolve(value);
      // Like a user who reads the message and types again: the next answer goes to the same box.
      this.validationMessages.push(problem);
    }
  }

  async confirm(message: string, options: ConfirmOptions): Promise<void> {
    const answer = this.next('confirm', `${message} ${options.detail ?? ''}`.trim());
    if (answer.kind !== 'confirm') return this.fail(`accept is no answer to the confirmation "${message}"`);
    if (!answer.answer) throw new UserCancelledError();
    return Promise.resolve();
  }

  async saveDialog(options: SaveOptions): Promise<vscode.Uri> {
    const answer = this.next('save', promptText(options));
    if (answer.kind !== 'save') return this.fail(`accept is no answer to the save dialog "${options.title}"`);
    return Promise.resolve(vscode.Uri.parse(answer.uri));
  }

  showInformation(message: string, ...actions: string[]): Promise<string | undefined> {
    this.messages.push({ severity: 'information', message, actions });
    return Promise.resolve(undefined);
  }

  showWarning(message: string, ...actions: string[]): Promise<string | undefined> {
    this.messages.push({ severity: 'warning', message, actions });
    return Promise.resolve(undefined);
  }

  showError(message: string, ...actions: string[]): Promise<string | undefined> {
    this.messages.push({ severity: 'error', message, actions });
    return Promise.resolve(undefined);
  }
}

function promptText(options: PromptOptions & { prompt?: string }): string {
  return [options.title, options.placeHolder, options.prompt].filter((s) => s).join(' — ');
}

function describe(a: ScriptedAnswer): string {
  return `${a.kind} ${String(a.expect)}`;
}
