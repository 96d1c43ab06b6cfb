import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WALKTHROUGH_ATTEMPTS, WALKTHROUGH_ID, WALKTHROUGH_SHOWN_KEY, isOtherEditor, isWalkthroughTabLabel, openWalkthroughOnFirstRun, waits } from '../../../src/services/firstRunWalkthrough';
import { repoRoot } from '../helpers/repoRoot';

/** globalState as VS Code keeps it across restarts: one map per user. */
function memento(): { get<T>(key: string): T | undefined; update(key: string, value: unknown): Promise<void>; values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: async (key: string, value: unknown) => void values.set(key, value),
  };
}

/** A workbench where opening our walkthrough shows it (the usual case); waits take no time. */
function workbench() {
  let shown = false;
  const opened: string[] = [];
  return {
    opened,
    isWalkthroughShown: () => shown,
    wait: async () => {},
    openWalkthrough: async (id: string) => {
      opened.push(id);
      shown = true;
    },
  };
}

describe('the walkthrough on first run', () => {
  it('opens once, on the first start, and never again on its own', async () => {
    const state = memento();
    const bench = workbench();
    const deps = { ...bench, globalState: state, openOnInstall: () => true };
    assert.equal(await openWalkthroughOnFirstRun(deps), true);
    assert.equal(await openWalkthroughOnFirstRun(deps), false);
    assert.equal(await openWalkthroughOnFirstRun(deps), false);
    assert.deepEqual(bench.opened, [WALKTHROUGH_ID]);
    assert.equal(state.values.get(WALKTHROUGH_SHOWN_KEY), true);
  });

  it('records the first run before opening, so a walkthrough that failed to open is not retried at every start', async () => {
    const state = memento();
    const failing = { ...workbench(), globalState: state, openOnInstall: () => true, openWalkthrough: () => Promise.reject(new Error('no workbench')) };
    await assert.rejects(openWalkthroughOnFirstRun(failing), /no workbench/);
    let calls = 0;
    assert.equal(await openWalkthroughOnFirstRun({ ...failing, openWalkthrough: async () => void calls++ }), false);
    assert.equal(calls, 0);
  });

  it('respects workbench.welcomePage.walkthroughs.openOnInstall = false, also later', async () => {
    const state = memento();
    let calls = 0;
    let setting = false;
    const deps = { ...workbench(), globalState: state, openOnInstall: () => setting, openWalkthrough: async () => void calls++ };
    assert.equal(await openWalkthroughOnFirstRun(deps), false);
    setting = true;
    assert.equal(await openWalkthroughOnFirstRun(deps), false);
    assert.equal(calls, 0);
  });

  it('asks again while VS Code shows another walkthrough (ours not registered yet), then stops', async () => {
    // VS Code answers a walkthrough it does not know yet with its own first one; ours is known
    // from the third try on.
    let tries = 0;
    let shown = false;
    const waited: number[] = [];
    const deps = {
      globalState: memento(),
      openOnInstall: () => true,
      isWalkthroughShown: () => shown,
      wait: async (ms: number) => void waited.push(ms),
      openWalkthrough: async () => void (shown = ++tries >= 3),
    };
    assert.equal(await openWalkthroughOnFirstRun(deps), true);
    assert.equal(tries, 3);
    assert.equal(waited.length, 4, 'a first wait, then one after each try');
  });

  it('gives up after a bounded number of tries, and does not open what the user already opened', async () => {
    let tries = 0;
    const never = { globalState: memento(), openOnInstall: () => true, isWalkthroughShown: () => false, wait: async () => {}, openWalkthrough: async () => void tries++ };
    assert.equal(await openWalkthroughOnFirstRun(never), false);
    assert.equal(tries, WALKTHROUGH_ATTEMPTS);
    tries = 0;
    assert.equal(await openWalkthroughOnFirstRun({ ...never, globalState: memento(), isWalkthroughShown: () => true }), true);
    assert.equal(tries, 0);
  });

  it('recognises our walkthrough tab by the extension name VS Code puts in its title', () => {
    assert.equal(isWalkthroughTabLabel('Walkthrough: Azure Batch Images', 'Azure Batch Images'), true);
    assert.equal(isWalkthroughTabLabel('Walkthrough: Setup VS Code Web', 'Azure Batch Images'), false);
    assert.equal(isWalkthroughTabLabel('Welcome', 'Azure Batch Images'), false);
    assert.equal(isWalkthroughTabLabel('Azure Batch Images', 'Azure Batch Images'), false);
  });

  it('stops asking once the user works in a file, a diff, a notebook or a webview, not while the welcome page is active', () => {
    assert.equal(isOtherEditor({ uri: 'file:///a.pool.json' }), true);
    assert.equal(isOtherEditor({ original: 'a', modified: 'b' }), true);
    assert.equal(isOtherEditor({ viewType: 'azureBatchImages.migrationReport' }), true);
    assert.equal(isOtherEditor({ uri: 'x', notebookType: 'jupyter-notebook' }), true);
    assert.equal(isOtherEditor(undefined), false, 'the welcome page has no tab input');
  });

  it('waits, and disposed waits never resolve', async () => {
    const timers = waits();
    await timers.wait(20);
    let fired = false;
    void timers.wait(20).then(() => (fired = true));
    timers.dispose();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fired, false);
  });

  it('names the walkthrough package.json contributes, whose steps each have media and a command button', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
      publisher: string;
      name: string;
      contributes: { walkthroughs: { id: string; steps: { id: string; description: string; media: { image?: string } }[] }[] };
    };
    const nls = JSON.parse(readFileSync(join(repoRoot(), 'package.nls.json'), 'utf8')) as Record<string, string>;
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.equal(`${pkg.publisher}.${pkg.name}#${walkthrough.id}`, WALKTHROUGH_ID);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['signIn', 'findManagedImages', 'publishToGallery', 'checkPoolFile', 'checkInCi'],
    );
    for (const step of walkthrough.steps) {
      const description = nls[step.description.replace(/^%|%$/g, '')];
      assert.match(description, /\]\(command:[\w.]+/, `${step.id} has a command button`);
      assert.ok(step.media.image, `${step.id} has an image`);
      readFileSync(join(repoRoot(), step.media.image)); // exists
    }
    assert.match(nls['walkthrough.signIn.description'], /\(command:azureBatchImages\.signIn\)/);
  });
});
