// The simulator's store keeps resources by kind and, for lists, by kind and subscription: the
// two views must agree through writes, rewrites and deletes (cascading ones included).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Store, type ArmResource } from '../../simulator/store';
import { idKey } from '../../simulator/armId';

function resource(sub: string, kind: string, name: string, parent?: ArmResource): ArmResource {
  const id = parent ? `${parent.body.id as string}/versions/${name}` : `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Compute/${kind}/${name}`;
  return { key: idKey(id), kind, subscriptionId: sub, resourceGroup: 'rg', name, parentKey: parent?.key, body: { id, name } };
}

describe('simulator store: lists by subscription', () => {
  it('lists a subscription its own resources, in ofKind order, through rewrites and deletes', () => {
    const store = new Store();
    const a1 = resource('SUB-A', 'images', 'one');
    const b1 = resource('sub-b', 'images', 'two');
    const a2 = resource('sub-a', 'images', 'three');
    const snap = resource('sub-a', 'snapshots', 'four');
    for (const r of [a1, b1, a2, snap]) store.put(r);
    const names = (rs: ArmResource[]) => rs.map((r) => r.name);
    assert.deepEqual(names(store.ofKindInSubscription('images', 'sub-a')), ['one', 'three']);
    assert.deepEqual(names(store.ofKindInSubscription('images', 'SUB-B')), ['two']);
    assert.deepEqual(names(store.ofKindInSubscription('snapshots', 'sub-a')), ['four']);
    assert.deepEqual(store.ofKindInSubscription('images', 'sub-c'), []);
    // A rewrite keeps its place (as in ofKind); a delete and re-create goes last.
    store.put({ ...a1, body: { ...a1.body, tags: { x: '1' } } });
    assert.deepEqual(names(store.ofKindInSubscription('images', 'sub-a')), ['one', 'three']);
    assert.equal(store.ofKindInSubscription('images', 'sub-a')[0].body.tags !== undefined, true);
    store.delete(a1.body.id as string);
    assert.deepEqual(names(store.ofKindInSubscription('images', 'sub-a')), ['three']);
    store.put(a1);
    assert.deepEqual(names(store.ofKindInSubscription('images', 'sub-a')), ['three', 'one']);
    assert.deepEqual(
      names(store.ofKindInSubscription('images', 'sub-a')),
      names(store.ofKind('images').filter((r) => r.subscriptionId.toLowerCase() === 'sub-a')),
    );
  });
  it('forgets children deleted with their parent', () => {
    const store = new Store();
    const parent = resource('sub-a', 'galleries', 'g');
    const child = resource('sub-a', 'galleryImageVersions', '1.0.0', parent);
    store.put(parent);
    store.put(child);
    assert.equal(store.ofKindInSubscription('galleryImageVersions', 'sub-a').length, 1);
    store.delete(parent.body.id as string);
    assert.deepEqual(store.ofKindInSubscription('galleryImageVersions', 'sub-a'), []);
    assert.deepEqual(store.ofKindInSubscription('galleries', 'sub-a'), []);
  });
});
