// The inventory from Azure Resource Graph while its index lags 60 s behind Resource Manager: the
// extension's own creates and deletes show at once, an image deleted outside the extension is
// image-not-found for a pool document while the index still lists it, a cloud without Resource
// Graph gives the same tree, and a quota of 2 queries per 5 s still completes without errors.
// Delete Image re-reads its target fresh (one deleted elsewhere is reported, not deleted), and a
// subscription Resource Graph cannot read is served from Resource Manager with nothing missing.
// Create Image from Snapshots and Add Gallery Replica re-read what they write from (a deleted
// snapshot stops the write; a replica region added elsewhere is kept).
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey, type InventorySnapshot } from '../../src/model';
import { ensureEditorFeatures } from './helpers/editorFeatures';
import { closeAllEditors, codeOf, openFile, removeTempFolder, waitForDiagnostics } from './helpers/poolDocuments';
import { waitFor } from './helpers/waitFor';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';
import { simulator, simulatorUrl } from './support/extensionApi';
import { answer, messagesOf, runScripted, wizard } from './support/userInput';

const production = PRODUCTION_SUBSCRIPTION;
const imageId = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;

/** A plain Resource Manager / Resource Graph call with a token of the configured service principal. */
async function azure(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const ca = process.env.NODE_EXTRA_CA_CERTS ? readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8') : undefined;
  const send = (m: string, url: string, payload: string | undefined, headers: Record<string, string>) =>
    new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const req = https.request(url, { method: m, ca, headers: { ...headers, ...(payload ? { 'content-length': String(Buffer.byteLength(payload)) } : {}) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  const sp = vscode.workspace.getConfiguration('azureBatchImages.servicePrincipal');
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sp.get<string>('clientId') ?? '',
    client_secret: process.env.AZURE_CLIENT_SECRET ?? '',
    scope: 'https://management.azure.com/.default',
  }).toString();
  const token = await send('POST', `${simulatorUrl()}/${sp.get<string>('tenantId') ?? ''}/oauth2/v2.0/token`, form, { 'content-type': 'application/x-www-form-urlencoded' });
  const access = (token.json as { access_token: string }).access_token;
  return send(method, `${simulatorUrl()}${path}`, body === undefined ? undefined : JSON.stringify(body), { authorization: `Bearer ${access}`, 'content-type': 'application/json' });
}

/** Deletes a resource with a plain Resource Manager request, as a change outside the extension, and waits until Resource Manager no longer has it. */
async function deleteOutside(id: string, apiVersion: string): Promise<void> {
  const deleted = await azure('DELETE', `${id}?api-version=${apiVersion}`);
  assert.ok(deleted.status < 300, JSON.stringify(deleted.json));
  await waitFor('the delete to finish in Resource Manager', async () => (await azure('GET', `${id}?api-version=${apiVersion}`)).status === 404, { timeoutMs: 20_000, intervalMs: 500 });
}

async function indexLists(id: string): Promise<boolean> {
  // The extension's loads spend the same user's quota (15 per 5 s here): a query the window has
  // no room for is refused with 429 (not counted), and asked again until the window resets.
  const query = () => azure('POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01', { subscriptions: [production], query: `Resources | where id in~ ('${id}') | project id` });
  let r = await query();
  if (r.status === 429) r = await waitFor('the Resource Graph quota window to reset', async () => ((r = await query()).status === 429 ? undefined : r), { timeoutMs: 10_000, intervalMs: 500, describe: () => JSON.stringify(r.json) });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return ((r.json as { data: unknown[] }).data).length === 1;
}

/** The tree's resources (what the explorer draws from), comparable across loads. */
function treeOf(snap: InventorySnapshot): string[] {
  return [...snap.images, ...snap.snapshots, ...snap.galleries, ...snap.galleryImageDefinitions, ...snap.galleryImageVersions, ...snap.batchAccounts, ...snap.pools].map((r) => armIdKey(r.id)).sort();
}

describe('inventory from Resource Graph with a 60 s index lag', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));
  before(async () => {
    await simulator('PUT', 'resource-graph', { lagMs: 60_000, quota: '15/5s', enabled: true });
    await api.inventory.refresh();
  });
  after(async () => {
    await closeAllEditors();
    removeTempFolder();
    await simulator('PUT', 'resource-graph', { lagMs: 0, quota: '1000/5s', enabled: true });
    await api.inventory.refresh();
  });

  it('loads images, gallery versions, disks and VMs from Resource Graph, pools from Resource Manager, and the tooltip says so', () => {
    const sources = api.inventory.sources?.(production);
    assert.equal(sources?.get('galleryImageVersions')?.servedBy, 'resourceGraph');
    assert.equal(sources?.get('images')?.servedBy, 'resourceGraph');
    assert.equal(sources?.get('pools')?.servedBy, 'resourceManager');
    for (const c of ['disks', 'virtualMachines'] as const) assert.equal(sources?.get(c)?.servedBy, 'resourceGraph', c);
    // The subscription's tooltip says so.
    const node = api.explorer.provider.findNode(`/subscriptions/${production}`);
    assert.ok(node, 'the explorer shows the subscription');
    const tooltip = api.explorer.provider.getTreeItem(node).tooltip;
    const text = tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip);
    assert.match(text, /- Disks: Azure Resource Graph, index as of /);
    assert.match(text, /- Virtual machines: Azure Resource Graph, index as of /);
    assert.match(text, /- Pools: Resource Manager, read /);
  });

  it('Add Gallery Replica re-reads the target regions: a region added outside the extension is kept, though the index does not show it', async () => {
    const versionId = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_west_gallery/images/ubuntu-westonly/versions/1.0.0`;
    const url = `${versionId}?api-version=2023-07-03`;
    const stored = await azure('GET', url);
    assert.equal(stored.status, 200, JSON.stringify(stored.json));
    const body = stored.json as { location: string; properties: { publishingProfile: { targetRegions: { name: string; regionalReplicaCount?: number }[] }; storageProfile: unknown } };
    const regions = [...body.properties.publishingProfile.targetRegions, { name: 'northeurope', regionalReplicaCount: 1 }];
    const put = await azure('PUT', url, { location: body.location, properties: { publishingProfile: { ...body.properties.publishingProfile, targetRegions: regions }, storageProfile: body.properties.storageProfile } });
    assert.ok(put.status < 300, JSON.stringify(put.json));
    const regionsStored = async () => ((await azure('GET', url)).json as typeof body).properties.publishingProfile.targetRegions.map((r) => r.name.toLowerCase().replace(/ /g, '')).sort();
    await waitFor('the update to finish in Resource Manager', async () => (await regionsStored()).includes('northeurope'), { timeoutMs: 20_000, intervalMs: 500 });
    await api.inventory.refresh({ subscriptionId: production });
    const listed = api.inventory.current.versionsById.get(armIdKey(versionId));
    assert.ok(listed && !listed.targetRegions.some((r) => /north ?europe/i.test(r.name)), 'the loaded inventory does not show the new region');
    const { result, session } = await runScripted<string | undefined>(api, 'azureBatchImages.addGalleryReplica', [answer.confirm('Replicate contoso_west_gallery/ubuntu-westonly/1.0.0 to eastus with 1 replica(s)?')], {
      versionId,
      region: 'eastus',
    });
    assert.deepEqual(messagesOf(session, 'error'), []);
    assert.equal(armIdKey(result ?? ''), armIdKey(versionId));
    assert.deepEqual(await regionsStored(), ['eastus', 'northeurope', 'westus2'], 'the region added elsewhere is kept');
  });

  it('Create Image from Snapshots shows the new image at once, while the index does not have it', async () => {
    const id = imageId('img-graph-lag');
    await runScripted<string>(api, 'azureBatchImages.createImageFromSnapshots', [
      answer.pick('OS-disk snapshot', 'snap-ubuntu-os-v1'),
      ...wizard.newImage('img-graph-lag', 'V2'),
      answer.create(),
    ]);
    assert.equal(await indexLists(id), false, 'the index lags 60 s');
    assert.ok(api.inventory.current.imagesById.get(armIdKey(id)), 'the inventory shows the image the command created');
    await api.inventory.refresh({ subscriptionId: production });
    assert.ok(api.inventory.current.imagesById.get(armIdKey(id)), 'a reload from the lagging index does not hide it');
    assert.equal(api.inventory.sources?.(production).get('images')?.servedBy, 'resourceGraph');
  });

  it('Delete Image hides the image at once, while the index still lists it', async () => {
    const id = imageId('img-graph-lag');
    const { result } = await runScripted<boolean>(api, 'azureBatchImages.deleteImage', [answer.confirm('Delete managed image img-graph-lag?')], api.explorer.provider.findNode(id));
    assert.equal(result, true);
    assert.equal(api.inventory.current.imagesById.has(armIdKey(id)), false);
    await api.inventory.refresh({ subscriptionId: production });
    assert.equal(api.inventory.current.imagesById.has(armIdKey(id)), false, 'a reload from the lagging index does not bring it back');
  });

  it('a pool document naming an image deleted outside the extension shows image-not-found while the index still lists it', async () => {
    const id = imageId('img-ubuntu-westus2');
    assert.ok(api.inventory.current.imagesById.has(armIdKey(id)));
    await deleteOutside(id, '2024-03-01');
    await api.inventory.refresh();
    assert.equal(await indexLists(id), true, 'the index still lists the image');
    assert.ok(api.inventory.current.imagesById.has(armIdKey(id)), 'so does the loaded inventory, until something reads it fresh');
    await ensureEditorFeatures();
    const document = await openFile(
      'graph-lag.pool.json',
      JSON.stringify({ id: 'graph-lag', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: { imageReference: { virtualMachineImageId: id }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' }, targetDedicatedNodes: 1, resizeTimeout: 'PT15M' }, null, 2),
    );
    // Other findings (no account chosen, a short resize timeout…) may stand beside it.
    await waitForDiagnostics(document.uri, 'image-not-found', (ds) => ds.some((d) => codeOf(d) === 'image-not-found'), 30_000);
    assert.equal(await indexLists(id), true, 'the index still lists the image');
  });

  it('Delete Image re-reads its target: an image deleted outside the extension is reported and hidden at once, nothing deleted', async () => {
    const id = imageId('img-build-01');
    const node = api.explorer.provider.findNode(id);
    assert.ok(node, 'the explorer shows the image');
    await deleteOutside(id, '2024-03-01');
    await api.inventory.refresh({ subscriptionId: production, categories: ['images'] });
    assert.equal(await indexLists(id), true, 'the index still lists the image');
    assert.ok(api.inventory.current.imagesById.has(armIdKey(id)), 'so does the loaded inventory');
    // No confirmation is asked: the fresh read before the guard finds it gone.
    const { result, session } = await runScripted<boolean>(api, 'azureBatchImages.deleteImage', [], node);
    assert.equal(result, false);
    assert.deepEqual(messagesOf(session, 'information'), ['Managed image img-build-01 no longer exists in Azure; nothing was deleted.']);
    assert.equal(api.inventory.current.imagesById.has(armIdKey(id)), false, 'hidden at once');
    await api.inventory.refresh({ subscriptionId: production });
    assert.equal(api.inventory.current.imagesById.has(armIdKey(id)), false, 'a reload from the lagging index does not bring it back');
  });

  it('Create Image from Snapshots re-reads its snapshot: one deleted outside the extension stops it before anything is written, and is hidden', async () => {
    const snapshot = `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/snap-build-01-os`;
    const node = api.explorer.provider.findNode(snapshot);
    assert.ok(node, 'the explorer shows the snapshot');
    await deleteOutside(snapshot, '2024-03-02');
    await api.inventory.refresh({ subscriptionId: production, categories: ['snapshots'] });
    assert.equal(await indexLists(snapshot), true, 'the index still lists the snapshot');
    assert.ok(api.inventory.current.snapshotsById.has(armIdKey(snapshot)), 'so does the loaded inventory');
    const { result, session } = await runScripted<string | undefined>(
      api,
      'azureBatchImages.createImageFromSnapshots',
      [
        ...wizard.newImage('img-it-stale', 'V1'),
        answer.create(),
      ],
      node,
    );
    assert.equal(result, undefined);
    const errors = messagesOf(session, 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0], /^Creating image img-it-stale failed: .*Snapshot snap-build-01-os no longer exists in Azure\. Nothing was written\. The explorer now shows what Azure has: check the choices and run the command again\.$/);
    assert.equal((await azure('GET', `${imageId('img-it-stale')}?api-version=2024-03-01`)).status, 404, 'no image was created');
    assert.equal(api.inventory.current.snapshotsById.has(armIdKey(snapshot)), false, 'the snapshot is hidden at once');
  });

  it('a subscription Resource Graph cannot read gives the same tree, its categories from Resource Manager', async () => {
    await api.inventory.refresh();
    const expected = treeOf(api.inventory.current.snapshot);
    const shared = api.inventory.current.snapshot.subscriptions.map((s) => s.subscriptionId).find((s) => s !== production);
    assert.ok(shared, 'the demo has a second subscription');
    await simulator('PUT', 'resource-graph', { unreadableSubscriptions: [shared] });
    try {
      await api.inventory.refresh();
      assert.deepEqual(api.inventory.current.snapshot.errors, []);
      assert.deepEqual(treeOf(api.inventory.current.snapshot), expected, 'nothing of the unreadable subscription is missing');
      const versions = api.inventory.sources?.(shared).get('galleryImageVersions');
      assert.equal(versions?.servedBy, 'resourceManager');
      assert.match(versions?.fallbackReason ?? '', /cannot read subscription/);
      assert.equal(api.inventory.sources?.(production).get('galleryImageVersions')?.servedBy, 'resourceGraph');
    } finally {
      await simulator('PUT', 'resource-graph', { unreadableSubscriptions: [] });
    }
  });

  it('without Resource Graph the same tree appears, from Resource Manager', async () => {
    await api.inventory.refresh();
    const withGraph = treeOf(api.inventory.current.snapshot);
    await simulator('PUT', 'resource-graph', { enabled: false });
    try {
      await api.inventory.refresh();
      assert.deepEqual(treeOf(api.inventory.current.snapshot), withGraph);
      assert.deepEqual(api.inventory.current.snapshot.errors, []);
      assert.equal(api.inventory.sources?.(production).get('galleryImageVersions')?.servedBy, 'resourceManager');
    } finally {
      await simulator('PUT', 'resource-graph', { enabled: true });
    }
  });

  it('with a quota of 2 queries per 5 s the load completes and reports nothing wrong', async () => {
    await api.inventory.refresh();
    const expected = treeOf(api.inventory.current.snapshot);
    await simulator('PUT', 'resource-graph', { quota: '2/5s' });
    await api.inventory.refresh();
    assert.deepEqual(api.inventory.current.snapshot.errors, []);
    assert.deepEqual(treeOf(api.inventory.current.snapshot), expected);
  });

  it('reads provider registrations on first need: an image shared from a subscription without Microsoft.Batch is an error once they are read', async () => {
    const shared = '22222222-aaaa-4bbb-8ccc-000000000002';
    const version = `/subscriptions/${shared}/resourceGroups/rg-shared-gallery/providers/Microsoft.Compute/galleries/contoso_shared_images/images/ubuntu-shared/versions/2.0.0`;
    const account = `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
    const unregistered = await azure('POST', `/subscriptions/${shared}/providers/Microsoft.Batch/unregister?api-version=2021-04-01`);
    assert.ok(unregistered.status < 300, JSON.stringify(unregistered.json));
    try {
      await api.inventory.refresh(); // a full refresh forgets registrations read before
      assert.equal(api.inventory.current.subscription(shared)?.registeredProviders, undefined, 'a load reads no provider registrations');
      await ensureEditorFeatures();
      const document = await openFile(
        'cross-subscription-unregistered.pool.json',
        JSON.stringify({ type: 'Microsoft.Batch/batchAccounts/pools', apiVersion: '2025-06-01', name: 'batchprodeast/cross-unregistered', properties: { vmSize: 'STANDARD_D4S_V3', deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: version }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } }, scaleSettings: { fixedScale: { targetDedicatedNodes: 2, targetLowPriorityNodes: 0, resizeTimeout: 'PT15M' } } } }, null, 2),
      );
      await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, account);
      await waitForDiagnostics(
        document.uri,
        'image-subscription-mismatch as an error naming the unregistered provider',
        (ds) => ds.some((d) => codeOf(d) === 'image-subscription-mismatch' && d.severity === vscode.DiagnosticSeverity.Error && /Microsoft\.Batch/.test(d.message)),
        30_000,
      );
      assert.ok(api.inventory.current.subscription(shared)?.registeredProviders, 'read when the document needed them');
      assert.equal(api.inventory.current.subscription(production)?.registeredProviders, undefined, 'and only for the subscription the image is shared from');
    } finally {
      await azure('POST', `/subscriptions/${shared}/providers/Microsoft.Batch/register?api-version=2021-04-01`);
      await closeAllEditors();
      await api.inventory.refresh();
    }
  });
});
