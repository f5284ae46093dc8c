import { DynamoRateLimiter } from '../../adapters/dynamo/rate-limiter.js';
import { DynamoSubscriptionStore } from '../../adapters/dynamo/subscription-store.js';
import { createDocumentClient } from '../../adapters/dynamo/table.js';
import { tablePorts } from '../table-ports.js';
import { type AwsAdapter, tableName } from './adapter.js';

/** Every repository kept in the table (ports of the staff functions and workers). */
export const table: AwsAdapter = {
  name: 'table',
  build: (env, { registry, clock }) => tablePorts(createDocumentClient(), tableName(env), registry, clock),
};

/**
 * Only the subscription store and the rate limiter (SubscriptionPorts): what the functions limited
 * to subscriber items use. The other repositories, and the built-in templates and sample resource
 * library they carry, stay out of these bundles; calling one of them is refused.
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
