// Resource Graph's per-user quota: at most N queries per window of S seconds, reported on every
// answer in `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after` (hh:mm:ss); a query
// beyond it gets 429. The window starts with the first query after the previous one ended.

export interface QuotaSpec {
  queries: number;
  windowMs: number;
}

export function parseQuota(spec: string): QuotaSpec {
  const m = /^(\d+)\/(\d+(?:\.\d+)?)s$/.exec(spec.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new Error(`invalid Resource Graph quota "${spec}": expected N/Ss, e.g. 15/5s`);
  return { queries: Number(m[1]), windowMs: Math.round(Number(m[2]) * 1000) };
}

export function hhmmss(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

export class UserQuota {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(private readonly spec: QuotaSpec) {}

  /** Counts a query of `user`; `allowed` false means it must be refused with 429. */
  take(user: string, now = Date.now()): { allowed: boolean; remaining: number; resetsAfterMs: number } {
    let w = this.windows.get(user);
    if (!w || now - w.start >= this.spec.windowMs) {
      w = { start: now, used: 0 };
      this.windows.set(user, w);
    }
    const resetsAfterMs = w.start + this.spec.windowMs - now;
    if (w.used >= this.spec.queries) return { allowed: false, remaining: 0, resetsAfterMs };
    w.used++;
    return { allowed: true, remaining: this.spec.queries - w.used, resetsAfterMs };
  }
}
