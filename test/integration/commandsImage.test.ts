// Create Image from Snapshots… driven with scripted answers against the simulator: the image
// exists afterwards with what was asked, the explorer reveals it, refused answers are refused
// with a message, and a failed long-running operation leaves nothing behind.
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey } from '../../src/model';
import { simulator } from './support/extensionApi';
import { answer, countOf, messagesOf, resourceCounts, runScripted, selectedId, storedResource, wizard } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const snapshotId = (name: string, rg = 'rg-images') => `/subscriptions/${production}/resourceGroups/${rg}/providers/Microsoft.Compute/snapshots/${name}`;
const CREATE = 'azureBatchImages.createImageFromSnapshots';
const IMAGES = 'images';

describe('commands: Create Image from Snapshots', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('from the palette: OS and data-disk snapshots, a refused name, then the image exists with its disks and is revealed', async () => {
    const before = countOf(await resourceCounts(), IMAGES);
    const { result, session } = await runScripted<string>(api, CREATE, [
      answer.pick('OS-disk snapshot', 'snap-ubuntu-os-v1'),
      answer.pickMany('data-disk snapshots', ['snap-ubuntu-data-v1']),
      answer.input('LUNs', '3'),
      answer.pick('resource group', 'rg-images'),
      answer.input('image name', 'bad name!'),
      answer.input('image name', 'img-ubuntu-v1'),
      answer.input('image name', 'img-it-from-snapshots'),
      answer.pick('OS type', 'Linux'),
      answer.pick('OS state', 'Generalized'),
      answer.pick('Hyper-V generation', 'V2'),
      answer.pick('zone resilience', 'Yes'),
      answer.create(),
    ]);
    assert.deepEqual(session.validationMessages, [
      'The image name can contain only letters, digits, underscores, periods and hyphens.',
      "Resource group 'rg-images' already has an image named 'img-ubuntu-v1'.",
    ]);
    const expectedId = `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-it-from-snapshots`;
    assert.equal(armIdKey(result), armIdKey(expectedId));
    assert.equal(countOf(await resourceCounts(), IMAGES), before + 1);
    const image = api.inventory.current.imagesById.get(armIdKey(expectedId));
    assert.ok(image, 'the inventory was refreshed with the new image');
    assert.equal(image.provisioningState, 'Succeeded');
    assert.equal(image.hyperVGeneration, 'V2');
    assert.equal(image.location, 'eastus');
    const sources = image.sources.map((s) => `${s.role}:${s.lun ?? '-'}:${(s.id ?? '').split('/').pop() ?? ''}`).sort();
    assert.deepEqual(sources, ['data:3:snap-ubuntu-data-v1', 'os:-:snap-ubuntu-os-v1']);
    // Zone resilience is not in the extension's model: check what Azure stored.
    const stored = await storedResource<{ properties: { storageProfile: { zoneResilient?: boolean } } }>(expectedId);
    assert.equal(stored.properties.storageProfile.zoneResilient, true);
    assert.equal(armIdKey(selectedId(api) ?? ''), armIdKey(expectedId), 'the explorer selects the new image');
  });

  it('creates the image in a new resource group typed by the user', async () => {
    const before = await resourceCounts();
    const { result, session } = await runScripted<string>(
      api,
      CREATE,
      [
        answer.pickMany('data-disk snapshots', []),
        answer.pick('resource group', 'New resource group…'),
        answer.input('new resource group', 'rg-it-new.'),
        answer.input('new resource group', 'rg-it-new'),
        answer.input('image name', 'img-it-new-group'),
        answer.pick('OS type', 'Windows'),
        answer.pick('OS state', 'Generalized'),
        answer.pick('Hyper-V generation', 'V1'),
        answer.pick('zone resilience', 'No'),
        answer.create(),
      ],
      snapshotId('snap-windows-os'),
    );
    assert.deepEqual(session.validationMessages, ['Resource group names can contain letters, digits, underscores, periods, hyphens and parentheses, and cannot end with a period.']);
    assert.equal(armIdKey(result), armIdKey(`/subscriptions/${production}/resourceGroups/rg-it-new/providers/Microsoft.Compute/images/img-it-new-group`));
    const after = await resourceCounts();
    assert.equal(countOf(after, 'resourceGroups'), countOf(before, 'resourceGroups') + 1);
    assert.equal(countOf(after, IMAGES), countOf(before, IMAGES) + 1);
    assert.equal(api.inventory.current.imagesById.get(armIdKey(result))?.osType, 'Windows');
    const stored = await storedResource<{ properties: { storageProfile: { zoneResilient?: boolean } } }>(result);
    assert.equal(stored.properties.storageProfile.zoneResilient, false);
  });

  it('refuses a data-disk snapshot from another region with a message and asks again', async () => {
    const before = countOf(await resourceCounts(), IMAGES);
    const { result, session } = await runScripted<string | undefined>(
      api,
      CREATE,
      [
        answer.pickMany('data-disk snapshots', ['snap-ubuntu-os-westus2']),
        answer.pickMany('data-disk snapshots', []),
        answer.cancel('resource group'),
      ],
      snapshotId('snap-ubuntu-os-v1'),
    );
    assert.equal(result, undefined);
    assert.deepEqual(messagesOf(session, 'warning'), ["Data-disk snapshots must be in eastus, the OS-disk snapshot's region: snap-ubuntu-os-westus2 is in westus2."]);
    assert.equal(countOf(await resourceCounts(), IMAGES), before, 'nothing was created');
  });

  it('warns before starting when the snapshot carries a purchase plan', async () => {
    const before = countOf(await resourceCounts(), IMAGES);
    const { session } = await runScripted<string | undefined>(
      api,
      CREATE,
      [
        ...wizard.newImage(undefined, 'V1'),
        answer.confirm(/purchase plan \(contoso-hpc\/hpc-base-image\/hpc-centos-8\)/, false),
      ],
      snapshotId('snap-marketplace-os'),
    );
    assert.equal(countOf(await resourceCounts(), IMAGES), before, 'declining the warning creates nothing');
    assert.equal(session.failures.length, 0);
  });

  it("from a tree node: a Failed operation reports Azure's code and message and leaves no image behind", async () => {
    const node = api.explorer.provider.findNode(snapshotId('snap-build-01-os'));
    assert.ok(node, 'the snapshot is in the explorer');
    const before = countOf(await resourceCounts(), IMAGES);
    await simulator('POST', 'fail-next', { operation: 'imageCreate', code: 'InternalDiskManagementError', message: 'The snapshot could not be copied.' });
    const { result, session } = await runScripted<string | undefined>(
      api,
      CREATE,
      [
        ...wizard.newImage('img-it-failed', 'V1'),
        answer.create(),
      ],
      node,
    );
    assert.equal(result, undefined);
    assert.deepEqual(messagesOf(session, 'error'), ['Creating image img-it-failed failed: InternalDiskManagementError: The snapshot could not be copied.']);
    assert.equal(countOf(await resourceCounts(), IMAGES), before, 'the Failed image was removed');
    assert.equal(
      api.inventory.current.snapshot.images.some((i) => i.name === 'img-it-failed'),
      false,
      'the inventory does not show it either',
    );
  });
});
