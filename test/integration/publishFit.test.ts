// Publish offers only the definitions that can take the source: a generation 1 managed image is
// never published into a generation 2 definition (Azure refuses it with 409 Conflict); such a
// definition is shown with the reason and choosing it asks again (issue 14, item 2). The regions
// of the Batch accounts are preselected (item 4).
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';
import { answer, countOf, messagesOf, resourceCounts, runScripted } from './support/userInput';
import type { ScriptedAnswer } from '../../src/ui';

const production = PRODUCTION_SUBSCRIPTION;
const imageId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;
const PUBLISH = 'azureBatchImages.publishToGallery';

describe('commands: Publish offers only definitions that can take the source (issue 14)', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('a generation 1 image cannot go into a generation 2 definition, nor a Linux image into a Windows one; nothing is created', async () => {
    const before = await resourceCounts();
    const { session } = await runScripted<string | undefined>(
      api,
      PUBLISH,
      [
        answer.pick('gallery', 'contoso_prod_gallery'),
        answer.pick('image definition', 'ubuntu-22.04-gen2'),
        answer.pick('image definition', 'windows-2022'),
        answer.cancel('image definition'),
      ],
      imageId('img-ubuntu-v1'),
    );
    assert.deepEqual(messagesOf(session, 'warning'), [
      'ubuntu-22.04-gen2 cannot take managed image img-ubuntu-v1: Hyper-V generation V2; the source is generation V1. Choose another definition or a new one.',
      'windows-2022 cannot take managed image img-ubuntu-v1: OS type Windows; the source is Linux. Choose another definition or a new one.',
    ]);
    assert.match(session.asked[1], /can take managed image img-ubuntu-v1 \(Linux, Generalized, V1\)/);
    const after = await resourceCounts();
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions'));
    assert.equal(countOf(after, 'galleryImages'), countOf(before, 'galleryImages'));
  });

  it('the target regions of every Batch account are preselected', async () => {
    // Accept the preselection, then stop at the replica counts: they name the chosen regions.
    const answers: ScriptedAnswer[] = [
      answer.pick('gallery', 'contoso_prod_gallery'),
      answer.pick('image definition', 'ubuntu-22.04-gen2'),
      answer.input('version'),
      answer.pickMany('target regions', [], true),
      answer.cancel('replica counts'),
    ];
    const { session } = await runScripted<string | undefined>(api, PUBLISH, answers, imageId('img-build-01'));
    const offered = session.asked.filter((t) => /replica counts/.test(t));
    assert.equal(offered.length, 1);
    const regions = new Set(api.inventory.current.snapshot.batchAccounts.map((a) => a.location.toLowerCase()));
    for (const region of regions) assert.match(offered[0], new RegExp(region), `${region} (a Batch account's region) is preselected`);
  });
});
