// Batch API versions before 2025-06-01 are being retired, but the installed SDKs still default
// to older ones (@azure/arm-batch 9.x: 2023-11-01; @azure/batch 10.x: 2022-10-01.16.0). Rather
// than trust every call site, a pipeline policy raises the `api-version` query parameter of
// every Batch request (including LRO polls and next-page links) to the pinned version.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { HttpOperationResponse, RequestPolicy, RequestPolicyFactory, WebResourceLike } from '@azure/ms-rest-js';

/** Microsoft.Batch management plane (ARM). */
export const BATCH_MANAGEMENT_API_VERSION = '2025-06-01';
/** Batch data plane (`https://{account}.{region}.batch.azure.com`). */
export const BATCH_DATA_PLANE_API_VERSION = '2025-06-01.21.0';
/** Nothing older than this may reach either Batch plane. */
export const BATCH_MINIMUM_API_DATE = '2025-06-01';

/**
 * Returns `url` with its api-version raised to `pinned` when it is missing or older. Versions
 * compare by their leading date, so `2022-10-01.16.0` < `2025-06-01.21.0`.
 */
export function pinApiVersion(url: string, pinned: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const current = parsed.searchParams.get('api-version');
  if (current !== null && current.slice(0, 10) >= pinned.slice(0, 10) && current >= pinned) return url;
  parsed.searchParams.set('api-version', pinned);
  return parsed.toString();
}

const isBatchManagementUrl = (url: string): boolean => /\/providers\/microsoft\.batch\//i.test(url);

/** core-rest-pipeline policy for @azure/arm-batch clients: only touches Microsoft.Batch URLs. */
export function batchManagementApiVersionPolicy(pinned = BATCH_MANAGEMENT_API_VERSION): PipelinePolicy {
  return {
    name: 'batchImagesPinBatchManagementApiVersion',
    sendRequest(request, next) {
      if (isBatchManagementUrl(request.url)) request.url = pinApiVersion(request.url, pinned);
      return next(request);
    },
  };
}

/** ms-rest-js policy factory for the @azure/batch data-plane client (every request is Batch). */
export function batchDataPlaneApiVersionPolicy(pinned = BATCH_DATA_PLANE_API_VERSION): RequestPolicyFactory {
  return {
    create(nextPolicy: RequestPolicy): RequestPolicy {
      return {
        sendRequest(request: WebResourceLike): Promise<HttpOperationResponse> {
          request.url = pinApiVersion(request.url, pinned);
          return nextPolicy.sendRequest(request);
        },
      };
    },
  };
}
