import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionTimings } from '../../infra/local/restartable-function.js';
import { createLogger, type LogLine } from '../../shared/runtime/logger.js';
import { type Herald, startHerald } from '../support/herald.js';

/**
 * Filing warms the delivery workers for the approval to come (docs/architecture.md D40), in the
 * local runtime: a filing starts the `restartable` worker threads that are not running, so the
 * approval's invocations find them started. One Herald with both workers restartable serves the
 * tests; each one ends the workers' threads first, as Lambda reclaims idle environments.
 */
const WORKERS = ['x-worker', 'sns-worker'] as const;
type Worker = (typeof WORKERS)[number];

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald({ restartable: WORKERS });
});
afterAll(async () => {
  await herald?.stop();
});

const timings = (name: Worker): FunctionTimings => {
  const { starts, invocations } = herald.runtime.functionTimings(name);
  return { starts: [...starts], invocations: [...invocations] };
};
const counts = () =>
  Object.fromEntries(
    WORKERS.map((name) => {
      const { starts, invocations } = timings(name);
      return [name, { starts: starts.length, invocations: invocations.length }];
    }),
  ) as Record<Worker, { starts: number; invocations: number }>;

/** Polls `check` until it holds; fails with `what` past the deadline. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 8_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function file(h: Herald) {
  const filed = await h.fileIncident();
  expect(filed.status).toBe(201);
  const { broadcast } = filed.body;
  // Both workers have jobs to come: a warm-up is only sent to a worker the broadcast will occupy.
  expect(broadcast.audience.accounts.length).toBeGreaterThan(0);
  expect(broadcast.audience.topics.length).toBeGreaterThan(0);
  return broadcast as { id: string; contentHash: string; audience: { accounts: string[]; topics: string[] } };
}

/** Approves as the second person and waits until every delivery is SENT; returns how many. */
async function approveAndDeliver(broadcast: { id: string; contentHash: string }) {
  const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
    user: 'inspector.ben',
    body: { contentHash: broadcast.contentHash },
  });
  expect(approved.status).toBe(200);
  let deliveries: { status: string }[] = [];
  await until(`every delivery of ${broadcast.id} SENT`, async () => {
    const listed = await herald.call('GET', `/broadcasts/${broadcast.id}/deliveries`, {
      user: 'inspector.ada',
    });
    deliveries = listed.body;
    const view = await herald.call('GET', `/broadcasts/${broadcast.id}`, { user: 'inspector.ada' });
    return (
      view.body.broadcast.status !== 'DISPATCHING' &&
      deliveries.length > 0 &&
      deliveries.every((d) => d.status === 'SENT')
    );
  });
  return deliveries;
}

describe('filing warms the delivery workers for the approval (D40)', { timeout: 30_000 }, () => {
  it('filing an incident starts both ended worker threads before anyone approves it, and the approval finds them warm', async () => {
    await herald.runtime.restartFunctions(WORKERS);
    const before = counts();

    const broadcast = await file(herald);
    // Each worker: one new thread start, and one invocation (the warm-up) that waited for it.
    await until('each worker started once more and ran its warm-up', () =>
      WORKERS.every(
        (name) =>
          counts()[name].starts === before[name].starts + 1 &&
          counts()[name].invocations === before[name].invocations + 1,
      ),
    );
    for (const name of WORKERS) {
      const warmUp = timings(name).invocations[before[name].invocations];
      expect(warmUp?.cold, name).toBe(true);
    }
    const warmed = counts();

    const deliveries = await approveAndDeliver(broadcast);
    expect(deliveries).toHaveLength(broadcast.audience.accounts.length + broadcast.audience.topics.length);
    for (const name of WORKERS) {
      const { starts, invocations } = timings(name);
      // The approval started no thread: its invocations ran on the warmed one, none of them cold.
      expect(starts, name).toHaveLength(warmed[name].starts);
      const approval = invocations.slice(warmed[name].invocations);
      expect(approval.length, name).toBeGreaterThan(0);
      expect(
        approval.map((i) => i.cold),
        name,
      ).toEqual(approval.map(() => false));
    }
  });

  it('with warm-ups switched off, filing starts no worker thread and the approval’s first invocations are cold', async () => {
    herald.runtime.setWarmUps(false);
    try {
      await herald.runtime.restartFunctions(WORKERS);
      const before = counts();

      const broadcast = await file(herald);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(counts()).toEqual(before);

      // A start or an invocation is recorded only once done, so the counts above cannot tell a
      // thread still starting; when each began (the runtime's clock, this thread's) can.
      const approvedAt = performance.now();
      const deliveries = await approveAndDeliver(broadcast);
      expect(deliveries).toHaveLength(broadcast.audience.accounts.length + broadcast.audience.topics.length);
      for (const name of WORKERS) {
        const { starts, invocations } = timings(name);
        const started = starts.slice(before[name].starts);
        expect(started, name).toHaveLength(1);
        expect(started[0]?.at, name).toBeGreaterThanOrEqual(approvedAt);
        const invoked = invocations.slice(before[name].invocations).sort((a, b) => a.at - b.at);
        expect(invoked.length, name).toBeGreaterThan(0);
        // Nothing came between the filing and the approval, and the approval's first invocation waited for the start.
        expect(invoked[0]?.at, name).toBeGreaterThanOrEqual(approvedAt);
        expect(invoked[0]?.cold, name).toBe(true);
      }
    } finally {
      herald.runtime.setWarmUps(true);
    }
  });

  it('filing still answers 201 when the warm-up fails, and says so in a warning', async () => {
    const lines: string[] = [];
    // The filing's own ports, with a warmer that refuses: as when Lambda does not accept the Event invocations.
    const failing = await startHerald({
      log: createLogger((line) => lines.push(line)),
      wrapContext: (context) => ({
        ...context,
        warmer: {
          warm: async () => {
            throw new Error('warm-up refused');
          },
        },
      }),
    });
    try {
      const broadcast = await file(failing);
      const view = await failing.call('GET', `/broadcasts/${broadcast.id}`, { user: 'inspector.ada' });
      expect(view.status).toBe(200);
      expect(view.body.broadcast.status).toBe('PENDING_APPROVAL');
      const warnings = lines
        .map((line) => JSON.parse(line) as LogLine)
        .filter((entry) => entry.level === 'warn' && entry.broadcastId === broadcast.id);
      expect(warnings.map((w) => w.message)).toEqual([
        'the delivery workers could not be warmed; the approval will start them',
      ]);
    } finally {
      await failing.stop();
    }
  });
});
