// Client factories. Each SDK is loaded with `await import()` on first use, so activating the
// extension (or starting the CLI) loads none of them. Clients are cached per subscription /
// account: they hold HTTP agents and token caches worth reusing.
import type { BatchManagementClient } from '@azure/arm-batch';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { BatchServiceClient } from '@azure/batch';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { AzureConnection } from './connection';
import { batchDataPlaneApiVersionPolicy, batchManagementApiVersionPolicy } from './apiVersion';
import { boundArmThrottling } from './armThrottling';
import { dataPlaneRetryPolicy, type DataPlaneRetryOptions } from './dataPlaneRetry';
import { checkedBatchUrl, checkedName } from './names';

/** Knobs for tests and slow networks. Defaults keep the ARM SDKs' own retry behaviour. */
export interface ClientTuning {
  /** core-rest-pipeline retry options for ARM clients (429 Retry-After, 5xx, resets are always retried). */
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  /** Poll interval of long-running operations; Azure's Retry-After wins when it is sent. */
  lroPollIntervalMs?: number;
  /** Batch data-plane retries (our policy, dataPlaneRetry.ts); defaults: 3 retries from 1 s, capped at 30 s. */
  dataPlaneRetry?: DataPlaneRetryOptions;
}

export class AzureClients {
  private readonly computeClients = new Map<string, Promise<ComputeManagementClient>>();
  private readonly batchClients = new Map<string, Promise<BatchManagementClient>>();
  private readonly dataClients = new Map<string, Promise<BatchServiceClient>>();
  private armHttp?: Promise<HttpClient>;
  /** Subscription id (lower case) -> tenant id, learned from listSubscriptions (VS Code accounts span tenants). */
  private readonly tenants = new Map<string, string>();

  constructor(
    readonly connection: AzureConnection,
    readonly tuning: ClientTuning = {},
  ) {}

  get cloud(): AzureConnection['cloud'] {
    return this.connection.cloud;
  }

  rememberTenant(subscriptionId: string, tenantId: string): void {
    this.tenants.set(subscriptionId.toLowerCase(), tenantId);
  }

  tenantOf(subscriptionId: string): string {
    return this.tenants.get(subscriptionId.toLowerCase()) ?? this.connection.tenantId;
  }

  /**
   * One connection pool for every Resource Manager client of this connection (each
   * subscription's compute and Batch management clients, and Resource Graph). Left to
   * themselves the SDKs did not share one: a load of a hundred subscriptions opened a set of
   * TLS connections per SDK, each with its own handshake.
   */
  armHttpClient(): Promise<HttpClient> {
    this.armHttp ??= import('@azure/core-rest-pipeline').then((core) => core.createDefaultHttpClient());
    return this.armHttp;
  }

  private armCredential(subscriptionId: string) {
    return this.connection.credentialFor(this.cloud.armScope, this.tenantOf(subscriptionId));
  }

  compute(subscriptionId: string): Promise<ComputeManagementClient> {
    // The SDK puts the subscription id into every URL it builds.
    const refused = refusal(() => checkedName('subscriptionId', subscriptionId));
    if (refused) return refused;
    const key = subscriptionId.toLowerCase();
    let p = this.computeClients.get(key);
    if (!p) {
      p = (async () => {
        const [{ ComputeManagementClient }, httpClient] = await Promise.all([import('@azure/arm-compute'), this.armHttpClient()]);
        const client = new ComputeManagementClient(this.armCredential(subscriptionId), subscriptionId, {
          endpoint: this.cloud.armEndpoint,
          httpClient,
          credentials: { scopes: [this.cloud.armScope] },
          retryOptions: this.tuning.retry,
        });
        boundArmThrottling(client);
        return client;
      })();
      this.computeClients.set(key, p);
      void p.catch(() => this.computeClients.delete(key));
    }
    return p;
  }

  batchManagement(subscriptionId: string): Promise<BatchManagementClient> {
    const refused = refusal(() => checkedName('subscriptionId', subscriptionId));
    if (refused) return refused;
    const key = subscriptionId.toLowerCase();
    let p = this.batchClients.get(key);
    if (!p) {
      p = (async () => {
        const [{ BatchManagementClient }, httpClient] = await Promise.all([import('@azure/arm-batch'), this.armHttpClient()]);
        const client = new BatchManagementClient(this.armCredential(subscriptionId), subscriptionId, {
          endpoint: this.cloud.armEndpoint,
          httpClient,
          credentialScopes: [this.cloud.armScope],
          retryOptions: this.tuning.retry,
        });
        client.pipeline.addPolicy(batchManagementApiVersionPolicy());
        boundArmThrottling(client);
        return client;
      })();
      this.batchClients.set(key, p);
      void p.catch(() => this.batchClients.delete(key));
    }
    return p;
  }

  /**
   * Data-plane client for one account. `accountEndpoint` is what ARM returns: a bare host
   * (optionally with a path), e.g. `myaccount.westeurope.batch.azure.com`.
   */
  batchData(accountEndpoint: string, subscriptionId?: string): Promise<BatchServiceClient> {
    let batchUrl: string;
    try {
      batchUrl = checkedBatchUrl(batchUrlOf(accountEndpoint), accountEndpoint);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const key = batchUrl.toLowerCase();
    let p = this.dataClients.get(key);
    if (!p) {
      p = (async () => {
        const [{ BatchServiceClient }, msRest] = await Promise.all([import('@azure/batch'), import('@azure/ms-rest-js')]);
        const tenant = subscriptionId ? this.tenantOf(subscriptionId) : this.connection.tenantId;
        const scope = this.cloud.batchScope;
        const credentials = new msRest.AzureIdentityCredentialAdapter(this.connection.credentialFor(scope, tenant), scope);
        return new BatchServiceClient(credentials, batchUrl, {
          // ms-rest-js's retry policies are replaced by ours (see dataPlaneRetry.ts for why).
          noRetryPolicy: true,
          // The version is pinned first, before anything else sees the URL; the retry policy comes
          // next, outside signing (each attempt is signed afresh) and deserialization.
          requestPolicyFactories: (defaults) => [batchDataPlaneApiVersionPolicy(), dataPlaneRetryPolicy(this.tuning.dataPlaneRetry), ...defaults],
        });
      })();
      this.dataClients.set(key, p);
      void p.catch(() => this.dataClients.delete(key));
    }
    return p;
  }
}

/** A rejected promise when `check` throws (the factories never throw synchronously). */
function refusal(check: () => unknown): Promise<never> | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** `https://` + the account endpoint, unless it already carries a scheme; no trailing slash. */
export function batchUrlOf(accountEndpoint: string): string {
  const trimmed = accountEndpoint.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
