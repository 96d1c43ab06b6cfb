// Microsoft Entra ID: OpenID discovery and client-credentials token endpoints (v2.0 and v1 style),
// plus the bearer checks every other endpoint applies (signature, expiry, audience).
import { randomUUID } from 'node:crypto';
import type { AuthKind, Route, SimContext, SimRequest } from './context';
import { HttpError, armError, batchError, json, type Reply } from './http';
import type { JsonObject } from './json';
import type { JwtSigner } from './jwt';

export const BATCH_AUDIENCE = 'https://batch.core.windows.net/';
const ARM_AUDIENCES = ['https://management.azure.com/', 'https://management.core.windows.net/'];

const stripSlash = (s: string): string => s.replace(/\/+$/, '').toLowerCase();

function tenantOf(sim: SimContext, requested: string): string {
  // "adfs" is how MSAL addresses an AD FS / Azure Stack style authority (https://host/adfs).
  const known = [sim.identity.tenantId, sim.identity.tenantDomain, 'adfs'].map((t) => t.toLowerCase());
  if (!known.includes(requested.toLowerCase())) {
    throw aadError(400, 'invalid_request', 90002, `AADSTS90002: Tenant '${requested}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  return sim.identity.tenantId;
}

function aadError(status: number, error: string, code: number, description: string): HttpError {
  return new HttpError({
    status,
    body: { error, error_description: description, error_codes: [code], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() },
  });
}

function openIdConfiguration(sim: SimContext, tenantParam: string, v2: boolean): Reply {
  const tid = tenantOf(sim, tenantParam);
  // AD FS keeps its own path segment in every endpoint; Entra ID resolves to the tenant id.
  const base = `${sim.url}/${tenantParam.toLowerCase() === 'adfs' ? 'adfs' : tid}`;
  const o = v2 ? '/oauth2/v2.0' : '/oauth2';
  return json(200, {
    token_endpoint: `${base}${o}/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery${v2 ? '/v2.0' : ''}/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    // MSAL requires the issuer to share scheme, host and port with the authority.
    issuer: v2 ? `${base}/v2.0` : `${base}/`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/openid/userinfo`,
    authorization_endpoint: `${base}${o}/authorize`,
    device_authorization_endpoint: `${base}${o}/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}${o}/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'tid', 'ver', 'oid'],
    tenant_region_scope: 'NA',
    cloud_instance_name: 'azure-simulator',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
}

/** Resource (audience) from a v2 scope list: the first non-OIDC scope minus "/.default". */
function resourceFromScope(scope: string): string | undefined {
  const scopes = scope.split(' ').filter((s) => s && !['openid', 'profile', 'offline_access', 'email'].includes(s));
  const first = scopes[0];
  if (!first) return undefined;
  return first.endsWith('/.default') ? first.slice(0, -'/.default'.length) : first;
}

