// The explorer reveals what Create Pool and Deploy Pool JSON made, while the account's pools are
// already shown (VS Code holds their children from before the write): by id through getParent,
// once the inventory has the pool, without a "Could not reveal" warning (issue 14, item 5).
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey } from '../../src/model';
import { waitFor } from './helpers/waitFor';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';
import { answer, messagesOf, runScripted, selectedId } from './support/userInput';

const production = PRODUCTION_SUBSCRIPTION;
const account = `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
const version = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions/1.0.0`;
const poolId = (name: string) => `${account}/pools/${name}`;

/** Shows an existing pool of the account, so VS Code holds the account's children as they are now. */
async function showAccountPools(api: ExtensionApi): Promise<void> {
  assert.ok(api.explorer.provider.findNode(poolId('pool-healthy-gallery')), 'the demo pool is in the explorer');
  await vscode.commands.executeCommand('azureBatchImages.revealResource', poolId('pool-healthy-gallery'));
  await waitFor('the existing pool selected', () => armIdKey(selectedId(api) ?? '') === armIdKey(poolId('pool-healthy-gallery')));
}

describe('explorer: reveal after a pool is created (issue 14)', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Create Pool reveals the new pool under an account whose pools are shown, without a warning', async () => {
    await showAccountPools(api);
    const { result, session } = await runScripted<string>(
      api,
      'azureBatchImages.createPoolFromImage',
      [
        answer.pick('image', /ubuntu-22\.04-gen2\/1\.0\.0$/),
        answer.input('pool id', 'it-reveal-create'),
        answer.pick('VM size', 'Standard_D2s_v3'),
        answer.pick('node agent SKU', 'batch.node.ubuntu 22.04'),
        answer.pick('scale', 'Autoscale'),
        answer.input('autoscale formula', '$TargetDedicatedNodes = 1;'),
        answer.create('Create Pool from Image: summary'),
      ],
      api.explorer.provider.findNode(account),
    );
    assert.equal(armIdKey(result), armIdKey(poolId('it-reveal-create')));
    assert.deepEqual(messagesOf(session, 'warning'), [], 'no "Could not reveal" warning');
    await waitFor('the new pool selected', () => armIdKey(selectedId(api) ?? '') === armIdKey(poolId('it-reveal-create')), { describe: () => String(selectedId(api)) });
  });

  it('Deploy Pool JSON reveals the deployed pool, without a warning', async () => {
    await showAccountPools(api);
    const dir = mkdtempSync(join(tmpdir(), 'abi-reveal-'));
    const path = join(dir, 'reveal.pool.json');
    const pool = {
      id: 'it-reveal-deploy',
      vmSize: 'Standard_D2s_v3',
      virtualMachineConfiguration: { imageReference: { virtualMachineImageId: version }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
      enableAutoScale: true,
      autoScaleFormula: '$TargetDedicatedNodes = 1;',
      autoScaleEvaluationInterval: 'PT15M',
    };
    writeFileSync(path, `${JSON.stringify(pool, null, 2)}\n`);
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', uri, account);
    const { result, session } = await runScripted<string>(api, 'azureBatchImages.deployPoolJson', [], uri);
    assert.equal(armIdKey(result), armIdKey(poolId('it-reveal-deploy')));
    assert.deepEqual(messagesOf(session, 'warning'), [], 'no "Could not reveal" warning');
    await waitFor('the deployed pool selected', () => armIdKey(selectedId(api) ?? '') === armIdKey(poolId('it-reveal-deploy')), { describe: () => String(selectedId(api)) });
  });
});
