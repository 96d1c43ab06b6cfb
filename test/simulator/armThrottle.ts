// Resource Manager's read throttling: a token bucket per subscription (Azure: 250 reads, refilled
// at 25 per second). A read finding the bucket empty gets 429 SubscriptionRequestsThrottled with
// Retry-After; every answer carries x-ms-ratelimit-remaining-subscription-reads.

export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

/** `off`, `auto` (on for generated bench scenarios), or `BUCKET/REFILL`. */
export function parseArmThrottle(spec: string, scenario: string): BucketSpec | undefined {
  const s = spec.trim().toLowerCase();
  if (s === 'off' || s === '') return undefined;
  if (s === 'auto') return scenario === 'large' || scenario === 'enterprise' ? { capacity: 250, refillPerSecond: 25 } : undefined;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(s);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new Error(`invalid ARM throttle "${spec}": expected off, auto or BUCKET/REFILL, e.g. 250/25`);
  return { capacity: Number(m[1]), refillPerSecond: Number(m[2]) };
}

export class SubscriptionReadThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly spec: BucketSpec) {}

  take(subscriptionId: string, now = Date.now()): { allowed: boolean; remaining: number; retryAfterSeconds: number } {
    const key = subscriptionId.toLowerCase();
    const b = this.buckets.get(key) ?? { tokens: this.spec.capacity, at: now };
    b.tokens = Math.min(this.spec.capacity, b.tokens + ((now - b.at) / 1000) * this.spec.refillPerSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.spec.refillPerSecond)) };
    b.tokens -= 1;
    return { allowed: true, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 };
  }
}
