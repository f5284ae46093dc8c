import { fileURLToPath } from 'node:url';
import type { XFaultsInput } from '../../infra/local/fakes/fake-x-faults.js';
import { seededRandom } from '../../infra/local/fakes/faults.js';
import type { PostRecord, PublishRecord } from '../../infra/local/fakes/inbox-store.js';
import type { Delivery, DeliveryJob } from '../../shared/domain/broadcast.js';
import { isTerminal } from '../../shared/domain/dispatch.js';
import { ChannelError, DuplicateContentError } from '../../shared/domain/errors.js';
import type { AudiencePublisher, SocialPoster } from '../../shared/ports/channels.js';
import type { DeliveryLedger } from '../../shared/ports/repositories.js';
import type { AppContext } from '../../shared/runtime/context.js';
import { type Herald, startHerald } from '../support/herald.js';

/**
 * Chaos harness (issue "Channels that hold under real-world failure", item 5).
 *
 * Starts a whole Herald in-process on the chaos registry (40 X accounts reached by a city-wide
 * `weapons-call`, 36 topics for en+fr), files and approves many city-wide broadcasts with bounded
 * concurrency while faults are injected, waits until every broadcast has left DISPATCHING, and
 * checks the fakes: exactly one thread per (broadcast, account) except the revoked account (none,
 * FAILED), exactly one publish per (broadcast, topic), and a ledger that agrees with what was sent.
 *
 * Faults:
 * - fake X: `errorRate` (503), `acceptThenTimeout` (the post is recorded, then the socket is
 *   destroyed after `hangMs`: an ambiguous outcome for the client), latency, one revoked account
 *   (401) for the whole run, and 429 bursts (`rateLimit`, reset in 1 s) set periodically.
 * - fake SNS: `errorRate` (500 InternalError), `throttleRate`, latency. No accept-then-timeout:
 *   an ambiguous SNS publish is re-published by design (docs/architecture.md D6).
 * - worker crashes, through `wrapContext` around the ledger and the poster: a `SimulatedCrash`
 *   escapes the worker (the queue redelivers the job) at these points:
 *     claimBefore   before the claim is written (both channels)
 *     claimAfter    after the claim is written, before anything is sent (both channels)
 *     afterPost     right after a post landed on X: nothing more is posted or recorded (X only)
 *     settleBefore  after the whole send, before the outcome is written (X only: on SNS this
 *                   is D6's accepted duplicate window)
 *     settleAfter   after the outcome is written, before the follow-up steps (both channels)
 *     planBefore    approval succeeded but planning crashed (the reconciler plans it)
 *
 * Every random decision of the harness and the fakes comes from the seed. Which request meets
 * which fault still depends on scheduling, so a seed reproduces the fault mix, not the exact
 * interleaving.
 */

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

export interface ChaosReport {
  options: ChaosOptions;
  revokedAccount: string;
  accounts: number;
  topics: number;
  broadcasts: number;
  approved: number;
  posts: { actual: number; expected: number };
  publishes: { actual: number; expected: number };
  duplicates: number;
  misses: number;
  /** Everything that went wrong; empty on success. */
  problems: string[];
  /** Injected or observed faults by kind. */
  faults: Record<string, number>;
  deadLetters: number;
  timings: { submitMs: number; settleMs: number; verifyMs: number; totalMs: number };
  /** Approval to SENT of the X deliveries other than the revoked account's. */
  latency: { medianMs: number; p95Ms: number; maxMs: number };
  /** Longest claim-to-settle of a worker, to compare with the lease. */
  maxLeaseHoldMs: number;
  /** The longest claim still held when its lease was extended (0: no lease needed extending). */
  longestExtendedHoldMs: number;
  /** Longest call per port operation (ms). */
  slowest: Record<string, number>;
}

/** A worker "process" dies: thrown past `deliver`, so the queue redelivers the job. */
export class SimulatedCrash extends Error {
  constructor(point: string, key: string) {
    super(`simulated crash (${point}) on ${key}`);
    this.name = 'SimulatedCrash';
  }
}

const keyOf = (job: DeliveryJob) => `${job.broadcastId}|${job.channel}|${job.target}`;
const BROADCAST_IN_LINK = /\/b\/(bc_[0-9a-z]+)/;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const TIMED_OUT = Symbol('timed out');
/**
 * Waits for `work` at most `ms`: after its deadline the harness must still report, whatever
 * is stuck (a request to a wedged server, a handler that never returns, a stop that waits on it).
 */
