// What failed when a sign-in failed. MSAL reports an unreachable authority, an untrusted
// certificate, an unknown tenant and a dropped connection alike as `endpoints_resolution_error`
// (or a bare network error). When that happens, one plain request to the tenant's discovery
// document (and, if that works, to its token endpoint, without credentials) finds the cause, and
// the error says which host failed and why.
import * as l10n from '@vscode/l10n';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { AzureError, isCancellation, toAzureError } from './errors';

/** Codes of the errors this module produces. */
export const SIGN_IN_CODES = {
  unreachable: 'AuthorityUnreachable',
  untrusted: 'AuthorityCertificateUntrusted',
  reset: 'AuthorityConnectionReset',
  tenantNotFound: 'TenantNotFound',
} as const;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

/** True for the failures MSAL leaves unexplained. */
function isOpaqueSignInFailure(e: AzureError): boolean {
  return NETWORK_CODES.has(e.code) || /endpoints_resolution_error|network_error|openid_config_error|unable to get authority configuration/i.test(`${e.code} ${e.message}`);
}

function isTlsTrustCode(code: string): boolean {
  return /^(CERT_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_|HOSTNAME_MISMATCH)/.test(code);
}

interface ProbeAnswer {
  status?: number;
  body?: string;
  /** Transport failure: Node's error code and message. */
  code?: string;
  message?: string;
}

/** A probe: GET or POST `url` with `body`, never throwing. Injected in tests. */
export type Probe = (url: string, init: { method: 'GET' | 'POST'; body?: string; signal?: AbortSignal }) => Promise<ProbeAnswer>;

/** The real probe, through core-rest-pipeline (proxy settings and trusted CAs as the SDK sees them). */
export const pipelineProbe: Probe = async (url, init) => {
  const { createDefaultHttpClient, createPipelineRequest, createHttpHeaders } = await import('@azure/core-rest-pipeline');
  const client = createDefaultHttpClient();
  const request = createPipelineRequest({
    url,
    method: init.method,
    body: init.body,
    abortSignal: init.signal,
    timeout: 15_000,
    headers: createHttpHeaders(init.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
  });
  try {
    const response = await client.sendRequest(request);
    return { status: response.status, body: response.bodyAsText ?? undefined };
  } catch (e) {
    const o = e as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
    const code = typeof o.code === 'string' && o.code !== 'REQUEST_SEND_ERROR' ? o.code : typeof o.cause?.code === 'string' ? o.cause.code : undefined;
    return { code, message: typeof o.message === 'string' ? o.message : String(e) };
  }
};

function aadErrorOf(body: string | undefined): { error?: string; description?: string } {
  try {
    const o = JSON.parse(body ?? '') as { error?: unknown; error_description?: unknown };
    return { error: typeof o.error === 'string' ? o.error : undefined, description: typeof o.error_description === 'string' ? o.error_description.split(/\r?\n/)[0] : undefined };
  } catch {
    return {};
  }
}

function transportError(host: string, what: string, answer: ProbeAnswer): AzureError | undefined {
  const code = answer.code ?? 'Unknown';
  const detail = answer.message ?? code;
  if (isTlsTrustCode(code)) {
    return new AzureError({
      code: SIGN_IN_CODES.untrusted,
      message: l10n.t('Cannot sign in: the TLS certificate of {0} is not trusted ({1}: {2}). If the authority uses a private certificate authority, add it with NODE_EXTRA_CA_CERTS.', host, code, detail),
    });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(detail)) {
    return new AzureError({ code: SIGN_IN_CODES.reset, message: l10n.t('Cannot sign in: {0} closed the connection during the {1} request ({2}). Retry later, or check a proxy or firewall on the way.', host, what, code) });
  }
  if (code === 'ECONNREFUSED') {
    return new AzureError({ code: SIGN_IN_CODES.unreachable, message: l10n.t('Cannot sign in: {0} refused the connection ({1}). Check AZURE_AUTHORITY_HOST (or the authority host setting) and that the authority is reachable from here.', host, code) });
  }
  if (answer.code !== undefined || answer.message !== undefined) {
    return new AzureError({
      code: SIGN_IN_CODES.unreachable,
      message: l10n.t('Cannot sign in: the authority {0} cannot be reached ({1}: {2}). Check AZURE_AUTHORITY_HOST (or the authority host setting) and the network.', host, code, detail),
    });
  }
  return undefined;
}

/** Finds out why signing in at `authorityHost` for `tenantId` failed; undefined when the probe cannot tell. */
export async function diagnoseSignIn(authorityHost: string, tenantId: string, probe: Probe = pipelineProbe, signal?: AbortSignal): Promise<AzureError | undefined> {
  const base = authorityHost.replace(/\/+$/, '');
  const host = new URL(base).host;
  const discovery = await probe(`${base}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`, { method: 'GET', signal });
  if (discovery.status === undefined) return transportError(host, l10n.t('discovery'), discovery);
  if (discovery.status === 400 || discovery.status === 404) {
    const aad = aadErrorOf(discovery.body);
    return new AzureError({
      code: SIGN_IN_CODES.tenantNotFound,
      status: discovery.status,
      message: l10n.t('Cannot sign in: {0} does not know the tenant {1} ({2}). Check AZURE_TENANT_ID and that the authority belongs to the right cloud.', host, tenantId, aad.description ?? aad.error ?? `HTTP ${discovery.status}`),
    });
  }
  if (discovery.status !== 200) {
    return new AzureError({ code: SIGN_IN_CODES.unreachable, status: discovery.status, message: l10n.t('Cannot sign in: the discovery document of {0} answered HTTP {1}.', host, discovery.status) });
  }
  let tokenEndpoint: string | undefined;
  try {
    const t = (JSON.parse(discovery.body ?? '') as { token_endpoint?: unknown }).token_endpoint;
    tokenEndpoint = typeof t === 'string' ? t : undefined;
  } catch {
    tokenEndpoint = undefined;
  }
  if (!tokenEndpoint) return undefined;
  // No credentials: a healthy endpoint answers 400 invalid_request; a broken one shows how it breaks.
  const token = await probe(tokenEndpoint, { method: 'POST', body: 'grant_type=client_credentials', signal });
  if (token.status !== undefined) return undefined;
  let tokenHost = host;
  try {
    tokenHost = new URL(tokenEndpoint).host;
  } catch {
    // keep the authority's host
  }
  return transportError(tokenHost, l10n.t('token'), token);
}

/**
 * A credential whose opaque sign-in failures are replaced by a diagnosis. Failures MSAL explains
 * itself (a wrong secret, an unknown client) and cancellations pass through unchanged.
 */
export function explainingSignInFailures(credential: TokenCredential, authorityHost: string, tenantId: string, probe: Probe = pipelineProbe): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      try {
        return await credential.getToken(scopes, options);
      } catch (e) {
        const signal = options?.abortSignal as AbortSignal | undefined;
        if (isCancellation(e) || signal?.aborted) throw e;
        const mapped = toAzureError(e);
        if (!isOpaqueSignInFailure(mapped)) throw e;
        const diagnosis = await diagnoseSignIn(authorityHost, tenantId, probe, signal).catch(() => undefined);
        throw diagnosis ?? e;
      }
    },
  };
}
