import type { Broadcast } from '../../domain/broadcast.js';
import type { BroadcastRepository } from '../../ports/repositories.js';

/** Broadcasts kept; a worker delivers a handful of broadcasts at a time. */
const APPROVED_CACHE_SIZE = 200;

/**
 * A BroadcastRepository that keeps the approved broadcasts it read in memory.
 *
 * Why: what approval fixed never changes (approval is conditional on the content hash), and a
 * fan-out reads the same broadcast once per delivery: 40 X accounts in the X worker, every area
 * topic in the SNS worker. On 2 cores a fan-out is CPU-bound and an SDK request is the largest
 * busy item (docs/benchmarks.md), so one read per broadcast instead of one per delivery pays.
 * Concurrent reads of one broadcast share the request.
 *
 * Only for readers of what approval fixed (content, targets, approval, follows): the cached item's
 * dispatch summary and status go stale. A broadcast not (or no longer) APPROVED is not kept, nor a
 * missing one or a failed read. Writes go straight through.
 */
export function cachingApprovedBroadcasts(
  inner: BroadcastRepository,
  size = APPROVED_CACHE_SIZE,
): BroadcastRepository {
  const cache = new Map<string, Promise<Broadcast | undefined>>();
  const get = (id: string): Promise<Broadcast | undefined> => {
    const cached = cache.get(id);
    if (cached) return cached;
    const forget = () => {
      if (cache.get(id) === loading) cache.delete(id);
    };
    const loading = inner.get(id).then((broadcast) => {
      if (broadcast?.status !== 'APPROVED') forget();
      return broadcast;
    });
    // Oldest first out: a finished fan-out's broadcast is not read again.
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(id, loading);
    loading.catch(forget);
    return loading;
  };
  return {
    get,
    create: (broadcast) => inner.create(broadcast),
    listByIncident: (incidentId) => inner.listByIncident(incidentId),
    approve: (id, approval, audit) => inner.approve(id, approval, audit),
    reject: (id, rejection, audit) => inner.reject(id, rejection, audit),
    markPlanned: (id, at) => inner.markPlanned(id, at),
    recordDispatch: (id, summary, open) => inner.recordDispatch(id, summary, open),
    listDispatching: () => inner.listDispatching(),
    listAwaitingApproval: () => inner.listAwaitingApproval(),
  };
}

/**
 * For a handler: the cache over whichever repository its context has, one cache per repository,
 * made once per function as each Lambda environment keeps its own. A context installed later (a
 * test's fresh table) gets a fresh cache, so no test sees another's broadcasts.
 */
export function approvedBroadcastCache(): (inner: BroadcastRepository) => BroadcastRepository {
  const caches = new WeakMap<BroadcastRepository, BroadcastRepository>();
  return (inner) => {
    let cached = caches.get(inner);
    if (!cached) {
      cached = cachingApprovedBroadcasts(inner);
      caches.set(inner, cached);
    }
    return cached;
  };
}