async function bounded<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
/** The waits after the deadline, each bounded, and their sum: the harness reports within it. */
const IDLE_WAIT_MS = 15_000;
const BACKGROUND_STOP_MS = 10_000;
const STALL_REPORT_MS = 20_000;
const VERIFY_MS = 60_000;
const HERALD_STOP_MS = 10_000;
export const REPORT_GRACE_MS =
  IDLE_WAIT_MS + BACKGROUND_STOP_MS + STALL_REPORT_MS + VERIFY_MS + HERALD_STOP_MS;

/** Counters shared by the fault wrappers and the report. */
class FaultLog {
  readonly counts: Record<string, number> = {};
  /** Crashes per delivery key (claimAfter, afterPost, settleBefore: each costs the delivery an attempt). */
  readonly crashesByKey = new Map<string, number>();
  /** Post ids X returned to the client; an inbox post missing here was accepted but its answer lost. */
  readonly answeredPostIds = new Set<string>();
  readonly claimedAt = new Map<string, number>();
  maxLeaseHoldMs = 0;
  /** How long a worker had held its claim when its longest-held lease was last extended. */
  longestExtendedHoldMs = 0;
  /** Longest call per port operation, to tell slow providers from a slow ledger. */
  readonly slowest: Record<string, number> = {};

  async timed<T>(op: string, call: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    try {
      return await call();
    } finally {
      this.slowest[op] = Math.max(this.slowest[op] ?? 0, Date.now() - t0);
    }
  }

  add(kind: string, n = 1): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + n;
  }

  crash(point: string, key: string): SimulatedCrash {
    this.add(`crash.${point}`);
    this.crashesByKey.set(key, (this.crashesByKey.get(key) ?? 0) + 1);
    return new SimulatedCrash(point, key);
  }

  /** What the client saw from a provider, by kind. */
  channelFailure(channel: 'x' | 'sns', error: unknown): void {
    const kind = failureKind(channel, error);
    if (kind) this.add(kind);
  }
}

function failureKind(channel: 'x' | 'sns', error: unknown): string | undefined {
  if (error instanceof SimulatedCrash) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DuplicateContentError) return 'x.duplicateRefused';
  if (!(error instanceof ChannelError)) return `${channel}.unexpected`;
  if (channel === 'x') {
    if (/answered 429/.test(message)) return 'x.429';
    if (/answered 5\d\d/.test(message)) return 'x.5xx';
    if (/revoked or invalid|answered 401/.test(message)) return 'x.401';
    if (/no answer from X|cut off/.test(message)) return 'x.ambiguous';
    return 'x.other';
  }
  if (/Throttl/.test(message)) return 'sns.throttled';
  if (/InternalError|answered 5\d\d/.test(message)) return 'sns.5xx';
  if (/no answer from SNS/.test(message)) return `sns.ambiguous(${causeOf(error)})`;
  return 'sns.other';
}

