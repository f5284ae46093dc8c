import type { Delivery } from '../../domain/broadcast.js';
import type { DeliverySettings } from '../../domain/delivery-policy.js';
import { jobOf } from '../../domain/dispatch.js';
import { errorMessage } from '../../domain/errors.js';
import type { Logger } from '../../ports/logger.js';
import type { DeliveryLedger } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';

export interface KeepLeaseDeps {
  ledger: DeliveryLedger;
  clock: Clock;
  log: Logger;
  settings: Pick<DeliverySettings, 'leaseMs'>;
}

export interface HeldLease {
  /** Stops extending; resolves once no extension is in flight, so none lands after the settle. */
  release(): Promise<void>;
}

/**
 * Holds a claimed delivery's lease for as long as its send goes on (D23).
 *
 * Every third of the lease the lease's end moves a whole lease ahead, so a worker that is alive
 * keeps its delivery however slowly the provider answers, and nobody else claims it and sends a
 * second time. Only a worker that stops (a crash, a timeout of its function) lets the lease run out,
 * and the reconciler then hands the delivery to another worker, which looks before it sends.
 * A send that ends within a third of the lease, which is nearly all of them, writes nothing extra.
 */
export function keepLease(deps: KeepLeaseDeps, claimed: Delivery): HeldLease {
  const { leaseMs } = deps.settings;
  const claimedAt = deps.clock.now().getTime();
  const job = jobOf(claimed);
  let held = true;
  // One extension at a time: a slow write must not be overtaken by the next one.
  let extending: Promise<void> = Promise.resolve();

  const extend = async () => {
    if (!held) return;
    const now = deps.clock.now().getTime();
    try {
      if (await deps.ledger.extendLease(claimed, now + leaseMs)) {
        deps.log.info('delivery lease extended: the provider is answering slowly', {
          ...job,
          heldMs: now - claimedAt,
        });
        return;
      }
      held = false;
      deps.log.warn('delivery lease lost while sending', { ...job, heldMs: now - claimedAt });
    } catch (error) {
      // The next tick tries again; the lease still has two thirds of its length to run.
      deps.log.warn('could not extend a delivery lease', {
        ...job,
        error: errorMessage(error),
      });
    }
  };

  const timer = setInterval(
    () => {
      extending = extending.then(extend);
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  // The timer must not keep a finished process alive.
  timer.unref?.();

  return {
    async release() {
      held = false;
      clearInterval(timer);
      await extending;
    },
  };
}
