// Replays Microsoft's REST API examples (x-ms-examples from azure-rest-api-specs, kept in the
// repository under test/fixtures/azure-rest-examples with a SOURCES.md) against the simulator: same
// status code, and a response that carries every property of the example's response with the same
// names and JSON types. Every fixture file is replayed; a file nobody replays fails the suite.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SimulatorHandle } from '../../simulator/index';
import { ARM_SCOPE, BATCH_SCOPE, call, credentialFor, startTrusted } from './helpers';
import { shapeErrors } from './shape';
import { listRestExamples, restExamplesDir } from '../helpers/restExamples';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Example {
  file: string;
  parameters: Json;
  responses: Record<string, { body?: unknown }>;
}

/** How to replay one example; templates use the example's parameter names. */
interface Operation {
  plane: 'arm' | 'batch';
  method: string;
  path: string;
  body?: (p: Json) => unknown;
  /** self: create the target first; fromResponse: create it from the expected body; listItems: create each listed item. */
  prereq?: 'self' | 'fromResponse' | 'listItems' | 'dataPlanePoolFromResponse';
}

const RG = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}';
const COMPUTE = `${RG}/providers/Microsoft.Compute`;
const ACCOUNT = `${RG}/providers/Microsoft.Batch/batchAccounts/{accountName}`;
const IMAGE = `${COMPUTE}/images/{imageName}`;
const SNAPSHOT = `${COMPUTE}/snapshots/{snapshotName}`;
const GALLERY_IMAGE = `${COMPUTE}/galleries/{galleryName}/images/{galleryImageName}`;
const VERSION = `${GALLERY_IMAGE}/versions/{galleryImageVersionName}`;
const POOL = `${ACCOUNT}/pools/{poolName}`;
const arm = (method: string, path: string, extra: Partial<Operation> = {}): Operation => ({ plane: 'arm', method, path, ...extra });
const dp = (method: string, path: string, extra: Partial<Operation> = {}): Operation => ({ plane: 'batch', method, path, ...extra });
const imageCreate = arm('PUT', IMAGE, { body: (p) => p.parameters });

/** Every example file must be listed: an unknown file fails the suite instead of being skipped. */
const OPERATIONS: Record<string, Operation> = {
  AccountListSupportedImages: dp('GET', '/supportedimages'),
  PoolAdd_VirtualMachineConfiguration: dp('POST', '/pools', { body: (p) => p.pool }),
  Pools_CreatePool_VirtualMachineConfiguration: dp('POST', '/pools', { body: (p) => p.pool }),
  PoolGet_Basic: dp('GET', '/pools/{poolId}', { prereq: 'dataPlanePoolFromResponse' }),
  Pools_GetPool_Basic: dp('GET', '/pools/{poolId}', { prereq: 'dataPlanePoolFromResponse' }),
  BatchAccountGet: arm('GET', ACCOUNT, { prereq: 'fromResponse' }),
  BatchAccountList: arm('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Batch/batchAccounts', { prereq: 'listItems' }),
  LocationListVirtualMachineSkus: arm('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Batch/locations/{locationName}/virtualMachineSkus'),
  PoolCreate_SharedImageGallery: arm('PUT', POOL, { body: (p) => p.parameters }),
  PoolCreate_VirtualMachineConfiguration: arm('PUT', POOL, { body: (p) => p.parameters }),
  PoolDelete: arm('DELETE', POOL, { prereq: 'self' }),
  PoolGet: arm('GET', POOL, { prereq: 'fromResponse' }),
  PoolList: arm('GET', `${ACCOUNT}/pools`, { prereq: 'listItems' }),
  GalleryImageVersion_Get: arm('GET', VERSION, { prereq: 'fromResponse' }),
  Gallery_ListBySubscription: arm('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/galleries', { prereq: 'listItems' }),
  GalleryImageVersion_Create: arm('PUT', VERSION, { body: (p) => p.galleryImageVersion }),
  GalleryImage_Create: arm('PUT', GALLERY_IMAGE, { body: (p) => p.galleryImage }),
  Image_CreateFromASnapshot: imageCreate,
  Image_Create_DataDiskFromASnapshotIncluded: imageCreate,
  Image_CreateFromABlob: imageCreate,
  Image_CreateFromAVM: imageCreate,
  Image_ListByResourceGroup: arm('GET', `${COMPUTE}/images`, { prereq: 'listItems' }),
  Image_ListBySubscription: arm('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/images', { prereq: 'listItems' }),
  Image_Get: arm('GET', IMAGE, { prereq: 'fromResponse' }),
  Images_Delete_MaximumSet_Gen: arm('DELETE', IMAGE, { prereq: 'self' }),
  Snapshot_Create_FromAnExistingSnapshot: arm('PUT', SNAPSHOT, { body: (p) => p.snapshot }),
  Snapshot_ListByResourceGroup: arm('GET', `${COMPUTE}/snapshots`, { prereq: 'listItems' }),
  Snapshot_ListBySubscription: arm('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/snapshots', { prereq: 'listItems' }),
  Snapshot_Get: arm('GET', SNAPSHOT, { prereq: 'fromResponse' }),
};

