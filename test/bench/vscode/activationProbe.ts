// Loaded by VS Code's extension host as extensionTestsPath: activates the extension under
// development (not yet active: the bench opens an empty folder, so no activation event fired)
// and reports how long `activate()` took, module loading included.
import * as vscode from 'vscode';

const extensionId = 'batch-images-team.azure-batch-images';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not loaded`);
  const wasActive = extension.isActive;
  const started = performance.now();
  await extension.activate();
  const ms = performance.now() - started;
  console.log(`bench-activation ${JSON.stringify({ ms, wasActive })}`);
}