/** What lay under an ambiguous outcome (an abort, a reset, a timeout), for the report. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (!(cause instanceof Error)) return 'no cause';
  const code = (cause as { code?: unknown }).code;
  return `${cause.name}${typeof code === 'string' ? ` ${code}` : ''}`;
}

/** The fault-injecting ports: crashes around the ledger and the poster, and counters. */
function wrapPorts(context: AppContext, rates: CrashRates, random: () => number, log: FaultLog): AppContext {
  const chance = (p: number) => p > 0 && random() < p;
  const ledger: DeliveryLedger = context.ledger;
  /** Deliveries whose worker "died" right after a post: their settle must not happen. */
  const deadAfterPost = new Set<string>();
  /** Broadcasts whose planning has had its one chance to crash (the reconciler must finish it). */
  const planCrashDrawn = new Set<string>();

  const wrappedLedger: DeliveryLedger = {
    plan: async (deliveries) => {
      const first = deliveries[0];
      // One draw per broadcast: planning writes one delivery per call, and a crash on any of them
      // is the "approved, half planned" state the reconciler must finish.
      const drawn = !first || planCrashDrawn.has(first.broadcastId);
      if (first) planCrashDrawn.add(first.broadcastId);
      if (first && !drawn && chance(rates.planBefore)) {
        log.add('crash.planBefore');
        throw new SimulatedCrash('planBefore', first.broadcastId);
      }
      return log.timed('ledger.plan', () => ledger.plan(deliveries));
    },
    get: (job) => ledger.get(job),
    listForBroadcast: (id) => ledger.listForBroadcast(id),
    claim: async (seen, lease) => {
      const key = keyOf(seen);
      if (chance(rates.claimBefore)) {
        log.add('crash.claimBefore');
        throw new SimulatedCrash('claimBefore', key);
      }
      const claimed = await log.timed('ledger.claim', () => ledger.claim(seen, lease));
      if (claimed) {
        log.claimedAt.set(lease.token, Date.now());
        if (chance(rates.claimAfter)) throw log.crash('claimAfter', key);
      }
      return claimed;
    },
    extendLease: async (claimed, until) => {
      const since = claimed.leaseToken ? log.claimedAt.get(claimed.leaseToken) : undefined;
      log.add('lease.extensions');
      const extended = await log.timed('ledger.extendLease', () => ledger.extendLease(claimed, until));
      if (extended && since !== undefined)
        log.longestExtendedHoldMs = Math.max(log.longestExtendedHoldMs, Date.now() - since);
      return extended;
    },
    settle: async (claimed, outcome, audit) => {
      const key = keyOf(claimed);
      const since = claimed.leaseToken ? log.claimedAt.get(claimed.leaseToken) : undefined;
      if (since !== undefined) {
        log.claimedAt.delete(claimed.leaseToken as string);
        log.maxLeaseHoldMs = Math.max(log.maxLeaseHoldMs, Date.now() - since);
      }
      if (deadAfterPost.delete(key)) throw new SimulatedCrash('afterPost', key);
      if (claimed.channel === 'x' && chance(rates.settleBefore)) throw log.crash('settleBefore', key);
      const settled = await log.timed('ledger.settle', () => ledger.settle(claimed, outcome, audit));
      if (!settled) log.add('lease.lost');
      if (chance(rates.settleAfter)) {
        log.add('crash.settleAfter');
        throw new SimulatedCrash('settleAfter', key);
      }
      return settled;
    },
  };

  const poster: SocialPoster = {
    // Each wrapper passes the caller's deadline on: without it the adapters fall back to their own
    // short default, and a slow publish is abandoned and published again (a duplicate).
    post: async (request, call) => {
      let post: Awaited<ReturnType<SocialPoster['post']>>;
      try {
        post = await log.timed('x.post', () => context.poster.post(request, call));
      } catch (error) {
        log.channelFailure('x', error);
        throw error;
      }
      log.answeredPostIds.add(post.id);
      const broadcastId = BROADCAST_IN_LINK.exec(request.text)?.[1];
      if (broadcastId && chance(rates.afterPost)) {
        const key = keyOf({ broadcastId, channel: 'x', target: request.accountId });
        deadAfterPost.add(key);
        throw log.crash('afterPost', key);
      }
      return post;
    },
    findPosts: async (request, call) => {
      log.add('x.lookups');
      try {
        return await log.timed('x.findPosts', () => context.poster.findPosts(request, call));
      } catch (error) {
        log.channelFailure('x', error);
        throw error;
      }
    },
  };

  const publisher: AudiencePublisher = {
    publish: async (message, call) => {
      try {
        return await log.timed('sns.publish', () => context.publisher.publish(message, call));
      } catch (error) {
        log.channelFailure('sns', error);
        throw error;
      }
    },
  };

  return { ...context, ledger: wrappedLedger, poster, publisher };
}

interface Submitted {
  id: string;
  link: string;
  xThread: string[];
  sms: Record<string, string>;
  approvedAt: number;
}

