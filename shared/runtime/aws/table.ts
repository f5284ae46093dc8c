import { DynamoBroadcastRepository } from '../../adapters/dynamo/broadcast-repository.js';
import { DynamoDeliveryLedger } from '../../adapters/dynamo/delivery-ledger.js';
import { DynamoIncidentRepository } from '../../adapters/dynamo/incident-repository.js';
import { DynamoRateLimiter } from '../../adapters/dynamo/rate-limiter.js';
import { DynamoSubscriptionStore } from '../../adapters/dynamo/subscription-store.js';
import { createDocumentClient } from '../../adapters/dynamo/table.js';
import { DynamoXPostBudget } from '../../adapters/dynamo/x-budget.js';
import { tablePorts } from '../table-ports.js';
import { type AwsAdapter, tableName } from './adapter.js';

/**
 * The table adapters: a function with table access declares exactly one. They differ only in
 * which repositories they build, so a bundle carries no repository (and no built-in data) its
 * function never calls; calling one it did not build is refused.
 */

/** Every repository kept in the table, the template and resource library included. */
export const table: AwsAdapter = {
  name: 'table',
  build: (env, { registry, clock }) => tablePorts(createDocumentClient(), tableName(env), registry, clock),
};

/**
 * Incidents, broadcasts, deliveries, the X budget and the subscriber counts: what approval, the
 * reconciler and the delivery workers use. No templates or resources, so neither the built-in
 * templates nor the sample resource library are bundled.
 */
export const operationsTable: AwsAdapter = {
  name: 'operationsTable',
  build: (env, { registry, clock }) => {
    const db = createDocumentClient();
    const name = tableName(env);
    return {
      incidents: new DynamoIncidentRepository(db, name),
      broadcasts: new DynamoBroadcastRepository(db, name),
      ledger: new DynamoDeliveryLedger(db, name),
      xBudget: new DynamoXPostBudget(db, name, registry.x.appPostsPer24h),
      subscriptions: new DynamoSubscriptionStore(db, name),
      rateLimiter: new DynamoRateLimiter(db, name, clock),
    };
  },
};

/**
 * Only the subscription store and the rate limiter (SubscriptionPorts): what the functions limited
 * to subscriber items use.
 */
export const subscriberTable: AwsAdapter = {
  name: 'subscriberTable',
  build: (env, { clock }) => {
    const db = createDocumentClient();
    const name = tableName(env);
    return {
      subscriptions: new DynamoSubscriptionStore(db, name),
      rateLimiter: new DynamoRateLimiter(db, name, clock),
    };
  },
};
