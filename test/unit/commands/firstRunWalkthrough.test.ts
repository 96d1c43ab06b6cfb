import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WALKTHROUGH_ID, WALKTHROUGH_SHOWN_KEY, delay, openWalkthroughOnFirstRun } from '../../../src/services/firstRunWalkthrough';
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

describe('the walkthrough on first run', () => {
  it('opens once, on the first start, and never again on its own', async () => {
    const state = memento();
    const opened: string[] = [];
    const deps = { globalState: state, openOnInstall: () => true, openWalkthrough: async (id: string) => void opened.push(id) };
    assert.equal(await openWalkthroughOnFirstRun(deps), true);
    assert.equal(await openWalkthroughOnFirstRun(deps), false);
    assert.equal(await openWalkthroughOnFirstRun(deps), false);
    assert.deepEqual(opened, [WALKTHROUGH_ID]);
    assert.equal(state.values.get(WALKTHROUGH_SHOWN_KEY), true);
  });

  it('records the first run before opening, so a walkthrough that failed to open is not retried at every start', async () => {
    const state = memento();
    const failing = { globalState: state, openOnInstall: () => true, openWalkthrough: () => Promise.reject(new Error('no workbench')) };
    await assert.rejects(openWalkthroughOnFirstRun(failing), /no workbench/);
    let calls = 0;
    assert.equal(await openWalkthroughOnFirstRun({ ...failing, openWalkthrough: async () => void calls++ }), false);
    assert.equal(calls, 0);
  });

  it('respects workbench.welcomePage.walkthroughs.openOnInstall = false, also later', async () => {
    const state = memento();
    let calls = 0;
    let setting = false;
    const deps = { globalState: state, openOnInstall: () => setting, openWalkthrough: async () => void calls++ };
    assert.equal(await openWalkthroughOnFirstRun(deps), false);
    setting = true;
    assert.equal(await openWalkthroughOnFirstRun(deps), false);
    assert.equal(calls, 0);
  });

  it('waits before opening, and a disposed wait never opens', async () => {
    const waited = delay(20);
    const cancelled = delay(20);
    cancelled.dispose();
    let cancelledFired = false;
    void cancelled.promise.then(() => (cancelledFired = true));
    await waited.promise;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(cancelledFired, false);
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
