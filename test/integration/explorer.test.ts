import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/tree/explorerNode';
import { waitFor } from './helpers/waitFor';
import { signedInAndLoaded, simulator } from './support/extensionApi';
import { PRODUCTION_SUBSCRIPTION } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const shared = '22222222-aaaa-4bbb-8ccc-000000000002';

interface Shown {
  node: ExplorerNode;
  item: vscode.TreeItem;
}

function show(api: ExtensionApi, nodes: ExplorerNode[]): Shown[] {
  return nodes.map((node) => ({ node, item: api.explorer.provider.getTreeItem(node) }));
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function children(api: ExtensionApi, node?: ExplorerNode): Shown[] {
  return show(api, api.explorer.provider.getChildren(node));
}

function child(api: ExtensionApi, parent: ExplorerNode | undefined, name: string): Shown {
  const all = children(api, parent);
  const found = all.find((c) => label(c.item) === name);
  assert.ok(found, `no node '${name}' under ${parent?.id ?? 'the root'}; found: ${all.map((c) => label(c.item)).join(', ')}`);
  return found;
}

function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

function category(api: ExtensionApi, subscription: string, name: string): Shown {
  return child(api, child(api, undefined, subscription).node, name);
}

describe('explorer on the demo scenario', function () {
  this.timeout(120_000);
  let api: ExtensionApi;

  before(async () => {
    api = await signedInAndLoaded();
    await vscode.commands.executeCommand('workbench.view.extension.azureBatchImages');
  });

  it('lists the pools on retired images first, then both subscriptions with their four categories', () => {
    const all = children(api);
    const retired = api.inventory.current.snapshot.pools.filter((p) => /\/providers\/Microsoft\.Compute\/images\//i.test(p.imageId ?? '')).length;
    assert.equal(label(all[0].item), `${retired} pools on retired images`);
    assert.equal(all[0].item.command?.command, 'azureBatchImages.showMigrationReport');
    const roots = all.slice(1).map((c) => label(c.item)).sort();
    assert.deepEqual(roots, ['Contoso Batch Production', 'Contoso Shared Images']);
    const categories = children(api, child(api, undefined, 'Contoso Batch Production').node).map((c) => label(c.item));
    assert.deepEqual(categories, ['Managed Images', 'Snapshots', 'Compute Galleries', 'Batch Accounts']);
  });

  it('shows as many managed images per subscription as were loaded, and the demo\'s accounts', () => {
    const snapshot = api.inventory.current.snapshot;
    const count = (list: { id: string }[], sub: string): number => list.filter((r) => r.id.toLowerCase().startsWith(`/subscriptions/${sub}/`)).length;
    for (const [sub, name] of [[production, 'Contoso Batch Production'], [shared, 'Contoso Shared Images']]) {
      const images = category(api, name, 'Managed Images');
      const expected = count(snapshot.images, sub);
      const shown = children(api, images.node).filter((c) => c.node.resourceId);
      assert.equal(shown.length, expected, `${name}: managed images`);
      assert.equal(images.item.description, String(expected));
    }
    // The demo scenario's own numbers, so the tree cannot agree with an empty inventory.
    assert.ok(count(snapshot.images, production) >= 8, 'the demo has many managed images in production');
    assert.ok(snapshot.batchAccounts.length >= 3, 'the demo has three Batch accounts');
  });

  it('marks the deleted source snapshot in an image\'s lineage', () => {
    const images = category(api, 'Contoso Batch Production', 'Managed Images');
    const orphan = children(api, images.node).find((c) => /orphan/i.test(label(c.item)));
    assert.ok(orphan, 'the demo has an image whose snapshot was deleted');
    assert.equal(iconId(orphan.item), 'warning');
    const sources = children(api, orphan.node).filter((c) => /snapshot/.test(String(c.item.description)));
    const deleted = sources.filter((c) => /deleted/.test(String(c.item.description)));
    assert.equal(deleted.length, 1, `sources: ${sources.map((s) => `${label(s.item)} (${String(s.item.description)})`).join(', ')}`);
    assert.equal(iconId(deleted[0].item), 'warning');
  });

  it('decorates exactly the pools that break a rule', () => {
    const accounts = category(api, 'Contoso Batch Production', 'Batch Accounts');
    const east = children(api, accounts.node).find((c) => label(c.item) === 'batchprodeast');
    assert.ok(east);
    const pools = children(api, east.node);
    const healthy = pools.filter((p) => /healthy/i.test(label(p.item)));
    assert.ok(healthy.length > 0, 'the demo has healthy pools');
    for (const p of healthy) assert.equal(iconId(p.item), 'server-environment', `${label(p.item)} is healthy`);
    const shared = pools.filter((p) => /pool-shared-[ab]/.test(label(p.item)));
    assert.equal(shared.length, 2);
    for (const p of shared) assert.match(String(p.item.description), /error|warning/, `${label(p.item)}: ${String(p.item.description)}`);
    const failed = pools.find((p) => /resize error: AllocationFailed/.test(String(p.item.description)));
    assert.ok(failed, 'the demo has a live pool whose resize failed with AllocationFailed');
    assert.equal(iconId(failed.item), 'error');
    const sharedKey = children(api, accounts.node).find((c) => label(c.item) === 'batchsharedkey');
    assert.ok(sharedKey);
    assert.match(String(sharedKey.item.description), /Shared Key only/);
    assert.equal(iconId(sharedKey.item), 'error');
  });

  it('reveals a pool\'s image when its image node is selected', async () => {
    const accounts = category(api, 'Contoso Batch Production', 'Batch Accounts');
    const east = children(api, accounts.node).find((c) => label(c.item) === 'batchprodeast');
    assert.ok(east);
    const pool = children(api, east.node).find((p) => /pool-shared-a/.test(label(p.item)));
    assert.ok(pool);
    const image = children(api, pool.node)[0];
    assert.equal(image.item.command?.command, 'azureBatchImages.revealResource');
    await vscode.commands.executeCommand(image.item.command.command, ...(image.item.command.arguments ?? []));
    const selected = await waitFor('the image to be selected', () => api.explorer.view.selection[0]);
    assert.equal(selected.resourceId?.toLowerCase(), image.node.resourceId?.toLowerCase());
    assert.match(selected.id, /^image:/);
  });

  it('copies a resource id to the clipboard', async () => {
    const accounts = category(api, 'Contoso Batch Production', 'Batch Accounts');
    const east = children(api, accounts.node).find((c) => label(c.item) === 'batchprodeast');
    assert.ok(east?.node.resourceId);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('azureBatchImages.copyResourceId', east.node);
    assert.equal(await vscode.env.clipboard.readText(), east.node.resourceId);
  });

  it('shows an Azure failure as an error node whose Retry then succeeds', async () => {
    await simulator('POST', 'faults', { spec: '500:1' });
    try {
      await api.inventory.refresh({ subscriptionId: shared });
    } finally {
      await simulator('POST', 'faults', { spec: '' });
    }
    const images = category(api, 'Contoso Shared Images', 'Managed Images');
    const error = children(api, images.node).find((c) => c.item.contextValue === 'loadError');
    assert.ok(error, `children: ${children(api, images.node).map((c) => label(c.item)).join(', ')}`);
    assert.match(String(error.item.description), /500|Internal/i);
    assert.equal(error.item.command?.command, 'azureBatchImages.retryLoad');
    await vscode.commands.executeCommand(error.item.command.command, ...(error.item.command.arguments ?? []));
    await api.inventory.whenIdle();
    const after = children(api, category(api, 'Contoso Shared Images', 'Managed Images').node);
    assert.ok(after.every((c) => c.item.contextValue !== 'loadError'), 'the error node is gone');
  });
});
