// Long-running operations. An operation finishes `lroMs` after it starts; state is advanced
// lazily (tick() runs before every request) so there are no timers to leak or race.
import { randomUUID } from 'node:crypto';
import type { FailureSpec } from './context';
import type { JsonObject } from './json';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

export interface Operation {
  id: string;
  subscriptionId: string;
  provider: string;
  location: string;
  kind: 'create' | 'delete';
  startedAt: number;
  doneAt: number;
  status: OperationStatus;
  failure?: FailureSpec;
  /** Resource URL path (without host) the final GET of a create reads. */
  resourcePath?: string;
  /** Applies the outcome to the store (provisioningState, removal). */
  complete: (op: Operation) => void;
  /** Body served by the Location URL once a create has finished. */
  result?: () => JsonObject | undefined;
}

export class LroManager {
  private readonly ops = new Map<string, Operation>();
  private readonly pending = new Set<Operation>();

  start(init: Omit<Operation, 'id' | 'startedAt' | 'doneAt' | 'status'>, durationMs: number): Operation {
    const now = Date.now();
    const op: Operation = { ...init, id: randomUUID(), startedAt: now, doneAt: now + durationMs, status: 'InProgress' };
    this.ops.set(op.id, op);
    this.pending.add(op);
    if (durationMs <= 0) this.tick(now);
    return op;
  }

  tick(now = Date.now()): void {
    for (const op of this.pending) {
      if (op.doneAt > now) continue;
      this.pending.delete(op);
      op.status = op.failure ? 'Failed' : 'Succeeded';
      op.complete(op);
    }
  }

  get(id: string): Operation | undefined {
    return this.ops.get(id);
  }

  clear(): void {
    this.ops.clear();
    this.pending.clear();
  }

  static asyncOperationPath(op: Operation): string {
    return `/subscriptions/${op.subscriptionId}/providers/${op.provider}/locations/${op.location}/operations/${op.id}`;
  }

  static locationPath(op: Operation): string {
    return `/subscriptions/${op.subscriptionId}/providers/${op.provider}/locations/${op.location}/operationResults/${op.id}`;
  }
}
