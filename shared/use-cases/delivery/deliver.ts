import type { AuditEntry, Broadcast, Delivery, DeliveryJob } from '../../domain/broadcast.js';
import {
  type DeliverySettings,
  hasTimeToSend,
  outcomeOfFailure,
  providerDeadline,
} from '../../domain/delivery-policy.js';
import { isTerminal, jobOf, queueFor } from '../../domain/dispatch.js';
import { ChannelError, errorMessage } from '../../domain/errors.js';
import type { Registry } from '../../domain/registry.js';
import { sandboxRefusal } from '../../domain/targeting.js';
import type { Logger } from '../../ports/logger.js';
import type {
  BroadcastRepository,
  DeliveryLedger,
  DeliveryOutcome,
  JobQueue,
} from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import { keepLease } from './keep-lease.js';
import { type PostXThreadDeps, postXThread } from './post-x-thread.js';
import { type PublishToTopicDeps, publishToTopic } from './publish-to-topic.js';
import type { SendAttempt, Sender } from './send-attempt.js';

/** What the claim and settle core needs, whichever channel sends. */
export interface DeliveryCoreDeps {
  /** Which accounts and topics are sandboxes: an Exercise or Test reaches no others (D35). */
  registry: Registry;
  ledger: DeliveryLedger;
  /** Read for the approved content; a worker's is cached (cached-broadcasts.ts). */
  broadcasts: Pick<BroadcastRepository, 'get'>;
  queue: JobQueue;
  clock: Clock;
  ids: Ids;
  log: Logger;
  settings: DeliverySettings;
  /** The backoff's jitter; tests pin it. */
  random?: () => number;
}

/** The core's ports and both channels' senders': what `deliver` needs to send either channel's job. */
export type DeliverDeps = DeliveryCoreDeps & PostXThreadDeps & PublishToTopicDeps;

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
 * A worker delivers one job: one account's post (or thread) or one topic's publish. The claim and
 * settle protocol is the same for every channel (D3); what is sent is the channel's sender's.
 *
 * 1. With too little of the invocation left to send and settle (`hasTimeToSend`), claim nothing:
 *    the job fails and its message is redelivered (D23).
 * 2. Claim the delivery, conditional on the status and attempt count seen, and read the approved
 *    broadcast alongside. A first attempt claims without reading the delivery; only when that fails
 *    is it read: done, or leased by a live worker, there is nothing to do; not due yet, the job is
 *    queued again for when it is; otherwise it is claimed on what was read.
 * 3. Refuse an Exercise or Test whose target is not a sandbox account or exercise topic (D35): it
 *    is settled FAILED with the reason, nothing is sent, and the refusal is logged as the
 *    `ExerciseTargetRefused` metric. Planning never makes such a delivery; this is the second check.
 * 4. Hold the lease while sending (keep-lease.ts), so a slow provider call is waited for (up to the
 *    invocation's remaining time) instead of being abandoned as ambiguous and sent again by another.
 * 5. Send what is still missing with `send`, the channel's sender its worker passes in:
 *    post-x-thread.ts, which first looks for posts an earlier attempt may have made (a lease that
 *    expired mid-send, an UNKNOWN outcome, a thread half posted), or publish-to-topic.ts. Provider
 *    ids are kept as they land.
 * 6. Settle, conditional on still holding the lease: SENT, or what the failure calls for
 *    (`outcomeOfFailure`): PENDING after a backoff or the provider's reset time (a wait, counted
 *    in the delivery's `waits` by the same write, never against `maxAttempts`), UNKNOWN to be
 *    resolved by looking, FAILED when permanent or out of failed attempts.
 * 7. Queue what follows: a delayed job for PENDING, a job for UNKNOWN. A final delivery needs
 *    nothing more: the broadcast's status is derived from the ledger when read, and the reconciler
 *    stores the summary and closes the broadcast within a minute (a write per delivery to the one
 *    broadcast item made every fan-out queue on that item).
 */
export async function deliverWith<D>(
  send: Sender<D>,
  deps: DeliveryCoreDeps & D,
  job: DeliveryJob,
  actor: string,
  invocation: Invocation = DEFAULT_INVOCATION,
): Promise<void> {
  const now = deps.clock.now().getTime();
  if (!hasTimeToSend(invocation.remainingMs())) {
    throw new Error('too little time left in this invocation to send; the job will be redelivered');
  }
  const lease = {
    token: deps.ids.next('lease'),
    until: now + deps.settings.leaseMs,
    at: new Date(now).toISOString(),
    actor,
  };
  // Read alongside the claim rather than after it: the content is needed the moment the claim
  // lands, and the first delivery of each broadcast would otherwise wait for a second round trip.
  const loading = approvedBroadcast(deps, job.broadcastId);
  // Awaited only once a claim lands: a job that ends before needs no broadcast, nor its failed read.
  loading.catch(() => undefined);
  // Most jobs are first attempts: claim straight away, and read the delivery only when that fails.
  let seen: Delivery | undefined = firstAttempt(job);
  let claimed = await deps.ledger.claim(seen, lease);
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
    claimed = await deps.ledger.claim(seen, lease);
    if (!claimed) return;
  }

  const broadcast = await loading;
  const refusal = sandboxRefusal(deps.registry, broadcast, claimed);
  const outcome: DeliveryOutcome = refusal
    ? { status: 'FAILED', error: refusal, providerIds: [...claimed.providerIds] }
    : await sendAndHold(send, deps, {
        claimed,
        broadcast,
        mayHaveReachedProvider: seen.status !== 'PENDING' || seen.providerIds.length > 0,
        progress: [...claimed.providerIds],
        deadline: providerDeadline(now, invocation.remainingMs()),
      });

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
  if (refusal) {
    // Its own metric beside DeliveryFailed: a mis-planned exercise is a defect to alarm on at once.
    deps.log.error('exercise delivery to a live target refused', {
      ...jobOf(claimed),
      capStatus: broadcast.content.status,
      metric: 'ExerciseTargetRefused',
    });
  }

  if (outcome.status === 'PENDING') await enqueue(deps, job, outcome.notBefore - at.getTime());
  else if (outcome.status === 'UNKNOWN') await enqueue(deps, job, 1_000);
}

