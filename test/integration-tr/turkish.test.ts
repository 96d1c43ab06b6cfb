// The extension in a VS Code whose display language is Turkish: the host hands it Turkish through
// package.nls.tr.json (manifest: command titles) and l10n/bundle.l10n.tr.json (runtime: tree
// labels, and the rule messages, which reach the pure rules through @vscode/l10n).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { closeAllEditors, codeOf, openFile, removeTempFolder, waitForDiagnostics } from '../integration/helpers/poolDocuments';
import { extensionId, signedInAndLoaded } from '../integration/support/extensionApi';

interface Contributed {
  command: string;
  /** A translated title arrives as { value, original }. */
  title: string | { value: string; original: string };
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('Turkish display language', function () {
  this.timeout(120_000);
  after(async () => {
    await closeAllEditors();
    removeTempFolder();
  });

  it('runs with the display language tr', async () => {
    assert.equal(vscode.env.language, 'tr');
    // The extension's bundle is read when it activates; in a fresh profile nothing may have activated it yet.
    await vscode.extensions.getExtension(extensionId)?.activate();
    assert.ok(vscode.l10n.bundle, 'VS Code loaded l10n/bundle.l10n.tr.json for the extension');
  });

  it('contributes Turkish command titles (package.nls.tr.json)', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    const commands = (extension.packageJSON as { contributes: { commands: Contributed[] } }).contributes.commands;
    const title = (id: string) => commands.find((c) => c.command === id)?.title;
    assert.deepEqual(title('azureBatchImages.signIn'), { value: "Azure'da Oturum Aç…", original: 'Sign in to Azure…' });
    assert.deepEqual(title('azureBatchImages.createPoolFromImage'), { value: 'Görüntüden Havuz Oluştur…', original: 'Create Pool from Image…' });
  });

  it('shows Turkish tree labels', async () => {
    const api: ExtensionApi = await signedInAndLoaded();
    // The first root is the "pools on retired images" entry; the subscriptions follow it.
    const subscriptions = api.explorer.provider.getChildren(undefined).filter((n) => (api.explorer.provider.getTreeItem(n).contextValue ?? '').split(' ').includes('subscription'));
    assert.ok(subscriptions.length > 0);
    const categories = api.explorer.provider.getChildren(subscriptions[0]).map((n) => label(api.explorer.provider.getTreeItem(n)));
    assert.deepEqual(categories, ['Yönetilen Görüntüler', 'Anlık Görüntüler', 'İşlem Galerileri', 'Batch Hesapları']);
  });

  it('reports Turkish diagnostics from the rules, with the rule code unchanged', async () => {
    const pool = { id: 'tr-pool', vmSize: 'STANDARD_D2S_V3', virtualMachineConfiguration: { imageReference: { publisher: 'Canonical', offer: 'ubuntu', sku: '22_04-lts' } }, targetDedicatedNodes: 1 };
    const document = await openFile('tr.pool.json', JSON.stringify(pool, null, 2));
    const diagnostics = await waitForDiagnostics(document.uri, 'node-agent-sku-missing', (ds) => ds.some((d) => codeOf(d) === 'node-agent-sku-missing'), 30_000);
    const missingSku = diagnostics.find((d) => codeOf(d) === 'node-agent-sku-missing');
    assert.ok(missingSku);
    assert.match(missingSku.message, /virtualMachineConfiguration içinde nodeAgentSKUId ayarlamıyor/);
    assert.match(missingSku.message, /düğüm aracısı SKU'suna ihtiyacı var/);
  });
});
