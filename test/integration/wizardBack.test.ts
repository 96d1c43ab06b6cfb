// Multi-step commands as in VS Code's Azure extensions: "step n of m" in every title, Back that
// returns with the earlier answers kept, a summary with a Create button at the end, and Escape
// anywhere (the summary included) leaving nothing created.
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { answer, countOf, resourceCounts, runScripted, storedResource } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const snapshotId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/${name}`;
const imageId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;

describe('wizards: step n of m, Back with answers kept, a summary before anything is created', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('Create Image: Back from the summary to the name keeps every answer, and the image is created with them', async () => {
    const { result, session } = await runScripted<string>(
      api,
      'azureBatchImages.createImageFromSnapshots',
      [
        answer.pickMany('data-disk snapshots', []),
        answer.pick('resource group', 'rg-images'),
        answer.input('image name', 'img-it-back'),
        answer.pick('OS type', 'Linux'),
        answer.pick('OS state', 'Generalized'),
        answer.pick('Hyper-V generation', 'V1'),
        // Not the preselected answer: Back must bring this one back.
        answer.pick('zone resilience', 'Yes'),
        answer.back('summary'),
        answer.back('zone resilience'),
        answer.back('Hyper-V generation'),
        answer.back('OS state'),
        answer.back('OS type'),
        // The name box shows what was typed; every later question starts on the earlier answer.
        answer.accept('image name'),
        answer.accept('OS type'),
        answer.accept('OS state'),
        answer.accept('Hyper-V generation'),
        answer.accept('zone resilience'),
        answer.create('summary'),
      ],
      snapshotId('snap-ubuntu-os-v1'),
    );
    assert.equal(result?.toLowerCase(), imageId('img-it-back').toLowerCase());
    const stored = await storedResource<{ properties: { storageProfile: { zoneResilient?: boolean; osDisk: { osType: string } } } }>(imageId('img-it-back'));
    assert.equal(stored.properties.storageProfile.zoneResilient, true, 'the zone resilience answer survived Back');
    assert.equal(stored.properties.storageProfile.osDisk.osType, 'Linux');

    // Every quick input says where the user is; the first has no Back (the scripted input fails a Back it does not offer).
    const steps = session.asked.map((t) => /\(step (\d+) of (\d+)\)/.exec(t));
    assert.ok(steps.every((m) => m !== null), `a prompt without "step n of m": ${session.asked.join(' | ')}`);
    assert.deepEqual(
      steps.map((m) => Number(m?.[1])),
      [1, 2, 3, 4, 5, 6, 7, 8, 7, 6, 5, 4, 3, 4, 5, 6, 7, 8],
      'the step numbers follow Back and forward',
    );
    assert.ok(steps.every((m) => Number(m?.[1]) <= Number(m?.[2])), 'n never exceeds m');
  });

  it('Back is not offered on the first question', async () => {
    const failure = await runScripted(api, 'azureBatchImages.createImageFromSnapshots', [
      answer.pick('OS-disk snapshot', 'snap-ubuntu-os-v1'),
      answer.back('data-disk snapshots'),
      answer.back('OS-disk snapshot'),
    ]).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    // The second question's Back went to the first; the first offered none (the scripted input records that).
    assert.match(failure ?? '', /no Back button on pickOne "Create Image from Snapshots: OS-disk snapshot \(step 1 of \d+\)/);
  });

  it('Publish: Escape at the summary creates nothing, not even the new gallery and definition asked for', async () => {
    const before = await resourceCounts();
    await runScripted(
      api,
      'azureBatchImages.publishToGallery',
      [
        answer.pick('gallery', 'New gallery…'),
        answer.input('new gallery name', 'gallery_it_escape'),
        answer.input('new image definition name', 'def-it-escape'),
        answer.input('publisher'),
        answer.input('offer'),
        answer.input('SKU'),
        answer.pick('security type', 'Standard'),
        answer.input('version'),
        answer.pickMany('target regions', [], true),
        answer.input('replica counts'),
        answer.pick('storage account type', 'Standard_LRS'),
        answer.cancel('summary'),
      ],
      api.explorer.provider.findNode(imageId('img-ubuntu-v1')),
    );
    const after = await resourceCounts();
    for (const kind of ['galleries', 'galleryImages', 'galleryImageVersions', 'resourceGroups']) {
      assert.equal(countOf(after, kind), countOf(before, kind), `${kind} changed after Escape`);
    }
  });
});
