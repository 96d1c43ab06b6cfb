// Makes sure the pool editor features run in this extension host. Normally extension.ts registers
// them on activation; until the lead's wiring calls registerEditorFeatures, the tests register the
// same module themselves with a signed-out (empty) inventory, so the behaviour under test is identical.
import * as vscode from 'vscode';
import { registerEditorFeatures, SELECT_ACCOUNT_COMMAND } from '../../../src/editor';
import type { ExtensionServices, InventoryView } from '../../../src/extensionServices';
import { emptyInventory } from '../../../src/model';

export const EXTENSION_ID = 'batch-images-team.azure-batch-images';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

let registeredByTests: vscode.Disposable | undefined;

/** 'extension' when extension.ts registered the features, 'tests' when this helper had to. */
export async function ensureEditorFeatures(): Promise<'extension' | 'tests'> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  if (registeredByTests) return 'tests';
  if ((await vscode.commands.getCommands(true)).includes(SELECT_ACCOUNT_COMMAND)) return 'extension';
  const changed = new vscode.EventEmitter<void>();
  const inventory: InventoryView = {
    current: emptyInventory(),
    onDidChange: changed.event,
    signedIn: false,
    categoryState: () => ({ kind: 'loaded' }),
    refresh: async () => undefined,
    whenIdle: async () => undefined,
  };
  const subscriptions: vscode.Disposable[] = [changed];
  const log = vscode.window.createOutputChannel('Azure Batch Images (editor tests)', { log: true });
  subscriptions.push(log);
  const context = { subscriptions, workspaceState: new MemoryMemento() } as unknown as vscode.ExtensionContext;
  const services: ExtensionServices = { context, log, inventory, isTrusted: () => vscode.workspace.isTrusted };
  registerEditorFeatures(services);
  registeredByTests = { dispose: () => subscriptions.forEach((d) => d.dispose()) };
  return 'tests';
}
