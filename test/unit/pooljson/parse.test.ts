import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parsePoolDocument } from '../../../src/pooljson';
import { armPool, armTemplate, dataPlanePool, doc, keyRange, rangeOf, valueRange } from '../helpers/poolDocs';
import { restExample } from '../helpers/restExamples';

const IMG = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-images/providers/Microsoft.Compute/images/imgA';

describe('parsePoolDocument: data plane', () => {
  const text = doc(dataPlanePool({ dedicated: 7, lowPriority: 3, resizeTimeout: 'PT12M', natPools: 2 }));
  const d = parsePoolDocument(text);
  const spec = d.specs[0];

  it('recognises the shape', () => {
    assert.equal(d.kind, 'dataPlane');
    assert.equal(d.specs.length, 1);
    assert.equal(spec.shape, 'dataPlane');
    assert.deepEqual(d.syntaxErrors, []);
  });
  it('reads values with exact value and key ranges', () => {
    assert.equal(spec.name?.value, 'pool1');
    assert.equal(spec.imageId?.value, IMG);
    assert.deepEqual(spec.imageId?.range, rangeOf(text, JSON.stringify(IMG)));
    assert.deepEqual(spec.imageId?.keyRange, keyRange(text, 'virtualMachineImageId'));
    assert.equal(spec.nodeAgentSkuId?.value, 'batch.node.ubuntu 22.04');
    assert.deepEqual(spec.nodeAgentSkuId?.keyRange, keyRange(text, 'nodeAgentSKUId'));
    assert.equal(spec.targetDedicatedNodes?.value, 7);
    assert.deepEqual(spec.targetDedicatedNodes?.range, valueRange(text, 'targetDedicatedNodes', 7));
    assert.equal(spec.targetLowPriorityNodes?.value, 3);
    assert.equal(spec.resizeTimeout?.value, 'PT12M');
    assert.deepEqual(spec.resizeTimeout?.range, valueRange(text, 'resizeTimeout', 'PT12M'));
    assert.equal(spec.inboundNatPools?.value, 2);
    assert.equal(spec.autoScale, undefined);
    assert.deepEqual(spec.range, { offset: 0, length: text.length });
    assert.deepEqual(spec.path, []);
    assert.deepEqual(spec.anchors.virtualMachineConfiguration?.keyRange, keyRange(text, 'virtualMachineConfiguration'));
  });
  it('reads autoscale and security profile', () => {
    const t = doc(dataPlanePool({ autoScale: true, securityType: 'trustedLaunch' }));
    const s = parsePoolDocument(t).specs[0];
    assert.equal(s.autoScale?.value, true);
    assert.equal(s.securityProfile?.value?.securityType, 'trustedLaunch');
    assert.equal(s.securityProfile?.value?.vTpmEnabled, true);
  });
  it('reads property names case-insensitively (ARM spelling in a data-plane file)', () => {
    const t = '{"id":"p","virtualMachineConfiguration":{"imageReference":{"virtualMachineImageId":"x"},"nodeAgentSkuId":"sku"},"targetDedicatedNodes":1}';
    assert.equal(parsePoolDocument(t).specs[0].nodeAgentSkuId?.value, 'sku');
  });
});

