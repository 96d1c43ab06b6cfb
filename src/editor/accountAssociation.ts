// Which Batch account a pool document targets. In order of precedence:
//  1. the account the user chose for this document (remembered per URI in workspaceState),
//  2. the account an ARM template names (`myaccount/mypool`), when exactly one inventory account has that name,
//  3. the `azureBatchImages.defaultBatchAccount` setting.
import * as vscode from 'vscode';
import { armIdKey, parseArmId, type BatchAccount, type Inventory, type PoolSpec } from '../model';
import type { InventoryView } from '../extensionServices';
import { affectsEditorSettings, defaultAccountId } from './settings';

const STATE_KEY = 'azureBatchImages.documentAccounts';

export type AccountOrigin = 'document' | 'template' | 'setting';

export interface DocumentAccount {
  /** ARM id of the account (also set when the account is not, or not yet, in the inventory). */
  accountId: string;
  /** The account from the inventory, when loaded. */
  account?: BatchAccount;
  origin: AccountOrigin;
}

export class DocumentAccounts implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires with the document whose choice changed, or undefined when every document may be affected. */
  readonly onDidChange = this.changed.event;
  private readonly listeners: vscode.Disposable[];
  private readonly savedUntitled = new SavedUntitled();

  constructor(
    private readonly state: vscode.Memento,
    private readonly inventory: InventoryView,
  ) {
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsEditorSettings(e)) this.changed.fire(undefined);
      }),
      // VS Code reuses untitled URIs (Untitled-1 again after closing it): a choice must not pass
      // to the next, unrelated document.
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.isUntitled && this.remembered(d.uri)) void this.set(d.uri, undefined);
      }),
      // Saving an untitled document opens the file it is saved to (see SavedUntitled): the file
      // keeps the choice.
      vscode.workspace.onDidOpenTextDocument((d) => this.savedUntitled.opened(d)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.remembered(d.uri)) return;
        const chosen = vscode.workspace.textDocuments.filter((u) => u.isUntitled && this.remembered(u.uri));
        const source = this.savedUntitled.sourceOf(d, chosen);
        const accountId = source && this.remembered(source.uri);
        if (accountId) void this.set(d.uri, accountId);
      }),
      // A renamed or moved pool file keeps its account.
      vscode.workspace.onDidRenameFiles((e) => void this.move(e.files)),
    ];
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }

  private async move(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    const all = { ...this.stored() };
    let moved = false;
    for (const { oldUri, newUri } of files) {
      const id = all[oldUri.toString()];
      if (!id) continue;
      delete all[oldUri.toString()];
      all[newUri.toString()] = id;
      moved = true;
    }
    if (!moved) return;
    await this.state.update(STATE_KEY, all);
    this.changed.fire(undefined);
  }

  private stored(): Record<string, string> {
    const value = this.state.get<unknown>(STATE_KEY);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
  }

  /** The account chosen for the document, if any. */
  remembered(uri: vscode.Uri): string | undefined {
    const id = this.stored()[uri.toString()];
    return typeof id === 'string' && id !== '' ? id : undefined;
  }

  /** Remembers (or, with undefined, forgets) the account of a document. */
  async set(uri: vscode.Uri, accountId: string | undefined): Promise<void> {
    const all = { ...this.stored() };
    if (accountId) all[uri.toString()] = accountId;
    else delete all[uri.toString()];
    await this.state.update(STATE_KEY, all);
    this.changed.fire(uri);
  }

  /** The target account of one pool of the document (templates may name a different account per pool). */
  forPool(uri: vscode.Uri, spec: PoolSpec | undefined): DocumentAccount | undefined {
    return this.resolverFor(uri)(spec);
  }

  /**
   * forPool for many pools of one document: the remembered choice, the setting and the account
   * names are read once (a template may hold thousands of pools, re-checked on every keystroke).
   */
  resolverFor(uri: vscode.Uri): (spec: PoolSpec | undefined) => DocumentAccount | undefined {
    const chosen = this.remembered(uri);
    if (chosen) {
      const account = this.describe(chosen, 'document');
      return () => ({ ...account });
    }
    let fallback: { value: DocumentAccount | undefined } | undefined;
    return (spec) => {
      const named = spec?.accountName ? this.byName(spec.accountName) : undefined;
      if (named) return { accountId: named.id, account: named, origin: 'template' };
      if (!fallback) {
        const id = defaultAccountId(uri);
        fallback = { value: id ? this.describe(id, 'setting') : undefined };
      }
      return fallback.value ? { ...fallback.value } : undefined;
    };
  }

  /** The account shown for the document as a whole (CodeLens): the first pool's answer. */
  forDocument(uri: vscode.Uri, specs: readonly PoolSpec[]): DocumentAccount | undefined {
    const accountOf = this.resolverFor(uri);
    for (const spec of specs) {
      const a = accountOf(spec);
      if (a) return a;
    }
    return accountOf(undefined);
  }

  private describe(accountId: string, origin: AccountOrigin): DocumentAccount {
    return { accountId, account: this.inventory.current.account(accountId), origin };
  }

  private byName(name: string): BatchAccount | undefined {
    const matches = accountsByName(this.inventory.current).get(name.toLowerCase()) ?? [];
    // Two accounts of the same name in different subscriptions: do not guess.
    return matches.length === 1 ? matches[0] : undefined;
  }
}

/**
 * Pairs an untitled document that was saved with the file it became. VS Code names no link
 * between them: it opens the file, fills and saves it, and only then reverts and closes the
 * untitled document. So a file saved right after it opened, with the very text of an open
 * untitled document, is that document saved.
 */
class SavedUntitled {
  private static readonly WINDOW_MS = 10_000;
  private readonly openedAt = new Map<string, number>();

  opened(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'vscode-remote') return;
    this.forgetOld();
    this.openedAt.set(document.uri.toString(), Date.now());
  }

  /** The untitled document (among `candidates`) that `saved` was just saved from, if any. */
  sourceOf(saved: vscode.TextDocument, candidates: readonly vscode.TextDocument[]): vscode.TextDocument | undefined {
    this.forgetOld();
    if (candidates.length === 0 || !this.openedAt.has(saved.uri.toString())) return undefined;
    const text = saved.getText();
    return candidates.find((u) => u.getText() === text);
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [uri, at] of this.openedAt) if (now - at >= SavedUntitled.WINDOW_MS) this.openedAt.delete(uri);
  }
}

/** Accounts by lowercased name, built once per inventory (replaced, never mutated, on each load). */
const nameIndexes = new WeakMap<Inventory, Map<string, BatchAccount[]>>();

function accountsByName(inventory: Inventory): Map<string, BatchAccount[]> {
  let index = nameIndexes.get(inventory);
  if (!index) {
    index = new Map();
    for (const a of inventory.snapshot.batchAccounts) {
      const key = a.name.toLowerCase();
      const list = index.get(key);
      if (list) list.push(a);
      else index.set(key, [a]);
    }
    nameIndexes.set(inventory, index);
  }
  return index;
}

/** A short label for an account: its name and region, or the name from its id while it is not loaded. */
export function accountLabel(a: DocumentAccount): string {
  if (a.account) return `${a.account.name} (${a.account.location})`;
  const name = parseArmId(a.accountId)?.name ?? a.accountId;
  return vscode.l10n.t('{0} (not in the loaded inventory)', name);
}

export function sameAccount(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && armIdKey(a) === armIdKey(b);
}
