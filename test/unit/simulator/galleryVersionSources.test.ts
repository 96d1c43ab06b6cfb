// Gallery image versions from OS and data-disk snapshots (storageProfile.osDiskImage.source /
// dataDiskImages[].source), the checks Azure makes on them and on a definition's security type,
// and the control API's raw resource read.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS, type SimulatorHandle } from '../../simulator/index';
import { ARM_SCOPE, call, credentialFor, startTrusted } from './helpers';

type Json = Record<string, unknown>;
const P = DEMO_SUBSCRIPTIONS.production;
const snap = (name: string) => `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/${name}`;
const gallery = `/subscriptions/${P}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery`;
const code = (r: { json: unknown }): string => String(((r.json as Json).error as Json | undefined)?.code);
const message = (r: { json: unknown }): string => String(((r.json as Json).error as Json | undefined)?.message);

describe('gallery image versions from snapshots', () => {
  let sim: SimulatorHandle;
  let token: string;
  const arm = (method: string, path: string, body?: unknown) => call(sim, method, `${path}?api-version=2025-03-03`, token, body);
  const definition = (name: string, hyperVGeneration: string, securityType?: string) =>
    arm('PUT', `${gallery}/images/${name}`, {
      location: 'eastus',
      properties: {
        osType: 'Linux',
        osState: 'Generalized',
        hyperVGeneration,
        identifier: { publisher: 'p', offer: name, sku: 's' },
        ...(securityType ? { features: [{ name: 'SecurityType', value: securityType }] } : {}),
      },
    });
  const version = (def: string, name: string, storageProfile: unknown) =>
    arm('PUT', `${gallery}/images/${def}/versions/${name}`, {
      location: 'eastus',
      properties: { publishingProfile: { targetRegions: [{ name: 'eastus', regionalReplicaCount: 1, storageAccountType: 'Standard_ZRS' }] }, storageProfile },
    });

  before(async () => {
    sim = await startTrusted({ scenario: 'demo', lroMs: 0 });
    token = (await credentialFor(sim).getToken(ARM_SCOPE)).token;
    assert.equal((await definition('from-snaps', 'V1')).status, 201);
  });
  after(async () => {
    await sim.stop();
  });

  it('stores the OS and data-disk snapshot sources with their LUNs, sizes and host caching', async () => {
    const r = await version('from-snaps', '1.0.0', { osDiskImage: { source: { id: snap('snap-ubuntu-os-v1') } }, dataDiskImages: [{ lun: 2, source: { id: snap('snap-ubuntu-data-v1') } }] });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const stored = sim.getResource(`${gallery}/images/from-snaps/versions/1.0.0`);
    const storage = (stored?.properties as Json).storageProfile as Json;
    assert.equal(storage.source, undefined);
    assert.deepEqual(storage.osDiskImage, { source: { id: snap('snap-ubuntu-os-v1') }, sizeInGB: 64, hostCaching: 'ReadOnly' });
    const data = storage.dataDiskImages as Json[];
    assert.equal(data.length, 1);
    assert.equal(data[0].lun, 2);
    assert.deepEqual(data[0].source, { id: snap('snap-ubuntu-data-v1') });
    assert.equal(data[0].hostCaching, 'None');
    assert.equal(typeof data[0].sizeInGB, 'number');
  });

  it('refuses a missing snapshot, a source that is not a disk, duplicate or missing LUNs and data disks from another region', async () => {
    const cases: [unknown, RegExp][] = [
      [{ osDiskImage: { source: { id: snap('snap-that-does-not-exist') } } }, /was not found/],
      [{ osDiskImage: { source: { id: `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-ubuntu-v1` } } }, /must be a snapshot or a managed disk/],
      [{ osDiskImage: { source: { id: snap('snap-ubuntu-os-v1') } }, dataDiskImages: [{ lun: 0, source: { id: snap('snap-ubuntu-data-v1') } }, { lun: 0, source: { id: snap('snap-build-01-os') } }] }, /unique LUNs: LUN 0/],
      [{ osDiskImage: { source: { id: snap('snap-ubuntu-os-v1') } }, dataDiskImages: [{ source: { id: snap('snap-ubuntu-data-v1') } }] }, /dataDiskImages\[0\]\.lun' is missing/],
      [{ osDiskImage: { source: { id: snap('snap-ubuntu-os-v1') } }, dataDiskImages: [{ lun: 1, source: { id: snap('snap-ubuntu-os-westus2') } }] }, /is in 'westus2', not in 'eastus'/],
      [{}, /'storageProfile\.source\.id' or 'storageProfile\.osDiskImage\.source\.id' is missing/],
    ];
    for (const [i, [storageProfile, expected]] of cases.entries()) {
      const r = await version('from-snaps', `2.0.${i}`, storageProfile);
      assert.equal(r.status, 400, JSON.stringify(storageProfile));
      assert.equal(code(r), 'InvalidParameter');
      assert.match(message(r), expected);
      assert.equal(sim.getResource(`${gallery}/images/from-snaps/versions/2.0.${i}`), undefined, 'nothing stored');
    }
  });

  it('refuses a Trusted Launch snapshot into a Standard definition and Trusted Launch on generation 1', async () => {
    const standard = await version('from-snaps', '3.0.0', { osDiskImage: { source: { id: snap('snap-ubuntu-tl-os') } } });
    assert.equal(standard.status, 400);
    assert.match(message(standard), /Trusted Launch disk/);
    const gen1 = await definition('tl-gen1', 'V1', 'TrustedLaunch');
    assert.equal(gen1.status, 400);
    assert.match(message(gen1), /requires hyperVGeneration 'V2'/);
    assert.equal((await definition('standard-gen1', 'V1', 'Standard')).status, 201);
    assert.equal((await definition('tl-gen2', 'V2', 'TrustedLaunch')).status, 201);
    assert.equal((await version('tl-gen2', '1.0.0', { osDiskImage: { source: { id: snap('snap-ubuntu-tl-os') } } })).status, 201);
  });

  it('returns one stored resource through GET /__simulator/resource/{id}, 404 when absent', async () => {
    const id = `${gallery}/images/from-snaps/versions/1.0.0`;
    const r = await call(sim, 'GET', `/__simulator/resource${id}`, undefined);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, sim.getResource(id));
    const missing = await call(sim, 'GET', `/__simulator/resource${gallery}/images/from-snaps/versions/9.9.9`, undefined);
    assert.equal(missing.status, 404);
    assert.equal(code(missing), 'ResourceNotFound');
  });
});
