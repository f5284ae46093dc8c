import { snsPublisher } from '../../shared/runtime/aws/sns-publisher.js';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { operationsTable } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { deliveryWorker } from '../../shared/runtime/delivery-worker.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(operationsTable, sqsQueue, snsPublisher);

/** Publishes approved broadcasts to their SNS area-and-language topics, one topic per job. */
export const handler = deliveryWorker('sns', appContext);
