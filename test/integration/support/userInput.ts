// Short builders for scripted prompt answers, and the workflow helpers the command suites share:
// run a command with a script, wait for the simulator's state, reset the demo afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { ScriptedAnswer, ScriptedSession } from '../../../src/ui';
import { simulator, workflows } from './extensionApi';

export const answer = {
  pick: (expect: string | RegExp, label: string | RegExp): ScriptedAnswer => ({ kind: 'pickOne', expect, label }),
  pickMany: (expect: string | RegExp, labels: (string | RegExp)[], keepPicked = false): ScriptedAnswer => ({ kind: 'pickMany', expect, labels, keepPicked }),
  /** Types a value; without one, accepts what the box suggests. */
  input: (expect: string | RegExp, value?: string): ScriptedAnswer => ({ kind: 'input', expect, value }),
  confirm: (expect: string | RegExp, yes = true): ScriptedAnswer => ({ kind: 'confirm', expect, answer: yes }),
  save: (expect: string | RegExp, uri: vscode.Uri): ScriptedAnswer => ({ kind: 'save', expect, uri: uri.toString() }),
  cancel: (expect: string | RegExp): ScriptedAnswer => ({ kind: 'cancel', expect }),
  /** Presses the prompt's Back button. */
  back: (expect: string | RegExp): ScriptedAnswer => ({ kind: 'back', expect }),
  /** Takes what the prompt proposes (active item, prefilled value). */
  accept: (expect: string | RegExp): ScriptedAnswer => ({ kind: 'accept', expect }),
  /** The summary that ends a create / publish flow: select its Create button. */
  create: (expect: string | RegExp = 'summary'): ScriptedAnswer => ({ kind: 'pickOne', expect, label: /^Create|^Publish/ }),
};

const COMMAND_LIMIT_MS = 60_000;

export interface Ran<T> {
  result: T;
  session: ScriptedSession;
}

/** Runs a command with scripted answers; fails when a prompt was unexpected or answers are left. */
export async function runScripted<T>(_api: ExtensionApi, command: string, answers: ScriptedAnswer[], ...args: unknown[]): Promise<Ran<T>> {
  const session = workflows().useScriptedInput(answers);
  let timer: NodeJS.Timeout | undefined;
  // A command that never ends would otherwise only show as a mocha timeout: name the last prompt.
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${command} did not finish in ${COMMAND_LIMIT_MS} ms; prompts asked: ${session.asked.join(' | ')}; messages: ${session.messages.map((m) => m.message).join(' | ')}`)), COMMAND_LIMIT_MS);
  });
  try {
    const result = await Promise.race([Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)), stuck]);
    session.assertDone();
    return { result, session };
  } finally {
    clearTimeout(timer);
    workflows().setUserInput(undefined);
  }
}

export type ResourceCounts = Record<string, number>;

export function resourceCounts(): Promise<ResourceCounts> {
  return simulator<ResourceCounts>('GET', 'state');
}

/** The count of one kind in `GET state` (`images`, `galleries`, `galleryImages`, `galleryImageVersions`, `pools`, `resourceGroups`). */
export function countOf(counts: ResourceCounts, kind: string): number {
  assert.ok(kind in counts, `no '${kind}' in the simulator state: ${JSON.stringify(counts)}`);
  return counts[kind];
}

/** One resource as the simulator stores it (its ARM JSON), for properties the extension's model does not carry. */
export async function storedResource<T = Record<string, unknown>>(id: string): Promise<T> {
  return simulator<T>('GET', `resource/${id.replace(/^\//, '')}`);
}

/** Puts the demo scenario back (other suites expect it) and reloads the inventory. */
export async function resetDemo(api: ExtensionApi): Promise<void> {
  await simulator('POST', 'reset');
  await api.inventory.refresh();
  await api.inventory.whenIdle();
}

/** The resource id of the explorer's selected node. */
export function selectedId(api: ExtensionApi): string | undefined {
  return api.explorer.view.selection[0]?.resourceId;
}

export function messagesOf(session: ScriptedSession, severity: 'information' | 'warning' | 'error'): string[] {
  return session.messages.filter((m) => m.severity === severity).map((m) => m.message);
}

/**
 * Runs of answers several suites script the same way; each returns the answers in the order the
 * wizard asks, parameterised by what the suites vary. None ends with the summary: add it.
 */
export const wizard = {
  /** The suggested version number, target regions and replica counts, with Standard_LRS storage. */
  newVersion: (): ScriptedAnswer[] => [
    answer.input('version'),
    answer.pickMany('target regions', [], true),
    answer.input('replica counts'),
    answer.pick('storage account type', 'Standard_LRS'),
  ],
  /**
   * In `gallery`, a new image definition `name` (the suggested publisher, offer and SKU, Standard
   * security) and its first version as in `newVersion`.
   */
  newDefinition: (gallery: string | RegExp, name: string): ScriptedAnswer[] => [
    answer.pick('gallery', gallery),
    answer.pick('image definition', 'New image definition…'),
    answer.input('new image definition name', name),
    answer.input('publisher'),
    answer.input('offer'),
    answer.input('SKU'),
    answer.pick('security type', 'Standard'),
    ...wizard.newVersion(),
  ],
  /** A fixed-size pool `id` on Standard_D2s_v3; node counts typed when given, else the suggested ones. */
  newPool: (id: string, nodeAgentSku: string, dedicated?: string, spot?: string): ScriptedAnswer[] => [
    answer.input('pool id', id),
    answer.pick('VM size', 'Standard_D2s_v3'),
    answer.pick('node agent SKU', nodeAgentSku),
    answer.pick('scale', 'Fixed size'),
    answer.input('dedicated nodes', dedicated),
    answer.input('Spot/low-priority nodes', spot),
    answer.input('resizeTimeout'),
  ],
  /**
   * No data disks, then a Linux generalized image `name` (the suggested one when not given) of
   * `generation` in rg-images, not zone resilient.
   */
  newImage: (name: string | undefined, generation: 'V1' | 'V2'): ScriptedAnswer[] => [
    answer.pickMany('data-disk snapshots', []),
    answer.pick('resource group', 'rg-images'),
    answer.input('image name', name),
    answer.pick('OS type', 'Linux'),
    answer.pick('OS state', 'Generalized'),
    answer.pick('Hyper-V generation', generation),
    answer.pick('zone resilience', 'No'),
  ],
};