/** Placeholders in Microsoft's examples become the simulator's subscription and plain names. */
function loadExample(file: string, subscriptionId: string): Example {
  const text = readFileSync(file, 'utf8')
    .replaceAll('{subscription-id}', subscriptionId)
    .replaceAll('{subscriptionId}', subscriptionId)
    .replaceAll('12345678-1234-1234-1234-123456789012', subscriptionId)
    .replace(/\{([A-Za-z-]+)\}/g, '$1');
  const parsed = JSON.parse(text) as Json;
  return { file, parameters: parsed.parameters as Json, responses: parsed.responses as Example['responses'] };
}

function fill(template: string, p: Json): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => encodeURIComponent(String(p[name])));
}

/** Ids of resource types the simulator stores (and nothing nested below them, like pool applications). */
const SIMULATED =
  /^\/?subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/(Microsoft\.Compute\/(snapshots|disks|images|virtualMachines)\/[^/]+|Microsoft\.Compute\/galleries\/[^/]+(\/images\/[^/]+(\/versions\/[^/]+)?)?|Microsoft\.Batch\/batchAccounts\/[^/]+(\/pools\/[^/]+)?)$/i;

function referencedIds(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string' && SIMULATED.test(value)) out.add(value.startsWith('/') ? value : `/${value}`);
  else if (Array.isArray(value)) value.forEach((v) => referencedIds(v, out));
  else if (isObj(value)) Object.values(value).forEach((v) => referencedIds(v, out));
  return out;
}

