// A raw ARM request through an SDK client's pipeline (same credential, retries and policies),
// for calls whose SDK model would drop fields (pool bodies written by the user) or that no
// installed SDK covers (resource provider registration).
import type { PipelineResponse } from '@azure/core-rest-pipeline';
import { errorFromResponse, toAzureError, type AzureError } from './errors';
import { throwIfAborted } from './paging';

export interface PipelineClient {
  sendRequest(request: import('@azure/core-rest-pipeline').PipelineRequest): Promise<PipelineResponse>;
}

export interface RawResponse {
  status: number;
  body: unknown;
}

export async function armRequest(
  client: PipelineClient,
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE',
  url: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<RawResponse> {
  const { createPipelineRequest, createHttpHeaders } = await import('@azure/core-rest-pipeline');
  const request = createPipelineRequest({
    url,
    method,
    abortSignal: options.signal,
    headers: createHttpHeaders({ 'Content-Type': 'application/json', Accept: 'application/json' }),
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  let response: PipelineResponse;
  try {
    response = await client.sendRequest(request);
  } catch (e) {
    throw toAzureError(e);
  }
  const text = response.bodyAsText ?? undefined;
  if (response.status >= 400) {
    throw errorFromResponse(response.status, text, response.headers.get('x-ms-request-id') ?? undefined);
  }
  let body: unknown;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, body };
}

/**
 * Every item of a Resource Manager list, following `nextLink` page after page, through the
 * client's pipeline. A page without a `value` array contributes nothing, or fails with
 * `malformed()` when the caller must not take that for an empty list.
 */
export async function armListAll(client: PipelineClient, url: string, options: { signal?: AbortSignal; malformed?: () => AzureError } = {}): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | undefined = url;
  while (next) {
    throwIfAborted(options.signal);
    const { body } = await armRequest(client, 'GET', next, { signal: options.signal });
    const page = (typeof body === 'object' && body !== null ? body : {}) as { value?: unknown; nextLink?: unknown };
    if (Array.isArray(page.value)) items.push(...(page.value as unknown[]));
    else if (options.malformed) throw options.malformed();
    next = typeof page.nextLink === 'string' && page.nextLink ? page.nextLink : undefined;
  }
  return items;
}
