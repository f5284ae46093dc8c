import { describe, expect, it } from 'vitest';
import {
  type DeliverySettings,
  hasTimeToSend,
  MIN_SEND_MS,
  outcomeOfFailure,
  providerDeadline,
  providerTimeoutMs,
  SETTLE_RESERVE_MS,
} from '../../../shared/domain/delivery-policy.js';
import { ChannelError, DuplicateContentError } from '../../../shared/domain/errors.js';

const settings: DeliverySettings = { leaseMs: 60_000, maxAttempts: 3 };
const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const outcomeAfter = (attempts: number, error: unknown, random = () => 0.5, waits = 0) =>
  outcomeOfFailure(error, { attempts, waits, now: NOW, settings, random });
const unavailable = new ChannelError('503', { retryable: true });
const timeout = new ChannelError('timeout', { retryable: true, ambiguous: true });

describe('the outcome of a failed send attempt', () => {
  it('is UNKNOWN for an ambiguous failure, so the next attempt looks before it sends', () => {
    expect(outcomeAfter(1, timeout)).toEqual({ status: 'UNKNOWN', error: 'timeout' });
  });

  it('is UNKNOWN for an error that is not a channel error: the send may have happened', () => {
    expect(outcomeAfter(1, new Error('socket hang up'))).toEqual({
      status: 'UNKNOWN',
      error: 'socket hang up',
    });
    expect(outcomeAfter(1, 'a thrown string')).toEqual({ status: 'UNKNOWN', error: 'a thrown string' });
  });

  it('is FAILED for an ambiguous failure on the last attempt, saying it gave up', () => {
    expect(outcomeAfter(3, timeout)).toEqual({
      status: 'FAILED',
      error: 'gave up after 3 failed attempts: timeout',
    });
  });

  it('is FAILED at once for a permanent refusal, whatever the attempt', () => {
    const revoked = new ChannelError('account revoked or suspended (401)', { retryable: false });
    expect(outcomeAfter(1, revoked)).toEqual({
      status: 'FAILED',
      error: 'account revoked or suspended (401)',
    });
    expect(outcomeAfter(1, new DuplicateContentError('dup'))).toEqual({ status: 'FAILED', error: 'dup' });
  });

  it("is a PENDING wait until the provider's reset time, even on the last attempt", () => {
    const limited = new ChannelError('429', { retryable: true, retryAt: NOW + 600_000 });
    expect(outcomeAfter(3, limited)).toEqual({
      status: 'PENDING',
      notBefore: NOW + 600_000,
      error: '429',
      wait: true,
    });
  });

  it('is PENDING after a jittered backoff that doubles per failed attempt', () => {
    // Full jitter over the upper half: random 0 gives half the step, random 1 the whole step.
    expect(outcomeAfter(1, unavailable, () => 0)).toEqual({
      status: 'PENDING',
      notBefore: NOW + 500,
      error: '503',
    });
    expect(outcomeAfter(2, unavailable, () => 1)).toEqual({
      status: 'PENDING',
      notBefore: NOW + 2_000,
      error: '503',
    });
  });

  it('takes the backoff steps from the settings', () => {
    const outcome = outcomeOfFailure(unavailable, {
      attempts: 2,
      now: NOW,
      settings: { ...settings, retryBaseMs: 10_000, retryMaxMs: 15_000 },
      random: () => 1,
    });
    expect(outcome).toEqual({ status: 'PENDING', notBefore: NOW + 15_000, error: '503' });
  });

  it('is FAILED for a transient failure once the attempts are used up', () => {
    expect(outcomeAfter(3, unavailable)).toEqual({
      status: 'FAILED',
      error: 'gave up after 3 failed attempts: 503',
    });
  });
});

describe('the attempts that waited for a rate-limit reset or the budget', () => {
  it('do not count against the limit: two waits then a 503 on the third of three attempts is PENDING', () => {
    // A backoff, not a wait: this attempt is a failure, the first of the three allowed.
    expect(outcomeAfter(3, unavailable, () => 0.5, 2)).toEqual({
      status: 'PENDING',
      notBefore: NOW + 750,
      error: '503',
    });
    expect(outcomeAfter(3, timeout, () => 0.5, 2)).toEqual({ status: 'UNKNOWN', error: 'timeout' });
  });

  it('leave the limit to the real failures: the third failure after two waits is FAILED, counting three', () => {
    expect(outcomeAfter(5, unavailable, () => 0.5, 2)).toEqual({
      status: 'FAILED',
      error: 'gave up after 3 failed attempts: 503',
    });
    expect(outcomeAfter(5, timeout, () => 0.5, 2)).toEqual({
      status: 'FAILED',
      error: 'gave up after 3 failed attempts: timeout',
    });
  });

  it('do not lengthen the backoff, which doubles per failed attempt only', () => {
    // The first failure after two waits backs off the first step, as a first failure does.
    expect(outcomeAfter(3, unavailable, () => 1, 2)).toEqual({
      status: 'PENDING',
      notBefore: NOW + 1_000,
      error: '503',
    });
  });

  it('count as none when the delivery has no wait count, as items written before it have none', () => {
    const outcome = outcomeOfFailure(unavailable, { attempts: 3, now: NOW, settings, random: () => 0.5 });
    expect(outcome).toEqual({ status: 'FAILED', error: 'gave up after 3 failed attempts: 503' });
  });
});

describe("an invocation's time", () => {
  it('starts a send only with the settle reserve and the least send time left', () => {
    expect(hasTimeToSend(SETTLE_RESERVE_MS + MIN_SEND_MS)).toBe(true);
    expect(hasTimeToSend(SETTLE_RESERVE_MS + MIN_SEND_MS - 1)).toBe(false);
  });

  it("lets a provider call wait until the invocation's end less the settle reserve", () => {
    expect(providerDeadline(NOW, 60_000)).toBe(NOW + 60_000 - SETTLE_RESERVE_MS);
  });

  it('gives calls outside a delivery half the lease, at most 10 s', () => {
    expect(providerTimeoutMs({ leaseMs: 60_000 })).toBe(10_000);
    expect(providerTimeoutMs({ leaseMs: 8_000 })).toBe(4_000);
  });
});
