import { backoffMs } from './dispatch.js';
import { ChannelError, errorMessage } from './errors.js';

/** How deliveries are claimed and retried, the same for every channel. */
export interface DeliverySettings {
  /** How long a claim holds; longer than the slowest whole send (a thread of posts). */
  leaseMs: number;
  /**
   * Failed attempts before a transiently failing delivery is given up as FAILED. Attempts that
   * ended waiting for a rate-limit reset or the X budget are not failures and do not count.
   */
  maxAttempts: number;
  /** First backoff step; it doubles per failed attempt, with jitter, up to a minute. @default 1000 */
  retryBaseMs?: number;
  /** The longest backoff step. @default 60000 */
  retryMaxMs?: number;
}

/**
 * The adapters' deadline for a provider call whose caller sets none (a sign-up code, a topic
 * subscription). Deliveries set their own, from the invocation's remaining time (D23).
 */
export function providerTimeoutMs(settings: Pick<DeliverySettings, 'leaseMs'>): number {
  return Math.min(10_000, Math.floor(settings.leaseMs / 2));
}

/** Kept back from a provider call's deadline to record its answer and queue what follows. */
export const SETTLE_RESERVE_MS = 5_000;
/** The least time a send is given: with less than this beyond the reserve left, none starts. */
export const MIN_SEND_MS = 2_000;

/**
 * Whether an invocation with `remainingMs` left may claim a delivery. Claiming with less would
 * start a send the invocation may be stopped in the middle of; the job is redelivered instead.
 */
export function hasTimeToSend(remainingMs: number): boolean {
  return remainingMs >= SETTLE_RESERVE_MS + MIN_SEND_MS;
}

/**
 * Epoch ms until which a provider call may wait (D23): the invocation's end less what settling
 * needs, not a short timeout, since a call given up while the provider may still accept it is an
 * ambiguous outcome, and an ambiguous SNS publish is published again (D6).
 */
export function providerDeadline(now: number, remainingMs: number): number {
  return now + remainingMs - SETTLE_RESERVE_MS;
}

/** How a failed send attempt is recorded; the worker adds the provider ids made so far. */
export type FailedAttempt =
  | {
      status: 'PENDING';
      notBefore: number;
      error: string;
      /**
       * Set when the provider said when to come back (a rate limit, the X budget): the ledger counts
       * the attempt in the delivery's `waits`, so it never uses up `maxAttempts`.
       */
      wait?: true;
    }
  | { status: 'UNKNOWN'; error: string }
  | { status: 'FAILED'; error: string };

export interface FailedAttemptContext {
  /** Attempts made so far, this one included. */
  attempts: number;
  /** Of the earlier attempts, those that ended in a wait (the delivery's `waits`). @default 0 */
  waits?: number | undefined;
  /** Epoch ms of the failure: the backoff counts from it. */
  now: number;
  settings: DeliverySettings;
  /** The backoff's jitter; tests pin it. @default Math.random */
  random?: (() => number) | undefined;
}

/**
 * Which outcome follows a failed send attempt.
 *
 * - Anything but a `ChannelError`, or an ambiguous one (a timeout after the request left, a storage
 *   error after a post went out): the send may have happened, so UNKNOWN, and the next attempt
 *   looks before it sends.
 * - A permanent refusal: FAILED at once.
 * - A rate limit or an exhausted budget says when to come back: PENDING until then, marked as a
 *   wait, since waiting for it is not failing.
 * - Any other transient failure: PENDING after a jittered backoff that doubles per failed attempt.
 *
 * UNKNOWN and backoff end as FAILED once the failed attempts (the attempts less the waits, this one
 * included) reach `maxAttempts`: counting every claim let a few rate limits use up the retries.
 */
export function outcomeOfFailure(error: unknown, context: FailedAttemptContext): FailedAttempt {
  const message = errorMessage(error);
  const { settings } = context;
  const failures = context.attempts - (context.waits ?? 0);
  const exhausted = failures >= settings.maxAttempts;
  const givenUp: FailedAttempt = {
    status: 'FAILED',
    error: `gave up after ${failures} failed attempts: ${message}`,
  };
  if (!(error instanceof ChannelError) || error.ambiguous)
    return exhausted ? givenUp : { status: 'UNKNOWN', error: message };
  if (!error.retryable) return { status: 'FAILED', error: message };
  if (error.retryAt) return { status: 'PENDING', notBefore: error.retryAt, error: message, wait: true };
  if (exhausted) return givenUp;
  const backoff = backoffMs(failures, context.random, settings.retryBaseMs, settings.retryMaxMs);
  return { status: 'PENDING', notBefore: context.now + backoff, error: message };
}
