// Reply objects and the two Azure error envelopes (ARM and Batch data plane).
import { randomUUID } from 'node:crypto';
import type { JsonValue } from './json';

export interface Reply {
  status: number;
  body?: JsonValue;
  headers?: Record<string, string>;
  /** Raw text bodies (e.g. form errors) bypass JSON serialisation. */
  text?: string;
  contentType?: string;
}

/** Thrown by handlers; the server turns it into a reply. Keeps handler code linear. */
export class HttpError extends Error {
  constructor(public readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

export function json(status: number, body?: JsonValue, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

/**
 * A JSON reply serialised now rather than when it is written (after the simulated latency): the
 * body may then hold stored objects as they are, without a copy, for a later write to the store
 * cannot change what this answer says.
 */
export function jsonNow(status: number, body: JsonValue, headers?: Record<string, string>): Reply {
  return { status, text: JSON.stringify(body), contentType: 'application/json; charset=utf-8', headers };
}

/** ARM's error envelope: {"error":{"code","message"}}. */
export function armError(status: number, code: string, message: string, headers?: Record<string, string>): HttpError {
  return new HttpError({ status, body: { error: { code, message } }, headers });
}

/** The Batch data plane's OData error envelope. */
export function batchError(baseUrl: string, status: number, code: string, message: string, headers?: Record<string, string>): HttpError {
  const requestId = randomUUID();
  return new HttpError({
    status,
    contentType: 'application/json;odata=minimalmetadata',
    headers: { 'request-id': requestId, ...headers },
    body: {
      'odata.metadata': `${baseUrl}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element`,
      code,
      message: { lang: 'en-US', value: `${message}\nRequestId:${requestId}\nTime:${new Date().toISOString()}` },
    },
  });
}
