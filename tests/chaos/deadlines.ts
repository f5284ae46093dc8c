// The harness's waits: a sleep, a wait bounded by a deadline, and the grace it reports within.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const TIMED_OUT = Symbol('timed out');

/**
 * Waits for `work` at most `ms`: after its deadline the harness must still report, whatever
 * is stuck (a request to a wedged server, a handler that never returns, a stop that waits on it).
 */
export async function bounded<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The waits after the deadline, each bounded, and their sum: the harness reports within it. */
export const IDLE_WAIT_MS = 15_000;
export const BACKGROUND_STOP_MS = 10_000;
export const STALL_REPORT_MS = 20_000;
export const VERIFY_MS = 60_000;
export const HERALD_STOP_MS = 10_000;
export const REPORT_GRACE_MS =
  IDLE_WAIT_MS + BACKGROUND_STOP_MS + STALL_REPORT_MS + VERIFY_MS + HERALD_STOP_MS;

/** How long the teardown waits for the background loops once the run is over, whatever happened. */
export const TEARDOWN_BACKGROUND_MS = 5_000;
