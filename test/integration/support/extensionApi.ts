// The running extension's own instances (activate()'s return value), and the simulator's control
// API, for integration tests that check what the explorer shows against what Azure holds.
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import * as vscode from 'vscode';
import type { WorkflowControl } from '../../../src/commands/workflows';
import type { ExtensionApi } from '../../../src/extension';
import { TEST_HOOKS_ENV, TEST_HOOKS_KEY, type TestHooks } from '../../../src/testHooks';
import { waitFor } from '../helpers/waitFor';

export const extensionId = 'batch-images-team.azure-batch-images';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not loaded`);
  return extension.activate();
}

/**
 * The prompt switch: not on the extension's API, published only in a host started with the test
 * hooks' environment switch (the integration tier sets it).
 */
export function workflows(): WorkflowControl {
  const hooks = (globalThis as Record<symbol, unknown>)[TEST_HOOKS_KEY] as TestHooks | undefined;
  if (!hooks) throw new Error(`no test hooks: start the extension host with ${TEST_HOOKS_ENV}=1 (the integration tier does)`);
  return hooks.workflows;
}

/**
 * Opens the explorer, as a person does (sign-in and loading start when the view or a pool file
 * needs them, not on activation), and waits until the extension is signed in to the simulator
 * and no load is in flight.
 */
export async function signedInAndLoaded(timeoutMs = 60_000): Promise<ExtensionApi> {
  const api = await extensionApi();
  await vscode.commands.executeCommand('azureBatchImages.explorer.focus');
  await waitFor('sign-in to the simulator', () => api.inventory.signedIn, { timeoutMs });
  await waitFor('the subscription list', () => api.inventory.current.snapshot.subscriptions.length > 0, { timeoutMs });
  await api.inventory.whenIdle();
  return api;
}

export function simulatorUrl(): string {
  const url = process.env.ABI_SIMULATOR_URL;
  if (!url) throw new Error('ABI_SIMULATOR_URL is not set: run the integration tier through npm test');
  return url;
}

/**
 * Calls the simulator's control API (/__simulator/...). Uses node:https with the simulator's CA
 * given explicitly: the extension host replaces the global fetch with one that ignores
 * NODE_EXTRA_CA_CERTS.
 */
export async function simulator<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const caPath = process.env.NODE_EXTRA_CA_CERTS;
  const ca = caPath ? readFileSync(caPath, 'utf8') : undefined;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const request = https.request(
      `${simulatorUrl()}/__simulator/${path}`,
      { method, ca, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 400) reject(new Error(`simulator ${method} ${path}: ${status} ${text}`));
          else resolve((text ? JSON.parse(text) : undefined) as T);
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
