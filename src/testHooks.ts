// The prompt switch integration tests use to answer prompts from a script. It is not on the
// extension's API: any extension could otherwise script answers past a delete confirmation.
// Only a host started with AZURE_BATCH_IMAGES_TEST_HOOKS=1 (the integration tier sets it for
// code-server, test/vscode/integrationMain.ts) publishes it, on a global symbol the tests read.
import type * as vscode from 'vscode';
import type { WorkflowControl } from './commands/workflows';

export const TEST_HOOKS_ENV = 'AZURE_BATCH_IMAGES_TEST_HOOKS';
export const TEST_HOOKS_KEY = Symbol.for('azureBatchImages.testHooks');

export interface TestHooks {
  readonly workflows: WorkflowControl;
}

/** Publishes the hooks when the environment switch is on; the disposable withdraws them. */
export function installTestHooks(env: NodeJS.ProcessEnv, workflows: () => WorkflowControl): vscode.Disposable {
  if (env[TEST_HOOKS_ENV] !== '1') return { dispose: () => undefined };
  const hooks: TestHooks = {
    get workflows() {
      return workflows();
    },
  };
  const global = globalThis as Record<symbol, unknown>;
  global[TEST_HOOKS_KEY] = hooks;
  return { dispose: () => (global[TEST_HOOKS_KEY] === hooks ? delete global[TEST_HOOKS_KEY] : undefined) };
}
