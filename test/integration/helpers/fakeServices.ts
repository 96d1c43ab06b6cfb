// ExtensionServices with a fixed inventory and trust, for testing the editor's classes directly
// (e.g. Restricted Mode, which the test workbench cannot switch to).
import * as vscode from 'vscode';
import type { ExtensionServices, InventoryView } from '../../../src/extensionServices';
import type { Inventory } from '../../../src/model';

export class MemoryMemento implements vscode.Memento {
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

export interface FakeServices extends ExtensionServices {
  dispose(): void;
}

export function fakeServices(options: { inventory: Inventory; trusted: boolean }): FakeServices {
  const changed = new vscode.EventEmitter<void>();
  const inventory: InventoryView = {
    current: options.inventory,
    onDidChange: changed.event,
    signedIn: true,
    categoryState: () => ({ kind: 'loaded' }),
    refresh: async () => undefined,
    ensureLoaded: async () => undefined,
    whenIdle: async () => undefined,
    vmSizes: async () => [],
  };
  const log = vscode.window.createOutputChannel('Azure Batch Images (editor tests)', { log: true });
  const subscriptions: vscode.Disposable[] = [changed, log];
  const context = { subscriptions, workspaceState: new MemoryMemento() } as unknown as vscode.ExtensionContext;
  return {
    context,
    log,
    inventory,
    // The editor's classes under test register no command; one registered here is a bug the test should see.
    commands: { register: (id) => {
      throw new Error(`the editor test services register no command (${id})`);
    } },
    ui: () => {
      throw new Error('the editor features must not prompt in these tests');
    },
    isTrusted: () => options.trusted,
    // The editor never writes to Azure; a call here is a bug the test should see.
    azure: () => Promise.reject(new Error('the editor features must not call Azure')),
    dispose: () => subscriptions.forEach((d) => d.dispose()),
  };
}
