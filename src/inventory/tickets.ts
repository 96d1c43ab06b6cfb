// Ordering without locks: every load of a slot (a category of a subscription, one account's pools,
// one detail) takes a ticket from a counter; a result is applied only if its ticket is newer than
// the one last applied there.

export class Tickets {
  private counter = 0;
  private readonly applied = new Map<string, number>();

  next(): number {
    return ++this.counter;
  }

  /** True (and records it) when `ticket` is newer than what was last applied to `slot`. */
  newer(slot: string, ticket: number): boolean {
    if (this.latest(slot) >= ticket) return false;
    this.applied.set(slot, ticket);
    return true;
  }

  /** The ticket last applied to `slot` (0: none). */
  latest(slot: string): number {
    return this.applied.get(slot) ?? 0;
  }
}
