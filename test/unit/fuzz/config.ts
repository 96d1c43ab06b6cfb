// Fuzz budget and seed. The defaults keep `npm test` quick and reproducible; `npm run fuzz` (or
// the environment) raises the budget:
//   FUZZ_SEED     fast-check seed (default 20260701; printed so a failure can be replayed)
//   FUZZ_RUNS     cases per property (default: small, see DEFAULT_RUNS)
//   FUZZ_SECONDS  wall-clock budget per property; the run stops early without failing (default 4)
export const DEFAULT_SEED = 20260701;
const DEFAULT_RUNS = 40;
const DEFAULT_SECONDS = 4;

function intEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got '${raw}'`);
  return Math.trunc(n);
}

export interface FuzzConfig {
  seed: number;
  /** Cases per property; `scale` lets cheap properties run more of them. */
  runs: (scale?: number) => number;
  /** Per-property wall-clock limit in milliseconds. */
  timeLimitMs: number;
  /** True under `npm run fuzz`: long runs may also use the larger extreme cases. */
  long: boolean;
}

export function fuzzConfig(): FuzzConfig {
  const seed = intEnv('FUZZ_SEED') ?? DEFAULT_SEED;
  const runs = intEnv('FUZZ_RUNS');
  const seconds = intEnv('FUZZ_SECONDS');
  return {
    seed,
    runs: (scale = 1) => Math.max(1, Math.round((runs ?? DEFAULT_RUNS) * scale)),
    timeLimitMs: (seconds ?? (runs !== undefined ? 3600 : DEFAULT_SECONDS)) * 1000,
    long: runs !== undefined || seconds !== undefined,
  };
}

/** Generous per-document bound: only there to catch hangs and quadratic blow-ups, not a performance target. */
export const DOCUMENT_BOUND_MS = 2000;
