// "step n of m" is right for every entry point (issue 14, item 8): a command started on a tree
// node, or from a quick fix, does not count the question its argument answers, so the summary, the
// last step, reads "step n of n" — and every title of the run agrees on m.
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { answer, countOf, resourceCounts, runScripted } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const snapshotId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/${name}`;
const imageId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;
const account = `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
const version = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions/1.0.0`;
const CREATE_IMAGE = 'azureBatchImages.createImageFromSnapshots';

/** The questions after the OS-disk snapshot, up to the summary, which is cancelled (nothing is created). */
const afterSnapshot = [
  answer.pickMany('data-disk snapshots', []),
  answer.pick('resource group', 'rg-images'),
  answer.input('image name', 'img-it-steps'),
  answer.pick('OS type', 'Linux'),
  answer.pick('OS state', 'Generalized'),
  answer.pick('Hyper-V generation', 'V1'),
  answer.pick('zone resilience', 'No'),
  answer.cancel('summary'),
];

function stepsOf(asked: readonly string[]): Array<[number, number]> {
  return asked.map((title) => {
    const m = /\(step (\d+) of (\d+)\)/.exec(title);
    assert.ok(m, `no "step n of m" in "${title}"`);
    return [Number(m[1]), Number(m[2])];
  });
}

describe('wizards: the step total fits the entry point', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('Create Image started on a snapshot node: 8 steps, the summary is step 8 of 8', async () => {
    const node = api.explorer.provider.findNode(snapshotId('snap-ubuntu-os-v1'));
    assert.ok(node, 'the snapshot is in the explorer');
    const before = countOf(await resourceCounts(), 'images');
    const { session } = await runScripted(api, CREATE_IMAGE, afterSnapshot, node);
    const steps = stepsOf(session.asked);
    assert.deepEqual(steps.map(([n]) => n), [1, 2, 3, 4, 5, 6, 7, 8], session.asked.join(' | '));
    assert.deepEqual(steps.map(([, m]) => m), [8, 8, 8, 8, 8, 8, 8, 8], `every title says "of 8": ${session.asked.join(' | ')}`);
    assert.match(session.asked.at(-1) ?? '', /summary \(step 8 of 8\)/);
    assert.equal(countOf(await resourceCounts(), 'images'), before, 'Escape at the summary created nothing');
  });

  it('Create Image from the palette: 9 steps, the summary is step 9 of 9', async () => {
    const { session } = await runScripted(api, CREATE_IMAGE, [answer.pick('OS-disk snapshot', 'snap-ubuntu-os-v1'), ...afterSnapshot]);
    const steps = stepsOf(session.asked);
    assert.deepEqual(steps.map(([n]) => n), [1, 2, 3, 4, 5, 6, 7, 8, 9], session.asked.join(' | '));
    assert.deepEqual(steps.map(([, m]) => m), [9, 9, 9, 9, 9, 9, 9, 9, 9], `every title says "of 9": ${session.asked.join(' | ')}`);
    assert.match(session.asked.at(-1) ?? '', /summary \(step 9 of 9\)/);
  });

  // The first question of other commands, Escape there: its "of m" leaves out what the node answers.
  const firstQuestion: Array<{ name: string; command: string; arg?: string; question: string; steps: number }> = [
    { name: 'Publish from the palette', command: 'azureBatchImages.publishToGallery', question: 'source', steps: 9 },
    { name: 'Publish on a managed image', command: 'azureBatchImages.publishToGallery', arg: imageId('img-ubuntu-v1'), question: 'gallery', steps: 7 },
    { name: 'Publish on a snapshot', command: 'azureBatchImages.publishToGallery', arg: snapshotId('snap-ubuntu-os-v1'), question: 'data-disk snapshots (optional)', steps: 8 },
    { name: 'Create Pool from the palette', command: 'azureBatchImages.createPoolFromImage', question: 'image', steps: 10 },
    { name: 'Create Pool on a Batch account', command: 'azureBatchImages.createPoolFromImage', arg: account, question: 'image', steps: 9 },
    { name: 'New Pool JSON from the palette', command: 'azureBatchImages.newPoolJson', question: 'image', steps: 5 },
    { name: 'New Pool JSON on an image version', command: 'azureBatchImages.newPoolJson', arg: version, question: 'Batch account', steps: 4 },
    { name: 'Resize from the palette', command: 'azureBatchImages.resizePool', question: 'pool', steps: 4 },
    { name: 'Resize on a pool', command: 'azureBatchImages.resizePool', arg: `${account}/pools/pool-healthy-gallery`, question: 'dedicated nodes', steps: 3 },
    { name: 'Add Replica from the palette', command: 'azureBatchImages.addGalleryReplica', question: 'gallery image version', steps: 2 },
    { name: 'Add Replica on a version', command: 'azureBatchImages.addGalleryReplica', arg: version, question: 'region', steps: 1 },
  ];
  for (const { name, command, arg, question, steps } of firstQuestion) {
    it(`${name}: "${question} (step 1 of ${steps})"`, async () => {
      const { session } = await runScripted(api, command, [answer.cancel(question)], ...(arg === undefined ? [] : [arg]));
      assert.ok((session.asked[0] ?? '').includes(`: ${question} (step 1 of ${steps})`), session.asked.join(' | '));
    });
  }
});
