// The analysis of one open document: src/pooljson's specs and src/rules' findings, cached per
// document version so diagnostics, code actions, hover, completion and CodeLens share one parse.
import * as vscode from 'vscode';
import { armIdKey, emptyInventory, parseArmId, type BatchAccount, type Inventory, type PoolSpec } from '../model';
import { parsePoolDocument, type PoolDocument } from '../pooljson';
import { runRules, type Finding, type RuleContext, type RuleOptions } from '../rules';
import type { ExtensionServices } from '../extensionServices';
import { DocumentAccounts, type DocumentAccount } from './accountAssociation';
import { ruleOverrides } from './settings';
import type { WorkspacePools } from './workspacePools';

export interface PoolAnalysis {
  readonly spec: PoolSpec;
  /** The target account, when one is associated (undefined in restricted mode). */
  readonly target?: DocumentAccount;
  /** The rules' findings, computed on first use (hover and completion never need them). */
  readonly findings: Finding[];
}

class LazyPoolAnalysis implements PoolAnalysis {
  private computed: Finding[] | undefined;
  constructor(
    readonly spec: PoolSpec,
    readonly target: DocumentAccount | undefined,
    private readonly check: () => Finding[],
  ) {}
  get findings(): Finding[] {
    this.computed ??= this.check();
    return this.computed;
  }
}

export interface DocumentAnalysis {
  uri: string;
  version: number;
  /** The text that was analysed (edit builders work on it). */
  text: string;
  parsed: PoolDocument;
  pools: PoolAnalysis[];
  /** False in a restricted (untrusted) workspace: only local checks ran. */
  trusted: boolean;
  /** The inventory the rules saw (empty in restricted mode). */
  inventory: Inventory;
  /**
   * Set while what the rules need and the load does not read is being read on first need: the
   * supported images (node agent SKUs) of an account the document targets, the provider
   * registrations of a subscription an image is shared from. The rules judge better once they
   * are in. Diagnostics wait for it; the inventory's change then analyses the document again.
   */
  firstNeedPending?: Promise<void>;
}

