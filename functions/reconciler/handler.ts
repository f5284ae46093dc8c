import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { sqsQueue } from '../../shared/runtime/aws/sqs.js';
import { table } from '../../shared/runtime/aws/table.js';
import { awsContext } from '../../shared/runtime/aws-context.js';
import { broadcastRepository, deliveryLedger, xPostBudget } from '../../shared/runtime/table-ports.js';
import { type ReconcileReport, reconcile } from '../../shared/use-cases/reconcile.js';

/** The AWS adapters this function uses (its manifest access; checked by tests/unit/runtime). */
export const appContext = awsContext(table(broadcastRepository, deliveryLedger, xPostBudget), sqsQueue);

/** A job normally leaves the queue within seconds; one still due after this was probably lost. */
const STALE_AFTER_MS = 30_000;

/** Every minute: plans approved broadcasts without a plan and re-enqueues lost or stuck deliveries. */
export const handler = middy<ScheduledEvent, ReconcileReport, Error, Context>().handler(async () =>
  reconcile(await appContext(), { staleAfterMs: STALE_AFTER_MS }),
);
