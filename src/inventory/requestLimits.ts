// How many inventory requests may be in flight, per scope and overall.
//
// Azure throttles where the work lands: Resource Manager per subscription (and principal), the
// Batch data plane per account. A global cap of 8 made a three-subscription load wait on its own
// queue: ~550 list calls x 40 ms / 8 can't beat 2.7 s whatever their dependencies allow. Bounding
// each scope separately keeps every subscription's (and account's) burst as polite as before
// while letting independent subscriptions load side by side. The overall ceiling keeps a tenant
// with dozens of subscriptions from opening hundreds of sockets at once.
import { Semaphore } from './semaphore';

/** In flight at once across every scope, whatever the per-scope limit (sockets, memory). */
export const OVERALL_CEILING = 64;

export class RequestLimits {
  private readonly scopes = new Map<string, Semaphore>();
  private readonly overall: Semaphore;

  constructor(
    readonly perScope: number,
    ceiling = Math.max(perScope, OVERALL_CEILING),
  ) {
    this.overall = new Semaphore(ceiling);
  }

  /**
   * Runs `task` once its scope and the overall ceiling have room; queued tasks of higher
   * `priority` go first (see PARENT_LIST). The scope is taken first so a
   * busy scope queues on its own semaphore without holding overall slots other scopes could use.
   */
  run<T>(scope: string, task: () => Promise<T>, signal?: AbortSignal, priority = 0): Promise<T> {
    const key = scope.toLowerCase();
    let semaphore = this.scopes.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.perScope);
      this.scopes.set(key, semaphore);
    }
    return semaphore.run(() => this.overall.run(task, signal, priority), signal, priority);
  }
}

/**
 * Priority of a list whose answer starts more requests (a gallery's definitions start one version
 * list each): queued ahead of leaf lists, so the longer chain is not left waiting behind them.
 */
export const PARENT_LIST = 1;

/** The scope of Resource Manager calls about one subscription. */
export function subscriptionScope(subscriptionId: string): string {
  return `arm:${subscriptionId}`;
}

/** The scope of tenant-level Resource Manager calls (the subscription list). */
export const TENANT_SCOPE = 'arm:tenant';

/** The scope of one Batch account's data plane (its own endpoint and throttling). */
export function batchAccountScope(accountEndpointOrId: string): string {
  return `batch:${accountEndpointOrId}`;
}
