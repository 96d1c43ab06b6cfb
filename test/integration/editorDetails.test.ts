// Editor details of issue 14, item 6, against the demo scenario: one "Publish to Azure Compute
// Gallery…" per light bulb, node agent SKU completion without duplicates and without the other
// OS's SKUs, the managed-image hover never says "Usable", a deleted managed image is not offered
// for publishing, the missing-resizeTimeout advice does not contradict itself, and the explorer
// marks a managed image whose pools are in another region; a related location on the diagnostic's
// own line is kept.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/tree/explorerNode';
import { closeAllEditors, codeOf, diagnostic, openFile, rangeOf, removeTempFolder, waitForCodes, waitForDiagnostics } from './helpers/poolDocuments';
import { waitFor } from './helpers/waitFor';
import { signedInAndLoaded } from './support/extensionApi';
import { PRODUCTION_SUBSCRIPTION } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const account = `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
const managedImage = (name: string) => `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;
const gen2Version = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions/1.0.0`;

function poolText(id: string, imageId: string, extra: Record<string, unknown> = { resizeTimeout: 'PT30M' }): string {
  return `${JSON.stringify(
    {
      id,
      vmSize: 'Standard_D2s_v3',
      virtualMachineConfiguration: { imageReference: { virtualMachineImageId: imageId }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
      targetDedicatedNodes: 2,
      targetLowPriorityNodes: 0,
      ...extra,
    },
    null,
    2,
  )}\n`;
}

async function openWithAccount(name: string, content: string): Promise<vscode.TextDocument> {
  const document = await openFile(name, content);
  await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, account);
  return document;
}

function label(item: vscode.CompletionItem): string {
  return (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, '');
}

describe('pool editor: details (issue 14)', function () {
  this.timeout(120_000);
  let api: ExtensionApi;

  before(async () => {
    api = await signedInAndLoaded();
  });

  afterEach(async () => closeAllEditors());
  after(() => removeTempFolder());

  it('lists "Publish to Azure Compute Gallery…" once when two findings offer it', async () => {
    const document = await openWithAccount('it-two-publish.pool.json', poolText('it-two-publish', managedImage('img-ubuntu-westus2')));
    await waitForCodes(document.uri, ['managed-image-retired', 'image-region-mismatch', 'image-shared-by-pools'], 20_000);
    const range = rangeOf(document, managedImage('img-ubuntu-westus2'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title).filter((t) => t === 'Publish to Azure Compute Gallery…');
    assert.equal(titles.length, 1, JSON.stringify(actions.map((a) => a.title)));
  });

  it('completes each node agent SKU once, only those of the image\'s OS', async () => {
    const document = await openWithAccount('it-sku-completion.pool.json', poolText('it-sku-completion', gen2Version));
    // The load does not read supported images; a document that targets the account does, on first need.
    await waitFor("batchprodeast's supported images", () => (api.inventory.current.account(account)?.supportedImages?.length ?? 0) > 0, { timeoutMs: 30_000 });
    await waitForCodes(document.uri, [], 20_000);
    const at = rangeOf(document, 'batch.node.ubuntu 22.04').start.translate(0, 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
    const skus = list.items.map(label).filter((l) => l.startsWith('batch.node.'));
    assert.ok(skus.length > 0, 'SKUs are offered');
    assert.deepEqual(skus, [...new Set(skus)], `no SKU twice: ${skus.join(', ')}`);
    assert.equal(skus.some((s) => /windows/i.test(s)), false, `no Windows SKU for a Linux image: ${skus.join(', ')}`);
  });

  it('the hover of a managed image does not call it usable from the account', async () => {
    const document = await openWithAccount('it-hover-managed.pool.json', poolText('it-hover-managed', managedImage('img-ubuntu-v1')));
    await waitForCodes(document.uri, ['managed-image-retired', 'image-shared-by-pools'], 20_000);
    const at = rangeOf(document, managedImage('img-ubuntu-v1')).start.translate(0, 5);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.doesNotMatch(text, /Usable from/);
    assert.match(text, /Not usable from Batch account/);
  });

  it('a deleted managed image is not offered for publishing', async () => {
    const document = await openWithAccount('it-deleted-managed.pool.json', poolText('it-deleted-managed', managedImage('img-deleted-2025')));
    await waitForCodes(document.uri, ['managed-image-retired', 'image-not-found', 'image-shared-by-pools'], 20_000);
    const retired = diagnostic(document.uri, 'managed-image-retired');
    assert.doesNotMatch(retired.message, /Publish the image/);
    assert.match(retired.message, /no longer exists/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, retired.range, vscode.CodeActionKind.QuickFix.value);
    assert.equal(actions.some((a) => a.title.startsWith('Publish')), false, JSON.stringify(actions.map((a) => a.title)));
  });

  it('a missing resizeTimeout on a small gallery pool is advised to be written down, not said to be too short', async () => {
    const document = await openWithAccount('it-no-timeout.pool.json', poolText('it-no-timeout', gen2Version, {}));
    await waitForCodes(document.uri, ['resize-timeout-short'], 20_000);
    const message = diagnostic(document.uri, 'resize-timeout-short').message;
    assert.match(message, /is enough for 2 nodes today/);
    assert.doesNotMatch(message, /otherwise the resize stops/);
  });

  it('keeps a related location on the same line as its diagnostic (a one-line pool with a key set twice)', async () => {
    // Minified, as a generator writes it: the earlier key and the later one are on line 0.
    const text = `${JSON.stringify({ id: 'it-same-line', vmSize: 'Standard_D2s_v3', targetDedicatedNodes: 1 }).slice(0, -1)},"targetDedicatedNodes":2,"resizeTimeout":"PT30M","virtualMachineConfiguration":{"imageReference":{"virtualMachineImageId":"${gen2Version}"},"nodeAgentSKUId":"batch.node.ubuntu 22.04"}}\n`;
    const document = await openWithAccount('it-same-line.pool.json', text);
    await waitForDiagnostics(document.uri, 'json-duplicate-key', (all) => all.some((d) => codeOf(d) === 'json-duplicate-key'), 20_000);
    const duplicate = diagnostic(document.uri, 'json-duplicate-key');
    assert.equal(duplicate.range.start.line, 0);
    const later = rangeOf(document, '"targetDedicatedNodes"', text.indexOf('"targetDedicatedNodes"') + 1);
    assert.ok(duplicate.range.start.isEqual(later.start), 'the diagnostic is on the later key');
    const related = duplicate.relatedInformation ?? [];
    assert.equal(related.length, 1, 'the related location on the same line is kept');
    assert.equal(related[0].location.uri.toString(), document.uri.toString());
    const earlier = rangeOf(document, '"targetDedicatedNodes"');
    assert.equal(related[0].location.range.start.line, 0);
    assert.ok(related[0].location.range.start.isEqual(earlier.start), 'it points at the earlier key on that line');
    assert.ok(!related[0].location.range.isEqual(duplicate.range));
  });

  it('the explorer marks a managed image whose pool is in another region', async () => {
    const node = api.explorer.provider.findNode(managedImage('img-ubuntu-westus2')) as ExplorerNode | undefined;
    assert.ok(node, 'the image is in the explorer');
    const item = api.explorer.provider.getTreeItem(node);
    assert.equal((item.iconPath as vscode.ThemeIcon | undefined)?.id, 'error');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /image-region-mismatch/);
    assert.match(tooltip, /pool-region-mismatch/);
  });
});
