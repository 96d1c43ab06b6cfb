// One load in flight: its AbortController, why it was stopped, and its deadline timer.

export type AbortKind = 'superseded' | 'deadline' | 'disposed' | 'cancelled';

export class LoadRun {
  readonly controller = new AbortController();
  reason?: AbortKind;
  /** The run's source may answer a category only after a query of its own (see InventoryReads.whenReady). */
  whenReady?: (category: import('./state').SubscriptionCategory, subscriptionId: string) => Promise<boolean>;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly key: string,
    deadlineMs: number,
  ) {
    this.timer = setTimeout(() => this.abort('deadline'), deadlineMs);
    this.timer.unref?.();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(kind: AbortKind): void {
    if (this.reason) return;
    this.reason = kind;
    this.controller.abort();
  }

  finish(): void {
    clearTimeout(this.timer);
  }
}
