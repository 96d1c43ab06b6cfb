// Azure refuses a gallery image version whose source differs from the parent definition in
// Hyper-V generation (409 Conflict), OS type or OS state (400 BadRequest), with the wording
// `az sig image-version create` reports; the simulator does the same (issue 14, item 2).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS, type SimulatorHandle } from '../../simulator/index';
import { ARM_SCOPE, call, credentialFor, startTrusted } from './helpers';

type Json = Record<string, unknown>;
const P = DEMO_SUBSCRIPTIONS.production;
const image = (name: string) => `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/images/${name}`;
const snap = (name: string) => `/subscriptions/${P}/resourceGroups/rg-images/providers/Microsoft.Compute/snapshots/${name}`;
const gallery = `/subscriptions/${P}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery`;
const error = (r: { json: unknown }): Json => ((r.json as Json).error as Json | undefined) ?? {};

describe('gallery image versions whose source does not fit the definition', () => {
  let sim: SimulatorHandle;
  let token: string;
  const arm = (method: string, path: string, body?: unknown) => call(sim, method, `${path}?api-version=2025-03-03`, token, body);
  const definition = (name: string, properties: Json) =>
    arm('PUT', `${gallery}/images/${name}`, { location: 'eastus', properties: { identifier: { publisher: 'p', offer: name, sku: 's' }, ...properties } });
  const version = (def: string, name: string, storageProfile: unknown) =>
    arm('PUT', `${gallery}/images/${def}/versions/${name}`, {
      location: 'eastus',
      properties: { publishingProfile: { targetRegions: [{ name: 'eastus', regionalReplicaCount: 1 }] }, storageProfile },
    });

  before(async () => {
    sim = await startTrusted({ scenario: 'demo', lroMs: 0 });
    token = (await credentialFor(sim).getToken(ARM_SCOPE)).token;
  });
  after(async () => {
    await sim.stop();
  });

  it('refuses a generation 1 managed image in a generation 2 definition with 409 Conflict', async () => {
    const r = await version('ubuntu-22.04-gen2', '9.0.0', { source: { id: image('img-ubuntu-v1') } });
    assert.equal(r.status, 409, JSON.stringify(r.json));
    assert.equal(error(r).code, 'Conflict');
    assert.match(String(error(r).message), /has a different Hypervisor generation \['V1'\] than the parent gallery image Hypervisor generation \['V2'\]/);
    assert.equal(sim.getResource(`${gallery}/images/ubuntu-22.04-gen2/versions/9.0.0`), undefined, 'nothing stored');
  });

  it('refuses a Windows image in a Linux definition and a generalized image in a specialized one (400 BadRequest)', async () => {
    assert.equal((await definition('linux-gen1', { osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V1' })).status, 201);
    // img-windows-2022 is generation 2, like the definition: only the OS type differs.
    const os = await version('ubuntu-22.04-gen2', '9.2.0', { source: { id: image('img-windows-2022') } });
    assert.equal(os.status, 400);
    assert.equal(error(os).code, 'BadRequest');
    assert.match(String(error(os).message), /different OS type \['Windows'\] than the parent gallery image OS type \['Linux'\]/);
    assert.equal((await definition('linux-gen1-specialized', { osType: 'Linux', osState: 'Specialized', hyperVGeneration: 'V1' })).status, 201);
    const state = await version('linux-gen1-specialized', '1.0.0', { source: { id: image('img-ubuntu-v1') } });
    assert.equal(state.status, 400);
    assert.match(String(error(state).message), /different OS state \['Generalized'\] than the parent gallery image OS state \['Specialized'\]/);
  });

  it('refuses a snapshot of another generation; takes a fitting image', async () => {
    // The snapshot records no generation: like Azure's disks of generation 1 VMs, it is V1.
    const r = await version('ubuntu-22.04-gen2', '9.1.0', { osDiskImage: { source: { id: snap('snap-ubuntu-os-v1') } } });
    assert.equal(r.status, 409, JSON.stringify(r.json));
    assert.equal(error(r).code, 'Conflict');
    assert.equal((await version('linux-gen1', '1.0.1', { source: { id: image('img-ubuntu-v1') } })).status, 201);
  });
});
