// Loaded by VS Code's extension host as extensionTestsPath: activates the extension under
// development (not yet active: the bench opens an empty folder, so no activation event fired)
// and reports how long `activate()` took, module loading included.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'batch-images-team.azure-batch-images';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not loaded`);
  const wasActive = extension.isActive;
  // Load the main module first (timed), and wrap its activate() so that its synchronous part is
  // timed too: what VS Code itself reports as code loading and activate-call time. The extension
  // host's require shares this module cache, so it calls the wrapper.
  const main = join(extension.extensionPath, String((extension.packageJSON as { main?: string }).main ?? 'dist/extension.js'));
  const started = performance.now();
  const mod = createRequire(__filename)(main) as { activate: (...args: unknown[]) => unknown };
  const loadMs = performance.now() - started;
  const activate = mod.activate;
  let callMs = 0;
  const wrapped = {
    ...mod,
    activate: (...args: unknown[]) => {
      const t = performance.now();
      try {
        return activate(...args);
      } finally {
        callMs = performance.now() - t;
      }
    },
  };
  // esbuild's exports are getters, so the wrapper replaces the cached exports object instead.
  const cached = createRequire(__filename).cache[main];
  if (!cached) throw new Error(`${main} is not in the module cache`);
  cached.exports = wrapped;
  await extension.activate();
  const ms = performance.now() - started;
  // How long the event loop stays busy after activation (work the activation queued, e.g. a
  // background sign-in loading the SDKs): the delay of a timer set right after it.
  const tick = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const afterMs = performance.now() - tick;
  // Which modules the activation loaded (bundles of the extension itself).
  const loaded = Object.keys(require.cache).filter((p) => p.startsWith(extension.extensionPath)).map((p) => p.slice(extension.extensionPath.length));
  console.log(`bench-activation ${JSON.stringify({ ms, loadMs, callMs, wasActive, afterMs, loaded })}`);
}
