// An AzureConnection is "who we are and where": a cloud, a tenant, a credential per token scope
// and the subscriptions visible to that identity. Everything else in src/azure takes one.
import type { TokenCredential } from '@azure/identity';
import type { Subscription } from '../model';
import type { AzureCloud } from './cloud';
import { makeCloud } from './cloud';
import { lifetimeHttpClient } from './lifetimeHttpClient';
import { sharingTokenRequests } from './sharedTokenRequests';
import { explainingSignInFailures } from './signInDiagnosis';
// Static on purpose: subscriptions.ts itself loads its SDK lazily.
import { listSubscriptionsWith } from './subscriptions';

export type { TokenCredential };

export interface AzureConnection {
  readonly kind: 'servicePrincipal' | 'vscode';
  readonly cloud: AzureCloud;
  /** The home tenant of the identity (service principal), or the tenant of the first subscription (VS Code). */
  readonly tenantId: string;
  /**
   * A credential that asks for exactly `scope` (ARM or Batch). `tenantId` selects the tenant when
   * the identity spans several (VS Code accounts); service principals ignore it.
   */
  credentialFor(scope: string, tenantId?: string): TokenCredential;
  /** Subscriptions visible to the identity (VS Code: honouring the user's subscription filter). */
  listSubscriptions(signal?: AbortSignal): Promise<Subscription[]>;
  /** Every subscription the identity can see, ignoring any filter (for "Select Subscriptions…"). */
  listAllSubscriptions(signal?: AbortSignal): Promise<Subscription[]>;
}

/** What a service-principal connection needs. Secrets are passed in; nothing here reads settings. */
export interface ServicePrincipalOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to the public cloud's Entra ID. */
  authorityHost?: string;
  /** Defaults to the public cloud's Resource Manager. */
  armEndpoint?: string;
  /** The cloud's portal; defaults to the one known for `armEndpoint` (public, US Government, China). */
  portalUrl?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export type EnvResult = { ok: true; options: ServicePrincipalOptions } | { ok: false; missing: string[] };

/**
 * Reads the conventional Azure SDK environment variables (AZURE_TENANT_ID, AZURE_CLIENT_ID,
 * AZURE_CLIENT_SECRET, AZURE_AUTHORITY_HOST, AZURE_RESOURCE_MANAGER_ENDPOINT). Pure: the caller
 * passes `process.env` (or a test object). Reports the names of missing variables, never values.
 */
export function connectionOptionsFromEnv(env: Env): EnvResult {
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const tenantId = get('AZURE_TENANT_ID');
  const clientId = get('AZURE_CLIENT_ID');
  const clientSecret = get('AZURE_CLIENT_SECRET');
  const missing = (
    [
      ['AZURE_TENANT_ID', tenantId],
      ['AZURE_CLIENT_ID', clientId],
      ['AZURE_CLIENT_SECRET', clientSecret],
    ] as const
  )
    .filter(([, v]) => v === undefined)
    .map(([n]) => n);
  if (missing.length > 0 || !tenantId || !clientId || !clientSecret) return { ok: false, missing };
  const options: ServicePrincipalOptions = { tenantId, clientId, clientSecret };
  const authorityHost = get('AZURE_AUTHORITY_HOST');
  const armEndpoint = get('AZURE_RESOURCE_MANAGER_ENDPOINT');
  if (authorityHost) options.authorityHost = authorityHost;
  if (armEndpoint) options.armEndpoint = armEndpoint;
  return { ok: true, options };
}

/**
 * A connection for a service principal with a client secret. The identity library is loaded
 * here (not at module load) so that activation stays cheap.
 */
export async function createServicePrincipalConnection(options: ServicePrincipalOptions, lifetime: { signal?: AbortSignal } = {}): Promise<AzureConnection> {
  const cloud = makeCloud({ armEndpoint: options.armEndpoint, authorityHost: options.authorityHost, portalUrl: options.portalUrl });
  const { ClientSecretCredential } = await import('@azure/identity');
  // One credential serves every scope: it caches a token per scope internally. When `lifetime`
  // ends (the CLI's deadline), token requests still open are cancelled with it.
  const credential = sharingTokenRequests(
    explainingSignInFailures(new ClientSecretCredential(options.tenantId, options.clientId, options.clientSecret, {
      authorityHost: cloud.authorityHost,
      // Instance discovery asks the public cloud about the authority; a private/sovereign-stack
      // authority (or the test simulator) is unknown there and discovery would fail the sign-in.
      disableInstanceDiscovery: !cloud.isKnownAuthority,
      ...(lifetime.signal ? { httpClient: await lifetimeHttpClient(lifetime.signal) } : {}),
    }), cloud.authorityHost, options.tenantId),
    lifetime.signal,
  );
  return {
    kind: 'servicePrincipal',
    cloud,
    tenantId: options.tenantId,
    credentialFor: () => credential,
    listSubscriptions: (signal) => listSubscriptionsWith(cloud, credential, signal),
    listAllSubscriptions: (signal) => listSubscriptionsWith(cloud, credential, signal),
  };
}
