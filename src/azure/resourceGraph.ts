// A thin Azure Resource Graph client on @azure/core-rest-pipeline (the pipeline the ARM SDKs
// already bundle): `POST {armEndpoint}/providers/Microsoft.ResourceGraph/resources` with the
// api-version we choose, subscriptions grouped, every page read, the quota honoured. Rows come
// back as plain JSON; src/azure/graphMappers.ts turns them into model types.
import type { Pipeline, HttpClient, PipelineResponse } from '@azure/core-rest-pipeline';
import * as l10n from '@vscode/l10n';
import type { AzureClients } from './clients';
import { AzureError, CANCELLED_CODE, errorFromResponse, toAzureError } from './errors';
import { throwIfAborted } from './paging';
import {
  groupSubscriptions,
  parseResetsAfter,
  parseRetryAfter,
  QuotaGate,
  RESOURCE_GRAPH_API_VERSION,
  ROWS_PER_PAGE,
} from './resourceGraphQuery';

/** One row of an objectArray answer. */
export type GraphRow = Record<string, unknown>;

/** Code of the error thrown when the quota would make a query wait longer than allowed. */
export const GRAPH_THROTTLED_CODE = 'ResourceGraphThrottled';
/** Code of the error thrown when a query would need more pages than the quota affords. */
export const GRAPH_TOO_LARGE_CODE = 'ResourceGraphTooLarge';
/** Code of the error thrown when Azure truncated an answer (never shown as complete). */
export const GRAPH_TRUNCATED_CODE = 'ResourceGraphResultTruncated';

export interface ResourceGraphOptions {
  /** Longest the client waits for the quota (or a 429's Retry-After) before giving up (default 10 s). */
  maxThrottleWaitMs?: number;
}

interface PageAnswer {
  rows: GraphRow[];
  totalRecords: number;
  skipToken?: string;
}

export interface GraphQueryResult {
  rows: GraphRow[];
  /** When the first page was answered: the index was at least this fresh. */
  answeredAt: string;
  /** Requests it took (pages x groups), for logs and the bench. */
  requests: number;
}

export class ResourceGraphClient {
  private readonly quota = new QuotaGate();
  private pipeline?: Promise<{ pipeline: Pipeline; httpClient: HttpClient }>;
  private readonly maxWait: number;

  constructor(
    private readonly clients: AzureClients,
    options: ResourceGraphOptions = {},
  ) {
    this.maxWait = options.maxThrottleWaitMs ?? 10_000;
  }

  /**
   * Runs `query` over `subscriptionIds` (groups of at most 300, side by side) and returns every
   * row. Throws an AzureError when any group fails or is truncated: a partial answer is never
   * returned as complete.
   */
  async query(query: string, subscriptionIds: readonly string[], signal?: AbortSignal, options: { onlyIfAffordable?: boolean } = {}): Promise<GraphQueryResult> {
    const groups = groupSubscriptions(subscriptionIds);
    const answeredAt = new Date().toISOString();
    let requests = 0;
    const parts = await Promise.all(
      groups.map(async (group) => {
        const first = await this.page(query, group, {}, signal);
        requests++;
        const more = first.skipToken ? Math.ceil(Math.max(0, first.totalRecords - first.rows.length) / ROWS_PER_PAGE) : 0;
        if (more > 0 && options.onlyIfAffordable) {
          // The first page says how many follow. A category Resource Manager lists in one paged
          // call per subscription is only worth the quota when the rest fits in what is left of
          // the window (pages other queries committed to are already counted off).
          const left = this.quota.available();
          if (left !== undefined && more > left) {
            throw new AzureError({ code: GRAPH_TOO_LARGE_CODE, message: l10n.t('{0} rows would take {1} more queries; {2} are left in the quota window.', first.totalRecords, more, left) });
          }
        }
        // Every page counts against the quota: the pages still to come are counted off at once,
        // so that other queries deciding now see what is really left. Each takes its commitment
        // along (it spends it when sent, or releases it).
        this.quota.commit(more);
        // The first page's totalRecords says where every other page starts: they are asked for
        // side by side with $skip (the query orders by id, so pages are stable) rather than one
        // $skipToken after another — a category's chain is two round trips, not one per page.
        const rest = await Promise.all(Array.from({ length: more }, (_, i) => this.page(query, group, { $skip: (i + 1) * ROWS_PER_PAGE }, signal, true)));
        requests += more;
        const rows = [...first.rows];
        for (const page of rest) rows.push(...page.rows);
        // An index that changed between pages would shift rows across them: never taken as complete.
        // (A row seen twice is the same index entry, spelled the same: no need to fold case.)
        if (rows.length !== first.totalRecords || new Set(rows.map((r) => r.id)).size !== rows.length) {
          throw new AzureError({ code: GRAPH_TRUNCATED_CODE, message: l10n.t('Azure Resource Graph returned {0} of {1} rows.', rows.length, first.totalRecords) });
        }
        return rows;
      }),
    );
    return { rows: parts.flat(), answeredAt, requests };
  }

