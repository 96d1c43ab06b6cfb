// Hand-picked extremes the generators reach rarely or never: deep nesting (past the parser's
// stack), 10 MB strings, numbers beyond double range, raw lone surrogates, thousands of pools,
// degenerate texts. Each goes through the same checks as the generated documents.
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { parsePoolDocument } from '../../../src/pooljson';
import { RAW_TOKENS } from './arbitraries';
import { checkDocument, FuzzStats } from './check';
import { fuzzConfig } from './config';
import { FUZZ_ACCOUNTS, fuzzWorld } from './world';

const cfg = fuzzConfig();
const inventory = fuzzWorld();
const account = FUZZ_ACCOUNTS[0];
const IMG = inventory.snapshot.images[0].id;
const DEF = inventory.snapshot.galleryImageDefinitions.find((d) => d.securityType === 'TrustedLaunch')?.id ?? '';

function dataPlane(extra: string, fields = `"targetDedicatedNodes": 2`): string {
  return `{"id": "p", "vmSize": "standard_d2s_v3", "virtualMachineConfiguration": {"imageReference": {"virtualMachineImageId": "${IMG}"}${extra}}, ${fields}}`;
}

function armPool(name: string, body = ''): string {
  return `{"type": "Microsoft.Batch/batchAccounts/pools", "name": ${name}, "properties": {"vmSize": "STANDARD_D2S_V3", "deploymentConfiguration": {"virtualMachineConfiguration": {"imageReference": {"id": "${DEF}"}}}, "scaleSettings": {"fixedScale": {"targetDedicatedNodes": 2${body}}}}}`;
}

function template(resources: string[]): string {
  return `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [${resources.join(',\n')}]}`;
}

const nestedArrays = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const nestedObjects = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

describe(`fuzz: extreme documents (FUZZ_SEED=${cfg.seed})`, () => {
  const stats = new FuzzStats();
  const check = (label: string, text: string, withAccount = true, fixedPools?: number): void => {
    checkDocument(text, { inventory, account: withAccount ? account : undefined }, stats, label, { fixedPools });
  };

  it('deep nesting in every position, beyond the parser stack', () => {
    const depths = cfg.long ? [10, 100, 1000, 3000, 6000, 20_000, 200_000, 1_000_000] : [10, 1000, 6000, 200_000];
    for (const n of depths) {
      check(`resources nested ${n}`, `{"resources": ${nestedArrays(n)}}`);
      check(`vm configuration nested ${n}`, dataPlane(`, "x": ${nestedObjects(n)}`));
      check(`security profile nested ${n}`, template([armPool('"acct/p"', `, "x": ${nestedArrays(n)}`)]));
      check(`deployments nested ${n}`, '{"resources":[' + '{"type":"Microsoft.Resources/deployments","properties":{"template":{"resources":['.repeat(Math.min(n, 2000)) + armPool('"acct/deep"') + ']}}}'.repeat(Math.min(n, 2000)) + ']}');
    }
  });

  it('nesting just below the depth the parser manages, where the fixes parse again', () => {
    // The deepest document that still yields a pool: the edit builders' own parses run a few
    // stack frames deeper than the analyser's and must not overflow where it did not.
    const shapes: [string, (n: number) => string][] = [
      ['data plane', (n) => dataPlane(`, "x": ${nestedObjects(n)}`)],
      ['ARM template', (n) => template([armPool('"acct/p"', `, "x": ${nestedArrays(n)}`)])],
    ];
    for (const [name, make] of shapes) {
      let lo = 1;
      let hi = 200_000;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (parsePoolDocument(make(mid)).specs.length > 0) lo = mid;
        else hi = mid - 1;
      }
      for (const n of [lo - 1, lo]) check(`${name} nested ${n} (deepest parsed)`, make(n));
    }
  });

  it('10 MB strings as ids, names, unknown values, keys and comments', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    check('10 MB unknown value', dataPlane(`, "comment": "${big}"`, '"targetDedicatedNodes": 3000'));
    if (cfg.long) {
      check('10 MB image id', `{"id": "p", "vmSize": "v", "virtualMachineConfiguration": {"imageReference": {"virtualMachineImageId": "/subscriptions/${big}"}}, "targetDedicatedNodes": 2}`);
      check('10 MB pool name', template([armPool(`"acct/${big}"`), armPool('"acct/other"')]));
      check('10 MB key', dataPlane(`, "${big}": 1`));
      check('10 MB comment', `// ${big}\n${dataPlane('')}`);
      check('10 MB of surrogates', dataPlane(`, "s": "${'\uD800'.repeat(5 * 1024 * 1024)}"`));
    }
  });

  it('numbers beyond double range, negative zero, fractions, wrong types for counts', () => {
    const values = [...RAW_TOKENS, '1e308', '-1', '2500.5', 'true', 'null', '[]', '{}', '"2"', `"${'9'.repeat(400)}"`, '9'.repeat(400)];
    for (const v of values) {
      check(`data-plane targetDedicatedNodes ${v.slice(0, 20)}`, dataPlane('', `"targetDedicatedNodes": ${v}, "targetLowPriorityNodes": ${v}, "resizeTimeout": ${v}`));
      check(`ARM targetDedicatedNodes ${v.slice(0, 20)}`, template([armPool('"acct/p"', `, "targetLowPriorityNodes": ${v}, "resizeTimeout": ${v}`)]));
    }
  });

  it('raw lone surrogates and control characters in keys, values and names', () => {
    for (const s of ['\uD800', '\uDFFF', '\uD83D\uD83D', 'a\uDC00b', '\u0000', '\u001F', '\u2028\u2029', '\uFEFF']) {
      check(`surrogate value ${JSON.stringify(s)}`, dataPlane(`, "nodeAgentSKUId": "${s}"`));
      check(`surrogate key ${JSON.stringify(s)}`, dataPlane(`, "${s}": "${s}"`));
      check(`surrogate name ${JSON.stringify(s)}`, template([armPool(`"acct/${s}"`), armPool(`"${s}/${s}"`)]));
      check(`surrogate at start ${JSON.stringify(s)}`, `${s}${dataPlane('')}`);
    }
  });

  it('thousands of pools in one template, pretty and minified', () => {
    const count = cfg.long ? 5000 : 1000;
    const pools = Array.from({ length: count }, (_, i) => armPool(`"acct/pool-${i}"`));
    check(`${count} pools, one per line`, template(pools), true, 4);
    check(`${count} pools, minified`, template(pools).replace(/\n/g, ''), true, 4);
  });

  it('degenerate texts', () => {
    for (const t of ['', ' ', '\uFEFF', 'null', '[]', '"x"', '{', '}', '{}', '\uFEFF{}', '{"resources": 5}', '{"resources": null}', '{"resources": {}}', '{"resources": [null, 1, "x", []]}', '/*', '//', '{"virtualMachineConfiguration": "x", "targetDedicatedNodes": 1}', '{"properties": {"deploymentConfiguration": 1}}']) {
      check(`degenerate ${JSON.stringify(t)}`, t);
      check(`degenerate ${JSON.stringify(t)} without account`, t, false);
    }
  });

  it('checked every extreme document (counts and slowest in the diagnostics)', (t) => {
    t.diagnostic(stats.summary('extremes'));
    assert.ok(stats.documents > 100);
  });
});
