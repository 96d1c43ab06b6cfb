// A raw ARM request through an SDK client's pipeline (same credential, retries and policies),
// for calls whose SDK model would drop fields (pool bodies written by the user) or that no
// installed SDK covers (resource provider registration).
import type { PipelineResponse } from '@azure/core-rest-pipeline';
import { errorFromResponse, toAzureError } from './errors';

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
