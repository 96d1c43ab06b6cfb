// Azure's naming rules, the one gate every name passes before it goes into a request URL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { armPoolNameProblem, azureNameProblem, checkArmId, isValidAzureName, RESOURCE_TYPES, type AzureNameKind } from '../../../src/model';

const SUB = '11111111-aaaa-4bbb-8ccc-000000000001';
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;

describe('azureNameProblem', () => {
  const cases: [AzureNameKind, string[], string[]][] = [
    ['batchPool', ['pool-1', 'Pool_2', 'x'.repeat(64)], ['..', '.', 'a/b', 'a.b', 'has space', 'x'.repeat(65), '', 'pool?x', 'pool#x', 'pool%2e', 'ümlaut']],
    ['batchAccount', ['batchprodeast', 'abc', 'a1'.repeat(12)], ['ab', 'UpperCase', 'with-hyphen', 'x'.repeat(25), '..']],
    ['resourceGroup', ['rg-batch', 'rg.with.dots', 'rg_(1)', 'grüße'], ['..', '.', 'ends.', 'a/b', 'x'.repeat(91), '', 'sp ace']],
    ['managedImage', ['img-build-01', 'ok_name-1.2_'], ['-start', 'end.', 'end-', '..', 'x'.repeat(81)]],
    ['snapshot', ['snap-ubuntu-os-v1'], ['..', 'a/b']],
    ['gallery', ['contoso_prod_gallery', 'dots.and_underscores'], ['no-hyphens', '..', '_start']],
    ['galleryImageDefinition', ['ubuntu-22.04-gen2'], ['..', 'end-', 'a/b']],
    ['galleryImageVersion', ['1.0.0', '2147483647.0.1'], ['1.0', '..', '1.0.0.0', 'v1.0.0', '2147483648.0.0']],
    ['subscriptionId', [SUB], ['..', 'not-a-guid', `${SUB}/x`]],
    ['location', ['westeurope', 'eastus2'], ['West Europe', '..', 'east/us']],
    ['vmExtension', ['CustomScript', 'Microsoft.Azure.Monitor'], ['.', '..', 'a/b']],
  ];
  for (const [kind, good, bad] of cases) {
    it(`${kind}: accepts ${good.length} valid names, refuses ${bad.length} invalid ones`, () => {
      for (const name of good) assert.equal(azureNameProblem(kind, name), undefined, `${kind} ${name}`);
      for (const name of bad) assert.ok(azureNameProblem(kind, name), `${kind} ${JSON.stringify(name)} must be refused`);
    });
  }
  it('says what the rule is and quotes the name escaped and clipped', () => {
    assert.equal(azureNameProblem('batchPool', '..'), '".." is not a valid Batch pool id: Azure allows 1-64 letters, digits, hyphens and underscores.');
    const hostile = `a\n\u001b[2J${'x'.repeat(5000)}`;
    const message = azureNameProblem('batchPool', hostile) ?? '';
    assert.ok(!message.includes('\n') && !message.includes('\u001b'), message);
    assert.ok(message.length < 300, `${message.length} characters`);
    assert.equal(isValidAzureName('batchPool', 'pool-1'), true);
  });
});

describe('armPoolNameProblem', () => {
  it('refuses the traversal and any other bad segment, accepts ACCOUNT/POOL and POOL', () => {
    assert.match(armPoolNameProblem('acct/..', false) ?? '', /"\.\." is not a valid Batch pool id/);
    assert.match(armPoolNameProblem('acct/.', false) ?? '', /not a valid Batch pool id/);
    assert.match(armPoolNameProblem('ACCT/pool', false) ?? '', /not a valid Batch account name/);
    assert.match(armPoolNameProblem('acct/pool/extra', false) ?? '', /must be ACCOUNT\/POOL/);
    assert.match(armPoolNameProblem('acct/pool', true) ?? '', /pool id alone/);
    assert.equal(armPoolNameProblem('batchprodeast/pool-1', false), undefined);
    assert.equal(armPoolNameProblem('pool-1', false), undefined);
    assert.equal(armPoolNameProblem('pool-1', true), undefined);
  });
});

describe('checkArmId', () => {
  it('checks every segment of an id of the expected type', () => {
    assert.equal(checkArmId(`${ACCOUNT}/pools/pool-1`, RESOURCE_TYPES.batchPool).ok, true);
    for (const bad of [`${ACCOUNT}/pools/..`, `${ACCOUNT}/pools/.`, `/subscriptions/${SUB}/resourceGroups/../providers/Microsoft.Batch/batchAccounts/a1b/pools/p`, `/subscriptions/../resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/abc/pools/p`, `${ACCOUNT}/pools/p/extra/x`, ACCOUNT]) {
      const r = checkArmId(bad, RESOURCE_TYPES.batchPool);
      assert.equal(r.ok, false, bad);
    }
    const version = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/galleries/g1/images/def/versions/1.0.0`;
    assert.equal(checkArmId(version, RESOURCE_TYPES.galleryImageVersion).ok, true);
    assert.equal(checkArmId(version.replace('/images/def/', '/images/../'), RESOURCE_TYPES.galleryImageVersion).ok, false);
  });
});