/** Runs one chaos scenario end to end and reports; never throws for a delivery problem. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
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
  const { runtime } = herald;
  const problems: string[] = [];
  const submitted: Submitted[] = [];
  let stopBackground = false;
  const background: Promise<void>[] = [];

  try {
    const audience = audienceOf(herald);
    const revokedAccount =
      options.revokedAccount ??
      (audience.accounts[Math.floor(seededRandom(options.seed)() * audience.accounts.length)] as string);

    // Faults of the fakes. `set` replaces every setting and reseeds, so each call carries them all.
    const xFaults = (extra: Partial<XFaultsInput> = {}, seed = options.seed): XFaultsInput => ({
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

    // 429 bursts: every burst limits the next `posts` posts (of one account or of any), reset in 1 s.
    background.push(
      (async () => {
        const scopes = ['window', 'user-day', 'app-day'] as const;
        for (let n = 1; !stopBackground; n++) {
          await sleep(options.rateLimitBursts.everyMs);
          if (stopBackground) break;
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
    background.push(
      (async () => {
        while (!stopBackground) {
          await runtime.reconcileNow();
          log.add('reconciler.runs');
          await sleep(options.reconcileEveryMs);
        }
      })(),
    );

    // From the first submission, as `deadlineMs` says: starting a Herald on a loaded machine took
    // all of a short deadline before anything was filed.
    const deadline = Date.now() + options.deadlineMs;
    let lastProgress = Date.now();
    const progress = (phase: string) => {
      if (options.progressEveryMs <= 0 || Date.now() - lastProgress < options.progressEveryMs) return;
      lastProgress = Date.now();
      console.log(
        `[chaos seed=${options.seed}] ${phase} ${((Date.now() - started) / 1000).toFixed(0)}s: ` +
          `${submitted.length}/${options.broadcasts} approved, ${runtime.inbox.posts().length} posts, ` +
          `${runtime.inbox.publishes().length} publishes`,
      );
    };

    // File and approve with bounded concurrency.
    let next = 0;
    const arrivals = new Arrivals(runtime.inbox);
    const submitOne = async (index: number): Promise<Promise<void> | undefined> => {
      const filed = await herald.fileIncident({
        areas: undefined,
        citywide: true,
        facts: {
          location: `Chaos St and Broadcast ${index} Ave`,
          time: '21:40',
          description: { en: 'Police are searching the area.', fr: 'Les policiers fouillent le secteur.' },
        },
      });
      if (filed.status !== 201) {
        problems.push(`broadcast #${index}: filing answered ${filed.status} ${JSON.stringify(filed.body)}`);
        return;
      }
      const broadcast = filed.body.broadcast;
      // Listen before approving: the workers run as soon as the approval is written, and a post
      // that lands before the listener would never be counted.
      const arrived = arrivals.waitFor(broadcast.preview.link, broadcast.id, {
        posts: (audience.accounts.length - 1) * broadcast.preview.xThread.length,
        publishes: audience.topics.length,
      });
      const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
        user: 'inspector.ben',
        body: { contentHash: broadcast.contentHash },
      });
      const approvedAt = Date.now();
      if (approved.status !== 200) {
        // A crash after the approval write (planBefore) answers 500: the broadcast must still be
        // approved, and the reconciler must plan it.
        const view = await herald.call('GET', `/broadcasts/${broadcast.id}`, { user: 'comms.chloe' });
        if (view.body?.broadcast?.approvalStatus !== 'APPROVED') {
          arrivals.forget(broadcast.id);
          problems.push(
            `${broadcast.id}: approval answered ${approved.status} and left it ${view.body?.broadcast?.approvalStatus}`,
          );
          return;
        }
        log.add('api.approveFailedAfterApproval');
      }
      const preview = broadcast.preview;
      submitted.push({
        id: broadcast.id,
        link: preview.link,
        xThread: preview.xThread,
        sms: Object.fromEntries(
          Object.entries(preview.languages as Record<string, { sms: { text: string } }>).map(([lang, l]) => [
            lang,
            l.sms.text,
          ]),
        ),
        approvedAt,
      });
      return arrived;
    };
    const submitting = Promise.all(
      Array.from({ length: Math.min(options.concurrency, options.broadcasts) }, async () => {
        while (next < options.broadcasts && Date.now() < deadline) {
          const index = next++;
          // At most `concurrency` broadcasts in flight: each worker waits for its broadcast to reach
          // the fakes before filing the next (a city does not file a thousand alerts at once).
          const arrived = await submitOne(index);
          if (arrived) await Promise.race([arrived, sleep(Math.max(0, deadline - Date.now()))]);
          progress('submitting');
        }
      }),
    );
    if ((await bounded(submitting, deadline - Date.now())) === TIMED_OUT)
      problems.push(`filing and approving did not finish within ${options.deadlineMs} ms`);
    const submittedAt = Date.now();

    // Wait until none of ours is still dispatching (the reconciler's own work list).
    const ours = new Set(submitted.map((s) => s.id));
    let open = ours.size;
    while (Date.now() < deadline) {
      const dispatching = await runtime.context.broadcasts.listDispatching();
      open = dispatching.filter((b) => ours.has(b.id)).length;
      if (open === 0) break;
      progress(`${open} dispatching`);
      await sleep(250);
    }
    if (open > 0) {
      problems.push(`${open} broadcast(s) still DISPATCHING after ${options.deadlineMs} ms`);
      const stalled = await bounded(stallReport(herald, submitted, ours), STALL_REPORT_MS);
      problems.push(...(stalled === TIMED_OUT ? ['the stall report did not finish within 20 s'] : stalled));
    }
    // Jobs still queued (redeliveries, delayed duplicates) must find nothing to do; let them run.
    const idle = await Promise.race([
      runtime.queues.idle({ includeDelayed: true }).then(() => true),
      sleep(IDLE_WAIT_MS).then(() => false),
    ]);
    if (!idle) log.add('queues.notIdleAtEnd');
    const settledAt = Date.now();
    stopBackground = true;
    if ((await bounded(Promise.all(background), BACKGROUND_STOP_MS)) === TIMED_OUT)
      problems.push('the reconciler or the 429 bursts did not stop in time');

    const verifying = verify(herald, submitted, audience, revokedAccount, log, problems);
    const verified = await bounded(verifying, VERIFY_MS);
    if (verified === TIMED_OUT) throw new Error('verification did not finish: the local Herald is wedged');
    const done = Date.now();
    const deadLetters =
      runtime.queues.deadLetters('x-deliveries').length + runtime.queues.deadLetters('sns-deliveries').length;
    const posts = runtime.inbox.posts();
    log.add('x.acceptedAnswerLost', posts.filter((p) => !log.answeredPostIds.has(p.id)).length);
    return {
      options,
      revokedAccount,
      accounts: audience.accounts.length,
      topics: audience.topics.length,
      broadcasts: options.broadcasts,
      approved: submitted.length,
      posts: { actual: posts.length, expected: verified.expectedPosts },
      publishes: { actual: runtime.inbox.publishes().length, expected: verified.expectedPublishes },
      duplicates: verified.duplicates,
      misses: verified.misses,
      problems,
      faults: log.counts,
      deadLetters,
      timings: {
        submitMs: submittedAt - started,
        settleMs: settledAt - submittedAt,
        verifyMs: done - settledAt,
        totalMs: done - started,
      },
      latency: verified.latency,
      maxLeaseHoldMs: log.maxLeaseHoldMs,
      longestExtendedHoldMs: log.longestExtendedHoldMs,
      slowest: log.slowest,
    };
  } finally {
    stopBackground = true;
    await bounded(Promise.allSettled(background), 5_000);
    if ((await bounded(herald.stop(), HERALD_STOP_MS)) === TIMED_OUT)
      console.warn('[chaos] the local Herald did not stop within 10 s; its invocations are left running');
  }
}

/**
 * What is still open at the deadline and why: every delivery of our broadcasts that is not final,
 * with its ledger state and lease, and what the queues hold. Read straight from the ledger (not
 * through the API), so a wedged HTTP server cannot hide it.
 */
