// The HTTPS server: one request pipeline (control API, route match, faults, latency, LRO tick,
// bearer check, handler, reply, log) over the route tables of every simulated service.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { generateCertificates, type Certificates } from './certs';
import type { ResolvedOptions, Route, SimContext, SimRequest } from './context';
import { HttpError, armError, batchError, type Reply } from './http';
import type { JsonValue } from './json';
import { JwtSigner } from './jwt';
import { LroManager } from './lro';
import { Router } from './router';
import { Store } from './store';
import { authRoutes, authenticate } from './auth';
import { subscriptionRoutes } from './arm/subscriptions';
import { operationRoutes, resourceRoutes } from './arm/resources';
import { computeSpecs } from './arm/compute';
import { batchExtraRoutes, batchSpecs } from './arm/batch';
import { batchPlaneRoutes } from './batchPlane';
import { FaultInjector, type FaultKind } from './faults';
import { RequestLog } from './requestLog';
import { handleControl, type ControlTarget } from './control';
import { applyScenario, readScenario } from './scenarios/load';
import { DEMO_IDENTITY } from './scenarios/identity';
import { genericResourceRoutes } from './arm/genericResources';
import { parseQuota, resourceGraphRoutes, UserQuota } from './resourceGraph/routes';
import { parseArmThrottle, SubscriptionReadThrottle } from './armThrottle';

const MAX_BODY = 16 * 1024 * 1024;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  port: 0, scenario: 'demo', latencyMs: 0, faults: '', seed: 1, pageSize: 100, tokenLifetimeSeconds: 3600, clockSkewSeconds: 300,
  lroMs: 1000, allocationMs: 2000, faultTokenEndpoints: false, retryAfterMs: 1000, slowMs: 2000,
  argQuota: '15/5s', argLagMs: 0, resourceGraph: true, argUnreadableSubscriptions: [], armThrottle: 'auto',
};

export class SimulatorServer implements ControlTarget {
  readonly sim: SimContext;
  private readonly signer = new JwtSigner();
  private readonly router = new Router();
  private readonly log = new RequestLog();
  private readonly injector: FaultInjector;
  private server?: Server;
  private readonly accountServers: Server[] = [];
  private certs?: Certificates;
  private scenarioName: string;
  private quota: UserQuota;
  private armThrottle?: SubscriptionReadThrottle;

  constructor(options: ResolvedOptions) {
    this.injector = new FaultInjector(options.faults, options.seed);
    this.quota = new UserQuota(parseQuota(options.argQuota));
    const bucket = parseArmThrottle(options.armThrottle, options.scenario);
    this.armThrottle = bucket ? new SubscriptionReadThrottle(bucket) : undefined;
    this.scenarioName = options.scenario;
    this.sim = {
      options, url: '', host: '', identity: { ...DEMO_IDENTITY }, store: new Store(), lro: new LroManager(),
      failNext: new Map(), supportedImages: new Map(), issuedTokens: [], poolResizeDue: new Map(),
      batchEndpoints: new Map(), ensureBatchEndpoint: (name) => this.ensureBatchEndpoint(name),
    };
    // Order matters: specific literal routes before patterns that could swallow them.
    this.router.add(...authRoutes(this.signer), ...operationRoutes(), ...batchExtraRoutes(), ...resourceGraphRoutes(() => this.quota), ...genericResourceRoutes());
    for (const spec of [...computeSpecs, ...batchSpecs]) this.router.add(...resourceRoutes(spec));
    this.router.add(...subscriptionRoutes(), ...batchPlaneRoutes());
  }

  get caCertPath(): string {
    return this.certs?.caCertPath ?? '';
  }

  get caPem(): string {
    return this.certs?.caPem ?? '';
  }

  async start(): Promise<void> {
    const scenario = readScenario(this.scenarioName, this.sim.options.seed);
    this.certs = await generateCertificates();
    const server = await this.listen(this.sim.options.port, undefined);
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    this.sim.host = `127.0.0.1:${port}`;
    this.sim.url = `https://127.0.0.1:${port}`;
    await this.apply(scenario);
  }

