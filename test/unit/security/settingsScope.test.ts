// A workspace (a cloned repository's .vscode/settings.json) must not be able to redirect tokens:
// every setting that names an endpoint, a tenant, a client or an authority is application-scoped.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface SettingSchema {
  scope?: string;
  type?: string;
}

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
};
const settings = manifest.contributes.configuration.properties;

/** Names that decide where tokens go or whose identity is used. */
const sensitive = /(endpoint|authority|tenant|client|secret|authentication|cloud)/i;

describe('settings that could redirect tokens', () => {
  const names = Object.keys(settings).filter((name) => sensitive.test(name));

  it('exist (the check is not vacuous)', () => {
    for (const expected of [
      'azureBatchImages.authentication.mode',
      'azureBatchImages.servicePrincipal.tenantId',
      'azureBatchImages.servicePrincipal.clientId',
      'azureBatchImages.servicePrincipal.authorityHost',
      'azureBatchImages.servicePrincipal.resourceManagerEndpoint',
    ]) {
      assert.ok(names.includes(expected), `${expected} is contributed`);
    }
  });

  it('are all application-scoped', () => {
    for (const name of names) assert.equal(settings[name].scope, 'application', `${name} must be application-scoped`);
  });

  it('never include a secret', () => {
    assert.deepEqual(Object.keys(settings).filter((name) => /secret|password|token/i.test(name)), []);
  });
});
