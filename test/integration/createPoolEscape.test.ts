// Create Pool from a managed image publishes the image to a gallery first (Batch no longer creates
// pools from managed images). Escape leaves nothing the user was not told about: at the publish
// summary nothing is created; at the pool's summary no pool is created, and that summary says
// the version it names was already published by this command (issue 14, item 8).
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { answer, countOf, resourceCounts, runScripted, wizard, type Ran } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const imageId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;
const CREATE = 'azureBatchImages.createPoolFromImage';

/** The publish questions for img-build-01 into a new definition of the demo's production gallery. */
const publishAnswers = (definition: string) => [
  answer.pick('Batch account', 'batchprodwest'),
  answer.confirm('Publish it to an Azure Compute Gallery first?'),
  ...wizard.newDefinition('contoso_prod_gallery', definition),
];

function summaryOf(ran: Ran<unknown>, title: string): string[] {
  const shown = ran.session.offered.filter((o) => o.title.startsWith(title) && / summary/.test(o.title));
  assert.ok(shown.length > 0, `no ${title} summary among ${ran.session.offered.map((o) => o.title).join(' | ')}`);
  return shown[shown.length - 1].items;
}

describe('Create Pool from a managed image: Escape creates nothing unannounced', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('Escape at the summary creates no pool; the summary said the version was already published', async () => {
    const before = await resourceCounts();
    const ran = await runScripted<string | undefined>(
      api,
      CREATE,
      [
        ...publishAnswers('build-01-escape'),
        answer.create('Publish to Azure Compute Gallery: summary'),
        ...wizard.newPool('it-pool-escape', 'batch.node.ubuntu 22.04', '1', '0'),
        answer.cancel('Create Pool from Image: summary'),
      ],
      api.explorer.provider.findNode(imageId('img-build-01')),
    );
    assert.equal(ran.result, undefined);
    const after = await resourceCounts();
    assert.equal(countOf(after, 'pools'), countOf(before, 'pools'), 'no pool after Escape at the summary');
    // The version exists, and the summary the user escaped from said so.
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions') + 1);
    const image = summaryOf(ran, 'Create Pool from Image').find((row) => row.startsWith('Image:'));
    assert.match(image ?? '', /build-01-escape\/\d+\.\d+\.\d+ \(already published by this command; it stays if you press Escape\)/);
  });

  it('Escape at the publish summary creates nothing: no version, no definition, no pool', async () => {
    const before = await resourceCounts();
    const ran = await runScripted<string | undefined>(
      api,
      CREATE,
      [...publishAnswers('build-01-escape-early'), answer.cancel('Publish to Azure Compute Gallery: summary')],
      api.explorer.provider.findNode(imageId('img-build-01')),
    );
    assert.equal(ran.result, undefined);
    const after = await resourceCounts();
    for (const kind of ['pools', 'galleryImages', 'galleryImageVersions', 'galleries']) {
      assert.equal(countOf(after, kind), countOf(before, kind), `${kind} changed after Escape at the publish summary`);
    }
  });
});