async function stallReport(herald: Herald, submitted: Submitted[], ours: Set<string>): Promise<string[]> {
  const { runtime } = herald;
  const now = Date.now();
  const lines: string[] = [];
  const open = new Set((await runtime.context.broadcasts.listDispatching()).map((b) => b.id));
  for (const b of submitted.filter((s) => ours.has(s.id) && open.has(s.id))) {
    const deliveries = await bounded(runtime.context.ledger.listForBroadcast(b.id), 5_000);
    if (deliveries === TIMED_OUT) {
      lines.push(`${b.id}: the ledger did not answer within 5 s`);
      continue;
    }
    for (const d of deliveries.filter((d) => !isTerminal(d.status))) {
      const lease =
        d.leaseUntil === undefined
          ? 'no lease'
          : d.leaseUntil > now
            ? `lease ${d.leaseUntil - now} ms left`
            : `lease expired ${now - d.leaseUntil} ms ago`;
      const last = d.history.at(-1);
      lines.push(
        `STALLED ${b.id} ${d.channel} ${d.target}: ${d.status}, attempt ${d.attempts}, ${lease}, ` +
          `notBefore ${d.notBefore > now ? `in ${d.notBefore - now} ms` : 'due'}, ` +
          `${d.providerIds.length} id(s), error ${d.error ?? 'none'}, last ${last?.from}->${last?.to} by ` +
          `${last?.actor} ${last ? now - Date.parse(last.at) : '?'} ms ago`,
      );
    }
  }
  for (const queue of ['x-deliveries', 'sns-deliveries'] as const) {
    const stats = runtime.queues.stats(queue);
    lines.push(
      `queue ${queue}: ${stats.visible} visible, ${stats.delayed} delayed, ${stats.inFlight} in flight, ` +
        `${stats.deadLetters} dead`,
    );
  }
  lines.push(`invocations running: ${runtime.queues.inFlightInvocations()}`);
  return lines;
}

