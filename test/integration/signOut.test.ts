// Signing out empties the explorer and takes the Azure-backed diagnostics away at once, and no
// silent sign-in (here: the client secret in the environment) brings the identity back until the
// user signs in again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { waitFor } from './helpers/waitFor';
import { closeAllEditors, codes, openFile, removeTempFolder, waitForDiagnostics } from './helpers/poolDocuments';
import { signedInAndLoaded } from './support/extensionApi';
import { PRODUCTION_SUBSCRIPTION } from './support/demoSuite';

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
    // A silent sign-in (the environment still holds a client secret) must not undo the sign-out.
    await new Promise((r) => setTimeout(r, 1500));
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
});
