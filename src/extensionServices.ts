// The services extension.ts builds once and hands to the tree, the editor features and the
// commands. Those features depend on these interfaces, not on how sign-in or loading works.
import type * as vscode from 'vscode';
import type { AzureClients } from './azure/clients';
import type { SubscriptionCategory } from './inventory/state';
import type { Inventory, InventoryCategory } from './model';
import type { CommandRegistry } from './shell/commandTable';
import type { UserInput } from './ui/userInput';

/** Load state of one category of one subscription, for placeholders and error nodes. */
export type CategoryState =
  /** `reloading`: loading again while the items of an earlier load are still shown. */
  | { kind: 'loading'; reloading?: boolean }
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
  refresh(scope?: { subscriptionId?: string; accountId?: string; categories?: SubscriptionCategory[] }): Promise<void>;
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
  /** The extension created this resource: show it at once (an index may list it only later). */
  recordCreated?(category: OverlayCategory, resource: { id: string } & Record<string, unknown>): void;
  /** The extension deleted this resource: hide it at once (an index may still list it for a while). */
  recordDeleted?(category: OverlayCategory, id: string): void;
  /**
   * Reads these resources fresh (once per refresh; `force`: again, before a write): what open
   * documents reference and what a write judges is what exists now.
   */
  verify?(ids: readonly string[], options?: { force?: boolean }): Promise<void>;
  /**
   * Reads the supported images (node agent SKUs) of these Batch accounts on first need, once per
   * refresh: the inventory load does not read them for every account. Resolves when they are in
   * the inventory (or their read failed: a load issue says why).
   */
  loadSupportedImages?(accountIds: readonly string[]): Promise<void>;
  /**
   * Reads the resource provider registrations of these subscriptions on first need, once per
   * refresh (the load does not read them for every subscription). Resolves when they are in the
   * inventory (or their read failed: a load issue says why).
   */
  loadRegisteredProviders?(subscriptionIds: readonly string[]): Promise<void>;
  /** Which source served each category of a subscription in the latest load, and when. */
  sources?(subscriptionId: string): ReadonlyMap<InventoryCategory, SourceProvenance>;
}

/** Which source served a category (the inventory's own description, see src/inventory/source.ts). */
export interface SourceProvenance {
  servedBy: 'resourceGraph' | 'resourceManager';
  at: string;
  fallbackReason?: string;
}

export type OverlayCategory = 'images' | 'snapshots' | 'disks' | 'galleries' | 'galleryImageDefinitions' | 'galleryImageVersions';

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
