import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { appContext } from '../../shared/runtime/context.js';
import { type ReconcileReport, reconcile } from '../../shared/use-cases/reconcile.js';

/** A job normally leaves the queue within seconds; one still due after this was probably lost. */
const STALE_AFTER_MS = 30_000;

/** Every minute: plans approved broadcasts without a plan and re-enqueues lost or stuck deliveries. */
export const handler = middy<ScheduledEvent, ReconcileReport, Error, Context>().handler(async () =>
  reconcile(await appContext(), { staleAfterMs: STALE_AFTER_MS }),
);
