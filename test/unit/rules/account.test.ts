import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { armPool, armTemplate, dataPlanePool, doc, keyRange, rangeOf } from '../helpers/poolDocs';
import { analyse, expectNone, expectOne, withCode } from '../helpers/ruleHarness';
import { ACCT, IMG_A } from '../helpers/fixtures';

const q = (s: string) => JSON.stringify(s);

describe('account-aad-required', () => {
  const sharedKeyOnly = { ...ACCT, allowedAuthenticationModes: ['SharedKey', 'TaskAuthenticationToken'] };
  for (const [shape, make] of [
    ['data plane', dataPlanePool],
    ['ARM', armPool],
  ] as const) {
    it(`fires on the image id when the account excludes AAD (${shape})`, () => {
      const text = doc(make());
      const f = expectOne(analyse(text, { account: sharedKeyOnly }), 'account-aad-required', 'error', rangeOf(text, q(IMG_A.id)));
      assert.match(f.message, /SharedKey, TaskAuthenticationToken/);
    });
  }
  it('does not fire when AAD is allowed or for marketplace pools', () => {
    expectNone(analyse(doc(dataPlanePool())), 'account-aad-required');
    expectNone(analyse(doc(dataPlanePool({ imageId: null })), { account: sharedKeyOnly }), 'account-aad-required');
  });
});

describe('account-not-selected', () => {
  it('informs on the pool id key (data plane) and offers to select an account', () => {
    const text = doc(dataPlanePool());
    const f = expectOne(analyse(text, { account: null }), 'account-not-selected', 'information', keyRange(text, 'id'));
    assert.deepEqual(f.fix, { kind: 'selectAccount' });
  });
  it('informs on each template pool, naming the account of the template', () => {
    const text = doc(armTemplate([armPool({ name: 'myacct/one' }), armPool({ name: 'myacct/two' })]));
    const hits = withCode(analyse(text, { account: null }), 'account-not-selected');
    assert.equal(hits.length, 2);
    assert.deepEqual(hits[0].range, keyRange(text, 'name', 0));
    assert.deepEqual(hits[1].range, keyRange(text, 'name', 1));
    assert.match(hits[0].message, /myacct/);
  });
  it('skips the account rules but keeps the others without an account', () => {
    const findings = analyse(doc(dataPlanePool({ resizeTimeout: 'PT5M' })), { account: null });
    assert.ok(findings.some((f) => f.code === 'resize-timeout-short'));
    assert.ok(!findings.some((f) => f.code === 'image-region-mismatch'));
  });
  it('does not fire with an account', () => {
    expectNone(analyse(doc(dataPlanePool())), 'account-not-selected');
  });
});
