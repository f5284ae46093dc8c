import { describe, expect, it } from 'vitest';
import type { Broadcast } from '../../../../shared/domain/broadcast.js';
import type { BroadcastRepository } from '../../../../shared/ports/repositories.js';
import {
  approvedBroadcastCache,
  cachingApprovedBroadcasts,
} from '../../../../shared/use-cases/delivery/cached-broadcasts.js';
import { approvedBroadcast } from '../../../fixtures/broadcast.js';

/** A repository in memory that counts its reads; only `get` is used by the cache. */
function countingRepository(stored: Broadcast[], failing = false) {
  const reads: string[] = [];
  const repository = {
    get: async (id: string) => {
      reads.push(id);
      if (failing) throw new Error('table unavailable');
      return stored.find((broadcast) => broadcast.id === id);
    },
    markPlanned: async () => {
      reads.push('markPlanned');
    },
  } as unknown as BroadcastRepository;
  return { repository, reads };
}

const approved = approvedBroadcast({ id: 'bc_approved' });
const pending = approvedBroadcast({ id: 'bc_pending', status: 'PENDING_APPROVAL' });

describe('the approved-broadcast cache', () => {
  it('reads an approved broadcast once, however many deliveries ask, at once or later', async () => {
    const { repository, reads } = countingRepository([approved]);
    const cached = cachingApprovedBroadcasts(repository);

    const [first, second] = await Promise.all([cached.get('bc_approved'), cached.get('bc_approved')]);
    const later = await cached.get('bc_approved');

    expect(first).toEqual(approved);
    expect(second).toBe(first);
    expect(later).toBe(first);
    expect(reads).toEqual(['bc_approved']);
  });

  it('keeps neither a broadcast that is not approved, nor a missing one, nor a failed read', async () => {
    const { repository, reads } = countingRepository([pending]);
    const cached = cachingApprovedBroadcasts(repository);
    await cached.get('bc_pending');
    await cached.get('bc_pending');
    await cached.get('bc_missing');
    await cached.get('bc_missing');

    const failing = countingRepository([approved], true);
    const cachedFailing = cachingApprovedBroadcasts(failing.repository);
    await expect(cachedFailing.get('bc_approved')).rejects.toThrow(/unavailable/);
    await expect(cachedFailing.get('bc_approved')).rejects.toThrow(/unavailable/);

    expect(reads).toEqual(['bc_pending', 'bc_pending', 'bc_missing', 'bc_missing']);
    expect(failing.reads).toEqual(['bc_approved', 'bc_approved']);
  });

  it('forgets the oldest broadcast when full', async () => {
    const stored = ['bc_1', 'bc_2', 'bc_3'].map((id) => approvedBroadcast({ id }));
    const { repository, reads } = countingRepository(stored);
    const cached = cachingApprovedBroadcasts(repository, 2);
    for (const id of ['bc_1', 'bc_2', 'bc_3', 'bc_2', 'bc_1']) await cached.get(id);

    expect(reads).toEqual(['bc_1', 'bc_2', 'bc_3', 'bc_1']);
  });

  it('passes writes through', async () => {
    const { repository, reads } = countingRepository([approved]);
    await cachingApprovedBroadcasts(repository).markPlanned('bc_approved', 'now');
    expect(reads).toEqual(['markPlanned']);
  });

  it("keeps one cache per repository, so a new context never sees another's broadcasts", async () => {
    const cacheFor = approvedBroadcastCache();
    const one = countingRepository([approved]);
    const other = countingRepository([approvedBroadcast({ id: 'bc_approved', category: 'flood' })]);

    expect(cacheFor(one.repository)).toBe(cacheFor(one.repository));
    await cacheFor(one.repository).get('bc_approved');
    await cacheFor(one.repository).get('bc_approved');
    const fromOther = await cacheFor(other.repository).get('bc_approved');

    expect(one.reads).toEqual(['bc_approved']);
    expect(fromOther?.category).toBe('flood');
  });
});
