// Commands that create or change a pool judge the request they will send with every rule and
// fresh reads (issue 14, items 1 and 3): Create Pool on a Trusted Launch image sends the security
// profile the rules ask for; Resize stops a pool Azure will not resize before any request and
// shows the pool's resize errors in its first prompt.
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey, type LivePool } from '../../src/model';
import { rulesForLivePool } from '../../src/rules';
import { simulator } from './support/extensionApi';
import { PRODUCTION_SUBSCRIPTION, signedInDemoSuite } from './support/demoSuite';
import { answer, countOf, messagesOf, resourceCounts, runScripted, storedResource, wizard } from './support/userInput';

const production = PRODUCTION_SUBSCRIPTION;
const shared = '22222222-aaaa-4bbb-8ccc-000000000002';
const trustedLaunchVersion = `/subscriptions/${shared}/resourceGroups/rg-shared-gallery/providers/Microsoft.Compute/galleries/contoso_shared_images/images/ubuntu-trusted-launch/versions/1.0.0`;
const poolId = (account: string, name: string) => `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/${account}/pools/${name}`;

interface LoggedRequest {
  method: string;
  path: string;
  route: string;
}

/** Writes (PUT / PATCH / POST / DELETE) to a pool since the log was cleared. */
async function poolWrites(): Promise<LoggedRequest[]> {
  const log = await simulator<LoggedRequest[]>('GET', 'requests');
  return log.filter((r) => r.method !== 'GET' && /\/pools(\/|$|\?)/i.test(r.path));
}

describe('commands: every rule before a pool write (issue 14)', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('Create Pool on a Trusted Launch image sends the securityProfile, and the new pool passes trusted-launch-mismatch', async () => {
    const { result, session } = await runScripted<string>(
      api,
      'azureBatchImages.createPoolFromImage',
      [
        answer.pick('Batch account', 'batchprodeast'),
        ...wizard.newPool('it-trusted-launch', 'batch.node.ubuntu 22.04', '1', '0'),
        // The image lives in another subscription of the tenant: a Warning, no error.
        answer.pick(/it-trusted-launch: 1 finding\(s\) \(step \d+ of \d+\) — The rules found warnings$/, 'Create pool'),
        answer.create(),
      ],
      trustedLaunchVersion,
    );
    const expected = poolId('batchprodeast', 'it-trusted-launch');
    assert.equal(armIdKey(result), armIdKey(expected));
    const stored = await storedResource<{ properties: { deploymentConfiguration: { virtualMachineConfiguration: { securityProfile?: { securityType?: string; uefiSettings?: Record<string, boolean> } } } } }>(expected);
    const profile = stored.properties.deploymentConfiguration.virtualMachineConfiguration.securityProfile;
    assert.equal(profile?.securityType, 'trustedLaunch', 'Azure received the security profile where Batch reads it');
    assert.deepEqual(profile?.uefiSettings, { secureBootEnabled: true, vTpmEnabled: true });
    const pool = api.inventory.current.poolsById.get(armIdKey(expected));
    assert.ok(pool, 'the new pool is in the inventory');
    const codes = rulesForLivePool(pool, { inventory: api.inventory.current, now: new Date() }).map((f) => f.code);
    assert.equal(codes.includes('trusted-launch-mismatch'), false, `the tree marks nothing the command built: ${codes.join(', ')}`);
    assert.deepEqual(messagesOf(session, 'error'), []);
  });

  it('Resize of a pool on a deleted managed image stops before any request; its first prompt shows the resize errors', async () => {
    await simulator('DELETE', 'requests');
    const before = countOf(await resourceCounts(), 'pools');
    const id = poolId('batchprodeast', 'pool-alloc-failed');
    const { session } = await runScripted<LivePool | undefined>(
      api,
      'azureBatchImages.resizePool',
      [answer.pick(/^Resize Pool pool-alloc-failed: \d+ finding\(s\), \d+ error\(s\)/, 'Cancel')],
      id,
    );
    assert.equal(session.asked.length, 1, `one prompt: ${session.asked.join(' | ')}`);
    assert.match(session.asked[0], /Last resize error: AllocationFailed: /, 'the resize error is in the first prompt');
    assert.deepEqual(await poolWrites(), [], 'no request was sent to the pool');
    assert.equal(countOf(await resourceCounts(), 'pools'), before);
  });

  it('Resize of a managed-image pool lists managed-image-retired first; insisting goes on with the resize', async () => {
    await simulator('DELETE', 'requests');
    const id = poolId('batchprodeast', 'pool-region-mismatch');
    const { session } = await runScripted<LivePool | undefined>(
      api,
      'azureBatchImages.resizePool',
      [answer.pick(/^Resize Pool pool-region-mismatch: \d+ finding\(s\), \d+ error\(s\)/, 'Cancel')],
      id,
    );
    assert.match(session.asked[0], /the resize is likely to fail/);
    assert.doesNotMatch(session.asked[0], /JSON/, 'a resize has no JSON to fix');
    assert.deepEqual(await poolWrites(), []);
  });
});
