import { deliveryJobMessage } from '../../shared/domain/dispatch.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { table } from '../../shared/runtime/aws/table.js';
import { xPoster } from '../../shared/runtime/aws/x.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { queueWorker } from '../../shared/runtime/queue-worker.js';
import { broadcastRepository, deliveryLedger, xPostBudget } from '../../shared/runtime/table-ports.js';
import { approvedBroadcastCache } from '../../shared/use-cases/delivery/cached-broadcasts.js';
import { deliverWith } from '../../shared/use-cases/delivery/deliver.js';
import { postXThread } from '../../shared/use-cases/delivery/post-x-thread.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(
  table(broadcastRepository, deliveryLedger, xPostBudget),
  sqsQueue,
  xPoster,
);

/** Every account's delivery reads its broadcast: one read per broadcast in this function, not one per job. */
const approved = approvedBroadcastCache();

/**
 * The consumer of the `x-deliveries` queue (its trigger in functions/manifest.ts): posts approved
 * broadcasts to X, one account (post or thread) per record. Records of a batch run at once: each
 * is another account.
 */
export const handler = queueWorker({
  appContext,
  job: deliveryJobMessage('x'),
  kind: 'delivery',
  inParallel: true,
  // A warm-up (D40) reads the broadcast straight from the table, not through the cache of approved
  // ones: it is still awaiting approval, or not even written yet (the warm-up is sent alongside the
  // write). The read is for the table client and its connection, whatever it finds.
  warm: (app, { broadcastId, accountId }) =>
    Promise.all([app.broadcasts.get(broadcastId), accountId ? app.poster.prepare(accountId) : undefined]),
  run: (app, job, context) =>
    deliverWith(
      postXThread,
      { ...app, broadcasts: approved(app.broadcasts) },
      job,
      `worker:${context.functionName}`,
      { remainingMs: () => context.getRemainingTimeInMillis() },
    ),
});
