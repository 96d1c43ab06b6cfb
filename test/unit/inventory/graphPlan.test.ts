// How `auto` asks Resource Graph for a load: which categories share a query, how a shared
// query's rows are split back into their categories, how a VM row maps, and what the plan costs
// in queries on the bench scenarios.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { VirtualMachine as SdkVirtualMachine } from '@azure/arm-compute';
import { graphQueryText, parentKeyOf, planGraphQueries, splitRows } from '../../../src/inventory/graphSource';
import { subOf } from '../../../src/inventory/source';
import { SUBSCRIPTION_CATEGORIES } from '../../../src/inventory';
import { armIdKey, parentArmId } from '../../../src/model';
import { graphCategoryOf, graphMappers, graphVmListing } from '../../../src/azure/graphMappers';
import { mapVirtualMachine } from '../../../src/azure/mappers/compute';
import { ENTERPRISE_SHAPE, graphQueriesFor, LARGE_SHAPE, lowerBoundFor, type GraphServed } from '../../bench/lowerBound';

const SUB_ID = '00000000-0000-4000-8000-000000000001';
const SUB2_ID = '00000000-0000-4000-8000-000000000002';
const SUB = `/subscriptions/${SUB_ID}`;
const SUB2 = `/subscriptions/${SUB2_ID}`;
const RG = `${SUB}/resourceGroups/rg`;
const GALLERY = `${RG}/providers/Microsoft.Compute/galleries/gal`;

describe('Resource Graph plan of a load', () => {
  it('asks one shared query for the small categories and one each for images, snapshots and Batch accounts', () => {
    const plans = planGraphQueries(SUBSCRIPTION_CATEGORIES);
    assert.deepEqual(plans, [
      { categories: ['disks', 'virtualMachines', 'galleries', 'galleryImageDefinitions', 'galleryImageVersions'], onlyIfAffordable: false },
      { categories: ['images'], onlyIfAffordable: true },
      { categories: ['snapshots'], onlyIfAffordable: true },
      { categories: ['batchAccounts'], onlyIfAffordable: false },
    ]);
    assert.equal(
      graphQueryText(plans[0]),
      "Resources | where type in~ ('microsoft.compute/disks', 'microsoft.compute/virtualmachines', 'microsoft.compute/galleries', 'microsoft.compute/galleries/images', " +
        "'microsoft.compute/galleries/images/versions') | project id, name, type, location, managedBy, tags, properties | order by id asc",
    );
  });

  it('plans only the categories a load reads', () => {
    assert.deepEqual(planGraphQueries(['disks', 'pools']), [{ categories: ['disks'], onlyIfAffordable: false }]);
    assert.deepEqual(planGraphQueries(['images', 'virtualMachines']), [
      { categories: ['virtualMachines'], onlyIfAffordable: false },
      { categories: ['images'], onlyIfAffordable: true },
    ]);
    assert.deepEqual(planGraphQueries(['pools']), [], 'pools stay on Resource Manager: no query at all');
  });

  it('splits a shared query\'s rows by type into their categories, grouped by what each list call asks for', () => {
    const definition = `${GALLERY}/images/def`;
    const rows = [
      { id: `${RG}/providers/Microsoft.Compute/disks/d1`, name: 'd1', type: 'microsoft.compute/disks', location: 'eastus', properties: { osType: 'Linux', creationData: { createOption: 'Empty' } } },
      { id: `${SUB2}/resourceGroups/rg/providers/Microsoft.Compute/disks/d2`, name: 'd2', type: 'Microsoft.Compute/Disks', location: 'eastus', managedBy: `${SUB2}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`, properties: {} },
      { id: GALLERY, name: 'gal', type: 'microsoft.compute/galleries', location: 'eastus', properties: {} },
      {
        id: definition, name: 'def', type: 'microsoft.compute/galleries/images', location: 'eastus',
        properties: { osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'p', offer: 'o', sku: 's' } },
      },
      { id: `${RG}/providers/Microsoft.Network/virtualNetworks/v`, name: 'v', type: 'microsoft.network/virtualnetworks', location: 'eastus', properties: {} },
    ];
    const split = splitRows(rows, ['disks', 'virtualMachines', 'galleries', 'galleryImageDefinitions']);
    assert.deepEqual([...split.keys()], ['disks', 'virtualMachines', 'galleries', 'galleryImageDefinitions']);
    const disks = split.get('disks');
    assert.deepEqual([...(disks?.keys() ?? [])], [armIdKey(SUB_ID), armIdKey(SUB2_ID)]);
    assert.deepEqual(disks?.get(armIdKey(SUB2_ID)), [{ id: rows[1].id, location: 'eastus', managedBy: rows[1].managedBy }]);
    assert.equal(split.get('virtualMachines')?.size, 0, 'asked for, no rows: known to be none');
    assert.deepEqual([...(split.get('galleryImageDefinitions')?.keys() ?? [])], [armIdKey(GALLERY)], 'definitions grouped by their gallery');
    assert.equal(split.get('galleries')?.get(armIdKey(SUB_ID))?.length, 1);
    // A type no category asked for in this query is left out, not put elsewhere.
    assert.equal(splitRows(rows, ['galleries']).get('galleries')?.size, 1);
    assert.equal(splitRows(rows, ['galleries']).has('disks'), false);
    assert.equal(graphCategoryOf('MICROSOFT.COMPUTE/VIRTUALMACHINES'), 'virtualMachines');
    assert.equal(graphCategoryOf('microsoft.network/virtualnetworks'), undefined);
  });
});

