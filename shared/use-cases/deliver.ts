import { randomUUID } from 'node:crypto';
import type { AuditEntry, Broadcast, Delivery, DeliveryJob } from '../domain/broadcast.js';
import {
  type DeliverySettings,
  hasTimeToSend,
  outcomeOfFailure,
  providerDeadline,
} from '../domain/delivery-policy.js';
import { isTerminal, queueFor } from '../domain/dispatch.js';
import { ChannelError, DuplicateContentError } from '../domain/errors.js';
import type { AudiencePublisher, ProviderCall, SocialPoster } from '../ports/channels.js';
import type {
  BroadcastRepository,
  DeliveryLedger,
  DeliveryOutcome,
  JobQueue,
} from '../ports/repositories.js';
import type { Clock } from '../ports/system.js';
import type { XPostBudget } from '../ports/x-budget.js';
import type { Logger } from '../runtime/logger.js';
import { keepLease } from './keep-lease.js';
import { reserveXPosts } from './reserve-x-posts.js';

export {
  type DeliverySettings,
  MIN_SEND_MS,
  providerTimeoutMs,
  SETTLE_RESERVE_MS,
} from '../domain/delivery-policy.js';

export interface DeliverDeps {
  ledger: DeliveryLedger;
  broadcasts: BroadcastRepository;
  queue: JobQueue;
  poster: SocialPoster;
  publisher: AudiencePublisher;
  xBudget: XPostBudget;
  clock: Clock;
  log: Logger;
  settings: DeliverySettings;
  random?: () => number;
}

/** What a delivery needs of the invocation running it (the Lambda context). */
export interface Invocation {
  /** Milliseconds before the function is stopped. */
  remainingMs(): number;
}

/** A caller without an invocation (a test, a script) gets the longest worker's budget. */
const DEFAULT_INVOCATION: Invocation = { remainingMs: () => 60_000 };

/** SQS cannot delay a message longer than 15 minutes. */
const MAX_DELAY_SECONDS = 900;

/**
 * A worker delivers one job: one account's post (or thread) or one topic's publish.
 *
 * 1. Read the delivery. Done, or leased by a live worker: nothing to do. Not due yet: re-queue
 *    for when it is.
 * 2. Claim it (conditional on the status and attempt count just read).
 * 3. If an earlier attempt may have reached the provider (a lease that expired mid-send, an
 *    UNKNOWN outcome, a thread half posted), look before sending: on X, the account's recent posts
 *    carrying this broadcast's link.
 * 4. Send what is still missing, recording each post id of a thread as it lands. While it sends,
 *    the lease is extended, so a slow provider call is waited for (up to the invocation's remaining
 *    time) instead of being abandoned as ambiguous and sent again by someone else.
 * 5. Settle: SENT; PENDING with backoff (or the provider's reset time) and a delayed job; UNKNOWN
 *    and a job to resolve it by looking; FAILED when permanent or out of attempts.
 * 6. When the delivery is final, refresh the broadcast's derived status.
 */
