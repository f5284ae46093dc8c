import type { Broadcast } from '../domain/broadcast.js';
import { dispatchShape } from '../domain/warm-up.js';
import { errorFields, type Logger } from '../ports/logger.js';
import type { DispatchWarmer } from '../ports/warm-up.js';

export interface WarmDispatchDeps {
  warmer: DispatchWarmer;
  log: Logger;
}

/**
 * Stores a broadcast that awaits approval while its delivery workers are warmed (D40), so that the
 * approval, a human review later, finds them running. The warm-up is handed over alongside the
 * write, not after it, and the filing answers once both are done (a Lambda environment is frozen
 * after its answer). A warm-up that is not accepted is logged and costs the filer nothing: the
 * approval then starts the workers itself, as without warm-ups.
 */
export async function storeWhileWarming<T>(
  deps: WarmDispatchDeps,
  broadcast: Pick<Broadcast, 'id' | 'audience'>,
  store: () => Promise<T>,
): Promise<T> {
  const warming = deps.warmer.warm(dispatchShape(broadcast)).catch((error: unknown) => {
    deps.log.warn('the delivery workers could not be warmed; the approval will start them', {
      broadcastId: broadcast.id,
      ...errorFields(error),
    });
  });
  try {
    return await store();
  } finally {
    await warming;
  }
}
