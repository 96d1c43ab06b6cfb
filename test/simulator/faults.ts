// Seeded fault injection. The spec is "kind:probability,...", e.g. "429:0.1,500:0.05,reset:0.02,slow:0.05".
// One random draw per eligible request picks at most one fault, so a given seed and request order
// always produce the same faults.

export type FaultKind = '429' | '500' | '503' | 'reset' | 'slow';
const KINDS: readonly FaultKind[] = ['429', '500', '503', 'reset', 'slow'];

export interface FaultRule {
  kind: FaultKind;
  probability: number;
}

export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [kind, p] = part.split(':');
    const probability = Number(p);
    if (!KINDS.includes(kind as FaultKind) || !Number.isFinite(probability) || probability < 0 || probability > 1) {
      throw new Error(`invalid fault "${part}": expected one of ${KINDS.join('|')} with a probability in [0,1]`);
    }
    rules.push({ kind: kind as FaultKind, probability });
  }
  const total = rules.reduce((s, r) => s + r.probability, 0);
  if (total > 1) throw new Error(`fault probabilities add up to ${total} > 1`);
  return rules;
}

/** mulberry32: tiny, fast, good enough for test determinism. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private random: () => number;

  constructor(spec: string, private readonly seed: number) {
    this.random = seededRandom(seed);
    this.set(spec);
  }

  /** Replaces the rules and restarts the random sequence, so a test can reason about what follows. */
  set(spec: string): void {
    this.rules = parseFaultSpec(spec);
    this.random = seededRandom(this.seed);
  }

  describe(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  draw(): FaultKind | undefined {
    if (this.rules.length === 0) return undefined;
    const r = this.random();
    let acc = 0;
    for (const rule of this.rules) {
      acc += rule.probability;
      if (r < acc) return rule.kind;
    }
    return undefined;
  }
}
