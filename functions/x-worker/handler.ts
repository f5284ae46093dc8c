import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { operationsTable } from '../../shared/runtime/aws/table.js';
import { xPoster } from '../../shared/runtime/aws/x.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { deliveryWorker } from '../../shared/runtime/delivery-worker.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(operationsTable, sqsQueue, xPoster);

/** Posts approved broadcasts to X, one account (post or thread) per job. */
export const handler = deliveryWorker('x', appContext);
