// Which way each pool moves (Pool - Update in place, or a replacement) and what a replacement keeps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { poolMigrationMethod, replacementPoolBody, replacementPoolName, securityProfileFor } from '../../../src/rules';
import { account, livePool } from '../helpers/inventoryBuilder';

const acct = account('acct');

describe('migration plan', () => {
  it('updates in place only a steady pool with no nodes and none planned, at api-version 2024-07-01 or later', () => {
    const empty = livePool('empty', acct, { scale: { kind: 'fixed', targetDedicatedNodes: 0, targetLowPriorityNodes: 0 } });
    assert.equal(poolMigrationMethod(empty, '2025-06-01').method, 'update');
    assert.equal(poolMigrationMethod(empty, '2024-07-01').method, 'update');
    assert.equal(poolMigrationMethod(empty, '2024-02-01').method, 'replace');
    assert.equal(poolMigrationMethod({ ...empty, currentLowPriorityNodes: 1 }, '2025-06-01').method, 'replace');
    assert.equal(poolMigrationMethod({ ...empty, allocationState: 'Resizing' }, '2025-06-01').method, 'replace');
    assert.equal(poolMigrationMethod({ ...empty, scale: { kind: 'fixed', targetDedicatedNodes: 3, targetLowPriorityNodes: 0 } }, '2025-06-01').method, 'replace');
    assert.equal(poolMigrationMethod({ ...empty, scale: { kind: 'auto', formula: '$TargetDedicatedNodes=0;' } }, '2025-06-01').method, 'replace');
    assert.match(poolMigrationMethod({ ...empty, currentDedicatedNodes: 10, scale: { kind: 'fixed', targetDedicatedNodes: 10, targetLowPriorityNodes: 0 } }, '2025-06-01').reason, /10 nodes/);
  });

  it('names the replacement {pool}-gallery, within 64 characters, and avoids taken names', () => {
    assert.equal(replacementPoolName('pool-a', new Set()), 'pool-a-gallery');
    assert.equal(replacementPoolName('pool-a', new Set(['pool-a-gallery'])), 'pool-a-gallery-2');
    const long = 'p'.repeat(64);
    assert.equal(replacementPoolName(long, new Set()).length, 64);
    assert.ok(replacementPoolName(long, new Set()).endsWith('-gallery'));
  });

  it('keeps every property of the pool but the image, leaves out what Azure computes, and keeps identities by id only', () => {
    const resource = {
      properties: {
        vmSize: 'STANDARD_D4S_V3',
        deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: '/old' }, nodeAgentSkuId: 'batch.node.ubuntu 22.04', dataDisks: [{ lun: 0, diskSizeGB: 10 }] } },
        scaleSettings: { fixedScale: { targetDedicatedNodes: 10, targetLowPriorityNodes: 2, resizeTimeout: 'PT20M' } },
        networkConfiguration: { subnetId: '/subnet' },
        startTask: { commandLine: 'echo hi' },
        mountConfiguration: [{ azureBlobFileSystemConfiguration: { containerName: 'c' } }],
        metadata: [{ name: 'team', value: 'x' }],
        allocationState: 'Steady',
        currentDedicatedNodes: 10,
        resizeOperationStatus: { errors: [] },
        creationTime: 'then',
        provisioningState: 'Succeeded',
      },
      identity: { type: 'UserAssigned', userAssignedIdentities: { '/mi': { principalId: 'p', clientId: 'c' } } },
    };
    const body = replacementPoolBody(resource, { imageId: '/new', nodeAgentSkuId: 'batch.node.ubuntu 22.04', securityProfile: securityProfileFor('TrustedLaunch') });
    const expected = structuredClone(resource.properties) as Record<string, unknown>;
    for (const k of ['allocationState', 'currentDedicatedNodes', 'resizeOperationStatus', 'creationTime', 'provisioningState']) delete expected[k];
    expected.deploymentConfiguration = {
      virtualMachineConfiguration: {
        imageReference: { id: '/new' },
        nodeAgentSkuId: 'batch.node.ubuntu 22.04',
        dataDisks: [{ lun: 0, diskSizeGB: 10 }],
        securityProfile: { securityType: 'trustedLaunch', uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      },
    };
    assert.deepEqual(body.properties, expected);
    assert.deepEqual(body.identity, { type: 'UserAssigned', userAssignedIdentities: { '/mi': {} } });
    assert.equal((resource.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference as { id: string }).id, '/old', 'the input is not changed');
    assert.equal(replacementPoolBody({ properties: {}, identity: { type: 'None' } }, { imageId: '/x', nodeAgentSkuId: 's' }).identity, undefined);
  });
});
