// Fixed, documented identities of the built-in scenarios. The secret is a dev-only value that
// only this simulator accepts; it is not a credential for any real tenant.
import type { ScenarioIdentity } from './format';

export const DEMO_IDENTITY: Required<ScenarioIdentity> = {
  tenantId: '7d3b1c2a-5e4f-4a6b-9c8d-0e1f2a3b4c5d',
  tenantDisplayName: 'Contoso Batch (simulated)',
  tenantDomain: 'contosobatch.onmicrosoft.com',
  clientId: '3f9a8b7c-6d5e-4f4a-8b3c-2d1e0f9a8b7c',
  clientSecret: 'simulator-dev-secret-not-a-real-credential',
};

export const DEMO_SUBSCRIPTIONS = {
  production: '11111111-aaaa-4bbb-8ccc-000000000001',
  sharedImages: '22222222-aaaa-4bbb-8ccc-000000000002',
} as const;
