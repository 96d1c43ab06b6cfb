// The overlay on its own: the extension's creates and deletes (and fresh reads) win over loads
// until a load agrees or the time limit passes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyInventorySnapshot, type ManagedImage, type InventorySnapshot } from '../../../src/model';
import { InventoryOverlay } from '../../../src/inventory/overlay';

const SUB = '11111111-0000-4000-8000-000000000001';
const OTHER = '22222222-0000-4000-8000-000000000002';
const image = (name: string, sub = SUB): ManagedImage => ({
  id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/images/${name}`,
  name, subscriptionId: sub, resourceGroup: 'rg', location: 'eastus', provisioningState: 'Succeeded', osType: 'Linux', osState: 'Generalized', sources: [],
});
function snapshotWith(images: ManagedImage[]): InventorySnapshot {
  const snap = emptyInventorySnapshot();
  snap.subscriptions.push({ id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: 't', displayName: 'Sub' });
  snap.images.push(...images);
  return snap;
}
const names = (snap: InventorySnapshot): string[] => snap.images.map((i) => i.name).sort();

describe('inventory overlay', () => {
  it('shows a created resource at once and drops it when a load lists it', () => {
    const overlay = new InventoryOverlay(60_000, () => 0);
    overlay.present('images', image('new'), 'write');
    const stale = snapshotWith([image('old')]);
    overlay.applyTo(stale);
    assert.deepEqual(names(stale), ['new', 'old']);
    overlay.reconcile('images', SUB, [image('old')]);
    assert.equal(overlay.size, 1, 'a load that does not list it yet leaves it standing');
    overlay.reconcile('images', SUB, [image('old'), image('NEW')]);
    assert.equal(overlay.size, 0, 'the index agrees (ids compare case-insensitively)');
  });

  it('hides a deleted resource at once and drops the entry when a load no longer lists it', () => {
    const overlay = new InventoryOverlay(60_000, () => 0);
    overlay.absent('images', image('gone').id, 'write');
    assert.equal(overlay.lookup(image('gone').id.toUpperCase()), 'absent');
    const stale = snapshotWith([image('gone'), image('kept')]);
    overlay.applyTo(stale);
    assert.deepEqual(names(stale), ['kept']);
    overlay.reconcile('images', OTHER, []);
    assert.equal(overlay.size, 1, 'another subscription says nothing about it');
    overlay.reconcile('images', SUB, [image('kept')]);
    assert.equal(overlay.size, 0);
  });

  it('replaces a listed resource with what the write returned, and ignores subscriptions not listed', () => {
    const overlay = new InventoryOverlay(60_000, () => 0);
    overlay.present('images', { ...image('x'), provisioningState: 'Creating' }, 'write');
    overlay.present('images', image('elsewhere', OTHER), 'write');
    const snap = snapshotWith([image('x')]);
    overlay.applyTo(snap);
    assert.deepEqual(snap.images.map((i) => i.provisioningState), ['Creating']);
  });

  it('lets entries lapse after the time limit and hands their ids over for a fresh read', () => {
    let now = 0;
    const overlay = new InventoryOverlay(1000, () => now);
    overlay.absent('images', image('a').id, 'read');
    overlay.present('images', image('b'), 'write');
    now = 999;
    assert.deepEqual(overlay.takeExpired(), []);
    now = 1000;
    const snap = snapshotWith([image('a')]);
    overlay.applyTo(snap);
    assert.deepEqual(names(snap), ['a'], 'an expired entry no longer wins');
    assert.deepEqual(overlay.takeExpired().map((id) => id.split('/').pop()).sort(), ['a', 'b']);
    assert.equal(overlay.size, 0);
  });
});
