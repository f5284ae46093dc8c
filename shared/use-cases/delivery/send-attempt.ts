import type { Broadcast, Delivery } from '../../domain/broadcast.js';
import type { ProviderCall } from '../../ports/channels.js';

/** A claimed delivery being sent: what the core (deliver.ts) hands its channel's sender. */
export interface SendAttempt {
  claimed: Delivery;
  broadcast: Broadcast;
  /** An earlier attempt may have reached the provider: look before sending, where it can be asked. */
  mayHaveReachedProvider: boolean;
  /**
   * Provider ids so far, in order. The sender appends each one as it lands, so a failure part-way
   * through a thread keeps what was posted.
   */
  progress: string[];
}

/** Sends what of a delivery is still missing; a failure is thrown, as a ChannelError where known. */
export type Sender<Deps> = (deps: Deps, attempt: SendAttempt, call: ProviderCall) => Promise<void>;
