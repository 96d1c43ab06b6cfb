// Defaults that are safe (issue 14, item 4): the VM size offered first is a current
// general-purpose size Batch supports in the account's region that can run the image (never the
// 1-vCPU Standard_A1, never a generation 1-only size for a generation 2 image, only sizes with
// Trusted Launch for a Trusted Launch image); Enter in a delete confirmation keeps the resource.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey } from '../../src/model';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';
import { answer, countOf, resourceCounts, runScripted } from './support/userInput';
import { workflows } from './support/extensionApi';

const production = PRODUCTION_SUBSCRIPTION;
const shared = '22222222-aaaa-4bbb-8ccc-000000000002';
const gen2Version = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions/1.0.0`;
const trustedLaunchVersion = `/subscriptions/${shared}/resourceGroups/rg-shared-gallery/providers/Microsoft.Compute/galleries/contoso_shared_images/images/ubuntu-trusted-launch/versions/1.0.0`;
const account = `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;

describe('commands: safe defaults (issue 14)', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('Create Pool recommends a current general-purpose size for a generation 2 image and does not offer Standard_A1', async () => {
    const start = [answer.pick('Batch account', 'batchprodeast'), answer.input('pool id', 'it-default-size')];
    await assert.rejects(
      runScripted(api, 'azureBatchImages.createPoolFromImage', [...start, answer.pick('VM size', 'Standard_A1')], gen2Version),
      /no item Standard_A1/,
      'a generation 1-only, 1-vCPU size is not offered for a generation 2 image',
    );
    const { session } = await runScripted(api, 'azureBatchImages.createPoolFromImage', [...start, answer.cancel('VM size')], gen2Version);
    assert.match(session.asked.at(-1) ?? '', /VM sizes Batch supports in eastus for this image \(recommended: Standard_D2s_v5/);
  });

  it('a Trusted Launch image gets a Trusted Launch size; sizes without Trusted Launch are left out', async () => {
    const start = [answer.pick('Batch account', 'batchprodeast'), answer.input('pool id', 'it-default-size-tl')];
    const { session } = await runScripted(api, 'azureBatchImages.newPoolJson', [...start, answer.cancel('VM size')], trustedLaunchVersion);
    assert.match(session.asked.at(-1) ?? '', /recommended: Standard_D2s_v5/);
    await assert.rejects(runScripted(api, 'azureBatchImages.newPoolJson', [...start, answer.pick('VM size', 'Standard_NC6s_v3')], trustedLaunchVersion), /no item Standard_NC6s_v3/);
  });

  it('Enter in the Delete Pool confirmation keeps the pool', async () => {
    const id = `${account}/pools/pool-fixed-no-timeout`;
    const before = countOf(await resourceCounts(), 'pools');
    workflows().setUserInput(undefined);
    const running = Promise.resolve(vscode.commands.executeCommand('azureBatchImages.deletePool', id));
    // The confirmation is on screen once the quick input has an active item; Enter accepts it.
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([running.then(() => 'ended'), new Promise<string>((r) => (timer = setTimeout(() => r('still asking'), 10_000)))]);
    clearTimeout(timer);
    if (outcome !== 'ended') await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(outcome, 'ended', 'Enter answered the confirmation');
    assert.equal(countOf(await resourceCounts(), 'pools'), before, 'no pool was deleted');
    assert.ok(api.inventory.current.poolsById.has(armIdKey(id)));
  });
});
