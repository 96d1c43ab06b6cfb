// When sign-in (and with it the inventory load) starts: not on activation, but the first time the
// explorer view becomes visible or a pool JSON document is open in a trusted workspace. Runs the
// real connectOnDemand in the extension host with a scripted view and a counting connect, so the
// extension's own connection is not touched.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectOnDemand, type VisibleView } from '../../src/services/connectOnDemand';
import { waitFor } from './helpers/waitFor';

/** A tree view stand-in whose visibility the test switches. */
class ScriptedView implements VisibleView {
  private readonly changed = new vscode.EventEmitter<{ readonly visible: boolean }>();
  readonly onDidChangeVisibility = this.changed.event;
  constructor(public visible = false) {}
  show(): void {
    this.visible = true;
    this.changed.fire({ visible: true });
  }
  dispose(): void {
    this.changed.dispose();
  }
}

/** Lets every pending timer of the current turn (connectOnDemand's own are zero-delay) run first. */
async function afterPendingTimers(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const POOL = JSON.stringify({ id: 'p', vmSize: 'Standard_D2s_v3', virtualMachineConfiguration: { imageReference: { publisher: 'canonical', offer: 'o', sku: 's' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' } }, null, 2);
const warnings: string[] = [];

/**
 * Trust that starts withheld: earlier suites may leave pool documents open in this extension
 * host, and the start-up scan would rightly connect for them. Withholding trust until that scan
 * has run keeps each test about its own trigger; trust is then granted for the rest of the test.
 */
async function trustAfterStartupScan(trust: { value: boolean }): Promise<void> {
  await afterPendingTimers();
  trust.value = true;
}
const log = { warn: (message: string) => void warnings.push(message) };

describe('sign-in on demand', () => {
  const disposables: vscode.Disposable[] = [];
  afterEach(async () => {
    for (const d of disposables.splice(0)) d.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('connects once when the explorer view becomes visible, not before', async () => {
    const view = new ScriptedView();
    let connects = 0;
    const trust = { value: false };
    disposables.push(view, connectOnDemand(view, () => Promise.resolve(connects++), () => trust.value, log));
    await trustAfterStartupScan(trust);
    await afterPendingTimers();
    assert.equal(connects, 0, 'nothing needed the inventory yet');
    view.show();
    await waitFor('the connect', () => connects === 1);
    view.show();
    await afterPendingTimers();
    assert.equal(connects, 1, 'once only');
  });

  it('connects when the view is already visible at start, after the caller returned', async () => {
    const view = new ScriptedView(true);
    let connects = 0;
    disposables.push(view, connectOnDemand(view, () => Promise.resolve(connects++), () => true, log));
    assert.equal(connects, 0, 'not synchronously (activate() must return first)');
    await waitFor('the connect', () => connects === 1);
  });

  it('connects for a pool JSON document already open at start, after the caller returned', async () => {
    await vscode.workspace.openTextDocument({ language: 'json', content: POOL });
    const view = new ScriptedView();
    let connects = 0;
    disposables.push(view, connectOnDemand(view, () => Promise.resolve(connects++), () => true, log));
    assert.equal(connects, 0, 'not synchronously (activate() must return first)');
    await waitFor('the connect', () => connects === 1);
  });

  it('connects when a pool JSON document opens in a trusted workspace, not for other JSON', async () => {
    const view = new ScriptedView();
    let connects = 0;
    const trust = { value: false };
    disposables.push(view, connectOnDemand(view, () => Promise.resolve(connects++), () => trust.value, log));
    await trustAfterStartupScan(trust);
    await vscode.workspace.openTextDocument({ language: 'json', content: '{ "editor.fontSize": 14 }' });
    await afterPendingTimers();
    assert.equal(connects, 0, 'a JSON document that is no pool needs no inventory');
    await vscode.workspace.openTextDocument({ language: 'json', content: POOL });
    await waitFor('the connect', () => connects === 1);
  });

  it('does not connect for a pool document in Restricted Mode (untrusted)', async () => {
    const view = new ScriptedView();
    let connects = 0;
    disposables.push(view, connectOnDemand(view, () => Promise.resolve(connects++), () => false, log));
    await vscode.workspace.openTextDocument({ language: 'json', content: POOL });
    await afterPendingTimers();
    assert.equal(connects, 0);
    // The explorer is still the user's explicit request: it connects.
    view.show();
    await waitFor('the connect', () => connects === 1);
  });

  it('logs a failed connect instead of rejecting unhandled, and stops when disposed', async () => {
    const view = new ScriptedView();
    let connects = 0;
    const watcher = connectOnDemand(view, () => Promise.reject(new Error(`no session ${++connects}`)), () => true, log);
    disposables.push(view, watcher);
    view.show();
    await waitFor('the warning', () => warnings.some((w) => w.includes('no session 1')));

    const later = new ScriptedView();
    let laterConnects = 0;
    const disposed = connectOnDemand(later, () => Promise.resolve(laterConnects++), () => true, log);
    disposed.dispose();
    later.show();
    await vscode.workspace.openTextDocument({ language: 'json', content: POOL });
    await afterPendingTimers();
    assert.equal(laterConnects, 0, 'a disposed watcher connects for nothing');
    later.dispose();
  });
});
