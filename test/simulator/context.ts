// Shared types between the server and the handlers: options, the per-request view, routes.
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './http';
import type { JsonObject } from './json';
import type { LroManager } from './lro';
import type { Store } from './store';

export interface ResolvedOptions {
  port: number;
  scenario: string;
  latencyMs: number;
  faults: string;
  seed: number;
  pageSize: number;
  tokenLifetimeSeconds: number;
  /**
   * How far past `exp` (and before `nbf`) a bearer token is still accepted, as Entra ID and ARM
   * allow for clock skew (5 minutes). 0 makes expiry exact, for tests of token refresh.
   */
  clockSkewSeconds: number;
  lroMs: number;
  /** How long a pool resize takes before nodes are allocated (or the resize fails). */
  allocationMs: number;
  /** Whether --faults also hit the Entra ID endpoints (off by default: sign-in is not under test). */
  faultTokenEndpoints: boolean;
  /** Retry-After sent with injected 429/503, in milliseconds (also sent as retry-after-ms). */
  retryAfterMs: number;
  /** Extra delay of a `slow` fault. */
  slowMs: number;
  /** Resource Graph queries each client may send per window, as `N/Ss` (Azure's default: 15 per 5 s). */
  argQuota: string;
  /** How long a write or delete takes to reach the Resource Graph index. */
  argLagMs: number;
  /** False for a cloud without Azure Resource Graph (its endpoint answers like an unknown namespace). */
  resourceGraph: boolean;
  /**
   * Subscriptions Resource Graph cannot read for the caller (lower case or not). As in Azure, a
   * query naming them answers without their rows and without saying so: neither their resources
   * nor their row in ResourceContainers.
   */
  argUnreadableSubscriptions: string[];
  /**
   * Resource Manager's per-subscription read throttling: `off`, `BUCKET/REFILL` (token bucket of
   * BUCKET reads refilled by REFILL per second, Azure's is 250/25), or `auto` (on for the
   * generated `large` and `enterprise` scenarios, off otherwise).
   */
  armThrottle: string;
}

export interface Identity {
  tenantId: string;
  tenantDisplayName: string;
  tenantDomain: string;
  clientId: string;
  clientSecret: string;
}

export interface FailureSpec {
  code: string;
  message: string;
  /** Let this many operations of the kind succeed first (e.g. fail the second pool creation). */
  skip?: number;
}

/** Everything a handler may read or change. One per simulator instance. */
export interface SimContext {
  options: ResolvedOptions;
  /** https://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** 127.0.0.1:PORT, used for accountEndpoint. */
  host: string;
  identity: Identity;
  store: Store;
  lro: LroManager;
  /** Operation kind ("imageCreate", "galleryImageVersionCreate", ...) -> failures queued for it. */
  failNext: Map<string, FailureSpec[]>;
  /** Batch account name (lower-case) -> supported images list; "*" is the default. */
  supportedImages: Map<string, JsonObject[]>;
  issuedTokens: string[];
  /** Pool key -> time at which its current resize finishes (allocation is simulated lazily). */
  poolResizeDue: Map<string, number>;
  /**
   * Batch account name (lower-case) -> its data-plane endpoint "127.0.0.1:PORT". Each account gets
   * its own port because @azure/batch (ms-rest-js) drops any path in the batch URL, so accounts
   * cannot be told apart by a path prefix.
   */
  batchEndpoints: Map<string, string>;
  ensureBatchEndpoint: (accountName: string) => Promise<void>;
}

export interface SimRequest {
  sim: SimContext;
  method: string;
  url: URL;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  /** Public origin the client used (the main port, or a Batch account's own port); links use it. */
  baseUrl: string;
  apiVersion: string | undefined;
}

export type AuthKind = 'none' | 'arm' | 'batch';

export interface Route {
  name: string;
  method: string;
  /** Slash-separated; `:x` captures a segment; literal segments match case-insensitively. */
  pattern: string;
  auth: AuthKind;
  /** Token endpoints and the control API are exempt from fault injection. */
  faultExempt?: 'always' | 'token';
  handler: (req: SimRequest) => Reply | Promise<Reply>;
}
