import type { ScheduledEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ScheduledHandler, type Scheduler, startScheduler } from '../../../infra/local/scheduler.js';
import { definition, gate, recordingLogger } from './support.js';

describe('the local scheduler', () => {
  let scheduler: Scheduler | undefined;
  let logger: ReturnType<typeof recordingLogger>;

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    vi.useRealTimers();
  });

  function schedule(handler: ScheduledHandler, runAtStart = false, timeoutSeconds = 10) {
    logger = recordingLogger();
    const spy = vi.fn(handler);
    scheduler = startScheduler({
      functions: [
        {
          definition: definition('reconciler', { kind: 'schedule', everySeconds: 60 }, timeoutSeconds),
          handler: spy,
        },
        { definition: definition('api', { kind: 'http', routes: [] }), handler: spy },
      ],
      runAtStart,
      logger,
    });
    return spy;
  }

  it('invokes the function once per period with an EventBridge scheduled event', async () => {
    const handler = schedule(async () => undefined);

    await vi.advanceTimersByTimeAsync(59_000);
    expect(handler).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(121_000);

    expect(handler).toHaveBeenCalledTimes(3);
    const event = handler.mock.calls[0]?.[0] as ScheduledEvent;
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      detail: {},
    });
    expect(handler.mock.calls[0]?.[1].functionName).toBe('reconciler');
  });

  it('runs once at start when asked to', async () => {
    const handler = schedule(async () => undefined, true);

    await vi.advanceTimersByTimeAsync(0);

    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('skips a tick while the previous run is still going', async () => {
    const hold = gate();
    // A run may outlast a tick when its timeout is longer than the period.
    const handler = schedule(() => hold.opened, false, 300);

    await vi.advanceTimersByTimeAsync(180_000);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledTimes(2);

    hold.open();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('keeps to its schedule after a run fails', async () => {
    const handler = schedule(async () => {
      throw new Error('table unreachable');
    });

    await vi.advanceTimersByTimeAsync(120_000);

    expect(handler).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledTimes(2);
  });

  it('waits for the run in progress when stopped, then fires no more', async () => {
    const hold = gate();
    let finished = false;
    const handler = schedule(async () => {
      await hold.opened;
      finished = true;
    });
    await vi.advanceTimersByTimeAsync(60_000);

    let stopped = false;
    const stopping = scheduler?.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    hold.open();
    await stopping;
    expect(finished).toBe(true);

    await vi.advanceTimersByTimeAsync(600_000);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("gives up a run at its function's timeout, so one run that never returns cannot block the schedule", async () => {
    let calls = 0;
    const handler = schedule(async () => {
      calls += 1;
      if (calls === 1) await new Promise(() => {});
    });

    void scheduler?.runNow('reconciler');
    await vi.advanceTimersByTimeAsync(10_000);
    await scheduler?.runNow('reconciler');

    expect(handler).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith(
      'Scheduled function timed out',
      expect.objectContaining({ function: 'reconciler' }),
    );
  });
});
