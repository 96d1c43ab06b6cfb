// The full inventory of the demo scenario through the real SDKs: every category, lineage,
// supported images, VM extensions, provider registration and progressive per-category events.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatorHandle } from '../../simulator/index';
import type { InventoryCategory } from '../../../src/model';
import { azureInventorySource, InventoryLoader, SUBSCRIPTION_CATEGORIES, type InventoryChange } from '../../../src/inventory';
import { connect, startTrustedSimulator } from '../azure/simulatorSetup';
import { scenarioCounts } from './demoScenario';


describe('inventory of the demo scenario', () => {
  let sim: SimulatorHandle;
  let loader: InventoryLoader;
  const changes: InventoryChange[] = [];
  /** For each category that arrived: how many (subscription, category) pairs were still loading then. */
  const stillLoadingAtArrival: number[] = [];
  const expected = scenarioCounts('demo');

  before(async () => {
    sim = await startTrustedSimulator({ scenario: 'demo', pageSize: 4 });
    loader = new InventoryLoader(azureInventorySource(await connect(sim)), { concurrency: 4 });
    loader.onDidChange((c) => {
      changes.push(c);
      if (c.subscriptionId && c.state.kind === 'loaded') {
        stillLoadingAtArrival.push(expected.subscriptions.flatMap((s) => SUBSCRIPTION_CATEGORIES.filter((k) => loader.categoryState(s, k).kind === 'loading')).length);
      }
    });
    await loader.refresh();
  });
  after(async () => {
    loader.dispose();
    await sim.stop();
  });

  it('loads every category of both subscriptions without errors', () => {
    const snap = loader.snapshot;
    assert.deepEqual(snap.errors, []);
    assert.deepEqual(loader.issues, []);
    assert.ok(snap.loadedAt);
    assert.deepEqual(snap.subscriptions.map((s) => s.subscriptionId).sort(), [...expected.subscriptions].sort());
    const c = expected.counts;
    assert.equal(snap.images.length, c.images);
    assert.equal(snap.snapshots.length, c.snapshots);
    assert.equal(snap.disks.length, c.disks ?? 0);
    assert.equal(snap.virtualMachines.length, c.virtualMachines);
    assert.equal(snap.galleries.length, c.galleries);
    assert.equal(snap.galleryImageDefinitions.length, c.galleryImageDefinitions);
    assert.equal(snap.galleryImageVersions.length, c.galleryImageVersions);
    assert.equal(snap.batchAccounts.length, c.batchAccounts);
    assert.equal(snap.pools.length, c.pools);
    for (const s of expected.subscriptions) {
      for (const category of SUBSCRIPTION_CATEGORIES) assert.deepEqual(loader.categoryState(s, category), { kind: 'loaded' }, `${s} ${category}`);
    }
  });

  it('reports each (subscription, category) as it arrives', () => {
    const loaded = new Set(changes.filter((c) => c.state.kind === 'loaded').map((c) => `${c.subscriptionId ?? '-'}|${c.category}`));
    assert.ok(loaded.has('-|subscriptions'));
    for (const s of expected.subscriptions) for (const category of SUBSCRIPTION_CATEGORIES) assert.ok(loaded.has(`${s}|${category}`), `${s} ${category}`);
    // Progressive: the first category arrived while most others were still loading.
    assert.ok(stillLoadingAtArrival[0] > SUBSCRIPTION_CATEGORIES.length, `categories are reported one by one, not all at the end (${stillLoadingAtArrival.join(',')})`);
    // Every category said it was loading before the first one arrived, dependants (definitions,
    // versions, pools) included: the explorer's first level does not wait on parent lists.
    const firstLoaded = changes.findIndex((c) => c.state.kind === 'loaded' && c.category !== 'subscriptions');
    const loadingFirst = new Set(changes.slice(0, firstLoaded).filter((c) => c.state.kind === 'loading').map((c) => `${c.subscriptionId}|${c.category}`));
    for (const s of expected.subscriptions) for (const category of SUBSCRIPTION_CATEGORIES) assert.ok(loadingFirst.has(`${s}|${category}`), `${s} ${category} reported loading at the start`);
  });

  it('shows an image whose snapshot was deleted with that source as deleted', () => {
    const inv = loader.current;
    const orphan = inv.snapshot.images.find((i) => i.name === 'img-orphaned');
    assert.ok(orphan);
    const sources = inv.imageSources(orphan.id);
    assert.ok(sources.length > 0);
    const os = sources.find((s) => s.source.role === 'os');
    assert.equal(os?.source.kind, 'snapshot');
    assert.equal(os?.existence, 'deleted');
    // A healthy image's snapshot is present.
    const healthy = inv.snapshot.images.find((i) => i.name === 'img-ubuntu-v1');
    assert.ok(healthy);
    assert.ok(inv.imageSources(healthy.id).every((s) => s.existence === 'present'));
    // Two images share the OS snapshot.
    assert.ok(inv.imagesSharingOsSnapshot(healthy.id).some((i) => i.name === 'img-ubuntu-v1-copy'));
  });

  it('maps image sources: VM-captured, blob and snapshots', () => {
    const byName = new Map(loader.snapshot.images.map((i) => [i.name, i]));
    assert.equal(byName.get('img-from-vm')?.sources[0]?.kind, 'vm');
    assert.equal(byName.get('img-from-blob')?.sources[0]?.kind, 'blob');
    assert.equal(byName.get('img-creating')?.provisioningState, 'Creating');
    assert.ok(byName.get('img-ubuntu-v1')?.sources.some((s) => s.role === 'data' && s.lun !== undefined));
  });

  it('finds the extensions of the VM behind an image (lineage lookups only)', () => {
    const vm = loader.snapshot.virtualMachines.find((v) => v.id.toLowerCase().endsWith('/vm-build-01'));
    assert.ok(vm);
    assert.deepEqual(
      vm.extensions.map((e) => e.type),
      ['CustomScript'],
    );
    const extensionLists = sim.requestLog().filter((e) => e.route === 'arm.vmExtensions.listByParent');
    assert.equal(extensionLists.length, 1, 'one extension list, for the one VM an image leads to');
  });

  it('reads supported images on first need only: none during the load; asked for, accounts that allow Entra ID get them, Shared Key-only accounts none', async () => {
    assert.equal(sim.requestLog().filter((e) => e.route === 'batch.supportedImages.list').length, 0, 'the load read no supported images');
    assert.ok(loader.snapshot.batchAccounts.every((a) => a.supportedImages === undefined));
    const prodEast = loader.snapshot.batchAccounts.find((a) => a.name === 'batchprodeast');
    assert.ok(prodEast);
    assert.equal(await loader.loadSupportedImages([prodEast.id]), true);
    const reads = (): string[] => sim.requestLog().filter((e) => e.route === 'batch.supportedImages.list').map((e) => e.path);
    const first = reads();
    assert.ok(first.length > 0 && first.every((p) => p.toLowerCase().startsWith('/batch/batchprodeast/')), `one account asked, one account read: ${first.join(', ')}`);
    // Kept until the next full refresh: asking again reads nothing.
    await loader.loadSupportedImages([prodEast.id]);
    assert.deepEqual(reads(), first);
    await loader.loadSupportedImages('all');
    const accounts = new Map(loader.snapshot.batchAccounts.map((a) => [a.name, a]));
    assert.ok((accounts.get('batchprodeast')?.supportedImages?.length ?? 0) > 0);
    assert.ok(accounts.get('batchprodeast')?.supportedImages?.some((i) => i.batchSupportEndOfLife));
    assert.equal(accounts.get('batchsharedkey')?.supportedImages, undefined);
    assert.ok(!accounts.get('batchsharedkey')?.allowedAuthenticationModes.includes('AAD'));
    // A bare host[:port][/path], never a URL: the access layer adds the scheme.
    assert.doesNotMatch(accounts.get('batchprodeast')?.accountEndpoint ?? 'https://', /^https?:/);
  });

  it('reads provider registrations on first need only: none during the load; asked for, each subscription once until the next refresh', async () => {
    // The subscriptions whose registrations were read (a list may take more than one page).
    const reads = (): string[] => [...new Set(sim.requestLog().filter((e) => e.route === 'arm.providers.list').map((e) => e.path.toLowerCase().split('/')[2]))];
    assert.deepEqual(reads(), [], 'the load read no provider registrations');
    assert.ok(loader.snapshot.subscriptions.every((s) => s.registeredProviders === undefined));
    const [first, second] = [...expected.subscriptions].sort();
    assert.equal(await loader.loadRegisteredProviders([first.toUpperCase()]), true);
    assert.deepEqual(reads(), [first.toLowerCase()], 'one subscription asked, one read');
    assert.ok(loader.snapshot.subscriptions.find((s) => s.subscriptionId === first)?.registeredProviders?.includes('Microsoft.Batch'));
    assert.equal(loader.snapshot.subscriptions.find((s) => s.subscriptionId === second)?.registeredProviders, undefined);
    // Kept until the next full refresh: asking again reads nothing; 'all' reads the others.
    const requests = sim.requestLog().length;
    assert.equal(await loader.loadRegisteredProviders([first]), true, 'the answer of the read already made');
    assert.equal(sim.requestLog().length, requests, 'asking again sends nothing');
    await loader.loadRegisteredProviders('all');
    assert.equal(reads().length, expected.subscriptions.length);
    for (const s of loader.snapshot.subscriptions) assert.ok(s.registeredProviders?.includes('Microsoft.Batch'), s.subscriptionId);
    // A full refresh forgets them: the next need reads them again, never an answer from before.
    await loader.refresh();
    assert.ok(loader.snapshot.subscriptions.every((s) => s.registeredProviders === undefined));
    const before = sim.requestLog().filter((e) => e.route === 'arm.providers.list').length;
    assert.equal(await loader.loadRegisteredProviders([first]), true);
    assert.ok(sim.requestLog().filter((e) => e.route === 'arm.providers.list').length > before, 'read again after the refresh');
  });

  it('indexes pools by image and gallery versions by definition', () => {
    const inv = loader.current;
    const image = inv.snapshot.images.find((i) => i.name === 'img-ubuntu-v1');
    assert.ok(image);
    assert.deepEqual(inv.poolsByImageId(image.id).map((p) => p.name).sort(), ['pool-shared-a', 'pool-shared-b']);
    const def = inv.snapshot.galleryImageDefinitions.find((d) => d.id.toLowerCase().endsWith('/ubuntu-22.04-gen2'));
    assert.ok(def);
    assert.deepEqual(inv.versionsOfDefinition(def.id).map((v) => v.name), ['0.9.0', '1.0.0', '1.1.0']);
    const failed = inv.snapshot.pools.find((p) => p.name === 'pool-alloc-failed');
    assert.ok(failed && failed.resizeErrors.length > 0);
    const autoscale = inv.snapshot.pools.find((p) => p.name === 'pool-autoscale-gallery');
    assert.equal(autoscale?.scale.kind, 'auto');
    const specialized = inv.snapshot.galleryImageDefinitions.find((d) => d.id.toLowerCase().endsWith('/windows-specialized'));
    assert.equal(specialized?.osState, 'Specialized');
    const trusted = inv.snapshot.galleryImageDefinitions.find((d) => d.id.toLowerCase().endsWith('/ubuntu-trusted-launch'));
    assert.ok(trusted?.securityType);
  });

  it('makes no GET per item: every request is a list (or a token/provider call)', () => {
    const perItem = sim.requestLog().filter((e) => e.method === 'GET' && /\.get$/.test(e.route));
    assert.deepEqual(perItem.map((e) => e.path), []);
    const seen = new Set<InventoryCategory>();
    for (const c of changes) seen.add(c.category);
    assert.ok(seen.size >= SUBSCRIPTION_CATEGORIES.length);
  });
});
