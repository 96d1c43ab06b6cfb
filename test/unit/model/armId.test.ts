import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  armIdKey,
  formatArmId,
  parentArmId,
  parseArmId,
  parseImageId,
  sameArmId,
  normalizeRegion,
  sameRegion,
  compareVersionNames,
} from '../../../src/model';

const IMG = '/subscriptions/s1/resourceGroups/RG/providers/Microsoft.Compute/images/myImage';
const DEF = '/subscriptions/s1/resourceGroups/RG/providers/Microsoft.Compute/galleries/g/images/def';
const VER = DEF + '/versions/1.0.0';

describe('armId', () => {
  it('parses a managed image id', () => {
    const p = parseArmId(IMG);
    assert.ok(p);
    assert.equal(p.subscriptionId, 's1');
    assert.equal(p.resourceGroup, 'RG');
    assert.equal(p.type, 'Microsoft.Compute/images');
    assert.equal(p.name, 'myImage');
  });
  it('accepts ids without a leading slash and with a trailing slash', () => {
    assert.equal(parseArmId(IMG.slice(1) + '/')?.id, IMG);
  });
  it('rejects non-ids', () => {
    assert.equal(parseArmId('myImage'), undefined);
    assert.equal(parseArmId('/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/images'), undefined);
    assert.equal(parseArmId('/foo/s1'), undefined);
  });
  it('compares case-insensitively', () => {
    assert.ok(sameArmId(IMG, IMG.toUpperCase()));
    assert.equal(armIdKey(IMG.toUpperCase().slice(1)), IMG.toLowerCase());
    assert.ok(!sameArmId(IMG, undefined));
  });
  it('formats and finds parents', () => {
    const id = formatArmId({ subscriptionId: 's1', resourceGroup: 'RG', provider: 'Microsoft.Compute', types: ['galleries', 'images'], names: ['g', 'def'] });
    assert.equal(id, DEF);
    assert.equal(parentArmId(VER), DEF);
  });
});

describe('imageId', () => {
  it('recognises the three kinds', () => {
    assert.equal(parseImageId(IMG)?.kind, 'managedImage');
    assert.equal(parseImageId(DEF)?.kind, 'galleryImageDefinition');
    const v = parseImageId(VER);
    assert.equal(v?.kind, 'galleryImageVersion');
    assert.equal(v?.versionName, '1.0.0');
    assert.equal(v?.definitionId, DEF);
  });
  it('rejects other resource types', () => {
    assert.equal(parseImageId('/subscriptions/s1/resourceGroups/RG/providers/Microsoft.Compute/snapshots/x'), undefined);
  });
});

describe('region and version helpers', () => {
  it('normalises region names', () => {
    assert.equal(normalizeRegion('East US 2'), 'eastus2');
    assert.ok(sameRegion('West Europe', 'westeurope'));
    assert.ok(!sameRegion('eastus', 'eastus2'));
  });
  it('compares version names numerically', () => {
    assert.equal(compareVersionNames('1.10.0', '1.9.0'), 1);
    assert.equal(compareVersionNames('1.0.0', '1.0.0'), 0);
    assert.equal(compareVersionNames('0.0.1', '0.1.0'), -1);
  });
});
