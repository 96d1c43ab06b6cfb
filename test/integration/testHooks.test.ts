// The prompt switch the tests use is not part of the extension's API: another extension could
// otherwise answer the delete confirmation for the user. Only a host started with the
// environment switch publishes it (the integration tier does, on a global symbol).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { installTestHooks, TEST_HOOKS_ENV, TEST_HOOKS_KEY } from '../../src/testHooks';
import { extensionId, workflows } from './support/extensionApi';

describe('the extension API and the test hooks', () => {
  it('the API other extensions get has no way to script prompts', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    assert.ok(extension);
    const api = await extension.activate();
    assert.equal(extension.exports, api);
    assert.equal('workflows' in api, false, 'the API carries the prompt switch');
    const keys = Object.getOwnPropertyNames(api);
    assert.deepEqual(keys.sort(), ['explorer', 'inventory']);
    // Nothing reachable from it replaces the prompts either.
    for (const key of keys) {
      const value = (api as unknown as Record<string, Record<string, unknown>>)[key];
      assert.equal(typeof value.useScriptedInput, 'undefined', `${key}.useScriptedInput`);
      assert.equal(typeof value.setUserInput, 'undefined', `${key}.setUserInput`);
    }
  });

  it('only a host with the environment switch publishes the hooks', () => {
    assert.equal(process.env[TEST_HOOKS_ENV], '1', 'the integration tier sets the switch');
    assert.equal(typeof workflows().useScriptedInput, 'function');
    // Without the switch (a normal run), installing publishes nothing.
    const global = globalThis as Record<symbol, unknown>;
    const published = global[TEST_HOOKS_KEY];
    delete global[TEST_HOOKS_KEY];
    try {
      const disposable = installTestHooks({}, () => workflows());
      assert.equal(global[TEST_HOOKS_KEY], undefined);
      disposable.dispose();
      installTestHooks({ [TEST_HOOKS_ENV]: 'yes' }, () => workflows());
      assert.equal(global[TEST_HOOKS_KEY], undefined, 'only the exact value 1 switches the hooks on');
    } finally {
      global[TEST_HOOKS_KEY] = published;
    }
  });
});
