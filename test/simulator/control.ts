// The control API under /__simulator/: no bearer token, never faulted, never counted. No Azure
// client calls these paths; tests, benchmarks and the sandbox do.
import type { SimContext } from './context';
import { HttpError, json, type Reply } from './http';
import { clone, isObject, str, type JsonValue } from './json';

export interface ControlTarget {
  sim: SimContext;
  info(): JsonValue;
  counters(): JsonValue;
  requestLog(): JsonValue;
  clearLog(): void;
  reset(): Promise<void>;
  loadScenario(nameOrPath: string): Promise<void>;
  setFaults(spec: string): void;
  faults(): JsonValue;
  /** Changes Resource Graph's behaviour at run time (index lag, quota, presence). */
  setResourceGraph(settings: { lagMs?: number; quota?: string; enabled?: boolean; unreadableSubscriptions?: string[] }): JsonValue;
}

const bad = (message: string): HttpError => new HttpError({ status: 400, body: { error: { code: 'InvalidRequest', message } } });

export async function handleControl(t: ControlTarget, method: string, path: string, body: unknown): Promise<Reply> {
  const action = path.replace(/^\/__simulator\/?/, '').replace(/\/$/, '');
  const field = (name: string): string | undefined => (isObject(body) ? str(body[name]) : undefined);
  if (method === 'GET' && action.startsWith('resource/')) return storedResource(t, action.slice('resource'.length));
  switch (`${method} ${action}`) {
    case 'GET info':
    case 'GET ':
      return json(200, t.info());
    case 'GET counters':
      return json(200, t.counters());
    case 'GET requests':
      return json(200, t.requestLog());
    case 'DELETE requests':
      t.clearLog();
      return json(204);
    case 'GET state':
      return json(200, t.sim.store.counts());
    case 'POST reset':
      await t.reset();
      return json(200, t.info());
    case 'POST scenario': {
      const name = field('scenario');
      if (!name) throw bad('body must be {"scenario": "empty|demo|large|<path>"}');
      await t.loadScenario(name);
      return json(200, t.info());
    }
    case 'GET faults':
      return json(200, t.faults());
    case 'PUT faults':
    case 'POST faults': {
      const spec = field('spec');
      if (spec === undefined) throw bad('body must be {"spec": "429:0.1,500:0.05,..."} ("" turns faults off)');
      try {
        t.setFaults(spec);
      } catch (e) {
        throw bad((e as Error).message);
      }
      return json(200, t.faults());
    }
    case 'PUT resource-graph': {
      const b = isObject(body) ? body : {};
      const lagMs = typeof b.lagMs === 'number' && b.lagMs >= 0 ? b.lagMs : undefined;
      const enabled = typeof b.enabled === 'boolean' ? b.enabled : undefined;
      let unreadableSubscriptions: string[] | undefined;
      if (b.unreadableSubscriptions !== undefined) {
        if (!Array.isArray(b.unreadableSubscriptions) || b.unreadableSubscriptions.some((x) => typeof x !== 'string')) throw bad('unreadableSubscriptions must be an array of subscription ids');
        unreadableSubscriptions = b.unreadableSubscriptions as string[];
      }
      try {
        return json(200, t.setResourceGraph({ lagMs, quota: field('quota'), enabled, unreadableSubscriptions }));
      } catch (e) {
        throw bad((e as Error).message);
      }
    }
    case 'POST fail-next': {
      // Makes the next creation of that kind end Failed (LRO status Failed, provisioningState Failed).
      const operation = field('operation') ?? 'imageCreate';
      const queue = t.sim.failNext.get(operation) ?? [];
      const skip = isObject(body) && typeof body.skip === 'number' ? body.skip : undefined;
      queue.push({
        code: field('code') ?? 'InternalOperationError',
        message: field('message') ?? 'The image creation failed: the source snapshot could not be read (simulated failure).',
        ...(skip ? { skip } : {}),
      });
      t.sim.failNext.set(operation, queue);
      return json(200, { operation, queued: queue.length });
    }
    default:
      throw new HttpError({ status: 404, body: { error: { code: 'NotFound', message: `Unknown control endpoint ${method} /__simulator/${action}` } } });
  }
}

/**
 * `GET /__simulator/resource/{ARM id}`: one resource exactly as stored (what a GET through ARM
 * would return), so tests can check properties the extension's model does not carry.
 */
function storedResource(t: ControlTarget, encodedId: string): Reply {
  const id = decodeURIComponent(encodedId);
  const r = t.sim.store.get(id);
  if (!r) throw new HttpError({ status: 404, body: { error: { code: 'ResourceNotFound', message: `No resource ${id} is stored.` } } });
  return json(200, clone(r.body));
}
