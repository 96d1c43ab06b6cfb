import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'batch-images-team.azure-batch-images';

describe('activation in a real VS Code', () => {
  it('activates and reports the VS Code and Node versions it runs on', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not loaded`);
    const started = performance.now();
    await extension.activate();
    const ms = performance.now() - started;
    assert.equal(extension.isActive, true);
    console.log(`  VS Code ${vscode.version}, Node ${process.version}, activate() resolved in ${ms.toFixed(1)} ms`);
    assert.match(process.version, /^v22\./, 'the extension host must run Node 22');
  });

  it('contributes its view container, tree view and sign-in command', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    const contributes = extension?.packageJSON.contributes as {
      viewsContainers: { activitybar: { id: string }[] };
      views: Record<string, { id: string }[]>;
    };
    assert.deepEqual(contributes.viewsContainers.activitybar.map((c) => c.id), ['azureBatchImages']);
    assert.ok(contributes.views.azureBatchImages.some((v) => v.id === 'azureBatchImages.explorer'));
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('azureBatchImages.signIn'));
  });

  it('opens its view from the command the view container registers', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.azureBatchImages');
    // The view's focus command exists only when VS Code created the tree view.
    await vscode.commands.executeCommand('azureBatchImages.explorer.focus');
  });
});
