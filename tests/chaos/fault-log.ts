// What the faults did: counters by kind, crashes per delivery, lease holds and the slowest calls.
import type { DeliveryJob } from '../../shared/domain/broadcast.js';
import { ChannelError, DuplicateContentError } from '../../shared/domain/errors.js';

/** A worker "process" dies: thrown past `deliver`, so the queue redelivers the job. */
export class SimulatedCrash extends Error {
  constructor(point: string, key: string) {
    super(`simulated crash (${point}) on ${key}`);
    this.name = 'SimulatedCrash';
  }
}

/** A delivery's key in the fault log: one per (broadcast, channel, target). */
export const keyOf = (job: DeliveryJob) => `${job.broadcastId}|${job.channel}|${job.target}`;

/** Counters shared by the fault wrappers and the report. */
export class FaultLog {
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