  /**
   * One page: waits for the quota, sends, honours a 429's Retry-After (or the quota's reset) up
   * to the bound. `committed`: a page its query counted off with commit(); the commitment is
   * spent when the page is sent, given back when a 429 sends it again, released if it never is.
   */
  private async page(query: string, subscriptions: string[], paging: { $skip?: number }, signal: AbortSignal | undefined, committed = false): Promise<PageAnswer> {
    let held = committed;
    try {
      for (;;) {
        throwIfAborted(signal);
        const wait = this.quota.reserve(held);
        if (wait > 0) {
          if (wait > this.maxWait) throw throttled(wait);
          await delay(wait, signal);
          continue;
        }
        held = false;
        let response: PipelineResponse;
        try {
          response = await this.send({ subscriptions, query, options: { $top: ROWS_PER_PAGE, resultFormat: 'objectArray', ...paging } }, signal);
        } catch (e) {
          this.quota.settle({});
          throw toAzureError(e);
        }
        const remaining = response.headers.get('x-ms-user-quota-remaining');
        const resetsAfter = response.headers.get('x-ms-user-quota-resets-after');
        if (response.status === 429) {
          const resetMs = parseRetryAfter(response.headers.get('retry-after') ?? undefined) ?? parseResetsAfter(resetsAfter ?? undefined) ?? 5000;
          this.quota.exhausted(resetMs);
          if (committed) {
            this.quota.commit(1);
            held = true;
          }
          if (resetMs > this.maxWait) throw throttled(resetMs);
          continue;
        }
        this.quota.settle({ remaining: remaining ?? undefined, resetsAfter: resetsAfter ?? undefined });
        const text = response.bodyAsText ?? '';
        if (response.status >= 400) throw errorFromResponse(response.status, text, response.headers.get('x-ms-request-id') ?? undefined);
        return readPage(text);
      }
    } finally {
      if (held) this.quota.release(1);
    }
  }

  private async send(body: unknown, signal: AbortSignal | undefined): Promise<PipelineResponse> {
    const { pipeline, httpClient } = await this.ready();
    const { createPipelineRequest, createHttpHeaders } = await import('@azure/core-rest-pipeline');
    const request = createPipelineRequest({
      url: `${this.clients.cloud.armEndpoint}/providers/Microsoft.ResourceGraph/resources?api-version=${RESOURCE_GRAPH_API_VERSION}`,
      method: 'POST',
      abortSignal: signal,
      headers: createHttpHeaders({ 'Content-Type': 'application/json', Accept: 'application/json' }),
      body: JSON.stringify(body),
    });
    return pipeline.sendRequest(httpClient, request);
  }

  private ready(): Promise<{ pipeline: Pipeline; httpClient: HttpClient }> {
    this.pipeline ??= (async () => {
      const core = await import('@azure/core-rest-pipeline');
      // The default retry policy would also sit out a 429's Retry-After (a quota window of
      // seconds); the quota is handled above, with a bound. Transient failures (5xx, resets) are
      // still retried, with backoff.
      const pipeline = core.createPipelineFromOptions({});
      pipeline.removePolicy({ name: 'defaultRetryPolicy' });
      pipeline.addPolicy(core.exponentialRetryPolicy({ maxRetries: 3 }), { phase: 'Retry' });
      const credential = this.clients.connection.credentialFor(this.clients.cloud.armScope, this.clients.connection.tenantId);
      pipeline.addPolicy(core.bearerTokenAuthenticationPolicy({ credential, scopes: this.clients.cloud.armScope }));
      // The connection pool the Resource Manager clients use: the same host, no extra handshakes.
      return { pipeline, httpClient: await this.clients.armHttpClient() };
    })();
    return this.pipeline;
  }
}

function throttled(waitMs: number): AzureError {
  return new AzureError({
    code: GRAPH_THROTTLED_CODE,
    status: 429,
    message: l10n.t("Azure Resource Graph's query quota is spent for {0} s.", Math.ceil(waitMs / 1000)),
  });
}

function readPage(text: string): PageAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AzureError({ code: 'InvalidResponse', message: l10n.t('Azure Resource Graph sent an answer that is not JSON.') });
  }
  const o = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(o.data)) throw new AzureError({ code: 'InvalidResponse', message: l10n.t('Azure Resource Graph sent an answer without rows.') });
  const rows = o.data as GraphRow[];
  // `resultTruncated` is a string enum ("true"/"false") in the 2022-10-01 schema.
  if (String(o.resultTruncated).toLowerCase() === 'true') {
    throw new AzureError({ code: GRAPH_TRUNCATED_CODE, message: l10n.t('Azure Resource Graph truncated the answer.') });
  }
  const skipToken = typeof o.$skipToken === 'string' && o.$skipToken ? o.$skipToken : undefined;
  const totalRecords = typeof o.totalRecords === 'number' ? o.totalRecords : rows.length;
  return { rows, totalRecords, skipToken };
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Errors after which the inventory reads the same data from Resource Manager instead: Resource
 * Graph missing in this cloud (404, an unknown namespace or type), an api-version refused,
 * access refused, the quota spent past the bound, a truncated answer.
 */
export function isGraphFallbackError(e: unknown): boolean {
  const err = toAzureError(e);
  if (err.code === CANCELLED_CODE) return false;
  if ([GRAPH_THROTTLED_CODE, GRAPH_TRUNCATED_CODE, GRAPH_TOO_LARGE_CODE].includes(err.code)) return true;
  if (['InvalidResourceNamespace', 'InvalidResourceType', 'NoRegisteredProviderFound', 'InvalidApiVersionParameter', 'AuthorizationFailed', 'Forbidden'].includes(err.code)) return true;
  return err.status === 404 || err.status === 403 || err.status === 400 || err.status === 429;
}

/** Whether Resource Graph should not be asked again on this connection (it is not there or not allowed). */
export function isGraphUnavailable(e: unknown): boolean {
  const err = toAzureError(e);
  return err.status === 404 || err.status === 403 || ['InvalidResourceNamespace', 'InvalidResourceType', 'NoRegisteredProviderFound', 'InvalidApiVersionParameter'].includes(err.code);
}
