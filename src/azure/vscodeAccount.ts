// The VS Code Microsoft account as an AzureConnection. This is the only file in src/azure that
// touches `vscode` (through @microsoft/vscode-azext-azureauth); the CLI and unit tests never
// import it. No UI here: signing in is the caller's business (provider.signIn()).
import * as l10n from '@vscode/l10n';
import type { AzureSubscription, VSCodeAzureSubscriptionProvider } from '@microsoft/vscode-azext-azureauth';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { Subscription } from '../model';
import { BATCH_SCOPE, makeCloud } from './cloud';
import type { AzureConnection } from './connection';
import { AzureError } from './errors';

/** `exp` of a JWT in ms, without verifying it (we only need to know when to ask again). */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // Opaque token: fall through to a short assumed lifetime.
  }
  return Date.now() + 5 * 60_000;
}

/**
 * A TokenCredential for one scope. `subscription.credential` from the auth package always asks
 * for the ARM scope whatever is requested, which breaks the Batch data plane; asking for the
 * session with the exact scope fixes that.
 */
function scopedCredential(subscription: AzureSubscription, scope: string): TokenCredential {
  return {
    async getToken(_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> {
      const session = await subscription.authentication.getSessionWithScopes([scope]);
      if (!session) throw new AzureError({ code: 'NotSignedIn', message: l10n.t('Sign in to Azure to continue.') });
      return { token: session.accessToken, expiresOnTimestamp: expiryOf(session.accessToken) };
    },
  };
}

/** The parts of the auth package's subscription provider this file uses (tests pass a fake). */
export type SubscriptionProviderLike = Pick<VSCodeAzureSubscriptionProvider, 'isSignedIn' | 'getSubscriptions'>;

/** The cloud endpoints VS Code's Microsoft account is configured for (from `getConfiguredAzureEnv()`). */
export interface AccountEnvironment {
  resourceManagerEndpointUrl: string;
  activeDirectoryEndpointUrl: string;
  batchResourceId?: string;
  /** The cloud's portal (custom clouds configure it with the other endpoints). */
  portalUrl?: string;
}

export interface VSCodeConnectionOptions {
  /** The caller owns (and disposes) the provider; one per extension. */
  provider: SubscriptionProviderLike;
  /** Defaults to the auth package's configured environment (which reads VS Code settings). */
  environment?: AccountEnvironment;
}

let sharedProvider: VSCodeAzureSubscriptionProvider | undefined;

/**
 * Connects with the VS Code Microsoft account. With `createIfNone`, VS Code's own account
 * prompt is shown when nobody is signed in; otherwise resolves undefined in that case.
 * Uses one provider for the extension's lifetime (see disposeVsCodeAccount).
 */
export async function connectVsCodeAccount(options: { createIfNone: boolean }): Promise<AzureConnection | undefined> {
  if (!sharedProvider) {
    const { VSCodeAzureSubscriptionProvider } = await import('@microsoft/vscode-azext-azureauth');
    sharedProvider = new VSCodeAzureSubscriptionProvider();
  }
  if (!(await sharedProvider.isSignedIn())) {
    if (!options.createIfNone || !(await sharedProvider.signIn())) return undefined;
  }
  return createVSCodeConnection({ provider: sharedProvider });
}

/** Releases the shared provider's listeners (call from deactivate). */
export function disposeVsCodeAccount(): void {
  sharedProvider?.dispose();
  sharedProvider = undefined;
}

/**
 * Builds a connection over the signed-in VS Code account. Subscriptions honour the
 * `azureResourceGroups.selectedSubscriptions` filter (getSubscriptions(true)).
 * Throws AzureError `NotSignedIn` when no account is signed in.
 */
export async function createVSCodeConnection(options: VSCodeConnectionOptions): Promise<AzureConnection> {
  const { provider } = options;
  if (!(await provider.isSignedIn())) throw new AzureError({ code: 'NotSignedIn', message: l10n.t('Sign in to Azure to continue.') });
  const env = options.environment ?? (await import('@microsoft/vscode-azext-azureauth')).getConfiguredAzureEnv();
  const batchResource = env.batchResourceId ? env.batchResourceId.replace(/\/?$/, '/') : undefined;
  const cloud = makeCloud({
    armEndpoint: env.resourceManagerEndpointUrl,
    authorityHost: env.activeDirectoryEndpointUrl,
    batchScope: batchResource ? `${batchResource}/.default` : BATCH_SCOPE,
    portalUrl: env.portalUrl,
  });

  let subscriptions: AzureSubscription[] = await provider.getSubscriptions(true);
  const byTenant = (tenantId: string | undefined): AzureSubscription => {
    const match = subscriptions.find((s) => tenantId && s.tenantId.toLowerCase() === tenantId.toLowerCase()) ?? subscriptions[0];
    if (!match) throw new AzureError({ code: 'NoSubscriptions', message: l10n.t('The signed-in account has no (selected) subscriptions.') });
    return match;
  };

  return {
    kind: 'vscode',
    cloud,
    tenantId: subscriptions[0]?.tenantId ?? '',
    credentialFor: (scope, tenantId) => scopedCredential(byTenant(tenantId), scope),
    async listSubscriptions(): Promise<Subscription[]> {
      subscriptions = await provider.getSubscriptions(true);
      return toModel(subscriptions);
    },
    async listAllSubscriptions(): Promise<Subscription[]> {
      return toModel(await provider.getSubscriptions(false));
    },
  };
}

/** The provider may list a subscription once per account; keeps the first. */
function toModel(subscriptions: readonly AzureSubscription[]): Subscription[] {
  const seen = new Set<string>();
  const out: Subscription[] = [];
  for (const s of subscriptions) {
    const key = s.subscriptionId.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ id: `/subscriptions/${s.subscriptionId}`, subscriptionId: s.subscriptionId, tenantId: s.tenantId, displayName: s.name });
  }
  return out;
}