/** Resolves when the fakes have received a broadcast's posts and publishes (in-process, no polling). */
class Arrivals {
  private readonly waiting = new Map<
    string,
    {
      link: string;
      posts: number;
      publishes: number;
      want: { posts: number; publishes: number };
      done: () => void;
    }
  >();

  constructor(inbox: Herald['runtime']['inbox']) {
    inbox.onAppend((record) => {
      for (const [broadcastId, entry] of this.waiting) {
        if (record.kind === 'post' && record.text.includes(entry.link)) entry.posts += 1;
        else if (record.kind === 'publish' && record.attributes.broadcastId === broadcastId)
          entry.publishes += 1;
        else continue;
        if (entry.posts >= entry.want.posts && entry.publishes >= entry.want.publishes) {
          this.waiting.delete(broadcastId);
          entry.done();
        }
      }
    });
  }

  forget(broadcastId: string): void {
    this.waiting.delete(broadcastId);
  }

  waitFor(link: string, broadcastId: string, want: { posts: number; publishes: number }): Promise<void> {
    return new Promise((done) => this.waiting.set(broadcastId, { link, posts: 0, publishes: 0, want, done }));
  }
}

/** The 40 accounts and 36 topics of a city-wide en+fr weapons call in the chaos registry. */
function audienceOf(herald: Herald): { accounts: string[]; topics: string[] } {
  const { registry } = herald.runtime;
  const category = registry.categories.find((c) => c.id === 'weapons-call');
  if (!category) throw new Error('the chaos registry has no weapons-call category');
  const accounts = [
    ...registry.divisions.map((d) => d.accountId),
    ...category.units.map((u) => registry.units.find((unit) => unit.id === u)?.accountId ?? `unit-${u}`),
    registry.headquarters.accountId,
  ];
  const topics = ['en', 'fr'].flatMap((lang) => [
    ...registry.divisions.map((d) => `area-${d.id}-${lang}`),
    `citywide-${lang}`,
  ]);
  return { accounts, topics };
}

interface DeliveryView {
  channel: 'x' | 'sns';
  target: string;
  language?: string;
  status: string;
  attempts: number;
  providerIds: string[];
  error?: string;
  sentAt?: string;
}

