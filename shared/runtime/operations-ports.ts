import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBroadcastRepository } from '../adapters/dynamo/broadcast-repository.js';
import { DynamoDeliveryLedger } from '../adapters/dynamo/delivery-ledger.js';
import { DynamoIncidentRepository } from '../adapters/dynamo/incident-repository.js';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter.js';
import { DynamoSubscriptionStore } from '../adapters/dynamo/subscription-store.js';
import { DynamoXPostBudget } from '../adapters/dynamo/x-budget.js';
import type { Registry } from '../domain/registry.js';
import type { Clock } from '../ports/system.js';
import type { AppContext } from './context.js';

/*
 * The table's ports without the template and resource library. Kept apart from table-ports.ts on
 * purpose: that module imports the built-in templates, which are built when the module loads, so
 * a function importing it would carry and build them at every cold start.
 */

/** What the subscriber functions use (SubscriptionPorts). */
export function subscriberPorts(
  db: DynamoDBDocumentClient,
  table: string,
  clock: Clock,
): Pick<AppContext, 'subscriptions' | 'rateLimiter'> {
  return {
    subscriptions: new DynamoSubscriptionStore(db, table),
    rateLimiter: new DynamoRateLimiter(db, table, clock),
  };
}

/** Incidents, broadcasts, deliveries, the X budget and the subscribers: dispatch and its views. */
export function operationsPorts(
  db: DynamoDBDocumentClient,
  table: string,
  registry: Registry,
  clock: Clock,
): Pick<AppContext, 'incidents' | 'broadcasts' | 'ledger' | 'xBudget' | 'subscriptions' | 'rateLimiter'> {
  return {
    incidents: new DynamoIncidentRepository(db, table),
    broadcasts: new DynamoBroadcastRepository(db, table),
    ledger: new DynamoDeliveryLedger(db, table),
    xBudget: new DynamoXPostBudget(db, table, registry.x.appPostsPer24h),
    ...subscriberPorts(db, table, clock),
  };
}
