import type * as fc from 'fast-check';

/**
 * Fixed seed and bounded runs, so `npm test` stays fast and a failure replays exactly. fast-check
 * prints the seed and the shrunk counterexample of a failure; to replay it, or to fuzz longer:
 * `HERALD_FUZZ_SEED=<seed> HERALD_FUZZ_RUNS=500 npx vitest run tests/fuzz`.
 */
export const FUZZ_SEED = integerFromEnv('HERALD_FUZZ_SEED', 20_260_612);
/** Broken requests per route. */
export const FUZZ_RUNS = integerFromEnv('HERALD_FUZZ_RUNS', 10);
/** Valid requests per route: fewer (they do real work), but enough for most routes to reach a 2xx. */
export const VALID_RUNS = Math.max(8, Math.round(FUZZ_RUNS * 0.8));

export function fuzzParameters(numRuns = FUZZ_RUNS): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns, endOnFailure: false, verbose: 1 };
}

/** Room for fast-check to shrink a counterexample over HTTP before vitest gives up on the test. */
export const FUZZ_TEST_TIMEOUT_MS = 120_000;

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`);
  return value;
}