/** Compares the fakes and the ledger with what each broadcast should have produced. */
async function verify(
  herald: Herald,
  submitted: Submitted[],
  audience: { accounts: string[]; topics: string[] },
  revokedAccount: string,
  log: FaultLog,
  problems: string[],
) {
  const { runtime } = herald;
  const byId = new Map(submitted.map((s) => [s.id, s]));
  const accounts = new Set(audience.accounts);
  const topics = new Set(audience.topics);
  const postsOf = new Map<string, PostRecord[]>();
  const publishesOf = new Map<string, PublishRecord[]>();
  let duplicates = 0;
  let misses = 0;
  let expectedPosts = 0;
  let expectedPublishes = 0;
  const latencies: number[] = [];

  for (const post of runtime.inbox.posts()) {
    const id = BROADCAST_IN_LINK.exec(post.text)?.[1];
    if (!id || !byId.has(id)) {
      problems.push(`stray post ${post.id} on ${post.account}: ${post.text.slice(0, 60)}`);
      continue;
    }
    const key = `${id}|${post.account}`;
    postsOf.set(key, [...(postsOf.get(key) ?? []), post]);
    if (!accounts.has(post.account)) problems.push(`${id}: post on ${post.account}, outside the audience`);
  }
  for (const publish of runtime.inbox.publishes()) {
    const id = publish.attributes.broadcastId;
    if (!id || !byId.has(id)) {
      problems.push(`stray publish ${publish.id} to ${publish.topic}`);
      continue;
    }
    const key = `${id}|${publish.topic}`;
    publishesOf.set(key, [...(publishesOf.get(key) ?? []), publish]);
    if (!topics.has(publish.topic)) problems.push(`${id}: publish to ${publish.topic}, outside the audience`);
  }

  for (const b of submitted) {
    const view = await herald.call('GET', `/broadcasts/${b.id}`, { user: 'comms.chloe' });
    const status = view.body?.broadcast?.status;
    if (status !== 'PARTIALLY_DELIVERED') problems.push(`${b.id}: status ${status}, not PARTIALLY_DELIVERED`);
    const listed = await herald.call<DeliveryView[]>('GET', `/broadcasts/${b.id}/deliveries`, {
      user: 'comms.chloe',
    });
    const deliveries = listed.body ?? [];
    const ledger = await runtime.context.ledger.listForBroadcast(b.id);
    const xTargets = deliveries.filter((d) => d.channel === 'x').map((d) => d.target);
    const snsTargets = deliveries.filter((d) => d.channel === 'sns').map((d) => d.target);
    if (!sameSet(xTargets, audience.accounts))
      problems.push(`${b.id}: X deliveries ${xTargets.length}, not 40`);
    if (!sameSet(snsTargets, audience.topics))
      problems.push(`${b.id}: topic deliveries ${snsTargets.length}, not 36`);

    const xSent: number[] = [];
    for (const account of audience.accounts) {
      const delivery = deliveries.find((d) => d.channel === 'x' && d.target === account);
      const posts = (postsOf.get(`${b.id}|${account}`) ?? []).sort((p, q) => compareIds(p.id, q.id));
      if (account === revokedAccount) {
        duplicates += posts.length;
        if (posts.length > 0)
          problems.push(`${b.id}: ${posts.length} post(s) on the revoked account ${account}`);
        checkRevoked(b, delivery, ledger, log, problems);
        continue;
      }
      expectedPosts += b.xThread.length;
      const where = `${b.id} on ${account}`;
      if (posts.length > b.xThread.length) {
        duplicates += posts.length - b.xThread.length;
        problems.push(`${where}: DUPLICATE, ${posts.length} posts for a ${b.xThread.length}-post thread`);
      } else if (posts.length < b.xThread.length) {
        misses += b.xThread.length - posts.length;
        problems.push(`${where}: MISS, ${posts.length} of ${b.xThread.length} posts`);
      } else {
        posts.forEach((post, i) => {
          if (post.text !== b.xThread[i]) problems.push(`${where}: post ${i + 1} is not the approved text`);
          const parent = i === 0 ? undefined : posts[i - 1]?.id;
          if (post.inReplyTo !== parent)
            problems.push(`${where}: post ${i + 1} replies to ${post.inReplyTo}, not ${parent}`);
        });
      }
      if (delivery?.status !== 'SENT') {
        problems.push(`${where}: delivery ${delivery?.status} (${delivery?.error ?? 'no error'})`);
      } else if (delivery.providerIds.join() !== posts.map((p) => p.id).join()) {
        problems.push(
          `${where}: ledger ids [${delivery.providerIds}] are not the posts [${posts.map((p) => p.id)}]`,
        );
      }
      if (delivery?.sentAt) xSent.push(Date.parse(delivery.sentAt));
    }
    for (const t of xSent) latencies.push(t - b.approvedAt);

    for (const topic of audience.topics) {
      expectedPublishes += 1;
      const where = `${b.id} to ${topic}`;
      const delivery = deliveries.find((d) => d.channel === 'sns' && d.target === topic);
      const publishes = publishesOf.get(`${b.id}|${topic}`) ?? [];
      if (publishes.length > 1) {
        duplicates += publishes.length - 1;
        problems.push(`${where}: DUPLICATE, ${publishes.length} publishes`);
      } else if (publishes.length === 0) {
        misses += 1;
        problems.push(`${where}: MISS, no publish`);
      }
      const language = topic.slice(topic.lastIndexOf('-') + 1);
      if (publishes[0] && publishes[0].sms !== b.sms[language])
        problems.push(`${where}: the SMS text is not the approved ${language} text`);
      if (delivery?.status !== 'SENT') {
        problems.push(`${where}: delivery ${delivery?.status} (${delivery?.error ?? 'no error'})`);
      } else if (publishes.length === 1 && delivery.providerIds[0] !== publishes[0]?.id) {
        problems.push(
          `${where}: ledger id ${delivery.providerIds[0]} is not the publish ${publishes[0]?.id}`,
        );
      }
    }
  }

  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    duplicates,
    misses,
    expectedPosts,
    expectedPublishes,
    latency: { medianMs: at(0.5), p95Ms: at(0.95), maxMs: latencies.at(-1) ?? 0 },
  };
}

