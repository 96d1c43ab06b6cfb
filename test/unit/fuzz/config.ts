// Fuzz budget and seed. The defaults keep `npm test` quick and reproducible; `npm run fuzz` (or
// the environment) raises the budget:
//   FUZZ_SEED     fast-check seed (default 20260701; printed so a failure can be replayed)
//   FUZZ_CASES    exactly this many cases for every property, unscaled (`npm run fuzz -- --cases N`);
//                 no time limit unless FUZZ_SECONDS is also set
//   FUZZ_RUNS     base cases per property (default: small, see DEFAULT_RUNS); cheap properties
//                 run a multiple of it
//   FUZZ_SECONDS  wall-clock budget per property; a property cut short by it passes, and its report
//                 says how many cases actually ran (default 4, none under FUZZ_CASES)
export const DEFAULT_SEED = 20260701;
const DEFAULT_RUNS = 40;
const DEFAULT_SECONDS = 4;

type Env = Readonly<Record<string, string | undefined>>;

function intEnv(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got '${raw}'`);
  return Math.trunc(n);
}

export interface FuzzConfig {
  seed: number;
  /** Cases per property; `scale` lets cheap properties run more of them (ignored under FUZZ_CASES). */
  runs: (scale?: number) => number;
  /** Per-property wall-clock limit in milliseconds; undefined: none. */
  timeLimitMs: number | undefined;
  /** True under `npm run fuzz`: long runs may also use the larger extreme cases. */
  long: boolean;
}

export function fuzzConfig(env: Env = process.env): FuzzConfig {
  const seed = intEnv(env, 'FUZZ_SEED') ?? DEFAULT_SEED;
  const cases = intEnv(env, 'FUZZ_CASES');
  const runs = intEnv(env, 'FUZZ_RUNS');
  const seconds = intEnv(env, 'FUZZ_SECONDS');
  let timeLimitSeconds: number | undefined;
  if (seconds !== undefined) timeLimitSeconds = seconds;
  else if (cases !== undefined) timeLimitSeconds = undefined;
  else timeLimitSeconds = runs !== undefined ? 3600 : DEFAULT_SECONDS;
  return {
    seed,
    runs: (scale = 1) => (cases !== undefined ? Math.max(1, cases) : Math.max(1, Math.round((runs ?? DEFAULT_RUNS) * scale))),
    timeLimitMs: timeLimitSeconds === undefined ? undefined : timeLimitSeconds * 1000,
    long: cases !== undefined || runs !== undefined || seconds !== undefined,
  };
}

/**
 * Hang guard per document (and per started MB): a minute of CPU, thirty times what the slowest
 * document (a 2 MB template with 5,000 pools, every fix applied) takes. It catches a loop that
 * never ends, not slowness: speed is measured by `npm run bench` (re-check of a 2 MB template).
 */
export const DOCUMENT_HANG_GUARD_MS = 60_000;
