// One error type for everything that comes back from Azure, whichever SDK produced it.
// Azure's own `code` and `message` are kept verbatim so the UI can show what the portal shows
// and rules/tests can match on codes. Nothing from the request (headers, tokens) is copied.
import * as l10n from '@vscode/l10n';

export class AzureError extends Error {
  override readonly name = 'AzureError';
  /** Azure's error code (e.g. `ResourceNotFound`, `PoolExists`), or a transport code (`ECONNRESET`, `Cancelled`). */
  readonly code: string;
  /** HTTP status, when there was a response. */
  readonly status?: number;
  /** `x-ms-request-id` / `request-id` of the failed call, for support tickets. */
  readonly requestId?: string;

  constructor(init: { code: string; message: string; status?: number; requestId?: string }) {
    super(redactSecrets(init.message));
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

export const CANCELLED_CODE = 'Cancelled';

export function isAzureError(e: unknown): e is AzureError {
  return e instanceof AzureError;
}

/** True for an AzureError or native error that represents cancellation (AbortSignal). */
export function isCancellation(e: unknown): boolean {
  if (e instanceof AzureError) return e.code === CANCELLED_CODE;
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: unknown }).code === 'ABORT_ERR');
}

/**
 * Defence in depth: strip anything that looks like a bearer token or JWT from a message before it
 * can reach a notification or a log. Azure messages never legitimately contain one.
 */
