import type { AudienceCount, Subscription, SubscriptionChannel, TopicHold } from '../domain/subscription.js';

/**
 * The subscriber store. Addresses never appear here in clear: records carry the sealed address
 * and its keyed hash. Every write is conditional on the version the caller read.
 */
export interface SubscriptionStore {
  create(subscription: Subscription): Promise<void>;
  get(id: string): Promise<Subscription | undefined>;
  /** Conditional on `expectedVersion`; false when someone else changed it first. */
  update(subscription: Subscription, expectedVersion: number): Promise<boolean>;
  /** Counts one code attempt; false when none is left or the subscription is no longer pending. */
  countCodeAttempt(id: string, maxAttempts: number): Promise<Subscription | undefined>;

  /** Management tokens are stored by hash. */
  saveManageToken(tokenHash: string, subscriptionId: string): Promise<void>;
  findByManageToken(tokenHash: string): Promise<string | undefined>;
  deleteManageToken(tokenHash: string): Promise<void>;

  /** Every subscription of one address (by hash). */
  listByAddress(addressHash: string): Promise<Subscription[]>;

  /**
   * Before a subscription's topics change: remembers the topics it held, so a sweep can finish the
   * change (holds and jobs) if this process dies half-way. Cleared once the jobs are queued.
   */
  markSyncing(subscriptionId: string, previousTopics: string[], at: string): Promise<void>;
  clearSyncing(subscriptionId: string): Promise<void>;
  /** Changes started before `before` and never finished. */
  listSyncing(before: string, limit: number): Promise<{ subscriptionId: string; previousTopics: string[] }[]>;

  /** Adds a subscription's hold on an address's topic (idempotent). */
  hold(hold: TopicHoldChange): Promise<void>;
  /** Removes it (idempotent). */
  release(hold: Omit<TopicHoldChange, 'sealedAddress' | 'channel'>): Promise<void>;
  getHold(addressHash: string, topic: string): Promise<TopicHold | undefined>;
  /** Records the SNS subscription (`arn`) or its removal (undefined), conditional on the hold read. */
  settleHold(hold: TopicHold, arn: string | undefined): Promise<boolean>;

  /** Marks an address opted out; false when it already was. */
  markOptedOut(addressHash: string, at: string): Promise<boolean>;
  isOptedOut(addressHash: string): Promise<boolean>;

  /** Subscribers per topic and channel (SNS subscriptions that exist). */
  audience(): Promise<AudienceCount[]>;
}

export interface TopicHoldChange {
  addressHash: string;
  topic: string;
  subscriptionId: string;
  channel: SubscriptionChannel;
  sealedAddress: string;
  at: string;
}

/** Seals, opens and indexes addresses (KMS envelope encryption on AWS, a local key file locally). */
export interface AddressVault {
  /** A keyed hash, stable for one address, useless without the key. */
  hash(value: string): Promise<string>;
  seal(address: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** SNS as the subscription worker and the sign-up see it. */
export interface TopicSubscriber {
  /** Idempotent in SNS: the same endpoint on the same topic gives the same ARN. */
  subscribe(topic: string, channel: SubscriptionChannel, address: string): Promise<string>;
  /** Succeeds when the subscription is already gone. */
  unsubscribe(arn: string): Promise<void>;
  /** A transactional SMS straight to a number (sign-up codes). */
  sendSms(phoneNumber: string, text: string): Promise<void>;
  /** Every number that replied STOP. */
  listOptedOut(): Promise<string[]>;
}

/** Counters shared by every function instance (every take is a conditional write). */
export interface RateLimiter {
  /** Takes one unit from `key`'s fixed window; false when the window is used up. */
  take(key: string, limit: number, windowSeconds: number): Promise<boolean>;
  /**
   * Takes one unit from a sliding window of `windowSeconds`: the current fixed window's count plus
   * the previous one's, weighted by how much of it the sliding window still covers. So a burst at
   * a window's edge cannot get twice the limit.
   */
  takeSliding(key: string, limit: number, windowSeconds: number): Promise<boolean>;
  /** Units taken from `key`'s current fixed window (what staff see of a budget). */
  used(key: string, windowSeconds: number): Promise<number>;
  /**
   * A cool-down that grows with repeats: `waitAfter(n)` is how long the next take waits after
   * `n` earlier ones; the count is forgotten `forgetAfterSeconds` after the last take.
   */
  coolDown(
    key: string,
    waitAfter: (previous: number) => number,
    forgetAfterSeconds: number,
  ): Promise<CoolDown>;
}

export type CoolDown = { allowed: true } | { allowed: false; retryAfterSeconds: number };
