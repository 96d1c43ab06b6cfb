// The views' InventoryView over src/inventory's loader: one loader per connection, rebuilt when
// the connection changes; loading starts when someone signs in, and every category reaches the
// views as soon as it arrives. Failures stay per category (error nodes with Retry).
import * as vscode from 'vscode';
import type { CategoryState, InventoryView, OverlayCategory, SourceProvenance, VmSize } from '../extensionServices';
import { emptyInventory, type Inventory, type InventoryCategory } from '../model';
import type { InventoryLoader, RefreshScope } from '../inventory';
import { inventoryConcurrency, inventorySource } from '../config';
import type { ConnectionManager } from './connectionManager';

const signedOutState: CategoryState = { kind: 'loading' };

export class InventoryService implements InventoryView, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private loader: InventoryLoader | undefined;
  private loaderSubscription: { dispose(): void } | undefined;
  private generation = 0;
  private azureClients: import('../azure/clients').AzureClients | undefined;
  private readonly empty = emptyInventory();
  /** The rebuild after the latest connection change (it creates the loader and loads). */
  private rebuilding: Promise<void> = Promise.resolve();

  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      connections.onDidChange(() => {
        this.rebuilding = this.rebuild();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('azureBatchImages.inventory.source')) {
          void this.rebuild();
          return;
        }
        if ((event.affectsConfiguration('azureResourceGroups.selectedSubscriptions') || event.affectsConfiguration('azureBatchImages.selectedSubscriptions')) && this.loader) void this.loader.refresh();
      }),
    );
  }

  get signedIn(): boolean {
    return this.connections.current !== undefined;
  }

  get current(): Inventory {
    return this.loader?.current ?? this.empty;
  }

  get loading(): boolean {
    return this.loader?.isLoading ?? false;
  }

  categoryState(subscriptionId: string, category: InventoryCategory): CategoryState {
    if (!this.loader) return signedOutState;
    return this.loader.categoryState(category === 'subscriptions' ? undefined : subscriptionId, category);
  }

  async refresh(scope?: RefreshScope): Promise<void> {
    if (!this.loader) {
      // Nobody signed in yet: connecting builds a loader, whose first load is the refresh.
      await this.connections.connectSilently();
      await this.rebuilding;
      return;
    }
    await this.loader.refresh(scope ?? {});
  }

  async ensureLoaded(): Promise<void> {
    if (!this.loader) {
      await this.connections.connectSilently();
      await this.rebuilding;
    }
    await this.whenIdle();
  }

  /** The clients of the current connection (shared with the loader, so tokens are cached once). */
  async clients(): Promise<import('../azure/clients').AzureClients> {
    const connection = this.connections.current ?? (await this.connections.connectSilently());
    if (!connection) throw new Error(vscode.l10n.t('Sign in to Azure first: run "Azure Batch Images: Sign in to Azure…".'));
    if (!this.azureClients || this.azureClients.connection !== connection) {
      const { AzureClients } = await import('../azure/clients');
      this.azureClients = new AzureClients(connection);
    }
    return this.azureClients;
  }

  recordCreated(category: OverlayCategory, resource: { id: string } & Record<string, unknown>): void {
    this.loader?.recordCreated(category, resource as never);
  }

  recordDeleted(category: OverlayCategory, id: string): void {
    this.loader?.recordDeleted(category, id);
  }

  async verify(ids: readonly string[], options?: { force?: boolean }): Promise<void> {
    await this.loader?.verify(ids, options);
  }

  async loadSupportedImages(accountIds: readonly string[]): Promise<void> {
    await this.loader?.loadSupportedImages(accountIds);
  }

  async loadRegisteredProviders(subscriptionIds: readonly string[]): Promise<void> {
    await this.loader?.loadRegisteredProviders(subscriptionIds);
  }

  sources(subscriptionId: string): ReadonlyMap<InventoryCategory, SourceProvenance> {
    return this.loader?.sources(subscriptionId) ?? new Map();
  }

  async whenIdle(): Promise<void> {
    await this.loader?.whenIdle();
  }

  async vmSizes(subscriptionId: string, region: string): Promise<VmSize[]> {
    if (!this.loader) return [];
    try {
      const skus = await this.loader.vmSkus(subscriptionId, region);
      return skus.map((sku) => {
        const cpus = sku.capabilities.vCPUs;
        const memory = sku.capabilities.MemoryGB;
        const summary = [cpus ? `${cpus} vCPUs` : '', memory ? `${memory} GiB` : ''].filter(Boolean).join(', ');
        return { name: sku.name, summary: summary || undefined };
      });
    } catch (error) {
      this.log.warn(vscode.l10n.t('Could not list the VM sizes of {0}: {1}', region, error instanceof Error ? error.message : String(error)));
      return [];
    }
  }

  /** A new connection means a new loader: nothing loaded for the old identity may leak into it. */
  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    this.disposeLoader();
    const connection = this.connections.current;
    if (connection) {
      const [{ InventoryLoader }, { ConnectionInventorySource }, { AzureClients }] = await Promise.all([
        import('../inventory/loader'),
        import('../inventory/graphSource'),
        import('../azure/clients'),
      ]);
      if (generation !== this.generation) return;
      // One set of clients for loading and for the commands' writes: tokens are cached once.
      this.azureClients = new AzureClients(connection);
      const loader = new InventoryLoader(new ConnectionInventorySource(this.azureClients, { setting: inventorySource() }), { concurrency: inventoryConcurrency() });
      this.loader = loader;
      this.loaderSubscription = loader.onDidChange((change) => {
        if (change.state.kind === 'failed') {
          this.log.warn(vscode.l10n.t('Loading {0}{1} failed: {2} {3}', change.category, change.subscriptionId ? vscode.l10n.t(' of {0}', change.subscriptionId) : '', change.state.code ?? '', change.state.message));
        }
        this.changed.fire();
      });
      this.changed.fire();
      const started = Date.now();
      await loader.refresh();
      if (generation === this.generation) {
        const snapshot = loader.snapshot;
        this.log.info(vscode.l10n.t('Inventory loaded in {0} ms: {1} subscriptions, {2} images, {3} snapshots, {4} gallery versions, {5} accounts, {6} pools', Date.now() - started, snapshot.subscriptions.length, snapshot.images.length, snapshot.snapshots.length, snapshot.galleryImageVersions.length, snapshot.batchAccounts.length, snapshot.pools.length));
      }
    } else {
      this.changed.fire();
    }
  }

  private disposeLoader(): void {
    this.loaderSubscription?.dispose();
    this.loader?.dispose();
    this.loader = undefined;
  }

  dispose(): void {
    this.generation++;
    this.disposeLoader();
    for (const d of this.disposables) d.dispose();
  }
}
