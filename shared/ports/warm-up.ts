import type { DispatchShape } from '../domain/warm-up.js';

/**
 * Starts the delivery workers' environments for a broadcast that awaits approval (D40): on AWS,
 * asynchronous invocations of each worker with a warm-up event; locally, the worker threads that
 * are not running. Resolves once every warm-up was handed over (not run); rejects if any was not.
 */
export interface DispatchWarmer {
  warm(shape: DispatchShape): Promise<void>;
}
