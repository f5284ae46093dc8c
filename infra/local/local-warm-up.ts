import type { FunctionDefinition } from '../../functions/manifest-types.js';
import { type DispatchShape, warmUpEvents } from '../../shared/domain/warm-up.js';
import { errorFields, type Logger } from '../../shared/ports/logger.js';
import type { DispatchWarmer } from '../../shared/ports/warm-up.js';
import type { RestartableFunction } from './restartable-function.js';

/**
 * The local runtime's `DispatchWarmer` (D40). Each function runs in one environment here, so a
 * delivery worker needs at most one warm-up, and only when its thread is not running: a
 * `restartable` one that was ended (bench:cold). Every other local worker thread runs from the
 * start, as a warm environment, and is left alone. Like Lambda's `Event` invocations, the warm-up
 * is handed over and not awaited; a failure is logged.
 */
export function localDispatchWarmer(
  workers: () => readonly { definition: FunctionDefinition; restartable: RestartableFunction | undefined }[],
  log: Logger,
): DispatchWarmer & { enabled: boolean } {
  const warmer = {
    /** Off: a filing warms nothing, as when the warm-up failed (bench:cold's every-function-cold case). */
    enabled: true,
    async warm(shape: DispatchShape): Promise<void> {
      if (!warmer.enabled) return;
      for (const { definition, restartable } of workers()) {
        const { trigger } = definition;
        if (trigger.kind !== 'queue' || !restartable || restartable.running()) continue;
        const [event] = warmUpEvents(trigger.queue, shape, { ...trigger, maxConcurrency: 1 });
        if (!event) continue;
        restartable.handler(event).catch((error: unknown) => {
          log.warn(`warming ${definition.name} failed`, {
            broadcastId: shape.broadcastId,
            ...errorFields(error),
          });
        });
      }
    },
  };
  return warmer;
}
