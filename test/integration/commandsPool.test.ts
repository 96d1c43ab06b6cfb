// Create Pool from Image…, Resize Pool…, Delete Pool and Delete Image with scripted answers
// against the simulator: the pool exists with what was asked (through ARM), a managed image is
// published first, the rules' errors block unless the user insists or continues in JSON,
// resize errors are shown, deletes confirm and list the pools an image still serves.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey, parseImageId, sameRegion, type LivePool } from '../../src/model';
import { waitFor } from './helpers/waitFor';
import { answer, countOf, messagesOf, resourceCounts, runScripted, selectedId, wizard } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const shared = '22222222-aaaa-4bbb-8ccc-000000000002';
const imageId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;
const prodGallery = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery`;
const poolId = (account: string, name: string) => `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/${account}/pools/${name}`;
const CREATE = 'azureBatchImages.createPoolFromImage';

function pool(api: ExtensionApi, id: string): LivePool {
  const p = api.inventory.current.poolsById.get(armIdKey(id));
  assert.ok(p, `${id} is in the inventory`);
  return p;
}

describe('commands: pools and deletes', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it("Create Pool from a managed image publishes it first; the pool uses a gallery version with a replica in the account's region", async () => {
    const before = await resourceCounts();
    const node = api.explorer.provider.findNode(imageId('img-build-01'));
    assert.ok(node);
    const { result, session } = await runScripted<string>(
      api,
      CREATE,
      [
        answer.pick('Batch account', 'batchprodwest'),
        answer.confirm('Publish it to an Azure Compute Gallery first?'),
        // The gallery's region and the account's region are preselected.
        ...wizard.newDefinition('contoso_prod_gallery', 'build-01-it'),
        answer.create(),
        ...wizard.newPool('it-pool-from-managed', 'batch.node.ubuntu 22.04', '2', '1'),
        answer.create('Create Pool from Image: summary'),
      ],
      node,
    );
    const expected = poolId('batchprodwest', 'it-pool-from-managed');
    assert.equal(armIdKey(result), armIdKey(expected));
    const created = pool(api, expected);
    assert.equal(parseImageId(created.imageId ?? '')?.kind, 'galleryImageVersion');
    const version = api.inventory.current.versionsById.get(armIdKey(created.imageId ?? ''));
    assert.ok(version, 'the new version is in the inventory');
    assert.ok(version.targetRegions.some((r) => sameRegion(r.name, 'westus2')), 'with a replica in West US 2');
    assert.equal(version.sourceId && armIdKey(version.sourceId), armIdKey(imageId('img-build-01')));
    assert.deepEqual(created.scale, { kind: 'fixed', targetDedicatedNodes: 2, targetLowPriorityNodes: 1, resizeTimeout: 'PT15M' });
    assert.equal(created.nodeAgentSkuId, 'batch.node.ubuntu 22.04');
    const after = await resourceCounts();
    assert.equal(countOf(after, 'pools'), countOf(before, 'pools') + 1);
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions') + 1);
    assert.deepEqual(messagesOf(session, 'warning'), []);
    await waitFor('the new pool selected in the explorer', () => armIdKey(selectedId(api) ?? '') === armIdKey(expected), { describe: () => String(selectedId(api)) });
  });

  it("from a version node with autoscale: Batch's pool id rules refuse bad and taken ids", async () => {
    const node = api.explorer.provider.findNode(`${prodGallery}/images/ubuntu-22.04-gen2/versions/1.0.0`);
    assert.ok(node);
    const { result, session } = await runScripted<string>(
      api,
      CREATE,
      [
        answer.pick('Batch account', 'batchprodeast'),
        answer.input('pool id', 'bad id!'),
        answer.input('pool id', 'x'.repeat(65)),
        answer.input('pool id', 'POOL-HEALTHY-GALLERY'),
        answer.input('pool id', 'it-autoscale'),
        answer.pick('VM size', 'Standard_D2s_v3'),
        answer.pick('node agent SKU', 'batch.node.ubuntu 22.04'),
        answer.pick('scale', 'Autoscale'),
        answer.input('autoscale formula', '$TargetDedicatedNodes = 1;'),
        answer.create('Create Pool from Image: summary'),
      ],
      node,
    );
    assert.deepEqual(session.validationMessages, [
      'The pool id can contain only letters, digits, hyphens and underscores.',
      'The pool id must be 1-64 characters long.',
      "Batch account 'batchprodeast' already has a pool named 'POOL-HEALTHY-GALLERY'.",
    ]);
    const created = pool(api, poolId('batchprodeast', 'it-autoscale'));
    assert.equal(armIdKey(result), armIdKey(created.id));
    assert.deepEqual(created.scale.kind, 'auto');
  });

  it('from a Batch account node: only the image is asked, and the pool lands in that account', async () => {
    const node = api.explorer.provider.findNode(`/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`);
    assert.ok(node);
    const { result, session } = await runScripted<string>(
      api,
      CREATE,
      [
        answer.pick('image', /ubuntu-22\.04-gen2\/1\.0\.0$/),
        answer.input('pool id', 'it-from-account-node'),
        answer.pick('VM size', 'Standard_D2s_v3'),
        answer.pick('node agent SKU', 'batch.node.ubuntu 22.04'),
        answer.pick('scale', 'Autoscale'),
        answer.input('autoscale formula', '$TargetDedicatedNodes = 1;'),
        answer.create('Create Pool from Image: summary'),
      ],
      node,
    );
    assert.equal(session.asked.some((title) => /Batch account/.test(title)), false, 'the account was not asked for');
    const created = pool(api, poolId('batchprodeast', 'it-from-account-node'));
    assert.equal(armIdKey(result), armIdKey(created.id));
    assert.match(created.imageId ?? '', /ubuntu-22\.04-gen2\/versions\/1\.0\.0$/);
  });

  it("the rules' errors block unless the user insists; Open as JSON continues in the editor instead", async () => {
    const before = countOf(await resourceCounts(), 'pools');
    const definition = `/subscriptions/${shared}/resourceGroups/rg-shared-gallery/providers/Microsoft.Compute/galleries/contoso_shared_images/images/windows-specialized`;
    const { result, session } = await runScripted<string>(
      api,
      CREATE,
      [
        answer.pick('Batch account', 'batchprodeast'),
        ...wizard.newPool('it-specialized', 'batch.node.windows amd64'),
        answer.pick(/finding\(s\), \d+ error\(s\)/, 'Open as JSON'),
      ],
      definition,
    );
    assert.equal(countOf(await resourceCounts(), 'pools'), before, 'no pool was created');
    assert.ok(session.asked.some((t) => /gallery-image-specialized/.test(t)) || session.asked.some((t) => /error/.test(t)));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === result, 'the JSON document is open');
    const doc = JSON.parse(editor.document.getText()) as { id: string; virtualMachineConfiguration: { imageReference: { virtualMachineImageId: string }; nodeAgentSKUId: string } };
    assert.equal(doc.id, 'it-specialized');
    assert.equal(doc.virtualMachineConfiguration.imageReference.virtualMachineImageId, definition);
    assert.equal(doc.virtualMachineConfiguration.nodeAgentSKUId, 'batch.node.windows amd64');
    // Untitled names are reused: forget the association so later suites' untitled documents have none.
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', editor.document.uri, null);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Resize Pool sets the new targets', async () => {
    const id = poolId('batchprodeast', 'pool-healthy-gallery');
    const { result, session } = await runScripted<LivePool>(
      api,
      'azureBatchImages.resizePool',
      [answer.input('dedicated nodes', '-1'), answer.input('dedicated nodes', '6'), answer.input('Spot/low-priority nodes', '2'), answer.input('resizeTimeout', 'PT25M')],
      api.explorer.provider.findNode(id),
    );
    assert.deepEqual(session.validationMessages, ['The dedicated node count must be a whole number of nodes (0 or more).']);
    assert.equal(result.allocationState.toLowerCase(), 'steady');
    assert.deepEqual(pool(api, id).scale, { kind: 'fixed', targetDedicatedNodes: 6, targetLowPriorityNodes: 2, resizeTimeout: 'PT25M' });
    assert.deepEqual(messagesOf(session, 'error'), []);
  });

  it('Resize Pool shows the resize error when the allocation fails', async () => {
    // Its version has no replica in the account's region: the allocation ends with AllocationFailed.
    const id = poolId('batchprodeast', 'pool-west-only');
    // The rules see it first (gallery-replica-missing); insisting sends the resize, and Azure's allocation error is shown.
    const { session } = await runScripted<LivePool>(
      api,
      'azureBatchImages.resizePool',
      [answer.pick(/error\(s\)/, 'Resize anyway'), answer.input('dedicated nodes', '3'), answer.input('Spot/low-priority nodes', '0'), answer.input('resizeTimeout')],
      id,
    );
    assert.match(messagesOf(session, 'error')[0] ?? '', /^Resizing pool pool-west-only failed: AllocationFailed: /);
  });

  it('Delete Pool asks with a modal naming the pool, then the pool is gone', async () => {
    const id = poolId('batchprodeast', 'it-autoscale');
    const before = countOf(await resourceCounts(), 'pools');
    await runScripted(api, 'azureBatchImages.deletePool', [answer.confirm('Delete pool it-autoscale of Batch account batchprodeast?', false)], id);
    assert.equal(countOf(await resourceCounts(), 'pools'), before, 'declining keeps the pool');
    const { result } = await runScripted<boolean>(api, 'azureBatchImages.deletePool', [answer.confirm('Delete pool it-autoscale of Batch account batchprodeast?')], id);
    assert.equal(result, true);
    assert.equal(countOf(await resourceCounts(), 'pools'), before - 1);
    assert.equal(api.inventory.current.poolsById.has(armIdKey(id)), false);
  });

  it('Delete Image lists the pools that still use the image and wants its name typed', async () => {
    const before = countOf(await resourceCounts(), 'images');
    const { result, session } = await runScripted<boolean>(
      api,
      'azureBatchImages.deleteImage',
      [
        answer.confirm(/2 pool\(s\) still use image img-ubuntu-v1: pool-shared-a \(batchprodeast\), pool-shared-b \(batchprodeast\)/),
        answer.input('type the image name', 'img-ubuntu'),
        answer.input('type the image name', 'img-ubuntu-v1'),
      ],
      api.explorer.provider.findNode(imageId('img-ubuntu-v1')),
    );
    assert.equal(result, true);
    assert.deepEqual(session.validationMessages, ['Type img-ubuntu-v1 exactly.']);
    assert.equal(countOf(await resourceCounts(), 'images'), before - 1);
    assert.equal(api.inventory.current.imagesById.has(armIdKey(imageId('img-ubuntu-v1'))), false);
  });

  it('Delete Image of an unused image asks a plain modal confirmation', async () => {
    const before = countOf(await resourceCounts(), 'images');
    await runScripted(api, 'azureBatchImages.deleteImage', [answer.pick('managed image', 'img-build-01'), answer.confirm('Delete managed image img-build-01?', false)]);
    assert.equal(countOf(await resourceCounts(), 'images'), before);
  });
});