export async function deliver(
  deps: DeliverDeps,
  job: DeliveryJob,
  actor: string,
  invocation: Invocation = DEFAULT_INVOCATION,
): Promise<void> {
  const now = deps.clock.now().getTime();
  if (!hasTimeToSend(invocation.remainingMs())) {
    throw new Error('too little time left in this invocation to send; the job will be redelivered');
  }
  const claim = {
    token: randomUUID(),
    until: now + deps.settings.leaseMs,
    at: new Date(now).toISOString(),
    actor,
  };
  // Read alongside the claim rather than after it: the content is needed the moment the claim
  // lands, and the first delivery of each broadcast would otherwise wait for a second round trip.
  const loading = approvedBroadcast(deps, job.broadcastId);
  // Most jobs are first attempts: claim straight away, and read the delivery only when that fails.
  let seen: Delivery | undefined = firstAttempt(job);
  let claimed = await deps.ledger.claim(seen, claim);
  if (!claimed) {
    seen = await deps.ledger.get(job);
    if (!seen) {
      deps.log.warn('job for a delivery that is not in the ledger', { ...job });
      return;
    }
    if (isTerminal(seen.status)) return;
    if (seen.status === 'SENDING' && (seen.leaseUntil ?? 0) > now) return;
    if (seen.status === 'PENDING' && seen.notBefore > now) {
      await enqueue(deps, job, seen.notBefore - now);
      return;
    }
    claimed = await deps.ledger.claim(seen, claim);
    if (!claimed) return;
  }

  const broadcast = await loading;
  const mayHaveReachedProvider = seen.status !== 'PENDING' || seen.providerIds.length > 0;

  // Post ids as they land, so a failure part-way through a thread keeps what was posted.
  const progress = [...claimed.providerIds];
  // Every provider call may wait until the invocation must settle; the lease follows it.
  const call: ProviderCall = { deadline: providerDeadline(now, invocation.remainingMs()) };
  const lease = keepLease(deps, claimed);
  let outcome: DeliveryOutcome;
  try {
    if (claimed.channel === 'x')
      await postThread(deps, claimed, broadcast, mayHaveReachedProvider, progress, call);
    else progress.push(await publishToTopic(deps, claimed, broadcast, call));
    outcome = { status: 'SENT', providerIds: progress, sentAt: deps.clock.now().toISOString() };
  } catch (error) {
    if (!(error instanceof ChannelError))
      deps.log.error('unexpected error while sending', {
        ...jobOf(claimed),
        error: error instanceof Error ? error.message : String(error),
      });
    const failed = outcomeOfFailure(error, {
      attempts: claimed.attempts,
      now: deps.clock.now().getTime(),
      settings: deps.settings,
      random: deps.random,
    });
    outcome = { ...failed, providerIds: progress };
  } finally {
    await lease.release();
  }

  const at = deps.clock.now();
  const audit: AuditEntry = {
    at: at.toISOString(),
    actor,
    from: 'SENDING',
    to: outcome.status,
    ...('error' in outcome ? { reason: outcome.error } : {}),
  };
  if (!(await deps.ledger.settle(claimed, outcome, audit))) {
    deps.log.warn('lease lost before the outcome was recorded', { ...job, outcome: outcome.status });
    return;
  }
  logOutcome(deps, claimed, outcome);

  if (outcome.status === 'PENDING') await enqueue(deps, job, outcome.notBefore - at.getTime());
  else if (outcome.status === 'UNKNOWN') await enqueue(deps, job, 1_000);
  // A final delivery needs nothing more here: the broadcast's status is derived from the ledger
  // when read, and the reconciler stores the summary and closes the broadcast within a minute.
  // (A write per delivery to one broadcast item made every fan-out queue on that item.)
}

/**
 * An approved broadcast's content never changes (approval is conditional on its hash), so workers
 * keep recent ones in memory instead of reading the item once per delivery.
 */
const approvedCache = new Map<string, Promise<Broadcast>>();
const APPROVED_CACHE_SIZE = 200;

async function approvedBroadcast(deps: DeliverDeps, id: string): Promise<Broadcast> {
  const cached = approvedCache.get(id);
  if (cached) return cached;
  const loading = (async () => {
    const broadcast = await deps.broadcasts.get(id);
    if (!broadcast) throw new Error(`broadcast ${id} of a planned delivery is missing`);
    if (broadcast.status !== 'APPROVED') approvedCache.delete(id);
    return broadcast;
  })();
  if (approvedCache.size >= APPROVED_CACHE_SIZE)
    approvedCache.delete(approvedCache.keys().next().value as string);
  approvedCache.set(id, loading);
  loading.catch(() => approvedCache.delete(id));
  return loading;
}

/** Posts of this broadcast cannot be older than its approval. */
function lookupSince(broadcast: Broadcast): { since?: Date } {
  return broadcast.approval ? { since: new Date(broadcast.approval.at) } : {};
}

