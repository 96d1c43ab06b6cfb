// Publish Image to Azure Compute Gallery… straight from OS and data-disk snapshots, with scripted
// answers: the version Azure holds has the snapshots as disk sources with their LUNs, the
// requested replicas and storage; the new definition's security type follows the source (and
// generation 1 refuses Trusted Launch); a data snapshot from another region, and an existing
// definition that cannot take a Trusted Launch disk, are refused.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey } from '../../src/model';
import { extensionId } from './support/extensionApi';
import { storedSecurityType, storedVersionTargets, type StoredDefinition, type StoredVersion } from './support/storedShapes';
import { answer, countOf, messagesOf, resourceCounts, runScripted, selectedId, storedResource } from './support/userInput';
import { waitFor } from './helpers/waitFor';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const snapshotId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/${name}`;
const PUBLISH = 'azureBatchImages.publishToGallery';

describe('commands: Publish to Azure Compute Gallery from snapshots', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it("is in a snapshot node's context menu", async () => {
    const node = api.explorer.provider.findNode(snapshotId('snap-ubuntu-os-v1'));
    assert.ok(node);
    const contextValue = (await Promise.resolve(api.explorer.provider.getTreeItem(node))).contextValue ?? '';
    const menus = (vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus;
    // The `viewItem =~ /…/` parts of each entry's when clause, tried on the node's context value.
    const matchesNode = (when: string) => [...when.matchAll(/viewItem =~ \/(.+?)\/(?:\s|$)/g)].every((m) => new RegExp(m[1]).test(contextValue));
    const entries = menus['view/item/context'].filter((e) => e.command === PUBLISH && /viewItem/.test(e.when ?? '') && matchesNode(e.when ?? ''));
    assert.equal(entries.length, 1, `one Publish entry for context value '${contextValue}'`);
  });

  it('from a snapshot node with a data-disk snapshot into a new gallery; Trusted Launch is refused for generation 1', async () => {
    const before = await resourceCounts();
    const node = api.explorer.provider.findNode(snapshotId('snap-ubuntu-os-v1'));
    assert.ok(node, 'the snapshot is in the explorer');
    const { result, session } = await runScripted<string>(
      api,
      PUBLISH,
      [
        answer.pickMany('data-disk snapshots', ['snap-ubuntu-data-v1']),
        answer.input('data-disk LUNs', '3'),
        answer.pick('gallery', 'New gallery…'),
        answer.input('new gallery name', 'it_snapshot_gallery'),
        answer.input('new image definition name', 'ubuntu-from-snapshots'),
        answer.input('publisher'),
        answer.input('offer'),
        answer.input('SKU'),
        // The snapshot is generation 1 (no hyperVGeneration recorded): Trusted Launch is refused.
        answer.pick('security type', 'TrustedLaunch'),
        answer.pick('security type', 'Standard'),
        answer.input('version'),
        answer.pickMany('target regions', ['westus2'], true),
        answer.input('replica counts', 'eastus=2, westus2=1'),
        answer.pick('storage account type', 'Standard_ZRS'),
        answer.create(),
      ],
      node,
    );
    assert.deepEqual(messagesOf(session, 'warning'), [
      'Security type TrustedLaunch needs Hyper-V generation V2 (Trusted Launch and confidential VMs boot with UEFI); this image is generation V1. Choose Standard, or publish a generation 2 image.',
    ]);
    const gallery = `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/it_snapshot_gallery`;
    const expected = `${gallery}/images/ubuntu-from-snapshots/versions/1.0.0`;
    assert.equal(armIdKey(result), armIdKey(expected));

    const version = await storedResource<StoredVersion>(expected);
    const storage = version.properties.storageProfile;
    assert.equal(storage.source, undefined, 'no managed image behind it');
    assert.equal(armIdKey(storage.osDiskImage?.source?.id ?? ''), armIdKey(snapshotId('snap-ubuntu-os-v1')));
    assert.deepEqual(
      (storage.dataDiskImages ?? []).map((d) => [d.lun, armIdKey(d.source?.id ?? '')]),
      [[3, armIdKey(snapshotId('snap-ubuntu-data-v1'))]],
    );
    assert.deepEqual(storedVersionTargets(version), ['eastus=2:Standard_ZRS', 'westus2=1:Standard_ZRS']);
    const definition = await storedResource<StoredDefinition>(`${gallery}/images/ubuntu-from-snapshots`);
    assert.equal(definition.properties.osType, 'Linux');
    assert.equal(definition.properties.hyperVGeneration, 'V1');
    assert.equal(storedSecurityType(definition), undefined, 'Standard: no SecurityType feature');

    const after = await resourceCounts();
    assert.equal(countOf(after, 'galleries'), countOf(before, 'galleries') + 1);
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions') + 1);
    assert.equal(countOf(after, 'images'), countOf(before, 'images'), 'no managed image was made on the way');
    const inInventory = api.inventory.current.versionsById.get(armIdKey(expected));
    assert.ok(inInventory, 'the inventory was refreshed');
    assert.equal(armIdKey(inInventory.diskSources?.osDiskId ?? ''), armIdKey(snapshotId('snap-ubuntu-os-v1')));
    await waitFor('the new version selected in the explorer', () => armIdKey(selectedId(api) ?? '') === armIdKey(expected), { describe: () => String(selectedId(api)) });
  });

  it('from the palette: a Trusted Launch snapshot gives a TrustedLaunch definition; a data snapshot from another region and a Standard definition are refused', async () => {
    const { result, session } = await runScripted<string>(api, PUBLISH, [
      answer.pick('source', 'Snapshots'),
      answer.pick('OS-disk snapshot', 'snap-ubuntu-tl-os'),
      answer.pickMany('data-disk snapshots', ['snap-ubuntu-os-westus2']),
      answer.pickMany('data-disk snapshots', []),
      answer.pick('gallery', 'contoso_prod_gallery'),
      // A Standard definition cannot take a Trusted Launch disk: refused before anything is created.
      answer.pick('image definition', 'ubuntu-22.04-gen2'),
      answer.pick('image definition', 'New image definition…'),
      answer.input('new image definition name', 'ubuntu-tl-it'),
      answer.input('publisher'),
      answer.input('offer'),
      answer.input('SKU'),
      // The first item is the one carried over from the source.
      answer.pick('security type', /./),
      answer.input('version'),
      answer.pickMany('target regions', [], true),
      answer.input('replica counts'),
      answer.pick('storage account type', 'Premium_LRS'),
      answer.create(),
    ]);
    assert.deepEqual(messagesOf(session, 'warning'), [
      "Data-disk snapshots must be in eastus, the OS-disk snapshot's region: snap-ubuntu-os-westus2 is in westus2.",
      'ubuntu-22.04-gen2 cannot take snapshot snap-ubuntu-tl-os: security type Standard; the source is a Trusted Launch disk. Choose another definition or a new one.',
    ]);
    const definitionId = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-tl-it`;
    assert.equal(armIdKey(result), armIdKey(`${definitionId}/versions/1.0.0`));
    const definition = await storedResource<StoredDefinition>(definitionId);
    assert.equal(storedSecurityType(definition), 'TrustedLaunch');
    assert.equal(definition.properties.hyperVGeneration, 'V2', 'the generation comes from the snapshot');
    assert.equal(api.inventory.current.definitionOf(result)?.securityType, 'TrustedLaunch');
    const version = await storedResource<StoredVersion>(result);
    assert.equal(armIdKey(version.properties.storageProfile.osDiskImage?.source?.id ?? ''), armIdKey(snapshotId('snap-ubuntu-tl-os')));
    assert.deepEqual(version.properties.storageProfile.dataDiskImages ?? [], []);
    // The preselected target regions are those of the Batch accounts (eastus, westus2).
    assert.deepEqual(storedVersionTargets(version), ['eastus=1:Premium_LRS', 'westus2=1:Premium_LRS']);
  });
});