export class DocumentAnalyzer implements vscode.Disposable {
  private readonly cache = new Map<string, { generation: number; analysis: DocumentAnalysis }>();
  /** Bumped whenever something other than the text changes the result (inventory, settings, trust, accounts). */
  private generation = 0;
  private readonly invalidated = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires when cached results are stale: for one document, or for all (undefined). */
  readonly onDidInvalidate = this.invalidated.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly services: ExtensionServices,
    readonly accounts: DocumentAccounts,
    /** The workspace's other pool files, counted by the rules that look across pools. */
    readonly workspace?: WorkspacePools,
  ) {
    const all = () => this.invalidate(undefined);
    if (workspace) this.disposables.push(workspace.onDidChange(all));
    this.disposables.push(
      this.invalidated,
      services.inventory.onDidChange(all),
      accounts.onDidChange((uri) => this.invalidate(uri)),
      vscode.workspace.onDidGrantWorkspaceTrust(all),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('azureBatchImages.rules')) all();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.cache.clear();
  }

  private invalidate(uri: vscode.Uri | undefined): void {
    this.generation++;
    if (uri) this.cache.delete(uri.toString());
    else this.cache.clear();
    this.invalidated.fire(uri);
  }

  /** Analyses the document (or returns the cached result for this version). Never throws on bad JSON. */
  analyse(document: vscode.TextDocument): DocumentAnalysis {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.generation === this.generation && hit.analysis.version === document.version) return hit.analysis;
    const analysis = this.compute(document);
    this.cache.set(key, { generation: this.generation, analysis });
    return analysis;
  }

  /**
   * The rules judge the images a document names (and what those images were made from) on the
   * inventory, which may come from an index that lags deletes. What the inventory lists is read
   * fresh once per refresh; if Azure says it is gone, the inventory changes and the document is
   * analysed again. Ids the inventory does not list are not read: typing must not cost requests.
   */
  private verifyReferences(specs: readonly PoolSpec[], inventory: Inventory): void {
    const verify = this.services.inventory.verify?.bind(this.services.inventory);
    if (!verify) return;
    const ids = new Set<string>();
    for (const spec of specs) {
      const id = spec.imageId?.value;
      if (!id || !inventory.resource(id)) continue;
      ids.add(id);
      for (const source of inventory.imageSources(id)) if (source.source.id && source.existence === 'present') ids.add(source.source.id);
      const version = inventory.versionsById.get(armIdKey(id)) ?? inventory.latestVersion(id);
      if (version) {
        ids.add(version.id);
        if (version.sourceId && inventory.resource(version.sourceId)) ids.add(version.sourceId);
      }
    }
    if (ids.size > 0) void verify([...ids]).catch(() => undefined);
  }

  /**
   * The inventory load does not read every account's supported images; the accounts a document
   * targets are read here, on first need (the loader keeps them until the next refresh, so
   * typing costs no request).
   */
  private loadSupportedImages(pools: readonly PoolAnalysis[]): Promise<void> | undefined {
    const load = this.services.inventory.loadSupportedImages?.bind(this.services.inventory);
    if (!load) return undefined;
    const ids = new Set<string>();
    for (const pool of pools) {
      const account = pool.target?.account;
      if (account && !account.supportedImages) ids.add(account.id);
    }
    return ids.size > 0 ? load([...ids]).catch(() => undefined) : undefined;
  }

  /**
   * Whether Microsoft.Batch is registered matters in a subscription an image is used from by an
   * account of another subscription (a gallery shared across subscriptions). The load does not
   * read every subscription's registrations; those subscriptions are read here, on first need.
   */
  private loadRegisteredProviders(pools: readonly PoolAnalysis[], inventory: Inventory): Promise<void> | undefined {
    const load = this.services.inventory.loadRegisteredProviders?.bind(this.services.inventory);
    if (!load) return undefined;
    const ids = new Set<string>();
    for (const pool of pools) {
      const account = pool.target?.account;
      const imageSubscription = parseArmId(pool.spec.imageId?.value ?? '')?.subscriptionId;
      if (!account || !imageSubscription || imageSubscription.toLowerCase() === account.subscriptionId.toLowerCase()) continue;
      const subscription = inventory.subscription(imageSubscription);
      if (subscription && !subscription.registeredProviders) ids.add(subscription.subscriptionId);
    }
    return ids.size > 0 ? load([...ids]).catch(() => undefined) : undefined;
  }

  private compute(document: vscode.TextDocument): DocumentAnalysis {
    const text = document.getText();
    // Syntax errors are collected by the tolerant parser; the rest of the document is still analysed.
    const parsed = parsePoolDocument(text);
    const trusted = this.services.isTrusted();
    // Restricted mode: no inventory and no account, so only the local rules say anything.
    const inventory = trusted ? this.services.inventory.current : emptyInventory();
    const overrides: NonNullable<RuleOptions['overrides']> = { ...ruleOverrides(document.uri) };
    // Choosing an account has no effect in restricted mode, so do not ask for one.
    if (!trusted) overrides['account-not-selected'] = 'off';
    for (const spec of parsed.specs) spec.source = document.uri.toString();
    const now = new Date();
    // One rule context per target account, shared by that account's pools: the rules cache image
    // sharing per context, which keeps templates with many pools linear. otherPools may hold the
    // analysed spec itself (the rules skip it).
    // The pools of the workspace's other pool files count too (sharing, node totals): one array
    // for the whole document, so the rules index it once.
    const otherPools = trusted && this.workspace ? [...parsed.specs, ...this.workspace.poolsOutside(document.uri)] : parsed.specs;
    const contexts = new Map<BatchAccount | undefined, RuleContext>();
    const contextFor = (account: BatchAccount | undefined): RuleContext => {
      let ctx = contexts.get(account);
      if (!ctx) contexts.set(account, (ctx = { account, inventory, now, otherPools }));
      return ctx;
    };
    if (trusted) this.verifyReferences(parsed.specs, inventory);
    const accountOf = trusted ? this.accounts.resolverFor(document.uri) : undefined;
    const pools = parsed.specs.map((spec): PoolAnalysis => {
      const target = accountOf?.(spec);
      return new LazyPoolAnalysis(spec, target, () => runRules(spec, contextFor(target?.account), { overrides }));
    });
    const pending = trusted ? [this.loadSupportedImages(pools), this.loadRegisteredProviders(pools, inventory)].filter((p) => p !== undefined) : [];
    const firstNeedPending = pending.length > 0 ? Promise.all(pending).then(() => undefined) : undefined;
    return { uri: document.uri.toString(), version: document.version, text, parsed, pools, trusted, inventory, firstNeedPending };
  }
}