export function redactSecrets(message: string): string {
  return message
    .replace(/Bearer\s+[A-Za-z0-9\-_.~+/]+=*/gi, 'Bearer <redacted>')
    // HTTP Basic credentials (base64 of "id:secret"), as a token request may send them.
    .replace(/\bBasic\s+([A-Za-z0-9+/]{8,}={0,2})/g, (whole, b64: string) => (Buffer.from(b64, 'base64').toString('latin1').includes(':') ? 'Basic <redacted>' : whole))
    .replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '<redacted-token>')
    // Form (`client_secret=…`) and JSON (`"client_secret":"…"`) spellings.
    .replace(/(client_secret|access_token|refresh_token)("?\s*[=:]\s*"?)([^"&\s,}]+)/gi, '$1$2<redacted>');
}

type Loose = Record<string, unknown>;

function asObject(v: unknown): Loose | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : undefined;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The Batch data plane appends "\nRequestId:...\nTime:..." to messages; split it off. */
function splitBatchTrailer(message: string): { message: string; requestId?: string } {
  const m = /\r?\nRequestId:([^\r\n]+)(?:\r?\nTime:[^\r\n]*)?\s*$/.exec(message);
  if (!m) return { message };
  return { message: message.slice(0, m.index), requestId: m[1].trim() };
}

/**
 * Reads `{error:{code,message}}` (ARM), `{code, message:{value}}` (Batch data plane) or
 * `{code, message}` (SDK-deserialised bodies) into code + message.
 */
export function readErrorBody(body: unknown): { code?: string; message?: string; requestId?: string } | undefined {
  const o = asObject(body);
  if (!o) return undefined;
  const inner = asObject(o.error) ?? asObject(o['odata.error']) ?? o;
  const code = typeof inner.code === 'string' ? inner.code : undefined;
  let message: string | undefined;
  if (typeof inner.message === 'string') message = inner.message;
  else {
    const m = asObject(inner.message);
    if (m && typeof m.value === 'string') message = m.value;
  }
  if (code === undefined && message === undefined) return undefined;
  if (message === undefined) return { code };
  const split = splitBatchTrailer(message);
  return { code, message: split.message, requestId: split.requestId };
}

function headerValue(headers: unknown, name: string): string | undefined {
  const h = asObject(headers);
  if (!h) return undefined;
  // core-rest-pipeline HttpHeaders and ms-rest-js HttpHeaders both have get().
  const get = h.get;
  if (typeof get === 'function') {
    const v: unknown = get.call(h, name);
    return typeof v === 'string' ? v : undefined;
  }
  const v = h[name] ?? h[name.toLowerCase()];
  return typeof v === 'string' ? v : undefined;
}

function requestIdOf(response: Loose | undefined): string | undefined {
  if (!response) return undefined;
  return headerValue(response.headers, 'x-ms-request-id') ?? headerValue(response.headers, 'request-id');
}

/** Codes Resource Manager and Batch answer for a resource (or its parent) that does not exist. */
const NOT_FOUND_CODES = ['ResourceNotFound', 'NotFound', 'ParentResourceNotFound', 'ResourceGroupNotFound', 'PoolNotFound'];

/** Whether Azure said the resource does not exist (404 or a not-found code): a fresh read's "gone". */
export function isNotFound(e: unknown): boolean {
  const err = toAzureError(e);
  return err.status === 404 || NOT_FOUND_CODES.includes(err.code);
}

/**
 * Maps anything an SDK, the identity library or fetch throws into an AzureError.
 * Works on shapes, not classes, because three different RestError classes are in play.
 */
export function toAzureError(e: unknown): AzureError {
  if (e instanceof AzureError) return e;
  if (isCancellation(e)) return new AzureError({ code: CANCELLED_CODE, message: l10n.t('The operation was cancelled.') });
  const o = asObject(e) ?? {};
  const response = asObject(o.response);
  const status =
    typeof o.statusCode === 'number' ? o.statusCode : typeof response?.status === 'number' ? response.status : undefined;

  // Identity library: AuthenticationError carries the token endpoint's error body.
  const errorResponse = asObject(o.errorResponse);
  if (errorResponse && typeof errorResponse.error === 'string') {
    const description = typeof errorResponse.errorDescription === 'string' ? errorResponse.errorDescription : String(o.message ?? '');
    return new AzureError({ code: errorResponse.error, message: description.split(/\r?\n/)[0] ?? description, status });
  }

  // Identity library wrapping an MSAL ServerError (e.g. AuthenticationRequiredError for a bad secret).
  const cause = asObject(o.cause);
  if (cause && typeof cause.errorCode === 'string' && cause.errorCode) {
    const raw = typeof cause.errorMessage === 'string' ? cause.errorMessage : String(o.message ?? cause.errorCode);
    // MSAL formats "Error(s): n - Timestamp: t - Description: AADSTS…: text - Trace ID: … - Correlation ID: …".
    const description = /Description:\s*([\s\S]*?)(?:\s+-\s+(?:Trace|Correlation) ID:|$)/.exec(raw)?.[1] ?? raw;
    return new AzureError({ code: cause.errorCode, message: description.trim(), status: typeof cause.status === 'number' ? cause.status : status });
  }

  const candidates: unknown[] = [o.details, o.body, response?.parsedBody, parseJson(response?.bodyAsText)];
  for (const c of candidates) {
    const parsed = readErrorBody(c);
    if (parsed && (parsed.code || parsed.message)) {
      return new AzureError({
        code: parsed.code ?? (typeof o.code === 'string' ? o.code : `HTTP${status ?? ''}`),
        message: parsed.message ?? String(o.message ?? parsed.code),
        status,
        requestId: parsed.requestId ?? requestIdOf(response),
      });
    }
  }

  // core-lro reports a Failed operation as a plain Error: "The long-running operation has failed. {code}. {message}".
  const lro = typeof o.message === 'string' ? /^The long-running operation has failed\.\s*([A-Za-z0-9_.-]+?)\.\s+([\s\S]*)$/.exec(o.message) : null;
  if (lro) return new AzureError({ code: lro[1], message: lro[2], status });

  const rawCode = typeof o.code === 'string' ? o.code : undefined;
  const causeCode = typeof asObject(o.cause)?.code === 'string' ? String(asObject(o.cause)?.code) : undefined;
  const code = rawCode ?? causeCode ?? (o.name === 'CredentialUnavailableError' ? 'CredentialUnavailable' : status ? `HTTP${status}` : 'Unknown');
  const message = typeof o.message === 'string' && o.message ? o.message : String(e);
  return new AzureError({ code, message, status, requestId: requestIdOf(response) });
}

/** Error for a raw HTTP response (used where we send requests ourselves). */
export function errorFromResponse(status: number, bodyText: string | undefined, requestId: string | undefined): AzureError {
  const parsed = readErrorBody(parseJson(bodyText));
  return new AzureError({
    code: parsed?.code ?? `HTTP${status}`,
    message: parsed?.message ?? (bodyText && bodyText.length < 500 ? bodyText : l10n.t('Request failed with status {0}.', status)),
    status,
    requestId: parsed?.requestId ?? requestId,
  });
}

/** Runs an SDK call and rethrows whatever it throws as an AzureError. */
export async function mapErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw toAzureError(e);
  }
}
