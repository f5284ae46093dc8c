// Starting a chaos run: a Herald on the chaos registry with faulty ports and fakes, its background
// loops (429 bursts, the reconciler), and stopping it all again.
import type { XFaultsInput } from '../../infra/local/fakes/fake-x-faults.js';
import { seededRandom } from '../../infra/local/fakes/faults.js';
import { type Herald, startHerald } from '../support/herald.js';
import { type Audience, audienceOf } from './audience.js';
import { CHAOS_REGISTRY_FILE, type ChaosOptions } from './chaos-options.js';
import { bounded, HERALD_STOP_MS, sleep, TEARDOWN_BACKGROUND_MS, TIMED_OUT } from './deadlines.js';
import { FaultLog } from './fault-log.js';
import { wrapPorts } from './fault-ports.js';

/** A running chaos scenario: what every step reads, and where it writes what went wrong. */
export interface ChaosRun {
  options: ChaosOptions;
  /** Epoch ms before the Herald started. */
  started: number;
  herald: Herald;
  log: FaultLog;
  audience: Audience;
  revokedAccount: string;
  /** Everything that went wrong, in the order it was found; the report's `problems`. */
  problems: string[];
  background: Background;
  /** Prints a progress line at most every `progressEveryMs` (never when 0). */
  progress(phase: string, approved: number): void;
}

/** The loops that run beside the filing: 429 bursts on the fake X and the reconciler. */
export interface Background {
  /** Ends the loops and waits for them, as the run's own step: true when they ended in time. */
  stop(ms: number): Promise<boolean>;
  /** Ends the loops whatever happened, waiting a little and ignoring their failures. */
  abandon(): Promise<void>;
}

/** Starts the Herald with faulty ports, sets the fakes' faults and starts the background loops. */
export async function setUp(options: ChaosOptions): Promise<ChaosRun> {
  const started = Date.now();
  const log = new FaultLog();
  const herald = await startHerald({
    registryFile: CHAOS_REGISTRY_FILE,
    quiet: true,
    delivery: {
      leaseMs: options.leaseMs,
      maxAttempts: options.maxAttempts,
      retryBaseMs: options.retryBaseMs,
      retryMaxMs: options.retryMaxMs,
    },
    visibilityTimeoutMs: options.visibilityTimeoutMs,
    wrapContext: (context) => wrapPorts(context, options.crashes, seededRandom(options.seed ^ 0x5eed), log),
  });
  try {
    const audience = audienceOf(herald);
    const revokedAccount =
      options.revokedAccount ??
      (audience.accounts[Math.floor(seededRandom(options.seed)() * audience.accounts.length)] as string);
    const xFaults = fakeFaults(herald, options, revokedAccount);
    const background = startBackground(herald, options, audience, xFaults, log);
    let lastProgress = Date.now();
    const progress = (phase: string, approved: number) => {
      if (options.progressEveryMs <= 0 || Date.now() - lastProgress < options.progressEveryMs) return;
      lastProgress = Date.now();
      const { inbox } = herald.runtime;
      console.log(
        `[chaos seed=${options.seed}] ${phase} ${((Date.now() - started) / 1000).toFixed(0)}s: ` +
          `${approved}/${options.broadcasts} approved, ${inbox.posts().length} posts, ` +
          `${inbox.publishes().length} publishes`,
      );
    };
    return { options, started, herald, log, audience, revokedAccount, problems: [], background, progress };
  } catch (error) {
    await stopHerald(herald);
    throw error;
  }
}

/** Stops the background loops and the Herald, each within its bound; never throws. */
export async function tearDown(run: ChaosRun): Promise<void> {
  await run.background.abandon();
  await stopHerald(run.herald);
}

async function stopHerald(herald: Herald): Promise<void> {
  if ((await bounded(herald.stop(), HERALD_STOP_MS)) === TIMED_OUT)
    console.warn('[chaos] the local Herald did not stop within 10 s; its invocations are left running');
}

type XFaultsOf = (extra?: Partial<XFaultsInput>, seed?: number) => XFaultsInput;

/** Sets the fakes' faults; returns the fake X's, for the bursts to add a rate limit to. */
function fakeFaults(herald: Herald, options: ChaosOptions, revokedAccount: string): XFaultsOf {
  const { runtime } = herald;
  // Faults of the fakes. `set` replaces every setting and reseeds, so each call carries them all.
  const xFaults: XFaultsOf = (extra = {}, seed = options.seed) => ({
    seed,
    errorRate: options.x.errorRate,
    acceptThenTimeout: options.x.acceptThenTimeout,
    hangMs: options.x.hangMs,
    latency: { min: 0, max: options.x.latencyMaxMs },
    revoked: [revokedAccount],
    // The volume of a long run (thousands of posts per account an hour) needs a plan larger than
    // the published 100 posts per 15 minutes, or every account would wait for its window.
    limits: { window: 1_000_000, userDay: 1_000_000, appDay: 1_000_000_000 },
    ...extra,
  });
  runtime.fakeX.faults.set(xFaults());
  runtime.fakeSns.faults.set({
    seed: options.seed + 1,
    errorRate: options.sns.errorRate,
    throttleRate: options.sns.throttleRate,
    latency: { min: 0, max: options.sns.latencyMaxMs },
  });
  return xFaults;
}

function startBackground(
  herald: Herald,
  options: ChaosOptions,
  audience: Audience,
  xFaults: XFaultsOf,
  log: FaultLog,
): Background {
  const { runtime } = herald;
  let stopping = false;
  const loops: Promise<void>[] = [];

  // 429 bursts: every burst limits the next `posts` posts (of one account or of any), reset in 1 s.
  loops.push(
    (async () => {
      const scopes = ['window', 'user-day', 'app-day'] as const;
      for (let n = 1; !stopping; n++) {
        await sleep(options.rateLimitBursts.everyMs);
        if (stopping) break;
        const accountId = n % 3 === 0 ? audience.accounts[n % audience.accounts.length] : undefined;
        runtime.fakeX.faults.set(
          xFaults(
            {
              rateLimit: {
                posts: options.rateLimitBursts.posts,
                scope: scopes[n % scopes.length],
                resetInSeconds: 1,
                ...(accountId ? { accountId } : {}),
              },
            },
            options.seed + n * 7919,
          ),
        );
        log.add('x.rateLimitBursts');
      }
    })(),
  );

  // The reconciler, as the schedule would run it but often, and never overlapping itself.
  loops.push(
    (async () => {
      while (!stopping) {
        await runtime.reconcileNow();
        log.add('reconciler.runs');
        await sleep(options.reconcileEveryMs);
      }
    })(),
  );

  return {
    stop: async (ms) => {
      stopping = true;
      return (await bounded(Promise.all(loops), ms)) !== TIMED_OUT;
    },
    abandon: async () => {
      stopping = true;
      await bounded(Promise.allSettled(loops), TEARDOWN_BACKGROUND_MS);
    },
  };
}
