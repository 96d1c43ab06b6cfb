// A pool document's chosen account survives saving it: an untitled document saved to a file (VS
// Code closes the one and opens the other) hands its account to the file, and the untitled URI,
// which VS Code reuses, keeps nothing.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DocumentAccounts } from '../../src/editor/accountAssociation';
import { emptyInventorySnapshot, indexInventory } from '../../src/model';
import { fakeServices } from './helpers/fakeServices';
import { waitFor } from './helpers/waitFor';

const ACCOUNT = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/renderacct';
const POOL = `${JSON.stringify({ id: 'saved-pool', vmSize: 'Standard_D2s_v3', resizeTimeout: 'PT15M' }, null, 2)}\n`;

describe('pool editor: the chosen account when a document is saved', function () {
  this.timeout(60_000);
  let dir: string;
  const services = fakeServices({ inventory: indexInventory(emptyInventorySnapshot()), trusted: true });
  const accounts = new DocumentAccounts(services.context.workspaceState, services.inventory);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'abi-save-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    accounts.dispose();
    services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an untitled document saved to a file hands its account to the file', async () => {
    const untitled = vscode.Uri.file(join(dir, 'saved.pool.json')).with({ scheme: 'untitled' });
    const document = await vscode.workspace.openTextDocument(untitled);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(untitled, new vscode.Position(0, 0), POOL);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await accounts.set(untitled, ACCOUNT);

    const saved = await vscode.workspace.save(untitled);
    assert.ok(saved, 'saved');
    assert.equal(saved.scheme, 'file');
    await waitFor('the file has the account', () => accounts.remembered(saved) === ACCOUNT);
    assert.equal(accounts.remembered(untitled), undefined, 'the untitled URI is free for the next document');
  });

  it('an untitled document closed without saving hands its account to nobody', async () => {
    const untitled = vscode.Uri.file(join(dir, 'discarded.pool.json')).with({ scheme: 'untitled' });
    const document = await vscode.workspace.openTextDocument(untitled);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(untitled, new vscode.Position(0, 0), POOL.replace('saved-pool', 'discarded-pool'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await accounts.set(untitled, ACCOUNT);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the untitled choice is forgotten', () => accounts.remembered(untitled) === undefined);
    // A file with other text opening now is unrelated.
    const other = vscode.Uri.file(join(dir, 'other.pool.json'));
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode(POOL.replace('saved-pool', 'other-pool')));
    await vscode.workspace.openTextDocument(other);
    assert.equal(accounts.remembered(other), undefined);
  });
});