async function postThread(
  deps: DeliverDeps,
  claimed: Delivery,
  broadcast: Broadcast,
  mayHaveReachedProvider: boolean,
  ids: string[],
  call: ProviderCall,
): Promise<void> {
  const thread = broadcast.content.xThread;
  if (mayHaveReachedProvider) {
    const found = await deps.poster.findPosts(
      { accountId: claimed.target, marker: broadcast.content.link, ...lookupSince(broadcast) },
      call,
    );
    if (found.length > ids.length)
      ids.splice(0, ids.length, ...found.slice(0, thread.length).map((post) => post.id));
  }
  const replyTo = ids.length === 0 ? await originalPostId(deps, broadcast, claimed.target) : undefined;
  // A first attempt of a delivery planned with the broadcast's reservation has its posts counted.
  const counted = claimed.budgetReserved === true && claimed.attempts === 1 && !mayHaveReachedProvider;
  if (ids.length < thread.length && !counted) {
    // The whole rest of the thread at once: a thread cut in half by the budget helps nobody.
    const budget = await reserveXPosts(deps, thread.length - ids.length, deps.clock.now());
    if (!budget.granted) {
      throw new ChannelError("the X app's 24-hour post budget is used up", {
        retryable: true,
        retryAt: budget.retryAt,
      });
    }
  }

  for (let i = ids.length; i < thread.length; i++) {
    const inReplyTo = i === 0 ? replyTo : ids[i - 1];
    const text = thread[i] as string;
    try {
      const post = await deps.poster.post(
        { accountId: claimed.target, text, ...(inReplyTo ? { inReplyTo } : {}) },
        call,
      );
      ids.push(post.id);
    } catch (error) {
      if (!(error instanceof DuplicateContentError)) throw error;
      // X says this account already posted this text: it is ours from an attempt we lost track of.
      const found = await deps.poster.findPosts(
        { accountId: claimed.target, marker: broadcast.content.link, ...lookupSince(broadcast) },
        call,
      );
      const existing = found.find((post) => !ids.includes(post.id));
      if (!existing)
        throw new ChannelError('duplicate content refused, but no earlier post carries the link', {
          retryable: false,
          cause: error,
        });
      ids.push(existing.id);
    }
  }
}

/** On X a follow-up replies to the original post of the same account, when that one was sent. */
async function originalPostId(
  deps: DeliverDeps,
  broadcast: Broadcast,
  accountId: string,
): Promise<string | undefined> {
  if (!broadcast.follows) return undefined;
  const original = await deps.ledger.get({ broadcastId: broadcast.follows, channel: 'x', target: accountId });
  return original?.status === 'SENT' ? original.providerIds[0] : undefined;
}

async function publishToTopic(
  deps: DeliverDeps,
  claimed: Delivery,
  broadcast: Broadcast,
  call: ProviderCall,
): Promise<string> {
  const language = claimed.language ?? Object.keys(broadcast.content.languages)[0] ?? '';
  const rendered = broadcast.content.languages[language];
  if (!rendered)
    throw new ChannelError(`no ${language} content for topic ${claimed.target}`, { retryable: false });
  const { messageId } = await deps.publisher.publish(
    {
      topic: claimed.target,
      default: rendered.sms.text,
      sms: rendered.sms.text,
      email: rendered.email.body,
      subject: rendered.email.subject,
      attributes: {
        broadcastId: broadcast.id,
        category: broadcast.category,
        severity: broadcast.severity,
        status: broadcast.content.status,
        msgType: broadcast.msgType,
      },
    },
    call,
  );
  return messageId;
}

function logOutcome(deps: DeliverDeps, claimed: Delivery, outcome: DeliveryOutcome): void {
  const fields = { ...jobOf(claimed), attempts: claimed.attempts, status: outcome.status };
  if (outcome.status === 'FAILED')
    deps.log.error('delivery failed', { ...fields, reason: outcome.error, metric: 'DeliveryFailed' });
  else if (outcome.status === 'SENT') deps.log.info('delivered', fields);
  else deps.log.warn('delivery will be retried', { ...fields, reason: outcome.error });
}

async function enqueue(deps: DeliverDeps, job: DeliveryJob, delayMs: number): Promise<void> {
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
  await deps.queue.send(queueFor(job.channel), [jobOf(job)], { delaySeconds });
}

function firstAttempt(job: DeliveryJob): Delivery {
  return { ...jobOf(job), status: 'PENDING', attempts: 0, notBefore: 0, providerIds: [], history: [] };
}

function jobOf(job: DeliveryJob): DeliveryJob {
  return { broadcastId: job.broadcastId, channel: job.channel, target: job.target };
}
