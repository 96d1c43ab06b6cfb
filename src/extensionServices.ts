// The services extension.ts builds once and hands to the tree, the editor features and the
// commands. Those features depend on these interfaces, not on how sign-in or loading works.
import type * as vscode from 'vscode';
import type { AzureClients } from './azure/clients';
import type { Inventory, InventoryCategory } from './model';
import type { CommandRegistry } from './shell/commandTable';
import type { UserInput } from './ui/userInput';

/** Load state of one category of one subscription, for placeholders and error nodes. */
export type CategoryState =
  | { kind: 'loading' }
  | { kind: 'loaded' }
  | { kind: 'failed'; code?: string; message: string };

/** What the views read of the inventory; the implementation wraps src/inventory's loader. */
export interface InventoryView {
  /** The latest inventory: partial while loading, empty while signed out. */
  readonly current: Inventory;
  /** Fires whenever `current` or a category state changed. */
  readonly onDidChange: vscode.Event<void>;
  readonly signedIn: boolean;
  categoryState(subscriptionId: string, category: InventoryCategory): CategoryState;
  /** Reloads everything, or only what a write touched (subscription / account scope). */
  refresh(scope?: { subscriptionId?: string; accountId?: string }): Promise<void>;
  /**
   * Signs in silently when nobody is yet (commands run before the explorer was opened) and
   * resolves when the inventory is loaded; still empty when no identity is at hand.
   */
  ensureLoaded(): Promise<void>;
  /** Resolves when no load is in flight. */
  whenIdle(): Promise<void>;
  /**
   * The VM sizes Batch supports in a region for a subscription (loaded on first use, then
   * cached); empty when signed out or when Azure could not say.
   */
  vmSizes(subscriptionId: string, region: string): Promise<VmSize[]>;
}

export interface VmSize {
  name: string;
  /** e.g. "4 vCPUs, 16 GiB", when Azure lists those capabilities. */
  summary?: string;
}

export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly inventory: InventoryView;
  /** Where commands are registered (the activation shell dispatches the manifest's commands to it). */
  readonly commands: CommandRegistry;
  /** The prompt layer (tests swap it for scripted answers through the test hooks). */
  ui(): UserInput;
  /** False in an untrusted (restricted) workspace: pool files then get local checks only. */
  isTrusted(): boolean;
  /**
   * The Azure clients of the signed-in identity, for writes (create, publish, resize, delete).
   * Rejects with a message that says how to sign in when nobody is.
   */
  azure(): Promise<AzureClients>;
}