function issueToken(sim: SimContext, signer: JwtSigner, req: SimRequest, v2: boolean): Reply {
  const tid = tenantOf(sim, req.params.tenant);
  const form = new URLSearchParams(req.rawBody);
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials') {
    throw aadError(400, 'unsupported_grant_type', 70003, `AADSTS70003: The app requested an unsupported grant type '${grant ?? ''}'. The simulator supports client_credentials only.`);
  }
  let clientId = form.get('client_id') ?? '';
  let secret = form.get('client_secret') ?? '';
  const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
  if (basic) [clientId, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
  if (clientId !== sim.identity.clientId) {
    throw aadError(400, 'unauthorized_client', 700016, `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tid}'.`);
  }
  if (secret !== sim.identity.clientSecret) {
    throw aadError(401, 'invalid_client', 7000215, 'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
  }
  // v1 takes `resource`; MSAL talking to a v1/AD FS authority still sends `scope`.
  const resource = v2 ? resourceFromScope(form.get('scope') ?? '') : (form.get('resource') ?? resourceFromScope(form.get('scope') ?? ''));
  if (!resource) throw aadError(400, 'invalid_scope', 70011, 'AADSTS70011: The provided request must include a \'scope\' input parameter.');
  const now = Math.floor(Date.now() / 1000);
  const lifetime = sim.options.tokenLifetimeSeconds;
  const token = signer.sign({
    aud: resource,
    iss: v2 ? `${sim.url}/${tid}/v2.0` : `${sim.url}/${tid}/`,
    iat: now,
    nbf: now,
    exp: now + lifetime,
    appid: clientId,
    azp: clientId,
    oid: clientId,
    sub: clientId,
    tid,
    ver: v2 ? '2.0' : '1.0',
    jti: randomUUID(),
  });
  sim.issuedTokens.push(token);
  const body: JsonObject = { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token };
  if (!v2) Object.assign(body, { expires_in: String(lifetime), ext_expires_in: String(lifetime), expires_on: String(now + lifetime), not_before: String(now), resource });
  return json(200, body);
}

export function authRoutes(signer: JwtSigner): Route[] {
  const token = (name: string, pattern: string, handler: Route['handler'], method = 'GET'): Route => ({ name, method, pattern, auth: 'none', faultExempt: 'token', handler });
  return [
    token('aad.openid.v2', '/:tenant/v2.0/.well-known/openid-configuration', (r) => openIdConfiguration(r.sim, r.params.tenant, true)),
    token('aad.openid.v1', '/:tenant/.well-known/openid-configuration', (r) => openIdConfiguration(r.sim, r.params.tenant, false)),
    token('aad.token.v2', '/:tenant/oauth2/v2.0/token', (r) => issueToken(r.sim, signer, r, true), 'POST'),
    token('aad.token.v1', '/:tenant/oauth2/token', (r) => issueToken(r.sim, signer, r, false), 'POST'),
    token('aad.keys.v2', '/:tenant/discovery/v2.0/keys', () => json(200, { keys: [] })),
    token('aad.keys.v1', '/:tenant/discovery/keys', () => json(200, { keys: [] })),
    {
      name: 'arm.metadata.endpoints',
      method: 'GET',
      pattern: '/metadata/endpoints',
      auth: 'none',
      handler: (r) => {
        const cloud = cloudMetadata(r.sim);
        // api-version 2019-05-01 and later return a list of clouds; older callers get one object.
        return json(200, r.apiVersion && r.apiVersion >= '2019-05-01' ? [cloud] : cloud);
      },
    },
  ];
}

function cloudMetadata(sim: SimContext): JsonObject {
  return {
    name: 'AzureSimulator',
    portal: `${sim.url}/portal`,
    resourceManager: `${sim.url}/`,
    authentication: { loginEndpoint: `${sim.url}/`, audiences: [...ARM_AUDIENCES, `${sim.url}/`], tenant: 'common', identityProvider: 'AAD' },
    batch: BATCH_AUDIENCE,
    graphAudience: 'https://graph.windows.net/',
    graph: 'https://graph.windows.net/',
    microsoftGraphResourceId: 'https://graph.microsoft.com/',
    media: 'https://rest.media.azure.net',
    gallery: `${sim.url}/gallery`,
    vmImageAliasDoc: '',
    suffixes: { storage: 'core.windows.net', keyVaultDns: 'vault.azure.net', acrLoginServer: 'azurecr.io', sqlServerHostname: 'database.windows.net' },
  };
}

/** Throws the plane's 401 when the bearer token is missing, not ours, expired or for another audience. */
export function authenticate(req: SimRequest, kind: AuthKind, signer: JwtSigner): void {
  if (kind === 'none') return;
  const sim = req.sim;
  const fail = (code: string, message: string, error = 'invalid_token'): HttpError => {
    const header = `Bearer authorization_uri="${sim.url}/${sim.identity.tenantId}", error="${error}", error_description="${message.replace(/"/g, "'")}"`;
    const headers = { 'WWW-Authenticate': header };
    return kind === 'arm' ? armError(401, code, message, headers) : batchError(req.baseUrl, 401, code, message, headers);
  };
  const match = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
  if (!match) {
    throw fail('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", 'invalid_request');
  }
  const claims = signer.verify(match[1]);
  if (!claims) throw fail(kind === 'arm' ? 'InvalidAuthenticationToken' : 'AuthenticationFailed', 'The access token is invalid.');
  // Like Entra ID and ARM, accept a token for clockSkewSeconds past its expiry (and before its
  // nbf): a client whose clock runs a little behind still gets through.
  const now = Date.now();
  const skewMs = sim.options.clockSkewSeconds * 1000;
  if (typeof claims.exp !== 'number' || claims.exp * 1000 + skewMs <= now) {
    throw fail(kind === 'arm' ? 'ExpiredAuthenticationToken' : 'AuthenticationFailed', 'The access token expiry UTC time is earlier than current UTC time.');
  }
  if (typeof claims.nbf === 'number' && claims.nbf * 1000 - skewMs > now) {
    throw fail(kind === 'arm' ? 'InvalidAuthenticationToken' : 'AuthenticationFailed', 'The access token is not yet valid.');
  }
  const aud = stripSlash(String(claims.aud));
  const accepted = kind === 'arm' ? [...ARM_AUDIENCES, sim.url] : [BATCH_AUDIENCE];
  if (!accepted.some((a) => stripSlash(a) === aud)) {
    throw fail(
      kind === 'arm' ? 'InvalidAuthenticationTokenAudience' : 'AuthenticationFailed',
      `The access token has been obtained for wrong audience or resource '${String(claims.aud)}'. It should exactly match with one of the allowed audiences '${accepted.join("','")}'.`,
    );
  }
}
