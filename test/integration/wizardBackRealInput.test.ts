// Back in VS Code's own quick inputs (issue 14, item 8): a multi-step command answered through the
// workbench (accept, Back and list navigation are the workbench's commands, as keys would run
// them), not through the scripted prompts. Every step says "step n of m", the Back button is on
// every step but the first, and Back returns to the previous step with its answer preselected
// (picks) or prefilled (input boxes); the resource is then created with the answers kept.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ShownPrompt } from '../../src/ui';
import { workflows } from './support/extensionApi';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';
import { storedResource } from './support/userInput';

const production = PRODUCTION_SUBSCRIPTION;
const snapshotId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/${name}`;
const imageId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;

const plain = (label: string): string => label.replace(/^(\$\([^)]*\)\s*)+/, '');

/** The quick inputs the extension shows, in order; waiting for one ends when the command ends. */
class ShownPrompts implements vscode.Disposable {
  private readonly queue: ShownPrompt[] = [];
  private waiter: ((prompt: ShownPrompt) => void) | undefined;
  private readonly subscription = workflows().onDidShowPrompt((prompt) => {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter(prompt);
    else this.queue.push(prompt);
  });
  readonly titles: string[] = [];

  constructor(private readonly ended: Promise<unknown>) {}

  async next(expect: RegExp): Promise<ShownPrompt> {
    const queued = this.queue.shift();
    const prompt =
      queued ??
      (await Promise.race([
        new Promise<ShownPrompt>((resolve) => (this.waiter = resolve)),
        this.ended.then((result) => {
          throw new Error(`the command ended (${String(result)}) while a prompt matching ${expect} was expected; shown: ${this.titles.join(' | ')}`);
        }),
      ]));
    this.titles.push(prompt.title ?? '');
    assert.match(prompt.title ?? '', expect);
    return prompt;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function isPick(prompt: ShownPrompt): prompt is vscode.QuickPick<vscode.QuickPickItem> {
  return 'items' in prompt;
}

function stepOf(prompt: ShownPrompt): [number, number] {
  const m = /\(step (\d+) of (\d+)\)/.exec(prompt.title ?? '');
  assert.ok(m, `no "step n of m" in "${prompt.title}"`);
  return [Number(m[1]), Number(m[2])];
}

const hasBack = (prompt: ShownPrompt): boolean => prompt.buttons.includes(vscode.QuickInputButtons.Back);

const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
const back = () => vscode.commands.executeCommand('workbench.action.quickInputBack');

/** Moves the list's focus (workbench commands, as the arrow keys) to the item labelled so. */
async function focusItem(pick: vscode.QuickPick<vscode.QuickPickItem>, label: string): Promise<void> {
  // The workbench reports the active item before it answers the command.
  await vscode.commands.executeCommand('quickInput.first');
  for (let i = 0; i < pick.items.length && plain(pick.activeItems[0]?.label ?? '') !== label; i++) await vscode.commands.executeCommand('quickInput.next');
  assert.equal(plain(pick.activeItems[0]?.label ?? ''), label, `no item "${label}" in "${pick.title}"`);
}

describe('wizards in VS Code\'s own quick inputs: step n of m, Back keeps the answers', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('Create Image: Back from the summary to the name, the earlier answers preselected, then created with them', async () => {
    assert.ok(api.inventory.signedIn);
    const name = 'img-it-real-back';
    const run = Promise.resolve(vscode.commands.executeCommand<string>('azureBatchImages.createImageFromSnapshots', snapshotId('snap-ubuntu-os-v1')));
    const prompts = new ShownPrompts(run);
    try {
      const data = await prompts.next(/data-disk snapshots.* \(step 1 of \d+\)/);
      assert.equal(hasBack(data), false, 'no Back on the first step');
      await accept(); // none

      const group = await prompts.next(/resource group \(step 2 of/);
      assert.ok(hasBack(group), 'Back from the second step on');
      assert.ok(isPick(group));
      await focusItem(group, 'rg-images');
      await accept();

      const box = await prompts.next(/image name \(step 3 of/);
      assert.ok(!isPick(box));
      // Typed: the value is sent with the (repeated) show, before the workbench accepts it.
      box.value = name;
      box.show();
      await accept();

      // Not the preselected answers: Back must bring these back.
      for (const [title, label] of [[/OS type \(step 4 of/, 'Linux'], [/OS state \(step 5 of/, 'Generalized'], [/Hyper-V generation \(step 6 of/, 'V1'], [/zone resilience \(step 7 of/, 'Yes']] as const) {
        const pick = await prompts.next(title);
        assert.ok(isPick(pick) && hasBack(pick));
        await focusItem(pick, label);
        await accept();
      }

      const summary = await prompts.next(/summary \(step 8 of \d+\)/);
      assert.ok(isPick(summary) && hasBack(summary));
      assert.ok(summary.items.some((i) => i.label === name), 'the summary lists the name typed');
      await back();

      // Back through the picks: each shows the answer given, as the active item.
      for (const [step, label] of [[7, 'Yes'], [6, 'V1'], [5, 'Generalized'], [4, 'Linux']] as const) {
        const pick = await prompts.next(new RegExp(`\\(step ${step} of \\d+\\)`));
        assert.ok(isPick(pick));
        assert.equal(plain(pick.activeItems[0]?.label ?? ''), label, `step ${step} starts on the earlier answer`);
        await back();
      }
      const again = await prompts.next(/image name \(step 3 of \d+\)/);
      assert.ok(!isPick(again) && hasBack(again));
      assert.equal(again.value, name, 'the name box is prefilled with what was typed');

      // Forward with Enter only: every step takes the kept answer.
      await accept();
      for (let step = 4; step <= 7; step++) {
        const [n, m] = stepOf(await prompts.next(new RegExp(`\\(step ${step} of \\d+\\)`)));
        assert.ok(n === step && n <= m, `step ${n} of ${m}`);
        await accept();
      }
      const last = await prompts.next(/summary \(step 8 of \d+\)/);
      assert.ok(isPick(last));
      assert.ok(last.items.some((i) => i.description === 'Zone resilient' && i.label === 'Yes'), 'the summary shows the kept zone resilience');
      await accept(); // Create is the summary's first item

      const result = await run;
      assert.equal(result?.toLowerCase(), imageId(name).toLowerCase());
    } finally {
      prompts.dispose();
    }
    const stored = await storedResource<{ properties: { hyperVGeneration: string; storageProfile: { zoneResilient?: boolean; osDisk: { osType: string; osState: string } } } }>(imageId(name));
    assert.equal(stored.properties.storageProfile.zoneResilient, true, 'zone resilience kept through Back');
    assert.equal(stored.properties.storageProfile.osDisk.osType, 'Linux');
    assert.equal(stored.properties.storageProfile.osDisk.osState, 'Generalized');
    assert.equal(stored.properties.hyperVGeneration, 'V1');
    assert.deepEqual(
      prompts.titles.map((t) => Number(/\(step (\d+) of/.exec(t)?.[1])),
      [1, 2, 3, 4, 5, 6, 7, 8, 7, 6, 5, 4, 3, 4, 5, 6, 7, 8],
      'the step numbers follow Back and forward',
    );
  });
});
