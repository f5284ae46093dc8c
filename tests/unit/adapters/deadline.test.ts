import { describe, expect, it } from 'vitest';
import { deadlineSignal } from '../../../shared/adapters/deadline.js';

describe('a provider deadline', () => {
  it('aborts once its time has passed, as a timeout', async () => {
    const signal = deadlineSignal(20);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal.aborted).toBe(true);
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
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signal.aborted).toBe(true);
  });
});
