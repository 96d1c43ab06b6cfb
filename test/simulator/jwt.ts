// HS256 JWTs: the simulator is both issuer and verifier, so a per-instance HMAC secret suffices
// (clients never validate access tokens; they only decode `exp`).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { JsonObject } from './json';
import { isObject } from './json';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export class JwtSigner {
  private readonly key = randomBytes(32);

  sign(claims: JsonObject): string {
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'azure-simulator' }));
    const payload = b64url(JSON.stringify(claims));
    const sig = createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${sig}`;
  }

  /** Returns the claims when the signature is ours, else undefined. Expiry is checked by the caller. */
  verify(token: string): JsonObject | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const expected = createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest();
    const actual = Buffer.from(parts[2], 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
      return isObject(claims) ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}
