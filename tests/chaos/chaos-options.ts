// The chaos scenario's settings: the fault rates, sizes, Herald's delivery settings and the deadline.
import { fileURLToPath } from 'node:url';

export const CHAOS_REGISTRY_FILE = fileURLToPath(new URL('../fixtures/chaos-registry.json', import.meta.url));

export interface CrashRates {
  claimBefore: number;
  claimAfter: number;
  afterPost: number;
  settleBefore: number;
  settleAfter: number;
  planBefore: number;
}

export interface ChaosOptions {
  seed: number;
  /** How many city-wide broadcasts to file and approve. */
  broadcasts: number;
  /** Broadcasts being filed and approved at the same time. */
  concurrency: number;
  /** The revoked account; by default one drawn from the audience with the seed. */
  revokedAccount?: string;
  x: { errorRate: number; acceptThenTimeout: number; hangMs: number; latencyMaxMs: number };
  sns: { errorRate: number; throttleRate: number; latencyMaxMs: number };
  /** A 429 burst of `posts` posts (reset in 1 s) starts every `everyMs`. */
  rateLimitBursts: { everyMs: number; posts: number };
  crashes: CrashRates;
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  visibilityTimeoutMs: number;
  /** Pause between reconciler runs (never overlapping). */
  reconcileEveryMs: number;
  /** Time for all broadcasts to leave DISPATCHING, from the first submission. */
  deadlineMs: number;
  /** Print a progress line this often (0: never); for long runs. */
  progressEveryMs: number;
}

export const SMALL_BROADCASTS = 6;

export function defaultChaosOptions(seed: number, broadcasts = SMALL_BROADCASTS): ChaosOptions {
  return {
    seed,
    broadcasts,
    concurrency: 10,
    x: { errorRate: 0.2, acceptThenTimeout: 0.05, hangMs: 50, latencyMaxMs: 10 },
    sns: { errorRate: 0.2, throttleRate: 0.05, latencyMaxMs: 10 },
    rateLimitBursts: { everyMs: 3_000, posts: 10 },
    crashes: {
      claimBefore: 0.02,
      claimAfter: 0.02,
      afterPost: 0.02,
      settleBefore: 0.02,
      settleAfter: 0.02,
      planBefore: 0.1,
    },
    // A worker extends its lease every third of it while a call is outstanding (D23), so the lease
    // only bounds how long a crashed worker's delivery waits for the reconciler. 10 s keeps that
    // wait short and still outlasts the event-loop stalls of this one-thread harness on a loaded
    // machine (a stall longer than two thirds of the lease lets another worker take over).
    leaseMs: 10_000,
    maxAttempts: 25,
    retryBaseMs: 20,
    // A delivery unlucky enough to fail ten times in a row would otherwise wait a minute per try.
    retryMaxMs: 2_000,
    visibilityTimeoutMs: 200,
    reconcileEveryMs: 250,
    // Generous: the large size is bounded by throughput, about 1-2 s per broadcast on 2 cores.
    deadlineMs: 60_000 + broadcasts * 4_000,
    progressEveryMs: broadcasts >= 50 ? 10_000 : 0,
  };
}

/**
 * `HERALD_CHAOS_BROADCASTS` (size), `HERALD_CHAOS_SEED` (one seed or a comma-separated list),
 * `HERALD_CHAOS_LEASE_MS`, `HERALD_CHAOS_CONCURRENCY`.
 */
export function chaosOptionsFromEnv(env: NodeJS.ProcessEnv): { seeds: number[]; options: ChaosOptions } {
  const int = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
    return value;
  };
  const seeds = (env.HERALD_CHAOS_SEED ?? '20261122')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((s) => Number.isInteger(s));
  if (seeds.length === 0) throw new Error('HERALD_CHAOS_SEED must be an integer or a comma-separated list');
  const options = defaultChaosOptions(seeds[0] as number, int('HERALD_CHAOS_BROADCASTS') ?? SMALL_BROADCASTS);
  const leaseMs = int('HERALD_CHAOS_LEASE_MS');
  const concurrency = int('HERALD_CHAOS_CONCURRENCY');
  return {
    seeds,
    options: {
      ...options,
      ...(leaseMs ? { leaseMs } : {}),
      ...(concurrency ? { concurrency } : {}),
    },
  };
}
