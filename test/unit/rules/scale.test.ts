import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { armPool, armTemplate, dataPlanePool, doc, keyRange, rangeOf, valueRange } from '../helpers/poolDocs';
import { analyse, expectNone, expectOne, withCode } from '../helpers/ruleHarness';
import { ACCT, DEF, IMG_A, VER, world } from '../helpers/fixtures';
import { galleryVersion, livePool } from '../helpers/inventoryBuilder';

const q = (s: string) => JSON.stringify(s);

describe('custom-image-node-limit', () => {
  for (const [shape, make] of [
    ['data plane', dataPlanePool],
    ['ARM', armPool],
  ] as const) {
    it(`fires above 2500 dedicated nodes on the count (${shape})`, () => {
      const text = doc(make({ dedicated: 3000 }));
      const f = expectOne(analyse(text), 'custom-image-node-limit', 'error', valueRange(text, 'targetDedicatedNodes', 3000));
      assert.deepEqual(f.fix, { kind: 'capNodes', targetDedicatedNodes: 2500 });
    });
    it(`fires above 1000 low-priority nodes (${shape})`, () => {
      const text = doc(make({ dedicated: 0, lowPriority: 1001 }));
      const f = expectOne(analyse(text), 'custom-image-node-limit', 'error', valueRange(text, 'targetLowPriorityNodes', 1001));
      assert.deepEqual(f.fix, { kind: 'capNodes', targetLowPriorityNodes: 1000 });
    });
  }
  it('counts totals across pools sharing the image', () => {
    const other = livePool('other', ACCT, { imageId: IMG_A.id, scale: { kind: 'fixed', targetDedicatedNodes: 2000, targetLowPriorityNodes: 0 } });
    const text = doc(dataPlanePool({ dedicated: 600 }));
    const f = expectOne(analyse(text, { inventory: world({ pools: [other] }) }), 'custom-image-node-limit', 'error', valueRange(text, 'targetDedicatedNodes', 600));
    assert.deepEqual(f.fix, { kind: 'capNodes', targetDedicatedNodes: 500 });
    assert.match(f.message, /2600/);
    assert.deepEqual(f.related?.map((r) => r.resourceId), [other.id]);
  });
  it('caps an oversized pool at what the shared limit leaves, or at the pool limit when the others exceed it already', () => {
    const text = doc(dataPlanePool({ dedicated: 3000 }));
    const some = livePool('some', ACCT, { imageId: IMG_A.id, scale: { kind: 'fixed', targetDedicatedNodes: 2000, targetLowPriorityNodes: 0 } });
    const f = expectOne(analyse(text, { inventory: world({ pools: [some] }) }), 'custom-image-node-limit', 'error', valueRange(text, 'targetDedicatedNodes', 3000));
    assert.deepEqual(f.fix, { kind: 'capNodes', targetDedicatedNodes: 500 });
    assert.match(f.message, /already use 2000, so 500 remain/);
    const huge = livePool('huge', ACCT, { imageId: IMG_A.id, scale: { kind: 'fixed', targetDedicatedNodes: 2600, targetLowPriorityNodes: 0 } });
    const g = expectOne(analyse(text, { inventory: world({ pools: [huge] }) }), 'custom-image-node-limit', 'error', valueRange(text, 'targetDedicatedNodes', 3000));
    assert.deepEqual(g.fix, { kind: 'capNodes', targetDedicatedNodes: 2500 });
    assert.match(g.message, /above the limit on their own/);
  });
  it('leaves the total to the pools that exceed the limit on their own', () => {
    const huge = livePool('huge', ACCT, { imageId: IMG_A.id, scale: { kind: 'fixed', targetDedicatedNodes: 2600, targetLowPriorityNodes: 0 } });
    expectNone(analyse(doc(dataPlanePool({ dedicated: 10 })), { inventory: world({ pools: [huge] }) }), 'custom-image-node-limit');
  });
  it('counts totals across pools of the same template', () => {
    const text = doc(armTemplate([armPool({ name: 'a/one', dedicated: 1500 }), armPool({ name: 'a/two', dedicated: 1500 })]));
    const hits = withCode(analyse(text), 'custom-image-node-limit');
    assert.equal(hits.length, 2);
    assert.deepEqual(hits[1].range, valueRange(text, 'targetDedicatedNodes', 1500, 1));
  });
  it('does not fire at exactly the limits, for autoscale, expressions or gallery images', () => {
    expectNone(analyse(doc(dataPlanePool({ dedicated: 2500, lowPriority: 1000 }))), 'custom-image-node-limit');
    expectNone(analyse(doc(dataPlanePool({ autoScale: true }))), 'custom-image-node-limit');
    expectNone(analyse(doc(armTemplate([armPool({ dedicated: "[parameters('n')]" })]))), 'custom-image-node-limit');
    expectNone(analyse(doc(armPool({ imageId: VER.id, dedicated: 5000 }))), 'custom-image-node-limit');
  });
});

