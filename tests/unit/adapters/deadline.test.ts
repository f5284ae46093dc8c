import { describe, expect, it } from 'vitest';
import { deadlineSignal } from '../../../shared/adapters/deadline.js';

/**
 * Resolves when the signal aborts. The tests wait for the event rather than sleep a fixed time:
 * the abort comes two loop turns after its timer, and on a busy machine a turn can take longer
 * than any sleep chosen here (a fixed sleep made these tests fail under load).
 */
function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

describe('a provider deadline', () => {
  it('aborts once its time has passed, as a timeout', async () => {
    const started = performance.now();
    const signal = deadlineSignal(20);
    expect(signal.aborted).toBe(false);
    await aborted(signal);
    // Not before its time. No upper bound: a loaded machine may run the loop late.
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });

  it('lets I/O that arrived during a stalled event loop be read before it aborts', async () => {
    const signal = deadlineSignal(10);
    let readBeforeAbort: boolean | undefined;
    // Stands for a socket answer that is waiting when the loop wakes up: an I/O-phase callback.
    const answered = new Promise<void>((resolve) =>
      setTimeout(() => {
        readBeforeAbort = !signal.aborted;
        resolve();
      }, 10),
    );
    const stalledUntil = Date.now() + 50;
    while (Date.now() < stalledUntil) {
      // A busy process: nothing runs for 50 ms, past the deadline.
    }
    await answered;
    expect(readBeforeAbort).toBe(true);
    await aborted(signal);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });
});
