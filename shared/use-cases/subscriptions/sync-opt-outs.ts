import { ConflictError } from '../../domain/errors.js';
import { changeSubscription, sweepUnfinishedChanges } from './change-subscription.js';
import type { SubscriptionPorts } from './subscription-ports.js';
import { hashAddress } from './subscription-secrets.js';

/** A change mark older than this belongs to a process that died. */
const UNFINISHED_AFTER_MS = 30_000;

export interface OptOutReport {
  optedOut: number;
  newlyOptedOut: number;
  subscriptionsEnded: number;
  unfinishedChangesFinished: number;
}

/**
 * The scheduled sync: numbers that replied STOP (SNS keeps the subscription and drops the messages)
 * are marked opted out and their subscriptions end, so they stop counting and their SNS
 * subscriptions go. Then it finishes changes a dead process left half done.
 */
export async function syncOptOuts(ports: SubscriptionPorts): Promise<OptOutReport> {
  const numbers = await ports.topicSubscriber.listOptedOut();
  const at = ports.clock.now().toISOString();
  const known = knownOptedOut(ports);
  let newlyOptedOut = 0;
  let subscriptionsEnded = 0;
  for (const number of numbers) {
    if (known.has(number)) continue;
    const addressHash = await hashAddress(ports.vault, 'sms', number);
    // Marked only once every subscription of the number has ended, so a number already marked
    // costs one read instead of listing its subscriptions again, and none once this process knows.
    if (await ports.subscriptions.isOptedOut(addressHash)) {
      known.add(number);
      continue;
    }
    let ended = true;
    for (const subscription of await ports.subscriptions.listByAddress(addressHash)) {
      if (subscription.status !== 'ACTIVE' && subscription.status !== 'PENDING_CODE') continue;
      try {
        await changeSubscription(ports, subscription, { ...subscription, status: 'OPTED_OUT' });
        subscriptionsEnded += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        ended = false; // changed meanwhile: the next run lists it again
      }
    }
    if (ended && (await ports.subscriptions.markOptedOut(addressHash, at))) {
      newlyOptedOut += 1;
      known.add(number);
    }
  }
  const unfinishedChangesFinished = await sweepUnfinishedChanges(ports, UNFINISHED_AFTER_MS);
  const report = { optedOut: numbers.length, newlyOptedOut, subscriptionsEnded, unfinishedChangesFinished };
  ports.log.info('opt-out sync', report);
  return report;
}

/**
 * Numbers this process has seen marked, per store. The opt-out list is account-wide and read every
 * minute: without this, each run would pay a keyed hash (a KMS call once the vault's cache of 1,000
 * is outgrown) and a read for every number that opted out long ago.
 */
const knownByStore = new WeakMap<object, Set<string>>();

function knownOptedOut(ports: SubscriptionPorts): Set<string> {
  let known = knownByStore.get(ports.subscriptions);
  if (!known) {
    known = new Set();
    knownByStore.set(ports.subscriptions, known);
  }
  return known;
}
