import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validate } from '../helpers/miniSchema';
import { repoRoot } from '../helpers/repoRoot';
import { restExample } from '../helpers/restExamples';
import { armPool, armTemplate, dataPlanePool } from '../helpers/poolDocs';

const root = repoRoot();
const load = (name: string) => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')) as Record<string, unknown>;
const dataPlane = load('pool.dataplane.schema.json');
const arm = load('pool.arm.schema.json');

describe('JSON schemas', () => {
  it('are draft-07 with titles', () => {
    for (const s of [dataPlane, arm]) {
      assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.ok(typeof s.title === 'string' && s.description);
    }
  });
  it('accept well-formed pools of both shapes, templates and the saved Azure examples', () => {
    assert.deepEqual(validate(dataPlane, dataPlanePool({ natPools: 1, securityType: 'trustedLaunch' })), []);
    assert.deepEqual(validate(dataPlane, dataPlanePool({ autoScale: true })), []);
    assert.deepEqual(validate(arm, armPool({ natPools: 1 })), []);
    assert.deepEqual(validate(arm, armTemplate([armPool(), { type: 'Microsoft.Storage/storageAccounts', name: 'x' }])), []);
    assert.deepEqual(validate(arm, armTemplate([armPool({ dedicated: "[parameters('n')]", resizeTimeout: "[parameters('t')]" })])), []);
    const example = (p: string) => JSON.parse(readFileSync(restExample(p), 'utf8'));
    assert.deepEqual(validate(dataPlane, example('batch-dataplane/2024-07-01.20.0/PoolAdd_VirtualMachineConfiguration.json').parameters.pool), []);
    assert.deepEqual(validate(arm, example('batch-management/2026-08-01/PoolGet.json').responses['200'].body), []);
  });
  it('reject a resizeTimeout that is not an ISO-8601 duration, in both shapes', () => {
    const errs = validate(dataPlane, dataPlanePool({ resizeTimeout: '20 minutes' }));
    assert.equal(errs.length, 1);
    assert.match(errs[0], /resizeTimeout/);
    assert.equal(validate(arm, armPool({ resizeTimeout: 'PT' })).length, 1);
    assert.equal(validate(arm, armTemplate([armPool({ resizeTimeout: '30' })])).length, 1, 'also inside templates');
  });
  it('check ARM documents opened with the data-plane schema (a template named *.pool.json) by the ARM rules', () => {
    assert.deepEqual(validate(dataPlane, armTemplate([armPool()])), []);
    assert.deepEqual(validate(dataPlane, armPool()), []);
    assert.equal(validate(dataPlane, armTemplate([armPool({ resizeTimeout: '20m' })])).length, 1);
  });
  it('accept the usual ISO-8601 durations', () => {
    for (const d of ['PT15M', 'PT1H30M', 'P1DT2H', 'PT90S', 'PT0.5H']) assert.deepEqual(validate(dataPlane, dataPlanePool({ resizeTimeout: d })), [], d);
  });
  it('reject wrong types and negative counts', () => {
    assert.ok(validate(dataPlane, dataPlanePool({ dedicated: -1 })).length > 0);
    assert.ok(validate(dataPlane, dataPlanePool({ dedicated: 'five' })).length > 0);
    assert.ok(validate(dataPlane, { vmSize: 'x' }).some((e) => /missing id/.test(e)));
  });
  it('describe the properties the rules read', () => {
    const pool = (dataPlane.definitions as Record<string, Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>>).dataPlanePool;
    const vmc = pool.properties.virtualMachineConfiguration.properties;
    for (const key of ['imageReference', 'nodeAgentSKUId', 'securityProfile']) assert.ok(vmc[key].description ?? (vmc[key] as { anyOf?: unknown }).anyOf, key);
    const text = JSON.stringify(arm);
    for (const key of ['nodeAgentSkuId', 'inboundNatPools', 'fixedScale', 'autoScale', 'resizeTimeout']) assert.ok(text.includes(`"${key}"`), key);
  });
});
