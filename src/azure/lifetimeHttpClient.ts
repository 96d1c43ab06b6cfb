// An HTTP client whose every request also ends when a lifetime signal aborts.
//
// The identity library accepts an abortSignal in getToken but, for client secrets, does not pass it
// on to the requests MSAL sends (discovery, token): an authority that accepts the connection and
// never answers kept the CLI alive past its deadline. Handing the credential this client makes
// the deadline reach the socket.
import type { HttpClient, PipelineRequest } from '@azure/core-rest-pipeline';

export async function lifetimeHttpClient(lifetime: AbortSignal): Promise<HttpClient> {
  const { createDefaultHttpClient } = await import('@azure/core-rest-pipeline');
  const inner = createDefaultHttpClient();
  return {
    sendRequest(request: PipelineRequest) {
      const own = request.abortSignal as AbortSignal | undefined;
      request.abortSignal = own ? AbortSignal.any([own, lifetime]) : lifetime;
      return inner.sendRequest(request);
    },
  };
}
