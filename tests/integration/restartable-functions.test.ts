import { describe, expect, it } from 'vitest';
import { startHerald } from '../support/herald.js';

/**
 * The local runtime's `restartable` functions (bench/cold.ts): a restarted function's next
 * invocation starts a fresh thread, as a Lambda environment starts cold. Each test starts a whole
 * Herald with its worker threads, which takes seconds on two shared cores.
 */
describe('restartable functions', { timeout: 60_000 }, () => {
  it('answers an HTTP route from a thread, and starts that thread afresh after a restart', async () => {
    const herald = await startHerald({ restartable: ['api-meta'] });
    try {
      expect((await herald.call('GET', '/health')).status).toBe(200);
      await herald.runtime.restartFunctions(['api-meta']);
      expect((await herald.call('GET', '/health')).status).toBe(200);
      expect((await herald.call('GET', '/health')).status).toBe(200);

      const { starts, invocations } = herald.runtime.functionTimings('api-meta');
      expect(starts).toHaveLength(2);
      expect(invocations.map((i) => i.cold)).toEqual([false, true, false]);
      // The cold invocation waited for the second start, so it took at least that long.
      const second = starts[1];
      expect(second?.readyMs).toBeGreaterThan(0);
      expect(invocations[1]?.ms).toBeGreaterThanOrEqual(second?.readyMs ?? Number.POSITIVE_INFINITY);
      expect(second?.boot.handlerImportMs).toBeGreaterThan(0);
    } finally {
      await herald.stop();
    }
  });

  it('delivers a broadcast through restarted queue workers', async () => {
    const herald = await startHerald({ restartable: ['x-worker', 'sns-worker'] });
    try {
      await herald.runtime.restartFunctions(['x-worker', 'sns-worker']);
      const { broadcast } = (await herald.fileIncident()).body;
      await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
        user: 'inspector.ben',
        body: { contentHash: broadcast.contentHash },
      });
      await herald.settled();
      const deliveries = await herald.call('GET', `/broadcasts/${broadcast.id}/deliveries`, {
        user: 'inspector.ada',
      });
      expect(deliveries.body.length).toBeGreaterThan(0);
      expect(deliveries.body.every((d: { status: string }) => d.status === 'SENT')).toBe(true);
      expect(herald.runtime.functionTimings('x-worker').starts).toHaveLength(2);
      expect(herald.runtime.functionTimings('x-worker').invocations[0]?.cold).toBe(true);
    } finally {
      await herald.stop();
    }
  });

  it('delivers a broadcast through workers started from their Lambda-built bundles, with no TypeScript loader', async () => {
    const herald = await startHerald({
      restartable: ['api-broadcasts', 'x-worker', 'sns-worker'],
      bundledRestartable: true,
    });
    try {
      await herald.runtime.restartFunctions(['api-broadcasts', 'x-worker', 'sns-worker']);
      const { broadcast } = (await herald.fileIncident()).body;
      const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
        user: 'inspector.ben',
        body: { contentHash: broadcast.contentHash },
      });
      expect(approved.status).toBe(200);
      await herald.settled();
      const deliveries = await herald.call('GET', `/broadcasts/${broadcast.id}/deliveries`, {
        user: 'inspector.ada',
      });
      expect(deliveries.body.length).toBeGreaterThan(0);
      expect(deliveries.body.every((d: { status: string }) => d.status === 'SENT')).toBe(true);
      for (const name of ['api-broadcasts', 'x-worker', 'sns-worker']) {
        const { starts } = herald.runtime.functionTimings(name);
        expect(starts).toHaveLength(2);
        // A bundle is JavaScript: its thread registers no TypeScript loader.
        expect(starts.map((start) => start.boot.loaderMs)).toEqual([0, 0]);
      }
    } finally {
      await herald.stop();
    }
  });

  it('refuses to restart a function it was not asked to make restartable', async () => {
    const herald = await startHerald();
    try {
      await expect(herald.runtime.restartFunctions(['api-meta'])).rejects.toThrow(/not among/);
    } finally {
      await herald.stop();
    }
  });
});