describe('Resource Graph VM rows', () => {
  const vmId = `${RG}/providers/Microsoft.Compute/virtualMachines/build`;
  const properties = {
    hardwareProfile: { vmSize: 'Standard_D2s_v3' },
    storageProfile: {
      osDisk: { osType: 'Linux', createOption: 'FromImage', managedDisk: { id: `${RG}/providers/Microsoft.Compute/disks/os` } },
      dataDisks: [{ lun: 0, createOption: 'Attach', managedDisk: { id: `${RG}/providers/Microsoft.Compute/disks/data0` } }],
    },
  };

  it('map to the VM the Resource Manager list gives, with extensions unknown', () => {
    const row = { id: vmId, name: 'build', type: 'microsoft.compute/virtualmachines', location: 'eastus', resourceGroup: 'rg', properties };
    const fromGraph = graphMappers.virtualMachines(row);
    const fromArm = mapVirtualMachine({ id: vmId, name: 'build', location: 'eastus', ...properties } as unknown as SdkVirtualMachine);
    assert.deepEqual(fromGraph, fromArm);
    assert.deepEqual(fromGraph, {
      id: vmId, location: 'eastus', extensions: [],
      dataDiskIds: [`${RG}/providers/Microsoft.Compute/disks/data0`], osDiskId: `${RG}/providers/Microsoft.Compute/disks/os`,
    });
  });

  it('never claim to know extensions, even from a row that carries an instance view', () => {
    const row = {
      id: vmId, name: 'build', type: 'microsoft.compute/virtualmachines', location: 'eastus',
      properties: { ...properties, instanceView: { extensions: [{ name: 'cs', type: 'Microsoft.Azure.Extensions.CustomScript' }] } },
      resources: [{ name: 'cs', publisher: 'Microsoft.Azure.Extensions', typePropertiesType: 'CustomScript' }],
    };
    const vm = graphMappers.virtualMachines(row);
    assert.ok(vm);
    assert.deepEqual(vm.extensions, []);
    const listing = graphVmListing([vm]);
    assert.deepEqual(listing, { vms: [vm], extensionsUnknown: [vmId] }, 'the loader looks them up where an image\'s lineage leads');
    assert.deepEqual(graphVmListing([]), { vms: [], extensionsUnknown: [] });
  });
});

describe('Resource Graph queries and round trips on the bench scenarios', () => {
  const all: GraphServed = {
    images: true, snapshots: true, disks: true, virtualMachines: true, galleries: true, galleryImageDefinitions: true, galleryImageVersions: true, batchAccounts: true,
  };

  it('large: readable subscriptions 1, shared query 2 pages (1,830 rows), images 5, snapshots 3, accounts 1', () => {
    assert.equal(graphQueriesFor(LARGE_SHAPE, all), 12);
    const bound = lowerBoundFor(LARGE_SHAPE, all, 100, 40, 2);
    assert.equal(bound.length, 5, 'token 2 + subscriptions 1 + a first page and the rest side by side');
    assert.equal(bound.others.galleries, 5);
    assert.equal(bound.others.batch, 5, 'accounts from a one-page query of their own, then the pools of an account');
  });

  it('enterprise: the shared query (8,500 rows, disks and VMs included) is 9 pages; images and snapshots cost a first page each before falling back', () => {
    const { images: _i, snapshots: _s, ...small } = all;
    assert.equal(graphQueriesFor(ENTERPRISE_SHAPE, small, ['images', 'snapshots']), 13);
    assert.equal(graphQueriesFor(ENTERPRISE_SHAPE, {}), 0);
    const bound = lowerBoundFor(ENTERPRISE_SHAPE, small, 100, 40, 2);
    assert.equal(bound.others.disks, 5, 'disks from the shared query: 2 round trips after the prefix');
    const rmOnly = lowerBoundFor(ENTERPRISE_SHAPE, {}, 100, 40, 2);
    assert.equal(rmOnly.others.disks, 4, 'one list per subscription');
    assert.equal(rmOnly.others.virtualMachines, 4);
  });
});

describe('grouping keys of Resource Graph rows', () => {
  const ids = [
    '/subscriptions/S1/resourceGroups/RG/providers/Microsoft.Compute/galleries/g/images/d',
    '/subscriptions/s1/resourcegroups/rg/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0',
    'subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0/',
    '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/galleries/g',
    '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images',
    '/subscriptions/s1/resourceGroups/rg//providers/Microsoft.Compute/galleries/g/images/d',
    '/subscriptions/s1',
    'no-slashes',
    '/one',
    '',
  ];
  it('groups by parent as the full id parse does', () => {
    for (const id of ids) assert.equal(parentKeyOf(id), armIdKey(parentArmId(id) ?? ''), id);
    assert.equal(parentKeyOf(ids[1]), '/subscriptions/s1/resourcegroups/rg/providers/microsoft.compute/galleries/g/images/d');
  });
  it('groups by subscription as splitting the id does', () => {
    for (const id of ids) assert.equal(subOf(id), id.split('/')[2] ?? '', id);
    assert.equal(subOf(ids[0]), 'S1');
  });
});