describe('fidelity: Microsoft REST API examples replayed against the simulator', () => {
  let sim: SimulatorHandle;
  let armToken: string;
  let batchToken: string;
  const dir = restExamplesDir();
  const relativeFiles = listRestExamples(dir);
  const files = relativeFiles.map((f) => join(dir, f));
  /** Files whose replay reached the end (status and shape compared). */
  const replayed = new Set<string>();

  before(async () => {
    sim = await startTrusted({ scenario: 'empty', lroMs: 0, allocationMs: 0, pageSize: 1 });
    const credential = credentialFor(sim);
    armToken = (await credential.getToken(ARM_SCOPE)).token;
    batchToken = (await credential.getToken(BATCH_SCOPE)).token;
  });
  after(async () => {
    await sim.stop();
  });

  it('finds the example fixtures, each mapped to an operation and named in SOURCES.md', () => {
    assert.ok(files.length > 0, `no example .json files under ${dir}`);
    const unmapped = files.map((f) => basename(f, '.json')).filter((n) => !OPERATIONS[n]);
    assert.deepEqual(unmapped, [], 'every example must be mapped to a simulated operation');
    const names = new Set(files.map((f) => basename(f, '.json')));
    assert.deepEqual(Object.keys(OPERATIONS).filter((n) => !names.has(n)), [], 'every mapped operation must have its example file');
    const sources = readFileSync(join(dir, 'SOURCES.md'), 'utf8');
    const listed = [...sources.matchAll(/^\| `([^`]+\.json)` \|/gm)].map((m) => m[1]).sort();
    assert.deepEqual(listed, relativeFiles, 'SOURCES.md lists exactly the fixture files');
    assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), /MIT License[\s\S]*Copyright \(c\) Microsoft Corporation/);
  });

  const apiPut = async (id: string, body: unknown, apiVersion: string): Promise<void> => {
    const r = await call(sim, 'PUT', `${id}?api-version=${apiVersion}`, armToken, body);
    assert.ok(r.status === 200 || r.status === 201, `prerequisite PUT ${id} -> ${r.status} ${JSON.stringify(r.json)}`);
  };

  async function ensureResourceGroup(id: string): Promise<void> {
    const m = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i.exec(id);
    if (!m) return;
    const r = await call(sim, 'PUT', `${m[0]}?api-version=2022-09-01`, armToken, { location: 'westus' });
    assert.ok(r.status === 200 || r.status === 201);
  }

  /** Creates a minimal resource (and its parents) so that references to it resolve. */
  async function ensureExists(id: string, apiVersion: string): Promise<void> {
    if (sim.getResource(id)) return;
    await ensureResourceGroup(id);
    const segs = id.split('/').filter(Boolean);
    const type = segs[segs.length - 2].toLowerCase();
    const parent = `/${segs.slice(0, -2).join('/')}`;
    if (!/\/providers\/[^/]+$/i.test(parent)) await ensureExists(parent, apiVersion);
    const rg = `/${segs.slice(0, 4).join('/')}`;
    const bodies: Record<string, () => Promise<unknown>> = {
      snapshots: async () => ({ location: 'westus', properties: { osType: 'Linux', diskSizeGB: 10, creationData: { createOption: 'Empty' } } }),
      disks: async () => ({ location: 'westus', properties: { osType: 'Linux', diskSizeGB: 10, creationData: { createOption: 'Empty' } } }),
      virtualMachines: async () => ({ location: 'westus', properties: { storageProfile: { osDisk: { osType: 'Linux', caching: 'ReadWrite', managedDisk: { id: `${rg}/providers/Microsoft.Compute/disks/${segs[segs.length - 1]}_OsDisk` } } } } }),
      images: async () => ({ location: 'westus', properties: { storageProfile: { osDisk: { osType: 'Linux', osState: 'Generalized', blobUri: 'https://example.blob.core.windows.net/vhds/prereq.vhd' } } } }),
      galleries: async () => ({ location: 'westus', properties: {} }),
      images_in_gallery: async () => ({ location: 'westus', properties: { osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'p', offer: 'o', sku: 's' } } }),
      versions: async () => {
        const source = `${rg}/providers/Microsoft.Compute/images/prereq-source`;
        await ensureExists(source, apiVersion);
        return { location: 'westus', properties: { publishingProfile: { targetRegions: [{ name: 'westus' }] }, storageProfile: { source: { id: source } } } };
      },
      batchaccounts: async () => ({ location: 'japaneast', properties: {} }),
      pools: async () => ({ properties: { vmSize: 'STANDARD_D2S_V3', deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { publisher: 'canonical', offer: 'o', sku: 's', version: 'latest' }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } } } }),
    };
    const key = type === 'images' && segs[segs.length - 4]?.toLowerCase() === 'galleries' ? 'images_in_gallery' : type === 'virtualmachines' ? 'virtualMachines' : type;
    const make = bodies[key];
    assert.ok(make, `no prerequisite recipe for ${id}`);
    await apiPut(id, await make(), type === 'batchaccounts' || type === 'pools' ? '2025-06-01' : '2025-04-01');
  }

  async function ensureReferences(value: unknown, except: string, apiVersion: string): Promise<void> {
    for (const ref of referencedIds(value)) if (ref.toLowerCase() !== except.toLowerCase()) await ensureExists(ref, apiVersion);
  }

  /** Creates a resource from an example's response body (ARM shape). */
  async function createFrom(body: Json, apiVersion: string): Promise<void> {
    const id = String(body.id);
    await ensureResourceGroup(id);
    const segs = id.split('/').filter(Boolean);
    const parent = `/${segs.slice(0, -2).join('/')}`;
    if (!/\/providers\/[^/]+$/i.test(parent)) await ensureExists(parent, apiVersion);
    // Self references (an example snapshot "copied" from itself) are satisfied by creating it first.
    await ensureReferences(body, '', apiVersion);
    const input: Json = { properties: body.properties };
    for (const k of ['location', 'tags', 'identity']) if (body[k] !== undefined) input[k] = body[k];
    await apiPut(id, input, apiVersion);
  }

  for (const file of files) {
    const name = basename(file, '.json');
    it(`${name} (${basename(join(file, '..'))})`, async () => {
      const op = OPERATIONS[name];
      assert.ok(op, `unmapped example ${name}`);
      await sim.reset();
      const ex = loadExample(file, sim.subscriptionIds[0]);
      const p = ex.parameters;
      const apiVersion = String(p['api-version']);
      const expectedStatuses = Object.keys(ex.responses).map(Number);
      let url: string;
      let token = armToken;
      if (op.plane === 'batch') {
        await ensureExists(`/subscriptions/${sim.subscriptionIds[0]}/resourceGroups/rg-fidelity/providers/Microsoft.Batch/batchAccounts/account`, '2025-06-01');
        url = `${sim.batchUrl('account')}${fill(op.path, p)}?api-version=${apiVersion}`;
        token = batchToken;
        if (op.prereq === 'dataPlanePoolFromResponse') {
          const r = await call(sim, 'POST', `${sim.batchUrl('account')}/pools?api-version=${apiVersion}`, token, ex.responses['200'].body);
          assert.equal(r.status, 201, JSON.stringify(r.json));
        }
      } else {
        const path = fill(op.path, p);
        url = `${path}?api-version=${apiVersion}`;
        await ensureResourceGroup(path);
        const isCollection = op.method === 'GET' && op.prereq === 'listItems';
        if (!isCollection) {
          const segs = path.split('/').filter(Boolean);
          const parent = `/${segs.slice(0, -2).join('/')}`;
          if (segs.length > 8) await ensureExists(parent, apiVersion);
        }
        if (op.prereq === 'self') await ensureExists(path, apiVersion);
        if (op.prereq === 'fromResponse') {
          const body = ex.responses['200'].body as Json;
          await createFrom({ ...body, id: path }, apiVersion);
        }
        if (op.prereq === 'listItems') {
          const page = ex.responses['200'].body as Json;
          const items = page.value as Json[];
          for (const item of items) await createFrom(item, apiVersion);
          // The example shows a nextLink: make sure the simulator pages too (page size is 1).
          if (page.nextLink !== undefined && items.length === 1) await createFrom({ ...items[0], id: `${String(items[0].id)}x` }, apiVersion);
        }
        if (op.body) await ensureReferences(op.body(p), path, apiVersion);
      }
      const res = await call(sim, op.method, url, token, op.body?.(p));
      assert.ok(expectedStatuses.includes(res.status), `status ${res.status} not among the example's ${expectedStatuses.join(', ')}: ${JSON.stringify(res.json)}`);
      const expected = ex.responses[String(res.status)]?.body;
      if (expected === undefined) {
        replayed.add(file);
        return;
      }
      let actual = res.json;
      if (isObj(expected) && Array.isArray(expected.value) && isObj(actual)) {
        // Follow every page so the comparison sees the whole collection.
        const all = [...(actual.value as unknown[])];
        let next = (actual.nextLink ?? actual['odata.nextLink']) as string | undefined;
        if (expected.nextLink !== undefined) assert.ok(next, 'the example pages (nextLink); the simulator must too');
        for (let i = 0; next && i < 100; i++) {
          const page = await call(sim, 'GET', next, token);
          assert.equal(page.status, 200);
          const body = page.json as Json;
          all.push(...(body.value as unknown[]));
          next = (body.nextLink ?? body['odata.nextLink']) as string | undefined;
        }
        actual = { ...actual, value: all, nextLink: expected.nextLink === undefined ? undefined : String(actual.nextLink) };
      }
      const errors = shapeErrors(expected, actual);
      assert.deepEqual(errors, [], `${name}: response differs from the example's shape`);
      replayed.add(file);
    });
  }

  it('replayed every fixture file to the end', () => {
    assert.deepEqual(files.filter((f) => !replayed.has(f)).map((f) => f.slice(dir.length + 1)), []);
    assert.equal(replayed.size, files.length);
  });
});
