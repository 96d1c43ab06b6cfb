// The wizards' naming rules and suggestions (pure): what Azure and Batch accept, checked as you type.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  imageNameProblem,
  nextVersionName,
  parseLuns,
  parseReplicaCounts,
  poolIdProblem,
  suggestedReplicaCount,
  versionNameProblem,
  galleryNameProblem,
  isoDurationProblem,
} from '../../../src/commands/steps/validation';

describe('image names', () => {
  it('accepts 1-80 letters, digits, _ . - starting alphanumeric and ending alphanumeric or _', () => {
    for (const ok of ['a', 'img-ubuntu_v1.2', 'x_', '9lives', 'a'.repeat(80)]) assert.equal(imageNameProblem(ok, [], 'rg'), undefined, ok);
  });
  it('refuses the rest with the rule that is broken', () => {
    assert.match(imageNameProblem('', [], 'rg') ?? '', /1-80/);
    assert.match(imageNameProblem('a'.repeat(81), [], 'rg') ?? '', /1-80/);
    assert.match(imageNameProblem('bad name', [], 'rg') ?? '', /only letters/);
    assert.match(imageNameProblem('-start', [], 'rg') ?? '', /start with a letter or digit/);
    assert.match(imageNameProblem('end.', [], 'rg') ?? '', /end with a letter, digit or underscore/);
    assert.match(imageNameProblem('end-', [], 'rg') ?? '', /end with/);
  });
  it('is unique in the resource group, ignoring case', () => {
    assert.equal(imageNameProblem('IMG', ['img'], 'rg-images'), "Resource group 'rg-images' already has an image named 'IMG'.");
  });
});

describe('pool ids', () => {
  it('letters, digits, hyphens, underscores, at most 64, unique in the account', () => {
    assert.equal(poolIdProblem('pool_1-a', [], 'acct'), undefined);
    assert.equal(poolIdProblem('p'.repeat(64), [], 'acct'), undefined);
    assert.match(poolIdProblem('p'.repeat(65), [], 'acct') ?? '', /1-64/);
    assert.match(poolIdProblem('pool.1', [], 'acct') ?? '', /only letters/);
    assert.match(poolIdProblem('Pool', ['pool'], 'acct') ?? '', /already has a pool/);
  });
});

describe('gallery versions', () => {
  it('suggests the next patch after the highest version, numerically', () => {
    assert.equal(nextVersionName([]), '1.0.0');
    assert.equal(nextVersionName(['1.0.0']), '1.0.1');
    assert.equal(nextVersionName(['0.9.0', '1.10.0', '1.9.3']), '1.10.1');
  });
  it('accepts Major.Minor.Patch that does not exist yet', () => {
    assert.equal(versionNameProblem('1.0.1', ['1.0.0']), undefined);
    assert.match(versionNameProblem('1.0', []) ?? '', /Major\.Minor\.Patch/);
    assert.match(versionNameProblem('1.0.0', ['1.0.0']) ?? '', /already exists/);
    assert.match(versionNameProblem('1.0.99999999999', []) ?? '', /Major/);
  });
  it('gallery names have no hyphens', () => {
    assert.equal(galleryNameProblem('my_gallery.1', []), undefined);
    assert.match(galleryNameProblem('my-gallery', []) ?? '', /no hyphens/);
  });
});

describe('replicas and LUNs', () => {
  it('suggests one replica per 300 planned nodes, at least one', () => {
    assert.deepEqual([0, 1, 300, 301, 900, 901].map(suggestedReplicaCount), [1, 1, 1, 2, 3, 4]);
  });
  it('reads region=count for every chosen region', () => {
    assert.deepEqual([...(parseReplicaCounts('eastus=2, westus2=1', ['eastus', 'westus2']).counts ?? [])], [['eastus', 2], ['westus2', 1]]);
    assert.match(parseReplicaCounts('eastus=2', ['eastus', 'westus2']).problem ?? '', /westus2/);
    assert.match(parseReplicaCounts('northeurope=1', ['eastus']).problem ?? '', /not one of the chosen regions/);
    assert.match(parseReplicaCounts('eastus=0', ['eastus']).problem ?? '', /1 to 100/);
  });
  it('reads one distinct LUN 0-63 per data disk', () => {
    assert.deepEqual(parseLuns('0, 2', 2).luns, [0, 2]);
    assert.match(parseLuns('0', 2).problem ?? '', /Give 2 LUN/);
    assert.match(parseLuns('1, 1', 2).problem ?? '', /its own LUN/);
    assert.match(parseLuns('64', 1).problem ?? '', /0 to 63/);
  });
  it('resizeTimeout is an ISO-8601 duration', () => {
    assert.equal(isoDurationProblem('PT15M'), undefined);
    assert.equal(isoDurationProblem('PT1H30M'), undefined);
    assert.match(isoDurationProblem('15m') ?? '', /ISO-8601/);
    assert.match(isoDurationProblem('PT') ?? '', /ISO-8601/);
  });
});
