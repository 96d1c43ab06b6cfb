// Client factories. Each SDK is loaded with `await import()` on first use, so activating the
// extension (or starting the CLI) loads none of them. Clients are cached per subscription /
// account: they hold HTTP agents and token caches worth reusing.
import type { BatchManagementClient } from '@azure/arm-batch';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { BatchServiceClient } from '@azure/batch';
import type { AzureConnection } from './connection';
import { batchDataPlaneApiVersionPolicy, batchManagementApiVersionPolicy } from './apiVersion';

/** Knobs for tests and slow networks. Defaults keep the SDKs' own retry behaviour. */
export interface ClientTuning {
  /** core-rest-pipeline retry options for ARM clients (429 Retry-After, 5xx, resets are always retried). */
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  /** Poll interval of long-running operations; Azure's Retry-After wins when it is sent. */
  lroPollIntervalMs?: number;
  /**
   * ms-rest-js (Batch data plane) retry timing. Its defaults wait about 30 s before retrying a
   * 5xx or a reset; the same three policies (5xx, system errors, 429 Retry-After) are kept, only
   * the intervals change.
   */
  dataPlaneRetry?: { retryCount?: number; retryIntervalMs: number; minRetryIntervalMs: number; maxRetryIntervalMs: number };
}

export class AzureClients {
  private readonly computeClients = new Map<string, Promise<ComputeManagementClient>>();
  private readonly batchClients = new Map<string, Promise<BatchManagementClient>>();
  private readonly dataClients = new Map<string, Promise<BatchServiceClient>>();
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

  private armCredential(subscriptionId: string) {
    return this.connection.credentialFor(this.cloud.armScope, this.tenantOf(subscriptionId));
  }

  compute(subscriptionId: string): Promise<ComputeManagementClient> {
    const key = subscriptionId.toLowerCase();
    let p = this.computeClients.get(key);
    if (!p) {
      p = (async () => {
        const { ComputeManagementClient } = await import('@azure/arm-compute');
        return new ComputeManagementClient(this.armCredential(subscriptionId), subscriptionId, {
          endpoint: this.cloud.armEndpoint,
          credentials: { scopes: [this.cloud.armScope] },
          retryOptions: this.tuning.retry,
        });
      })();
      this.computeClients.set(key, p);
      void p.catch(() => this.computeClients.delete(key));
    }
    return p;
  }

  batchManagement(subscriptionId: string): Promise<BatchManagementClient> {
    const key = subscriptionId.toLowerCase();
    let p = this.batchClients.get(key);
    if (!p) {
      p = (async () => {
        const { BatchManagementClient } = await import('@azure/arm-batch');
        const client = new BatchManagementClient(this.armCredential(subscriptionId), subscriptionId, {
          endpoint: this.cloud.armEndpoint,
          credentialScopes: [this.cloud.armScope],
          retryOptions: this.tuning.retry,
        });
        client.pipeline.addPolicy(batchManagementApiVersionPolicy());
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
    const batchUrl = batchUrlOf(accountEndpoint);
    const key = batchUrl.toLowerCase();
    let p = this.dataClients.get(key);
    if (!p) {
      p = (async () => {
        const [{ BatchServiceClient }, msRest] = await Promise.all([import('@azure/batch'), import('@azure/ms-rest-js')]);
        const tenant = subscriptionId ? this.tenantOf(subscriptionId) : this.connection.tenantId;
        const scope = this.cloud.batchScope;
        const credentials = new msRest.AzureIdentityCredentialAdapter(this.connection.credentialFor(scope, tenant), scope);
        const retry = this.tuning.dataPlaneRetry;
        return new BatchServiceClient(credentials, batchUrl, {
          noRetryPolicy: retry !== undefined,
          requestPolicyFactories: (defaults) => {
            // Our policy goes first so the version is fixed before signing, retries and logging.
            const list = [batchDataPlaneApiVersionPolicy(), ...defaults];
            // The deserialization policy's factory is not exported: it is recognised by what it creates.
            const probeNext = { sendRequest: () => Promise.reject(new Error('probe')) };
            const probeOptions = new msRest.RequestPolicyOptions();
            const deserializationAt = (): number => list.findIndex((f) => 'jsonContentTypes' in (f.create(probeNext, probeOptions) as object));
            if (retry) {
              // Put the retry policies where ms-rest-js puts them: just outside deserialization.
              const at = deserializationAt();
              const args = [retry.retryCount ?? 3, retry.retryIntervalMs, retry.minRetryIntervalMs, retry.maxRetryIntervalMs] as const;
              list.splice(at >= 0 ? at : list.length, 0, msRest.exponentialRetryPolicy(...args), msRest.systemErrorRetryPolicy(...args), msRest.throttlingRetryPolicy());
            }
            // ms-rest-js's throttling policy sits outside deserialization, which has already turned
            // a 429 into a rejected RestError, so a throttled call was never retried. One more, just
            // inside deserialization, sees the raw 429 and waits its Retry-After.
            const at = deserializationAt();
            list.splice(at >= 0 ? at + 1 : list.length, 0, msRest.throttlingRetryPolicy(retry?.retryCount ?? 3));
            return list;
          },
        });
      })();
      this.dataClients.set(key, p);
      void p.catch(() => this.dataClients.delete(key));
    }
    return p;
  }
}

/** `https://` + the account endpoint, unless it already carries a scheme; no trailing slash. */
export function batchUrlOf(accountEndpoint: string): string {
  const trimmed = accountEndpoint.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
