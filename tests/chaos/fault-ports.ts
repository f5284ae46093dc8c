// The fault-injecting ports: crashes around the ledger and the X poster, and counters on every call.
import type { AudiencePublisher, SocialPoster } from '../../shared/ports/channels.js';
import type { DeliveryLedger } from '../../shared/ports/repositories.js';
import type { AppContext } from '../../shared/runtime/context.js';
import { BROADCAST_IN_LINK } from './audience.js';
import type { CrashRates } from './chaos-options.js';
import { type FaultLog, keyOf, SimulatedCrash } from './fault-log.js';

/** The fault-injecting ports: crashes around the ledger and the poster, and counters. */
export function wrapPorts(
  context: AppContext,
  rates: CrashRates,
  random: () => number,
  log: FaultLog,
): AppContext {
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
    prepare: (accountId) => context.poster.prepare(accountId),
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
    prepare: () => context.publisher.prepare(),
  };

  return { ...context, ledger: wrappedLedger, poster, publisher };
}
