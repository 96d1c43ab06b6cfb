// One path for failures: whichever command fails, the error is logged once and shown once, with
// Azure's error code and a "Show Log" button, through the prompt layer (so tests see it).
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { signedInAndLoaded, simulator } from './support/extensionApi';
import { answer, runScripted } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION } from './support/demoSuite';

describe('errors: one path, shown once with the code and Show Log', function () {
  this.timeout(180_000);
  let api: ExtensionApi;

  before(async () => {
    api = await signedInAndLoaded();
  });

  it('a command that fails outside the workflows (Select Subscriptions with none picked) shows one error with Show Log', async () => {
    const { session } = await runScripted(api, 'azureBatchImages.selectSubscriptions', [answer.pickMany('Select Subscriptions', [])]);
    assert.deepEqual(session.messages, [{ severity: 'error', message: 'Select at least one subscription.', actions: ['Show Log'] }]);
  });

  it("an Azure failure shows Azure's code with the message, once", async () => {
    await simulator('POST', 'faults', { spec: '500:1' });
    let ran;
    try {
      ran = await runScripted(api, 'azureBatchImages.selectSubscriptions', []);
    } finally {
      await simulator('POST', 'faults', { spec: '' });
    }
    assert.equal(ran.session.messages.length, 1, JSON.stringify(ran.session.messages));
    const [shown] = ran.session.messages;
    assert.equal(shown.severity, 'error');
    assert.match(shown.message, /^InternalServerError: /);
    assert.deepEqual(shown.actions, ['Show Log']);
  });

  it('a workflow failure reported on the way (a Failed image creation) is shown once, with the code and Show Log', async () => {
    await simulator('POST', 'fail-next', { operation: 'imageCreate', code: 'InternalDiskManagementError', message: 'The snapshot could not be copied.' });
    const { result, session } = await runScripted(
      api,
      'azureBatchImages.createImageFromSnapshots',
      [
        answer.pickMany('data-disk snapshots', []),
        answer.pick('resource group', 'rg-images'),
        answer.input('image name', 'img-it-error-path'),
        answer.pick('OS type', 'Linux'),
        answer.pick('OS state', 'Generalized'),
        answer.pick('Hyper-V generation', 'V1'),
        answer.pick('zone resilience', 'No'),
        answer.create(),
      ],
      `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/snap-build-01-os`,
    );
    assert.equal(result, undefined);
    assert.deepEqual(
      session.messages.filter((m) => m.severity === 'error'),
      [{ severity: 'error', message: 'Creating image img-it-error-path failed: InternalDiskManagementError: The snapshot could not be copied.', actions: ['Show Log'] }],
    );
  });
});
