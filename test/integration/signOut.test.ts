// Signing out empties the explorer and takes the Azure-backed diagnostics away at once, and no
// silent sign-in (here: the client secret in the environment) brings the identity back until the
// user signs in again. Switching to another identity and changing the selected subscriptions
// refresh the explorer and the diagnostics at once too (issue 14, item 9).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { waitFor } from './helpers/waitFor';
import { closeAllEditors, codeOf, codes, openFile, removeTempFolder, waitForDiagnostics } from './helpers/poolDocuments';
import type { ExplorerNode } from '../../src/tree/explorerNode';
import { signedInAndLoaded } from './support/extensionApi';
import { PRODUCTION_SUBSCRIPTION } from './support/demoSuite';

const SHARED_SUBSCRIPTION = '22222222-aaaa-4bbb-8ccc-000000000002';
const account = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
const pool = {
  id: 'it-sign-out',
  vmSize: 'standard_d4s_v3',
  virtualMachineConfiguration: {
    imageReference: { virtualMachineImageId: `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-ubuntu-westus2` },
    nodeAgentSKUId: 'batch.node.ubuntu 22.04',
  },
  targetDedicatedNodes: 2,
  resizeTimeout: 'PT20M',
};

describe('sign-out and sign-in', function () {
  this.timeout(120_000);
  let api: ExtensionApi;

  before(async () => {
    api = await signedInAndLoaded();
  });

  after(async () => {
    await vscode.commands.executeCommand('azureBatchImages.signIn');
    await waitFor('signed in again', () => api.inventory.signedIn, { timeoutMs: 30_000 });
    await api.inventory.whenIdle();
    await closeAllEditors();
    removeTempFolder();
  });

  it('Sign Out clears the explorer and the Azure-backed diagnostics at once and stays signed out; Sign in brings both back', async () => {
    const document = await openFile('it-sign-out.pool.json', JSON.stringify(pool, null, 2));
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, account);
    await waitForDiagnostics(document.uri, 'the Azure-backed findings', (ds) => ds.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'image-region-mismatch'), 30_000);
    assert.ok(api.explorer.provider.getChildren().length > 0);

    await vscode.commands.executeCommand('azureBatchImages.signOut');
    await waitFor('an empty explorer', () => !api.inventory.signedIn && api.explorer.provider.getChildren().length === 0, { timeoutMs: 5_000 });
    await waitForDiagnostics(document.uri, 'no Azure-backed finding', (ds) => !ds.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'image-region-mismatch'), 5_000);
    // A silent sign-in (the environment still holds a client secret) must not undo the sign-out:
    // what a command or the view does first when nobody is signed in.
    await api.inventory.ensureLoaded();
    await api.inventory.refresh();
    assert.equal(api.inventory.signedIn, false, 'signed in again without being asked');
    assert.equal(api.explorer.provider.getChildren().length, 0);

    await vscode.commands.executeCommand('azureBatchImages.signIn');
    await waitFor('signed in', () => api.inventory.signedIn, { timeoutMs: 30_000 });
    await api.inventory.whenIdle();
    await waitFor('the subscriptions in the explorer', () => api.explorer.provider.getChildren().length > 0, { timeoutMs: 30_000 });
    await waitForDiagnostics(document.uri, 'the Azure-backed findings again', (ds) => ds.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'image-region-mismatch'), 30_000);
    assert.ok(codes(document.uri).includes('managed-image-retired'));
  });

  it('switching to another identity refreshes the explorer and the diagnostics at once; switching back restores both', async () => {
    const document = await openFile('it-switch.pool.json', JSON.stringify({ ...pool, id: 'it-switch' }, null, 2));
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, account);
    await waitForDiagnostics(document.uri, 'the Azure-backed findings', (ds) => ds.some((d) => codeOf(d) === 'image-region-mismatch'), 30_000);
    const settings = vscode.workspace.getConfiguration('azureBatchImages.servicePrincipal');
    const clientId = settings.get<string>('clientId');
    assert.ok(clientId);
    try {
      // An application the directory does not know: it sees no subscription.
      await settings.update('clientId', '99999999-0000-4000-8000-000000000099', vscode.ConfigurationTarget.Global);
      await waitFor('no subscription in the explorer', () => subscriptionNodes(api).length === 0 && api.inventory.current.snapshot.subscriptions.length === 0, { timeoutMs: 30_000 });
      await waitForDiagnostics(document.uri, 'no Azure-backed finding for the other identity', (ds) => !ds.some((d) => codeOf(d) === 'image-region-mismatch'), 30_000);
    } finally {
      await settings.update('clientId', clientId, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the subscriptions again', () => subscriptionNodes(api).length === 2, { timeoutMs: 30_000 });
    await waitForDiagnostics(document.uri, 'the Azure-backed findings again', (ds) => ds.some((d) => codeOf(d) === 'image-region-mismatch'), 30_000);
  });

  it('changing the selected subscriptions refreshes the explorer and the diagnostics at once', async () => {
    const document = await openFile('it-filter.pool.json', JSON.stringify({ ...pool, id: 'it-filter' }, null, 2));
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, account);
    await waitForDiagnostics(document.uri, 'the Azure-backed findings', (ds) => ds.some((d) => codeOf(d) === 'image-region-mismatch'), 30_000);
    const own = vscode.workspace.getConfiguration('azureBatchImages');
    try {
      // Only the other subscription: the document's account is no longer in the inventory.
      await own.update('selectedSubscriptions', [`${api.inventory.current.snapshot.subscriptions[0].tenantId}/${SHARED_SUBSCRIPTION}`], vscode.ConfigurationTarget.Global);
      await waitFor('only the other subscription in the explorer', () => subscriptionNodes(api).map((n) => n.resourceId).join() === `/subscriptions/${SHARED_SUBSCRIPTION}`, { timeoutMs: 30_000 });
      await waitForDiagnostics(document.uri, 'no Azure-backed finding for an account outside the selection', (ds) => !ds.some((d) => codeOf(d) === 'image-region-mismatch'), 30_000);
    } finally {
      await own.update('selectedSubscriptions', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('both subscriptions again', () => subscriptionNodes(api).length === 2, { timeoutMs: 30_000 });
    await waitForDiagnostics(document.uri, 'the Azure-backed findings again', (ds) => ds.some((d) => codeOf(d) === 'image-region-mismatch'), 30_000);
  });
});

/** Subscription nodes (the "pools on retired images" entry above them stands for no resource). */
function subscriptionNodes(api: ExtensionApi): ExplorerNode[] {
  return api.explorer.provider.getChildren().filter((n) => n.resourceId !== undefined);
}