describe('inbound-nat-limit', () => {
  it('fires on the NAT pool array of a managed-image pool (data plane)', () => {
    const text = doc(dataPlanePool({ natPools: 2 }));
    const start = text.indexOf('[', text.indexOf('"inboundNATPools"'));
    const end = text.indexOf(']', start) + 1;
    const f = expectOne(analyse(text), 'inbound-nat-limit', 'warning', { offset: start, length: end - start });
    assert.match(f.message, /2 inbound NAT pools/);
  });
  it('fires for ARM inboundNatPools', () => {
    const text = doc(armPool({ natPools: 1 }));
    const start = text.indexOf('[', text.indexOf('"inboundNatPools"'));
    expectOne(analyse(text), 'inbound-nat-limit', 'warning', { offset: start, length: text.indexOf(']', start) + 1 - start });
  });
  it('does not fire without NAT pools or for gallery images', () => {
    expectNone(analyse(doc(dataPlanePool())), 'inbound-nat-limit');
    expectNone(analyse(doc(dataPlanePool({ imageId: VER.id, natPools: 1 }))), 'inbound-nat-limit');
  });
});

describe('resize-timeout-short', () => {
  it('fires for a managed image below 20 minutes (data plane)', () => {
    const text = doc(dataPlanePool({ resizeTimeout: 'PT15M' }));
    const f = expectOne(analyse(text), 'resize-timeout-short', 'warning', valueRange(text, 'resizeTimeout', 'PT15M'));
    assert.deepEqual(f.fix, { kind: 'setResizeTimeout', value: 'PT20M' });
  });
  it('fires when missing, on the pool id key (data plane) / fixedScale key (ARM)', () => {
    const dp = doc(dataPlanePool({ resizeTimeout: null }));
    expectOne(analyse(dp), 'resize-timeout-short', 'warning', keyRange(dp, 'id'));
    const arm = doc(armPool({ resizeTimeout: null }));
    const f = expectOne(analyse(arm), 'resize-timeout-short', 'warning', keyRange(arm, 'fixedScale'));
    assert.match(f.message, /service default of 15 min/);
  });
  it('fires when missing on a small gallery pool too (the default is implicit), recommending PT15M', () => {
    const text = doc(dataPlanePool({ imageId: VER.id, resizeTimeout: null, dedicated: 5 }));
    const f = expectOne(analyse(text), 'resize-timeout-short', 'warning', keyRange(text, 'id'));
    assert.deepEqual(f.fix, { kind: 'setResizeTimeout', value: 'PT15M' });
  });
  it('scales the gallery recommendation with 15 minutes per started 1,000 nodes', () => {
    const text = doc(armPool({ imageId: VER.id, dedicated: 2000, lowPriority: 500, resizeTimeout: 'PT30M' }));
    const f = expectOne(analyse(text, { inventory: world({ galleryImageVersions: [{ ...VER, targetRegions: [{ name: 'eastus', regionalReplicaCount: 10 }] }] }) }), 'resize-timeout-short', 'warning', valueRange(text, 'resizeTimeout', 'PT30M'));
    assert.deepEqual(f.fix, { kind: 'setResizeTimeout', value: 'PT45M' });
  });
  it('does not fire at the recommendation, for autoscale, expressions or marketplace images', () => {
    expectNone(analyse(doc(dataPlanePool({ resizeTimeout: 'PT20M' }))), 'resize-timeout-short');
    expectNone(analyse(doc(dataPlanePool({ resizeTimeout: 'PT1H' }))), 'resize-timeout-short');
    expectNone(analyse(doc(dataPlanePool({ imageId: VER.id, resizeTimeout: 'PT15M', dedicated: 1000 }))), 'resize-timeout-short');
    expectNone(analyse(doc(dataPlanePool({ autoScale: true }))), 'resize-timeout-short');
    expectNone(analyse(doc(armTemplate([armPool({ resizeTimeout: "[parameters('t')]" })]))), 'resize-timeout-short');
    expectNone(analyse(doc(dataPlanePool({ imageId: null, resizeTimeout: 'PT5M' }))), 'resize-timeout-short');
  });
});

