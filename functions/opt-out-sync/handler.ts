import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { appContext } from '../../shared/runtime/context.js';
import { type OptOutReport, syncOptOuts } from '../../shared/use-cases/subscriptions/sync-opt-outs.js';

/** Every minute: numbers that replied STOP lose their subscriptions; unfinished changes are finished. */
export const handler = middy<ScheduledEvent, OptOutReport, Error, Context>().handler(async () =>
  syncOptOuts(await appContext()),
);