describe('parsePoolDocument: ARM pool resource', () => {
  const text = doc(armPool({ name: 'myacct/mypool', dedicated: 5, natPools: 1 }));
  const d = parsePoolDocument(text);
  const spec = d.specs[0];
  it('recognises the shape and reads the ARM paths', () => {
    assert.equal(d.kind, 'arm');
    assert.equal(spec.shape, 'arm');
    assert.equal(spec.name?.value, 'mypool');
    assert.equal(spec.accountName, 'myacct');
    assert.equal(spec.imageId?.value, IMG);
    assert.deepEqual(spec.imageId?.keyRange, keyRange(text, 'id'));
    assert.deepEqual(spec.nodeAgentSkuId?.keyRange, keyRange(text, 'nodeAgentSkuId'));
    assert.equal(spec.targetDedicatedNodes?.value, 5);
    assert.equal(spec.resizeTimeout?.value, 'PT30M');
    assert.equal(spec.inboundNatPools?.value, 1);
    assert.deepEqual(spec.anchors.fixedScale?.keyRange, keyRange(text, 'fixedScale'));
  });
  it('recognises a bare properties bag (SDK / REST body)', () => {
    const body = { properties: (armPool() as { properties: unknown }).properties };
    const s = parsePoolDocument(doc(body));
    assert.equal(s.kind, 'arm');
    assert.equal(s.specs[0].imageId?.value, IMG);
  });
  it('treats scaleSettings.autoScale as autoscale', () => {
    const s = parsePoolDocument(doc(armPool({ autoScale: true }))).specs[0];
    assert.equal(s.autoScale?.value, true);
    assert.equal(s.targetDedicatedNodes, undefined);
  });
  it('reads the saved Azure REST example (PoolCreate_SharedImageGallery)', () => {
    const example = JSON.parse(readFileSync(restExample('batch-management/2026-08-01/PoolCreate_SharedImageGallery.json'), 'utf8'));
    const t = doc(example.responses['200'].body);
    const s = parsePoolDocument(t).specs[0];
    assert.equal(s.name?.value, 'testpool');
    assert.match(s.imageId?.value ?? '', /galleries\/testgallery\/images\/testimagedef\/versions\/0\.0\.1$/);
    assert.equal(s.nodeAgentSkuId?.value, 'batch.node.ubuntu 18.04');
    assert.equal(s.targetDedicatedNodes?.value, 0);
  });
});

describe('parsePoolDocument: ARM templates', () => {
  const template = armTemplate([
    { type: 'Microsoft.Storage/storageAccounts', name: 'st', apiVersion: '2023-01-01' },
    armPool({ name: 'acct1/first', dedicated: 1 }),
    {
      type: 'Microsoft.Batch/batchAccounts',
      name: 'acct2',
      apiVersion: '2024-07-01',
      resources: [{ ...armPool({ name: 'second', dedicated: 2 }), type: 'pools' }, { ...armPool({ name: 'acct2/third', dedicated: 3 }) }],
    },
    {
      type: 'Microsoft.Resources/deployments',
      name: 'nested',
      properties: { mode: 'Incremental', template: armTemplate([armPool({ name: 'acct3/fourth', dedicated: 4 })]) },
    },
  ]);
  const text = doc(template);
  const d = parsePoolDocument(text);
  it('finds every pool: top-level, child of an account (short and full type), nested deployment', () => {
    assert.equal(d.kind, 'armTemplate');
    assert.deepEqual(
      d.specs.map((s) => [s.name?.value, s.accountName, s.targetDedicatedNodes?.value]),
      [
        ['first', 'acct1', 1],
        ['second', 'acct2', 2],
        ['third', 'acct2', 3],
        ['fourth', 'acct3', 4],
      ],
    );
  });
  it('gives each pool its own object range and path', () => {
    const [first, second] = d.specs;
    assert.deepEqual(first.path, ['resources', 1]);
    assert.deepEqual(second.path, ['resources', 2, 'resources', 0]);
    assert.equal(text.slice(first.range!.offset, first.range!.offset + 1), '{');
    assert.equal(text[first.range!.offset + first.range!.length - 1], '}');
    assert.ok(second.range!.offset > first.range!.offset + first.range!.length);
  });
  it('handles symbolic-name resources (languageVersion 2.0)', () => {
    const t = doc({ languageVersion: '2.0', resources: { myPool: armPool({ name: 'a/p' }) } });
    const specs = parsePoolDocument(t).specs;
    assert.equal(specs.length, 1);
    assert.deepEqual(specs[0].keyRange, keyRange(t, 'myPool'));
  });
  it('returns no specs for a template without pools', () => {
    const r = parsePoolDocument(doc(armTemplate([{ type: 'Microsoft.Storage/storageAccounts', name: 'x' }])));
    assert.equal(r.kind, 'armTemplate');
    assert.deepEqual(r.specs, []);
  });
});

