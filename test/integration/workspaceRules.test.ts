// Rules across files (issue 14, item 7): the pool files of the whole workspace are indexed, so
// image-shared-by-pools and the custom-image node limits count pools in files that are not open,
// with related locations pointing into those files; a file changed on disk is read again.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, diagnostic, waitForDiagnostics } from './helpers/poolDocuments';
import { signedInAndLoaded } from './support/extensionApi';
import { PRODUCTION_SUBSCRIPTION } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const account = `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
const image = `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-marketplace`;

function pool(id: string, dedicated: number): string {
  return `${JSON.stringify(
    {
      id,
      vmSize: 'Standard_D2s_v3',
      virtualMachineConfiguration: { imageReference: { virtualMachineImageId: image }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
      targetDedicatedNodes: dedicated,
      targetLowPriorityNodes: 0,
      resizeTimeout: 'PT30M',
    },
    null,
    2,
  )}\n`;
}

describe('pool editor: rules across the workspace (issue 14)', function () {
  this.timeout(120_000);
  let folder: string;
  const written: string[] = [];

  before(async () => {
    await signedInAndLoaded();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'a workspace folder is open');
    folder = root;
  });

  after(async () => {
    await closeAllEditors();
    for (const path of written) rmSync(path, { force: true });
  });

  it('counts a pool of a closed file: image-shared-by-pools and the node limit, with a related location in that file', async () => {
    const a = join(folder, 'it-cross-a.pool.json');
    const b = join(folder, 'it-cross-b.pool.json');
    written.push(a, b);
    writeFileSync(b, pool('it-cross-b', 1500));
    writeFileSync(a, pool('it-cross-a', 1500));
    const uriA = vscode.Uri.file(a);
    const uriB = vscode.Uri.file(b);
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', uriB, account);
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', uriA, account);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriA));
    const ds = await waitForDiagnostics(
      uriA,
      'image-shared-by-pools naming it-cross-b',
      (all) => all.some((d) => String((d.code as { value: string } | undefined)?.value) === 'image-shared-by-pools' && d.message.includes("'it-cross-b'")),
      30_000,
    );
    const shared = ds.find((d) => String((d.code as { value: string }).value) === 'image-shared-by-pools');
    assert.ok(shared);
    const inB = (shared.relatedInformation ?? []).find((r) => r.location.uri.toString() === uriB.toString());
    assert.ok(inB, `a related location in it-cross-b.pool.json: ${JSON.stringify(shared.relatedInformation?.map((r) => r.location.uri.toString()))}`);
    assert.equal(inB.location.range.start.line, 1, 'at the id of the other pool (line 2 of its file)');
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === uriB.toString()), false, 'the other file is not open');

    const limit = diagnostic(uriA, 'custom-image-node-limit');
    assert.match(limit.message, /1500 here/);
    assert.ok((limit.relatedInformation ?? []).some((r) => r.location.uri.toString() === uriB.toString()));
  });

  it('reads a changed file again: lowering the other pool removes the node-limit error', async () => {
    const a = vscode.Uri.file(join(folder, 'it-cross-a.pool.json'));
    writeFileSync(join(folder, 'it-cross-b.pool.json'), pool('it-cross-b', 10));
    await waitForDiagnostics(a, 'no custom-image-node-limit', (all) => !all.some((d) => String((d.code as { value: string } | undefined)?.value) === 'custom-image-node-limit'), 30_000);
  });
});
