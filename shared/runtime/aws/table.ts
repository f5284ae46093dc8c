import { createDocumentClient } from '../../adapters/dynamo/table.js';
import { operationsPorts, subscriberPorts } from '../operations-ports.js';
import { type AwsAdapter, tableName } from './adapter.js';

/**
 * The table adapters: a function with table access declares exactly one. They differ only in
 * which repositories they build, so a bundle carries no repository (and no built-in data) its
 * function never calls; calling one it did not build is refused. The third one, `table` with the
 * template and resource library, is in library-table.ts: importing it here would put the built-in
 * templates into every bundle that imports this file.
 */

/**
 * Incidents, broadcasts, deliveries, the X budget and the subscriber counts: what approval, the
 * reconciler and the delivery workers use. No templates or resources, so neither the built-in
 * templates nor the sample resource library are bundled.
 */
export const operationsTable: AwsAdapter = {
  name: 'operationsTable',
  build: (env, { registry, clock }) =>
    operationsPorts(createDocumentClient(), tableName(env), registry, clock),
};

/**
 * Only the subscription store and the rate limiter (SubscriptionPorts): what the functions limited
 * to subscriber items use.
 */
export const subscriberTable: AwsAdapter = {
  name: 'subscriberTable',
  build: (env, { clock }) => subscriberPorts(createDocumentClient(), tableName(env), clock),
};