/**
 * The revoked account: FAILED with a reason that says so, after one attempt plus one per crash
 * that cost it an attempt (a 401 is permanent: retrying it would hold the account's share of
 * workers and delay the broadcast's final status), and settled no later than the other accounts
 * of the same broadcast (plus slack) when no crash hit it.
 */
function checkRevoked(
  b: Submitted,
  delivery: DeliveryView | undefined,
  ledger: Delivery[],
  log: FaultLog,
  problems: string[],
) {
  const where = `${b.id} on the revoked account ${delivery?.target}`;
  if (!delivery) return void problems.push(`${where}: no delivery`);
  if (delivery.status !== 'FAILED')
    return void problems.push(`${where}: delivery ${delivery.status}, not FAILED`);
  if (!/revoked|401/i.test(delivery.error ?? ''))
    problems.push(`${where}: the error does not say revoked/401: ${delivery.error}`);
  const crashes =
    log.crashesByKey.get(keyOf({ broadcastId: b.id, channel: 'x', target: delivery.target })) ?? 0;
  if (delivery.attempts > 1 + crashes)
    problems.push(`${where}: ${delivery.attempts} attempts for a permanent 401 (${crashes} crash(es))`);
  if (crashes > 0) return;
  const failedAt = Date.parse(
    ledger
      .find((d) => d.channel === 'x' && d.target === delivery.target)
      ?.history.findLast((h) => h.to === 'FAILED')?.at ?? '',
  );
  const others = ledger
    .filter((d) => d.channel === 'x' && d.sentAt)
    .map((d) => Date.parse(d.sentAt as string))
    .sort((x, y) => x - y);
  const median = others[Math.floor(others.length / 2)];
  if (median !== undefined && failedAt > median + 5_000)
    problems.push(`${where}: FAILED ${failedAt - median} ms after the other accounts' median SENT`);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && new Set(a).size === b.length && b.every((x) => a.includes(x));
}

function compareIds(a: string, b: string): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One compact block: seed, sizes, counts, faults, times, and how to reproduce. */
export function formatReport(report: ChaosReport): string {
  const o = report.options;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const faults = Object.entries(report.faults)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const lines = [
    `chaos seed=${o.seed}: ${report.approved}/${report.broadcasts} broadcasts x ${report.accounts} accounts ` +
      `(revoked ${report.revokedAccount}) + ${report.topics} topics`,
    `  posts ${report.posts.actual}/${report.posts.expected}, publishes ${report.publishes.actual}/` +
      `${report.publishes.expected}, duplicates ${report.duplicates}, misses ${report.misses}, ` +
      `problems ${report.problems.length}, dead letters ${report.deadLetters}`,
    `  faults: ${faults}`,
    `  time: submit ${s(report.timings.submitMs)}, settle ${s(report.timings.settleMs)}, ` +
      `verify ${s(report.timings.verifyMs)}, total ${s(report.timings.totalMs)}; approve->SENT median ` +
      `${s(report.latency.medianMs)} p95 ${s(report.latency.p95Ms)} max ${s(report.latency.maxMs)}; ` +
      `longest lease hold ${report.maxLeaseHoldMs} ms of ${o.leaseMs}, longest extended ` +
      `${report.longestExtendedHoldMs} ms (${report.faults['lease.extensions'] ?? 0} extensions)`,
    `  slowest calls (ms): ${Object.entries(report.slowest)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    `  reproduce: HERALD_CHAOS_SEED=${o.seed} HERALD_CHAOS_BROADCASTS=${o.broadcasts} npx vitest run tests/chaos`,
  ];
  if (report.problems.length > 0) {
    lines.push(`  first problems:`, ...report.problems.slice(0, 30).map((p) => `    - ${p}`));
    if (report.problems.length > 30) lines.push(`    ... and ${report.problems.length - 30} more`);
  }
  return lines.join('\n');
}
