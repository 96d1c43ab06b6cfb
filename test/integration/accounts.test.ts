import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { waitFor } from './helpers/waitFor';
import { signedInAndLoaded, workflows } from './support/extensionApi';
import { PRODUCTION_SUBSCRIPTION } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;

describe('subscriptions and the service principal secret', function () {
  this.timeout(120_000);
  let api: ExtensionApi;

  before(async () => {
    api = await signedInAndLoaded();
  });

  afterEach(async () => {
    workflows().setUserInput(undefined);
    await vscode.workspace.getConfiguration('azureBatchImages').update('selectedSubscriptions', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('both subscriptions again', () => api.inventory.current.snapshot.subscriptions.length === 2, { timeoutMs: 30_000 });
    await api.inventory.whenIdle();
  });

  it('Select Subscriptions… narrows the explorer to the chosen subscription through the subscription filter', async () => {
    const script = workflows().useScriptedInput([{ kind: 'pickMany', expect: 'Select Subscriptions', labels: ['Contoso Batch Production'] }]);
    await vscode.commands.executeCommand('azureBatchImages.selectSubscriptions');
    script.assertDone();
    // No Azure Resources extension here, so the filter lands in our own copy of the setting.
    const filter = vscode.workspace.getConfiguration('azureBatchImages').get<string[]>('selectedSubscriptions');
    assert.deepEqual(filter?.map((f) => f.split('/')[1]), [production]);
    // Subscription nodes (the "pools on retired images" entry above them stands for no resource).
    const subscriptionNodes = () => api.explorer.provider.getChildren().filter((n) => n.resourceId !== undefined);
    await waitFor('one subscription in the tree', () => subscriptionNodes().length === 1, { timeoutMs: 30_000 });
    assert.equal(subscriptionNodes()[0].resourceId, `/subscriptions/${production}`);
  });

  it('stores the client secret in secret storage only: no setting holds it, and the connection uses it', async () => {
    // The demo's (dev-only) secret, so the reconnect that storing triggers still signs in.
    const secret = 'simulator-dev-secret-not-a-real-credential';
    const script = workflows().useScriptedInput([{ kind: 'input', expect: 'client secret', value: secret }]);
    await vscode.commands.executeCommand('azureBatchImages.storeServicePrincipalSecret');
    script.assertDone();
    // Every setting VS Code knows, at every level (the configuration object serialises to its values).
    const everything = JSON.stringify(vscode.workspace.getConfiguration());
    assert.equal(everything.includes(secret), false, 'a setting holds the secret');
    await waitFor('the reconnect with the stored secret', () => api.inventory.signedIn, { timeoutMs: 30_000 });
    await api.inventory.whenIdle();
    assert.ok(api.inventory.current.snapshot.subscriptions.length > 0);
  });

  it('refuses to store an empty client secret and asks again', async () => {
    const script = workflows().useScriptedInput([
      { kind: 'input', expect: 'client secret', value: '   ' },
      { kind: 'cancel', expect: 'client secret' },
    ]);
    await vscode.commands.executeCommand('azureBatchImages.storeServicePrincipalSecret');
    script.assertDone();
    assert.deepEqual(script.validationMessages, ['Enter the client secret.']);
    assert.equal(api.inventory.signedIn, true, 'backing out changes nothing');
  });
});
