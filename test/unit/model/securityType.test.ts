// The security type a new gallery definition gets from its source disk, and the generation rule.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definitionSecurityProblem, GALLERY_SECURITY_TYPES, securityTypeForSource, securityTypeProblem } from '../../../src/model';

describe('security type of a new image definition', () => {
  it('carries over what the source disk needs or supports', () => {
    assert.equal(securityTypeForSource({ securityType: 'TrustedLaunch', supportedSecurityOption: 'TrustedLaunchSupported' }), 'TrustedLaunch');
    assert.equal(securityTypeForSource({ securityType: 'ConfidentialVM_DiskEncryptedWithPlatformKey' }), 'ConfidentialVM');
    assert.equal(securityTypeForSource({ supportedSecurityOption: 'TrustedLaunchSupported' }), 'TrustedLaunchSupported');
    assert.equal(securityTypeForSource({ supportedSecurityOption: 'TrustedLaunchAndConfidentialVMSupported' }), 'TrustedLaunchAndConfidentialVmSupported');
    assert.equal(securityTypeForSource({}), 'Standard');
    assert.equal(securityTypeForSource(undefined), 'Standard');
  });

  it('offers every choice once, Standard first', () => {
    const values = GALLERY_SECURITY_TYPES.map((t) => t.value);
    assert.equal(values[0], 'Standard');
    assert.equal(new Set(values).size, values.length);
    for (const v of ['TrustedLaunch', 'TrustedLaunchSupported', 'ConfidentialVM']) assert.ok(values.includes(v), v);
  });

  it('refuses anything but Standard on Hyper-V generation 1 (missing means V1)', () => {
    for (const t of GALLERY_SECURITY_TYPES.map((x) => x.value).filter((v) => v !== 'Standard')) {
      assert.match(securityTypeProblem(t, 'V1') ?? '', /needs Hyper-V generation V2/, t);
      assert.match(securityTypeProblem(t, undefined) ?? '', /generation V1/, t);
      assert.equal(securityTypeProblem(t, 'V2'), undefined, t);
    }
    assert.equal(securityTypeProblem('Standard', 'V1'), undefined);
  });
});

describe('an existing definition for a source', () => {
  it('takes a Trusted Launch disk only when it allows Trusted Launch', () => {
    for (const ok of ['TrustedLaunch', 'TrustedLaunchSupported', 'TrustedLaunchAndConfidentialVmSupported']) assert.equal(definitionSecurityProblem(ok, 'TrustedLaunch'), undefined, ok);
    assert.match(definitionSecurityProblem(undefined, 'TrustedLaunch') ?? '', /security type Standard cannot take it/);
    assert.match(definitionSecurityProblem('ConfidentialVM', 'TrustedLaunch') ?? '', /ConfidentialVM cannot take it/);
  });
  it('takes any other source', () => {
    for (const d of [undefined, 'Standard', 'TrustedLaunch']) assert.equal(definitionSecurityProblem(d, 'Standard'), undefined);
    assert.equal(definitionSecurityProblem(undefined, 'TrustedLaunchSupported'), undefined);
  });
});
