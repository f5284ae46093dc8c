import * as z from 'zod';
import { Channel } from '../domain/vocabulary.js';
import { approvedBroadcastCache } from '../use-cases/delivery/cached-broadcasts.js';
import { deliver } from '../use-cases/delivery/deliver.js';
import type { AppContext } from './context.js';
import { queueWorker } from './queue-worker.js';

const DeliveryJobMessage = z.strictObject({
  broadcastId: z.string().min(1).max(64),
  channel: Channel,
  target: z.string().min(1).max(256),
});

/** The SQS consumer of one channel's queue: one delivery job per record, the batch at once. */
export function deliveryWorker(channel: Channel, appContext: () => Promise<AppContext>) {
  // Every delivery of a broadcast reads it: one read per broadcast in this function, not one per job.
  const approved = approvedBroadcastCache();
  return queueWorker({
    appContext,
    job: DeliveryJobMessage,
    kind: 'delivery',
    inParallel: true,
    run: async (app, job, context) => {
      if (job.channel !== channel) throw new Error(`a ${job.channel} job on the ${channel} queue`);
      await deliver({ ...app, broadcasts: approved(app.broadcasts) }, job, `worker:${context.functionName}`, {
        remainingMs: () => context.getRemainingTimeInMillis(),
      });
    },
  });
}
