import { deliveryJobMessage } from '../../shared/domain/dispatch.js';
import { snsPublisher } from '../../shared/runtime/aws/sns-publisher.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { table } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { queueWorker } from '../../shared/runtime/queue-worker.js';
import { broadcastRepository, deliveryLedger } from '../../shared/runtime/table-ports.js';
import { approvedBroadcastCache } from '../../shared/use-cases/delivery/cached-broadcasts.js';
import { deliverWith } from '../../shared/use-cases/delivery/deliver.js';
import { publishToTopic } from '../../shared/use-cases/delivery/publish-to-topic.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(table(broadcastRepository, deliveryLedger), sqsQueue, snsPublisher);

/** Every topic's delivery reads its broadcast: one read per broadcast in this function, not one per job. */
const approved = approvedBroadcastCache();

/**
 * The consumer of the `sns-deliveries` queue (its trigger in functions/manifest.ts): publishes
 * approved broadcasts to their SNS area-and-language topics, one topic per record. Records of a
 * batch run at once: each is another topic.
 */
export const handler = queueWorker({
  appContext,
  job: deliveryJobMessage('sns'),
  kind: 'delivery',
  inParallel: true,
  // A warm-up (D40) reads the broadcast straight from the table, not through the cache of approved
  // ones: it is still awaiting approval, or not even written yet (the warm-up is sent alongside the
  // write). The read is for the table client and its connection, whatever it finds.
  warm: (app, { broadcastId }) => Promise.all([app.broadcasts.get(broadcastId), app.publisher.prepare()]),
  run: (app, job, context) =>
    deliverWith(
      publishToTopic,
      { ...app, broadcasts: approved(app.broadcasts) },
      job,
      `worker:${context.functionName}`,
      { remainingMs: () => context.getRemainingTimeInMillis() },
    ),
});
