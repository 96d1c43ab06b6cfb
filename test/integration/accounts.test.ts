import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { waitFor } from './helpers/waitFor';
import { signedInAndLoaded } from './support/extensionApi';

const production = '11111111-aaaa-4bbb-8ccc-000000000001';

describe('subscriptions and the service principal secret', function () {
  this.timeout(120_000);
  let api: ExtensionApi;

  before(async () => {
    api = await signedInAndLoaded();
  });

  afterEach(async () => {
    api.workflows.setUserInput(undefined);
    await vscode.workspace.getConfiguration('azureBatchImages').update('selectedSubscriptions', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('both subscriptions again', () => api.inventory.current.snapshot.subscriptions.length === 2, { timeoutMs: 30_000 });
    await api.inventory.whenIdle();
  });

  it('Select Subscriptions… narrows the explorer to the chosen subscription through the subscription filter', async () => {
    const script = api.workflows.useScriptedInput([{ kind: 'pickMany', expect: 'Select Subscriptions', labels: ['Contoso Batch Production'] }]);
    await vscode.commands.executeCommand('azureBatchImages.selectSubscriptions');
    script.assertDone();
    // No Azure Resources extension here, so the filter lands in our own copy of the setting.
    const filter = vscode.workspace.getConfiguration('azureBatchImages').get<string[]>('selectedSubscriptions');
    assert.deepEqual(filter?.map((f) => f.split('/')[1]), [production]);
    await waitFor('one subscription in the tree', () => api.explorer.provider.getChildren().length === 1, { timeoutMs: 30_000 });
    assert.equal(api.explorer.provider.getChildren()[0].resourceId, `/subscriptions/${production}`);
  });

  it('refuses to store an empty client secret and asks again', async () => {
    const script = api.workflows.useScriptedInput([
      { kind: 'input', expect: 'client secret', value: '   ' },
      { kind: 'cancel', expect: 'client secret' },
    ]);
    await vscode.commands.executeCommand('azureBatchImages.storeServicePrincipalSecret');
    script.assertDone();
    assert.deepEqual(script.validationMessages, ['Enter the client secret.']);
    assert.equal(api.inventory.signedIn, true, 'backing out changes nothing');
  });
});
