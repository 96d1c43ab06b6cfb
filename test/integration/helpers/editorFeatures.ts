// The pool editor features as extension.ts registers them on activation.
import * as vscode from 'vscode';
import { SELECT_ACCOUNT_COMMAND } from '../../../src/editor';

export const EXTENSION_ID = 'batch-images-team.azure-batch-images';

/** Activates the extension and fails when it did not register the editor features. */
export async function ensureEditorFeatures(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  if (!(await vscode.commands.getCommands(true)).includes(SELECT_ACCOUNT_COMMAND)) {
    throw new Error(`activation did not register ${SELECT_ACCOUNT_COMMAND}: registerEditorFeatures(services) is not called`);
  }
}