/**
 * Sends what is missing while holding the lease, and turns what happened into the outcome to
 * settle: SENT, or what the failure calls for.
 */
async function sendAndHold<D>(
  send: Sender<D>,
  deps: DeliveryCoreDeps & D,
  { deadline, ...attempt }: SendAttempt & { deadline: number },
): Promise<DeliveryOutcome> {
  const { claimed } = attempt;
  const held = keepLease(deps, claimed);
  try {
    // Every provider call may wait until the invocation must settle; the lease follows it.
    await send(deps, attempt, { deadline });
    return { status: 'SENT', providerIds: attempt.progress, sentAt: deps.clock.now().toISOString() };
  } catch (error) {
    if (!(error instanceof ChannelError))
      deps.log.error('unexpected error while sending', { ...jobOf(claimed), error: errorMessage(error) });
    const failed = outcomeOfFailure(error, {
      attempts: claimed.attempts,
      waits: claimed.waits,
      now: deps.clock.now().getTime(),
      settings: deps.settings,
      random: deps.random,
    });
    return { ...failed, providerIds: attempt.progress };
  } finally {
    await held.release();
  }
}

/** Either channel's job, sent by that channel's sender: for a caller holding both channels' ports. */
export function deliver(
  deps: DeliverDeps,
  job: DeliveryJob,
  actor: string,
  invocation: Invocation = DEFAULT_INVOCATION,
): Promise<void> {
  return job.channel === 'x'
    ? deliverWith(postXThread, deps, job, actor, invocation)
    : deliverWith(publishToTopic, deps, job, actor, invocation);
}

async function approvedBroadcast(deps: DeliveryCoreDeps, id: string): Promise<Broadcast> {
  const broadcast = await deps.broadcasts.get(id);
  if (!broadcast) throw new Error(`broadcast ${id} of a planned delivery is missing`);
  return broadcast;
}

function logOutcome(deps: DeliveryCoreDeps, claimed: Delivery, outcome: DeliveryOutcome): void {
  // The counts as the settle left them: a high attempt count made of waits is not a failing provider.
  const waited = outcome.status === 'PENDING' && outcome.wait === true;
  const fields = {
    ...jobOf(claimed),
    attempts: claimed.attempts,
    waits: (claimed.waits ?? 0) + (waited ? 1 : 0),
    status: outcome.status,
  };
  if (outcome.status === 'FAILED')
    deps.log.error('delivery failed', { ...fields, reason: outcome.error, metric: 'DeliveryFailed' });
  else if (outcome.status === 'SENT') deps.log.info('delivered', fields);
  else deps.log.warn('delivery will be retried', { ...fields, reason: outcome.error });
}

async function enqueue(deps: DeliveryCoreDeps, job: DeliveryJob, delayMs: number): Promise<void> {
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
  await deps.queue.send(queueFor(job.channel), [jobOf(job)], { delaySeconds });
}

function firstAttempt(job: DeliveryJob): Delivery {
  return { ...jobOf(job), status: 'PENDING', attempts: 0, notBefore: 0, providerIds: [], history: [] };
}
