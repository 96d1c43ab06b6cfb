// Migrate Pools to Azure Compute Gallery… on the demo's img-ubuntu-v1 (pool-shared-a and
// pool-shared-b, 10 and 20 nodes): the plan first, then a published version and one replacement
// per pool with every other property as it was (compared through the simulator's raw resources),
// `check` finding no managed-image-retired on them; and the same migration interrupted after the
// publish step and after the first pool, then resumed, ending with exactly one version and one
// replacement per pool.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtensionApi } from '../../src/extension';
import { checkFiles } from '../../src/cli';
import { armIdKey } from '../../src/model';
import type { MigrationOutcome } from '../../src/commands/migrate/migrateImage';
import { simulator } from './support/extensionApi';
import { answer, countOf, messagesOf, resetDemo, resourceCounts, runScripted, storedResource, wizard } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';

const MIGRATE = 'azureBatchImages.migrateImage';
const production = PRODUCTION_SUBSCRIPTION;
const image = `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-ubuntu-v1`;
const pools = `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast/pools`;
// img-ubuntu-v1 is Hyper-V generation V1: the demo's ubuntu-22.04-gen2 cannot take it, so the
// migration publishes into a new V1 definition, whose first version is 1.0.0.
const definition = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen1`;
const version = `${definition}/versions/1.0.0`;

interface StoredPool {
  id: string;
  properties: Record<string, unknown> & { deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: string }; nodeAgentSkuId: string } } };
  identity?: unknown;
}

/** What Azure computes for a pool (not part of its specification). */
const COMPUTED = ['allocationState', 'allocationStateTransitionTime', 'creationTime', 'currentDedicatedNodes', 'currentLowPriorityNodes', 'lastModified', 'provisioningState', 'provisioningStateTransitionTime', 'resizeOperationStatus', 'autoScaleRun', 'currentNodeCommunicationMode'];

function specification(pool: StoredPool): Record<string, unknown> {
  const properties = structuredClone(pool.properties) as Record<string, unknown>;
  for (const k of COMPUTED) delete properties[k];
  const vmc = (properties.deploymentConfiguration as { virtualMachineConfiguration: Record<string, unknown> }).virtualMachineConfiguration;
  delete vmc.imageReference;
  return properties;
}

/**
 * The wizard's answers for the first version of a new definition ubuntu-22.04-gen1 (generation,
 * OS and security type carried over from the V1 source; the suggested publisher, offer and SKU)
 * with the suggested regions and replicas, ending with the summary's Publish.
 */
const publishAnswers = [
  answer.pick('gallery version', 'Publish a New Version…'),
  ...wizard.newDefinition('contoso_prod_gallery', 'ubuntu-22.04-gen1'),
  answer.create(),
];

async function exists(id: string): Promise<boolean> {
  try {
    await storedResource(id);
    return true;
  } catch (error) {
    if (/404/.test(String(error))) return false;
    throw error;
  }
}

describe('commands: Migrate Pools to Azure Compute Gallery', function () {
  this.timeout(240_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('from the palette asks the image first, as step 1 of 9', async () => {
    const before = await resourceCounts();
    const { session } = await runScripted(api, MIGRATE, [answer.pick('image', 'img-ubuntu-v1'), answer.cancel('gallery version')]);
    assert.match(session.asked[0] ?? '', /: image \(step 1 of 9\)( — |$)/);
    assert.match(session.asked[1] ?? '', /: gallery version \(step 2 of 9\)( — |$)/);
    assert.deepEqual(await resourceCounts(), before, 'Escape changed nothing');
  });

  it('shows the plan, publishes, replaces both pools keeping every other property, and deletes the old pools only after confirmation', async () => {
    const before = await resourceCounts();
    const originals = await Promise.all(['pool-shared-a', 'pool-shared-b'].map((n) => storedResource<StoredPool>(`${pools}/${n}`)));
    const { result, session } = await runScripted<MigrationOutcome>(
      api,
      MIGRATE,
      [
        ...publishAnswers,
        answer.confirm(/Migrate the 2 pools of img-ubuntu-v1.*Publish img-ubuntu-v1 as contoso_prod_gallery\/ubuntu-22\.04-gen1\/1\.0\.0.*pool-shared-a: create pool-shared-a-gallery.*pool-shared-b: create pool-shared-b-gallery.*Nothing is deleted without that confirmation/s),
        answer.confirm(/Delete the 2 old pools of img-ubuntu-v1/),
      ],
      api.explorer.provider.findNode(image),
    );
    assert.equal(result.complete, true, session.messages.map((m) => m.message).join(' | '));
    assert.deepEqual(messagesOf(session, 'error'), []);
    // The plan came before any change: the only prompts before it are the version questions.
    assert.match(session.asked[publishAnswers.length] ?? '', /Migrate the 2 pools/);
    // Every question says where the user is: from the image's node, the usual path has eight
    // (version source, then Publish's seven); this run's new definition asks five more.
    const steps = session.asked.slice(0, publishAnswers.length).map((t) => /\(step (\d+) of (\d+)\)/.exec(t));
    assert.ok(steps.every((m) => m !== null), `a question without "step n of m": ${session.asked.join(' | ')}`);
    assert.deepEqual(steps.map((m) => Number(m?.[1])), publishAnswers.map((_, i) => i + 1));
    assert.equal(Number(steps[0]?.[2]), 8, session.asked[0]);
    assert.ok(steps.every((m) => Number(m?.[1]) <= Number(m?.[2])), 'n never exceeds m');

    const storedVersion = await storedResource<{ tags?: Record<string, string>; properties: { provisioningState: string } }>(version);
    assert.equal(storedVersion.properties.provisioningState, 'Succeeded');
    assert.equal(armIdKey(storedVersion.tags?.['batch-images-migrated-from'] ?? ''), armIdKey(image));
    // The new definition fits the source: generation V1, as the managed image is.
    const storedDefinition = await storedResource<{ properties: { hyperVGeneration?: string; osType: string; identifier: Record<string, string> } }>(definition);
    assert.equal(storedDefinition.properties.hyperVGeneration ?? 'V1', 'V1');
    assert.equal(storedDefinition.properties.osType, 'Linux');
    assert.deepEqual(storedDefinition.properties.identifier, { publisher: 'BatchImages', offer: 'ubuntu-22.04-gen1', sku: 'gen1' });

    for (const original of originals) {
      const name = original.id.split('/').pop() ?? '';
      const replacement = await storedResource<StoredPool>(`${pools}/${name}-gallery`);
      assert.equal(armIdKey(replacement.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.id), armIdKey(version));
      // Property by property: everything but the image reference is what the old pool had.
      const want = specification(original);
      const got = specification(replacement);
      assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
      for (const key of Object.keys(want)) assert.deepEqual(got[key], want[key], `${name}-gallery: ${key}`);
      assert.deepEqual(replacement.identity, original.identity);
      assert.equal(replacement.properties.allocationState, 'Steady');
      assert.equal(replacement.properties.currentDedicatedNodes, original.properties.currentDedicatedNodes);
      // `check` on the exported specification finds no retired image.
      const account = api.inventory.current.account(`/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`);
      const checked = checkFiles({ files: [{ file: `${name}-gallery.json`, text: JSON.stringify(replacement, null, 2) }], inventory: api.inventory.current, account, now: new Date() });
      assert.equal(checked.filesWithoutPools.length, 0);
      assert.deepEqual(checked.findings.filter((f) => f.code === 'managed-image-retired'), []);
      assert.equal(await exists(original.id), false, `${name} was deleted after the confirmation`);
    }
    const after = await resourceCounts();
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions') + 1);
    assert.equal(countOf(after, 'galleryImages'), countOf(before, 'galleryImages') + 1);
    assert.equal(countOf(after, 'pools'), countOf(before, 'pools'));
  });

  it('interrupted after the publish step and after the first pool, then resumed: one version and one replacement per pool', async () => {
    await resetDemo(api);
    const before = await resourceCounts();
    // Run 1: the version is published, then creating the first replacement fails.
    await simulator('POST', 'fail-next', { operation: 'poolCreate', code: 'InternalServerError', message: 'The server encountered an internal error (simulated).' });
    const first = await runScripted<MigrationOutcome>(api, MIGRATE, [...publishAnswers, answer.confirm(/Migrate the 2 pools of img-ubuntu-v1/)], image);
    assert.equal(first.result.complete, false);
    assert.match(messagesOf(first.session, 'error').join('\n'), /InternalServerError: The server encountered an internal error \(simulated\)\./);
    assert.equal(await exists(version), true, 'the published version stays');
    assert.equal(await exists(`${pools}/pool-shared-a-gallery`), false);

    // Run 2: resumed without asking the version questions again; the second replacement fails.
    await simulator('POST', 'fail-next', { operation: 'poolCreate', code: 'InternalServerError', message: 'Simulated again.', skip: 1 });
    const second = await runScripted<MigrationOutcome>(api, MIGRATE, [answer.pick('did not finish', 'Resume'), answer.confirm(/Version contoso_prod_gallery\/ubuntu-22\.04-gen1\/1\.0\.0: ready/)], image);
    assert.equal(second.result.complete, false);
    assert.equal(await exists(`${pools}/pool-shared-a-gallery`), true);
    assert.equal(await exists(`${pools}/pool-shared-b-gallery`), false);

    // Run 3: resumed again; it finishes, and the old pools stay when deletion is declined.
    const third = await runScripted<MigrationOutcome>(
      api,
      MIGRATE,
      [answer.pick('did not finish', 'Resume'), answer.confirm(/pool-shared-a: create pool-shared-a-gallery.*\(done\)/s), answer.confirm(/Delete the 2 old pools/, false)],
      image,
    );
    assert.equal(third.result.complete, true, third.session.messages.map((m) => m.message).join(' | '));
    const after = await resourceCounts();
    assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions') + 1, 'exactly one new version');
    assert.equal(countOf(after, 'galleryImages'), countOf(before, 'galleryImages') + 1, 'exactly one new definition');
    assert.equal(countOf(after, 'pools'), countOf(before, 'pools') + 2, 'exactly one replacement per pool; the old pools stay');
    for (const name of ['pool-shared-a', 'pool-shared-b']) {
      assert.equal(await exists(`${pools}/${name}`), true);
      const replacement = await storedResource<StoredPool>(`${pools}/${name}-gallery`);
      assert.equal(armIdKey(replacement.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.id), armIdKey(version));
    }
    assert.equal(api.inventory.current.snapshot.pools.filter((p) => /pool-shared-[ab]-gallery/.test(p.name)).length, 2);
  });
  it('changes the image in place of a pool scaled to zero (Pool - Update), keeping every other property and creating no pool', async () => {
    // Azure changes a pool's image only while it is steady with no node (and refuses any resize of
    // a pool on a managed image, so it cannot be scaled down here): the demo scenario with
    // pool-region-mismatch (batchprodeast, on img-ubuntu-westus2, no node) already scaled to zero.
    const demo = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'simulator', 'scenarios', 'demo.json'), 'utf8')) as { resources: { id: string; properties?: Record<string, unknown> }[] };
    const id = `${pools}/pool-region-mismatch`;
    const stored = demo.resources.find((r) => armIdKey(r.id) === armIdKey(id));
    assert.ok(stored?.properties);
    stored.properties.scaleSettings = { fixedScale: { targetDedicatedNodes: 0, targetLowPriorityNodes: 0, resizeTimeout: 'PT20M' } };
    const scenario = join(mkdtempSync(join(tmpdir(), 'abi-it-')), 'demo-scaled-to-zero.json');
    writeFileSync(scenario, JSON.stringify(demo));
    await simulator('POST', 'scenario', { scenario });
    try {
      await api.inventory.refresh();
      await api.inventory.whenIdle();
      const westImage = `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-ubuntu-westus2`;
      const original = await storedResource<StoredPool>(id);
      const before = await resourceCounts();
      const { result, session } = await runScripted<MigrationOutcome>(
        api,
        MIGRATE,
        [
          answer.pick('gallery version', 'Publish a New Version…'),
          // The gallery's ubuntu-westonly is generation V2 and cannot take this V1 image: a new definition.
          ...wizard.newDefinition(/contoso_west_gallery/, 'ubuntu-westus2-gen1'),
          answer.create(),
          answer.confirm(/^Migrate the pool of img-ubuntu-westus2 to Azure Compute Gallery\?.*pool-region-mismatch: change its image in place/s),
        ],
        westImage,
      );
      assert.equal(result.complete, true, session.messages.map((m) => m.message).join(' | '));
      assert.deepEqual(result.record.pools.map((p) => [p.poolName, p.method]), [['pool-region-mismatch', 'update']]);
      assert.ok(!session.asked.some((t) => /Delete the/.test(t)), 'nothing to delete after an in-place change');
      assert.ok(messagesOf(session, 'information').some((m) => m.startsWith('The pool of img-ubuntu-westus2 now runs on ')), messagesOf(session, 'information').join(' | '));
      const updated = await storedResource<StoredPool>(id);
      assert.equal(armIdKey(updated.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.id), armIdKey(result.record.versionId));
      assert.deepEqual(specification(updated), specification(original), 'every property but the image is as it was');
      const after = await resourceCounts();
      assert.equal(countOf(after, 'pools'), countOf(before, 'pools'), 'no replacement pool');
      assert.equal(countOf(after, 'galleryImageVersions'), countOf(before, 'galleryImageVersions') + 1);
    } finally {
      // Back to the demo for the suites after this one.
      await simulator('POST', 'scenario', { scenario: 'demo' });
      await api.inventory.refresh();
      await api.inventory.whenIdle();
    }
  });
});