describe('large-pool-resize', () => {
  it('informs above 300 nodes on a managed image', () => {
    const text = doc(armPool({ dedicated: 301 }));
    const f = expectOne(analyse(text), 'large-pool-resize', 'information', valueRange(text, 'targetDedicatedNodes', 301));
    assert.match(f.message, /301 nodes/);
  });
  it('uses the low-priority count when there are no dedicated nodes', () => {
    const text = doc(dataPlanePool({ dedicated: 0, lowPriority: 400 }));
    expectOne(analyse(text), 'large-pool-resize', 'information', valueRange(text, 'targetLowPriorityNodes', 400));
  });
  it('does not fire at 300 nodes or for gallery images', () => {
    expectNone(analyse(doc(armPool({ dedicated: 300 }))), 'large-pool-resize');
    expectNone(analyse(doc(armPool({ imageId: VER.id, dedicated: 301 }))), 'large-pool-resize');
  });
});

describe('gallery-replicas-low', () => {
  it('fires when replicas in the account region are below ceil(nodes / 300)', () => {
    const text = doc(dataPlanePool({ imageId: VER.id, dedicated: 601, resizeTimeout: 'PT1H' }));
    const f = expectOne(analyse(text), 'gallery-replicas-low', 'warning', rangeOf(text, q(VER.id)));
    assert.deepEqual(f.fix, { kind: 'raiseReplicaCount', versionId: VER.id, region: 'eastus', current: 1, recommended: 3 });
  });
  it('uses the latest version for a definition id (ARM)', () => {
    const v2 = galleryVersion(DEF, '1.1.0', { targetRegions: [{ name: 'eastus', regionalReplicaCount: 1 }] });
    const text = doc(armPool({ imageId: DEF.id, dedicated: 400 }));
    const f = expectOne(analyse(text, { inventory: world({ galleryImageVersions: [VER, v2] }) }), 'gallery-replicas-low', 'warning', rangeOf(text, q(DEF.id)));
    assert.equal(f.fix?.kind === 'raiseReplicaCount' && f.fix.versionId, v2.id);
  });
  it('does not fire with enough replicas, at 300 nodes, or for autoscale', () => {
    expectNone(analyse(doc(dataPlanePool({ imageId: VER.id, dedicated: 300 }))), 'gallery-replicas-low');
    const three = world({ galleryImageVersions: [{ ...VER, targetRegions: [{ name: 'East US', regionalReplicaCount: 3 }] }] });
    expectNone(analyse(doc(dataPlanePool({ imageId: VER.id, dedicated: 900 })), { inventory: three }), 'gallery-replicas-low');
    expectNone(analyse(doc(dataPlanePool({ imageId: VER.id, autoScale: true }))), 'gallery-replicas-low');
  });
});