  private async listen(port: number, account: string | undefined): Promise<Server> {
    const certs = this.certs;
    if (!certs) throw new Error('certificates not generated');
    const server = createServer({ key: certs.serverKeyPem, cert: certs.serverCertPem, keepAlive: true }, (req, res) => {
      this.handle(req, res, account).catch((e: unknown) => {
        process.stderr.write(`simulator: unhandled ${(e as Error).stack ?? String(e)}\n`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return server;
  }

  /** Opens (once per name) the account's own data-plane port; names are global like Azure's DNS names. */
  private async ensureBatchEndpoint(accountName: string): Promise<void> {
    const key = accountName.toLowerCase();
    if (this.sim.batchEndpoints.has(key) || !this.server) return;
    const server = await this.listen(0, key);
    this.accountServers.push(server);
    this.sim.batchEndpoints.set(key, `127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  private async apply(scenario: ReturnType<typeof readScenario>): Promise<void> {
    applyScenario(this.sim, scenario);
    await Promise.all(this.sim.store.ofKind('batchAccounts').map((a) => this.ensureBatchEndpoint(a.name)));
  }

  async stop(): Promise<void> {
    const servers = [this.server, ...this.accountServers.splice(0)].filter((s): s is Server => s !== undefined);
    this.server = undefined;
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    await this.certs?.dispose();
  }

  // ---- ControlTarget ------------------------------------------------------------------------
  info(): JsonValue {
    return {
      url: this.sim.url, caCertPath: this.caCertPath, tenantId: this.sim.identity.tenantId, clientId: this.sim.identity.clientId,
      clientSecret: this.sim.identity.clientSecret, subscriptionIds: [...this.sim.store.subscriptions.values()].map((s) => s.subscriptionId),
      scenario: this.scenarioName,
    };
  }

  counters(): JsonValue {
    return JSON.parse(JSON.stringify(this.log.counts())) as JsonValue;
  }

  requestLog(): JsonValue {
    return JSON.parse(JSON.stringify(this.log.list())) as JsonValue;
  }

  logEntries(): ReturnType<RequestLog['list']> {
    return this.log.list();
  }

  routeCounters(): ReturnType<RequestLog['counts']> {
    return this.log.counts();
  }

  clearLog(): void {
    this.log.clear();
  }

  reset(): Promise<void> {
    return this.loadScenario(this.scenarioName);
  }

  async loadScenario(nameOrPath: string): Promise<void> {
    const scenario = readScenario(nameOrPath, this.sim.options.seed);
    this.scenarioName = nameOrPath;
    await this.apply(scenario);
    // A fresh scenario starts with a full quota and full buckets.
    this.quota = new UserQuota(parseQuota(this.sim.options.argQuota));
    const bucket = parseArmThrottle(this.sim.options.armThrottle, nameOrPath);
    this.armThrottle = bucket ? new SubscriptionReadThrottle(bucket) : undefined;
    this.log.clear();
    this.injector.set(this.sim.options.faults);
  }

  setFaults(spec: string): void {
    this.injector.set(spec);
    this.sim.options.faults = spec;
  }

  setResourceGraph(settings: { lagMs?: number; quota?: string; enabled?: boolean; unreadableSubscriptions?: string[] }): JsonValue {
    const o = this.sim.options;
    if (settings.quota !== undefined) {
      this.quota = new UserQuota(parseQuota(settings.quota));
      o.argQuota = settings.quota;
    }
    if (settings.lagMs !== undefined) {
      o.argLagMs = settings.lagMs;
      this.sim.store.indexLagMs = settings.lagMs;
    }
    if (settings.enabled !== undefined) o.resourceGraph = settings.enabled;
    if (settings.unreadableSubscriptions !== undefined) o.argUnreadableSubscriptions = [...settings.unreadableSubscriptions];
    return { lagMs: o.argLagMs, quota: o.argQuota, enabled: o.resourceGraph, unreadableSubscriptions: [...o.argUnreadableSubscriptions] };
  }

  faults(): JsonValue {
    return { spec: this.sim.options.faults, rules: this.injector.describe().map((r) => ({ kind: r.kind, probability: r.probability })) };
  }

  // ---- pipeline -----------------------------------------------------------------------------
  private async handle(req: IncomingMessage, res: ServerResponse, account: string | undefined): Promise<void> {
    const started = Date.now();
    const rawBody = await readBody(req);
    const baseUrl = account ? `https://${this.sim.batchEndpoints.get(account) ?? this.sim.host}` : this.sim.url;
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    // An account's own port serves that account's data plane without the /batch/{name} prefix.
    const path = account ? `/batch/${account}${url.pathname === '/' ? '' : url.pathname}` : url.pathname;
    if (!account && (path === '/__simulator' || path.startsWith('/__simulator/'))) {
      let reply: Reply;
      try {
        reply = await handleControl(this, method, path, parseJson(rawBody));
      } catch (e) {
        reply = e instanceof HttpError ? e.reply : { status: 500, body: { error: { code: 'InternalError', message: String(e) } } };
      }
      write(res, reply, {});
      return;
    }
    const apiVersion = url.searchParams.get('api-version') ?? undefined;
    // Azure refuses a `.` or `..` path segment (as written or percent-encoded) rather than resolve
    // it; a client that sends one unresolved gets the same answer here, never another resource.
    const dotSegment = dotPathSegment(req.url ?? '/');
    const { route, params, methodMismatch } = dotSegment ? { route: undefined, params: {}, methodMismatch: false } : this.router.match(method, path);
    const routeName = route?.name ?? (methodMismatch ? 'unsupported-method' : 'unknown');
    const record = (status: number, fault?: string): void =>
      this.log.record({ time: new Date(started).toISOString(), method, path, apiVersion, status, route: routeName, durationMs: Date.now() - started, fault });

    const fault = route && this.faultApplies(route) ? this.injector.draw() : undefined;
    if (fault === 'reset') {
      record(0, fault);
      req.socket.destroy();
      return;
    }
    if (this.sim.options.latencyMs > 0) await sleep(this.sim.options.latencyMs);
    if (fault === 'slow') await sleep(this.sim.options.slowMs);

    const sreq: SimRequest = { sim: this.sim, method, url, path, params, query: url.searchParams, headers: req.headers, body: undefined, rawBody, apiVersion, baseUrl };
    let reply: Reply;
    let throttleHeaders: Record<string, string> = {};
    try {
      if (route && (fault === '429' || fault === '500' || fault === '503')) throw this.faultError(route, sreq, fault);
      // As in Azure, the caller is authenticated before anything is looked up: an unknown path
      // without a valid token is 401, not 404.
      authenticate(sreq, route?.auth ?? (account ? 'batch' : 'arm'), this.signer);
      if (dotSegment) throw armError(400, 'InvalidRequestUri', `The request URI has a '${dotSegment}' path segment, which names no resource.`);
      if (!route) {
        throw methodMismatch
          ? armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`)
          : armError(404, 'NotFound', `No simulated endpoint for ${method} ${path}.`);
      }
      throttleHeaders = this.throttleReads(route, method, path);
      this.sim.lro.tick();
      sreq.body = parseJson(rawBody);
      if (rawBody.length > 0 && sreq.body === undefined && !String(req.headers['content-type'] ?? '').includes('form')) {
        throw armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
      }
      reply = await route.handler(sreq);
    } catch (e) {
      if (e instanceof HttpError) reply = e.reply;
      else {
        process.stderr.write(`simulator: ${routeName} failed: ${(e as Error).stack ?? String(e)}\n`);
        reply = { status: 500, body: { error: { code: 'InternalServerError', message: 'The simulator hit an internal error.' } } };
      }
    }
    const echo: Record<string, string> = { ...throttleHeaders };
    const clientRequestId = req.headers['client-request-id'] ?? req.headers['x-ms-client-request-id'];
    if (typeof clientRequestId === 'string') echo['client-request-id'] = clientRequestId;
    write(res, reply, echo);
    record(reply.status, fault === 'slow' || (fault && reply.status >= 429) ? fault : undefined);
  }

  /** Resource Manager's per-subscription read bucket (GETs under /subscriptions/{id}/). */
  private throttleReads(route: Route, method: string, path: string): Record<string, string> {
    if (!this.armThrottle || route.auth !== 'arm' || method !== 'GET') return {};
    const sub = /^\/subscriptions\/([^/]+)\//i.exec(path)?.[1];
    if (!sub) return {};
    const t = this.armThrottle.take(sub);
    if (!t.allowed) {
      throw armError(
        429,
        'SubscriptionRequestsThrottled',
        `Number of 'read' requests for subscription '${sub}' actor '${this.sim.identity.clientId}' exceeded. Please try again after '${t.retryAfterSeconds}' seconds after the last request.`,
        { 'Retry-After': String(t.retryAfterSeconds), 'x-ms-ratelimit-remaining-subscription-reads': '0' },
      );
    }
    return { 'x-ms-ratelimit-remaining-subscription-reads': String(t.remaining) };
  }

  private faultApplies(route: Route): boolean {
    if (route.faultExempt === 'always') return false;
    if (route.faultExempt === 'token') return this.sim.options.faultTokenEndpoints;
    return true;
  }

  private faultError(route: Route, req: SimRequest, kind: Exclude<FaultKind, 'reset' | 'slow'>): HttpError {
    const seconds = Math.max(0, Math.ceil(this.sim.options.retryAfterMs / 1000));
    const retry = kind === '500' ? undefined : { 'Retry-After': String(seconds), 'retry-after-ms': String(this.sim.options.retryAfterMs), 'x-ms-retry-after-ms': String(this.sim.options.retryAfterMs) };
    const [code, message] =
      kind === '429' ? ['TooManyRequests', 'The request is being throttled (simulated).'] : kind === '503' ? ['ServiceUnavailable', 'The service is temporarily unavailable (simulated).'] : ['InternalServerError', 'An internal server error occurred (simulated).'];
    const status = Number(kind);
    if (route.auth === 'batch') return batchError(req.baseUrl, status, kind === '429' ? 'TooManyRequests' : code, message, retry);
    return armError(status, code, message, retry);
  }
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function write(res: ServerResponse, reply: Reply, extra: Record<string, string>): void {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': requestId,
    'request-id': requestId,
    ...extra,
    ...reply.headers,
  };
  let payload: string | undefined;
  if (reply.text !== undefined) {
    payload = reply.text;
    headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] = reply.contentType ?? 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** The first `.` or `..` segment of a raw request path (percent-encoded dots included), if any. */
export function dotPathSegment(rawUrl: string): string | undefined {
  const path = rawUrl.split(/[?#]/, 1)[0];
  for (const segment of path.split('/')) {
    const decoded = segment.replace(/%2e/gi, '.');
    if (decoded === '.' || decoded === '..') return decoded;
  }
  return undefined;
}
