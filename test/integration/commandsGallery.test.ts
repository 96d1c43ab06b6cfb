// Publish Image to Azure Compute Gallery… and Add Gallery Replica… with scripted answers: the
// version exists with the requested target regions, the explorer reveals it, the editor's quick
// fix gets its pool rewritten, and a failed replication leaves no version or new definition.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey, normalizeRegion } from '../../src/model';
import { parsePoolDocument } from '../../src/pooljson';
import { waitFor } from './helpers/waitFor';
import { simulator } from './support/extensionApi';
import { storedVersionTargets as targetsOf, type StoredVersion } from './support/storedShapes';
import { answer, countOf, messagesOf, resourceCounts, runScripted, selectedId, storedResource, wizard } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const imageId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;
const prodGallery = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries`;
const PUBLISH = 'azureBatchImages.publishToGallery';
const REPLICA = 'azureBatchImages.addGalleryReplica';

function regionsOf(api: ExtensionApi, versionId: string): string[] {
  const version = api.inventory.current.versionsById.get(armIdKey(versionId));
  assert.ok(version, `${versionId} is in the inventory`);
  return version.targetRegions.map((r) => `${normalizeRegion(r.name)}=${r.regionalReplicaCount}`).sort();
}

describe('commands: Publish to Azure Compute Gallery', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('from a managed image node into a new gallery and definition, replicated to the chosen regions', async () => {
    const before = await resourceCounts();
    const node = api.explorer.provider.findNode(imageId('img-ubuntu-v1'));
    assert.ok(node);
    const { result, session } = await runScripted<string>(
      api,
      PUBLISH,
      [
        answer.pick('gallery', 'New gallery…'),
        answer.input('new gallery name', 'it-gallery'),
        answer.input('new gallery name', 'it_gallery'),
        answer.input('new image definition name', 'ubuntu-it'),
        answer.input('publisher'),
        answer.input('offer'),
        answer.input('SKU'),
        answer.pick('security type', 'Standard'),
        answer.input('version'),
        // eastus is preselected: the gallery's region, and the region of the pools using the image.
        answer.pickMany('target regions', ['westus2'], true),
        answer.input('replica counts', 'eastus=2'),
        answer.input('replica counts', 'eastus=2, westus2=1'),
        answer.pick('storage account type', 'Standard_ZRS'),
        answer.create(),
      ],
      node,
    );
    assert.deepEqual(session.validationMessages, [
      'Gallery names can contain only letters, digits, periods and underscores, and must start and end with a letter or digit (no hyphens).',
      'Give a replica count for westus2.',
    ]);
    const expected = `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/it_gallery/images/ubuntu-it/versions/1.0.0`;
    assert.equal(armIdKey(result), armIdKey(expected));
    assert.deepEqual(regionsOf(api, expected), ['eastus=2', 'westus2=1']);
    const definition = api.inventory.current.definitionOf(expected);
    assert.ok(definition);
    assert.equal(definition.osType, 'Linux');
    assert.deepEqual(definition.identifier, { publisher: 'BatchImages', offer: 'ubuntu-it', sku: 'gen1' });
    // What Azure holds: the storage account type and replica count of each target region.
    const stored = await storedResource<StoredVersion>(expected);
    assert.deepEqual(targetsOf(stored), ['eastus=2:Standard_ZRS', 'westus2=1:Standard_ZRS']);
    assert.equal(armIdKey(stored.properties.storageProfile.source?.id ?? ''), armIdKey(imageId('img-ubuntu-v1')));
    const after = await resourceCounts();
    assert.equal(countOf(after, 'galleries'), countOf(before, 'galleries') + 1);
    assert.equal(countOf(after, 'galleryImages'), countOf(before, 'galleryImages') + 1);
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions') + 1);
    assert.deepEqual(messagesOf(session, 'warning'), []);
    await waitFor('the new version selected in the explorer', () => armIdKey(selectedId(api) ?? '') === armIdKey(expected), { describe: () => String(selectedId(api)) });
  });

  it("suggests the next version of an existing definition; a Failed replication reports Azure's error and removes the version", async () => {
    const before = await resourceCounts();
    await simulator('POST', 'fail-next', { operation: 'galleryImageVersionCreate', code: 'ReplicationJobsNotCompleted', message: 'Replication to westus2 failed.' });
    const { result, session } = await runScripted<string | undefined>(
      api,
      PUBLISH,
      [
        answer.pick('gallery', 'contoso_prod_gallery'),
        answer.pick('image definition', 'ubuntu-22.04-gen2'),
        answer.input('version', '1.1.0'),
        answer.input('version'),
        answer.pickMany('target regions', [], true),
        answer.input('replica counts'),
        answer.pick('storage account type', 'Standard_LRS'),
        answer.create(),
      ],
      imageId('img-build-01'),
    );
    assert.equal(result, undefined);
    assert.deepEqual(session.validationMessages, ['Version 1.1.0 already exists in this image definition.']);
    assert.deepEqual(messagesOf(session, 'error'), [
      'Publishing img-build-01 as contoso_prod_gallery/ubuntu-22.04-gen2/1.1.1 failed: ReplicationJobsNotCompleted: Replication to westus2 failed.',
    ]);
    const after = await resourceCounts();
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions'), 'the Failed version was removed');
    assert.equal(api.inventory.current.versionsById.has(armIdKey(`${prodGallery}/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions/1.1.1`)), false);
  });

  it('removes the image definition it created when the version fails', async () => {
    const before = await resourceCounts();
    await simulator('POST', 'fail-next', { operation: 'galleryImageVersionCreate', code: 'InternalExecutionError', message: 'Try again later.' });
    const { session } = await runScripted<string | undefined>(
      api,
      PUBLISH,
      [
        ...wizard.newDefinition('contoso_prod_gallery', 'it-doomed'),
        answer.create(),
      ],
      imageId('img-build-01'),
    );
    assert.match(messagesOf(session, 'error')[0] ?? '', /InternalExecutionError: Try again later\.$/);
    const after = await resourceCounts();
    assert.equal(countOf(after, 'galleryImages'), countOf(before, 'galleryImages'), 'the new definition was removed');
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions'));
  });

  it("as the editor's managed-image-retired quick fix: returns the new version and rewrites the pool's image id", async () => {
    const content = JSON.stringify(
      {
        id: 'it-quickfix',
        vmSize: 'standard_d2s_v3',
        virtualMachineConfiguration: { imageReference: { virtualMachineImageId: imageId('img-windows-2022') }, nodeAgentSKUId: 'batch.node.windows amd64' },
        targetDedicatedNodes: 1,
        resizeTimeout: 'PT20M',
      },
      null,
      2,
    );
    const document = await vscode.workspace.openTextDocument({ language: 'json', content });
    const poolPath = parsePoolDocument(content).specs[0].path;
    const { result } = await runScripted<string>(
      api,
      PUBLISH,
      [
        answer.pick('gallery', 'contoso_prod_gallery'),
        answer.pick('image definition', 'windows-2022'),
        answer.input('version'),
        answer.pickMany('target regions', [], true),
        answer.input('replica counts'),
        answer.pick('storage account type', 'Standard_LRS'),
        answer.create(),
      ],
      { imageId: imageId('img-windows-2022'), region: 'eastus', documentUri: document.uri.toString(), poolPath },
    );
    assert.equal(armIdKey(result), armIdKey(`${prodGallery}/contoso_prod_gallery/images/windows-2022/versions/1.0.1`));
    assert.equal((JSON.parse(document.getText()) as { virtualMachineConfiguration: { imageReference: { virtualMachineImageId: string } } }).virtualMachineConfiguration.imageReference.virtualMachineImageId, result);
  });

  it('Add Gallery Replica adds the region to the version, keeping the others', async () => {
    const versionId = `${prodGallery}/contoso_west_gallery/images/ubuntu-westonly/versions/1.0.0`;
    const { result } = await runScripted<string>(api, REPLICA, [answer.confirm('Replicate contoso_west_gallery/ubuntu-westonly/1.0.0 to eastus with 1 replica(s)?')], {
      versionId,
      region: 'eastus',
    });
    assert.equal(armIdKey(result), armIdKey(versionId));
    assert.deepEqual(regionsOf(api, versionId), ['eastus=1', 'westus2=2']);
  });
});