describe('parsePoolDocument: ARM expressions', () => {
  const pool = armPool({ name: "[concat(parameters('account'), '/p')]", imageId: "[parameters('imageId')]", sku: '[[literal]', dedicated: "[parameters('nodes')]" });
  const text = doc(armTemplate([pool]));
  const spec = parsePoolDocument(text).specs[0];
  it('marks expressions unknown with their range instead of guessing', () => {
    assert.equal(spec.imageId?.unknown, true);
    assert.equal(spec.imageId?.value, undefined);
    assert.deepEqual(spec.imageId?.range, rangeOf(text, `"[parameters('imageId')]"`));
    assert.equal(spec.targetDedicatedNodes?.unknown, true);
    assert.equal(spec.name?.unknown, true);
    assert.equal(spec.displayName, 'p', 'a label guessed from the expression, for messages only');
    assert.equal(spec.accountName, undefined);
  });
  it('reads [[-escaped strings as literals', () => {
    assert.equal(spec.nodeAgentSkuId?.unknown, false);
    assert.equal(spec.nodeAgentSkuId?.value, '[literal]');
  });
  it('marks everything below an expression-valued object unknown', () => {
    const t = doc(armTemplate([{ type: 'Microsoft.Batch/batchAccounts/pools', name: 'a/p', properties: "[variables('props')]" }]));
    const s = parsePoolDocument(t).specs[0];
    assert.equal(s.nodeAgentSkuId?.unknown, true);
    assert.equal(s.imageId?.unknown, true);
    assert.equal(s.targetDedicatedNodes?.unknown, true);
  });
});

describe('parsePoolDocument: broken and unusual JSON', () => {
  it('collects syntax errors and still analyses the rest', () => {
    const text = `{
  // comment
  "id": "p",
  "virtualMachineConfiguration": { "imageReference": { "virtualMachineImageId": "${IMG}" }, "nodeAgentSKUId": "sku", },
  "targetDedicatedNodes": 3
  "resizeTimeout": "PT5M",
}`;
    const d = parsePoolDocument(text);
    assert.equal(d.kind, 'dataPlane');
    assert.equal(d.syntaxErrors.length, 1);
    assert.equal(d.syntaxErrors[0].code, 'CommaExpected');
    assert.deepEqual(d.syntaxErrors[0].range, rangeOf(text, '"resizeTimeout"'));
    const s = d.specs[0];
    assert.equal(s.targetDedicatedNodes?.value, 3);
    assert.equal(s.resizeTimeout?.value, 'PT5M');
    assert.equal(s.imageId?.value, IMG);
  });
  it('accepts a byte order mark, keeping offsets', () => {
    const text = '\uFEFF' + doc(dataPlanePool());
    const d = parsePoolDocument(text);
    assert.deepEqual(d.syntaxErrors, []);
    assert.deepEqual(d.specs[0].imageId?.range, rangeOf(text, JSON.stringify(IMG)));
  });
  it('does not throw on empty, array or garbage input', () => {
    assert.equal(parsePoolDocument('').kind, 'unknown');
    assert.equal(parsePoolDocument('[1,2]').kind, 'unknown');
    const g = parsePoolDocument('{{{ "x": ');
    assert.equal(g.kind, 'unknown');
    assert.ok(g.syntaxErrors.length > 0);
  });
  it('survives pathological nesting with a syntax error instead of a stack overflow', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const d = parsePoolDocument(`{"id": "p", "x": ${deep}}`);
    assert.deepEqual(d.specs, []);
    assert.equal(d.syntaxErrors.length, 1);
    assert.equal(d.syntaxErrors[0].code, 'NestingTooDeep');
  });
  it('returns unknown for unrelated JSON', () => {
    assert.deepEqual(parsePoolDocument('{"name": "package", "version": "1.0.0"}').specs, []);
  });
  it('marks values of the wrong type unknown', () => {
    const s = parsePoolDocument('{"id":"p","targetDedicatedNodes":"5","virtualMachineConfiguration":{}}').specs[0];
    assert.equal(s.targetDedicatedNodes?.unknown, true);
  });
});
