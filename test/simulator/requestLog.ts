// Request log and per-route counters (what tests and benchmarks read through /__simulator/).
export interface LogEntry {
  time: string;
  method: string;
  path: string;
  apiVersion: string | undefined;
  status: number;
  route: string;
  durationMs: number;
  /** The injected fault, when one was applied. */
  fault?: string;
}

export interface RouteCounter {
  requests: number;
  byStatus: Record<string, number>;
  faults: Record<string, number>;
}

export class RequestLog {
  private entries: LogEntry[] = [];
  private readonly counters = new Map<string, RouteCounter>();

  /** Bounded so long benchmark runs cannot exhaust memory. */
  constructor(private readonly limit = 50_000) {}

  record(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    let c = this.counters.get(entry.route);
    if (!c) {
      c = { requests: 0, byStatus: {}, faults: {} };
      this.counters.set(entry.route, c);
    }
    c.requests++;
    const status = String(entry.status);
    c.byStatus[status] = (c.byStatus[status] ?? 0) + 1;
    if (entry.fault) c.faults[entry.fault] = (c.faults[entry.fault] ?? 0) + 1;
  }

  list(): LogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  counts(): Record<string, RouteCounter> {
    const out: Record<string, RouteCounter> = {};
    for (const [route, c] of this.counters) out[route] = { requests: c.requests, byStatus: { ...c.byStatus }, faults: { ...c.faults } };
    return out;
  }

  clear(): void {
    this.entries = [];
    this.counters.clear();
  }
}
