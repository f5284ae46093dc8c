import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Registry } from '../domain/registry.js';
import type { Clock } from '../ports/system.js';
import type { AppContext } from './context.js';
import { resourceRepository, templateRepository } from './library-ports.js';
import {
  afterActionStore,
  broadcastRepository,
  deliveryLedger,
  incidentRepository,
  rateLimiter,
  sessionStore,
  signInAttempts,
  subscriptionStore,
  type TablePortName,
  xPostBudget,
} from './table-ports.js';

/**
 * Every port kept in the table: the local runtime and tests give every function all of them, as
 * they give it every other port. A Lambda function builds only those it names (aws/table.ts).
 */
export function tablePorts(
  db: DynamoDBDocumentClient,
  table: string,
  registry: Registry,
  clock: Clock,
): Pick<AppContext, TablePortName> {
  const base = { registry, clock };
  return {
    templates: templateRepository.build(db, table, base),
    resources: resourceRepository.build(db, table, base),
    incidents: incidentRepository.build(db, table, base),
    broadcasts: broadcastRepository.build(db, table, base),
    ledger: deliveryLedger.build(db, table, base),
    xBudget: xPostBudget.build(db, table, base),
    subscriptions: subscriptionStore.build(db, table, base),
    rateLimiter: rateLimiter.build(db, table, base),
    sessions: sessionStore.build(db, table, base),
    signInAttempts: signInAttempts.build(db, table, base),
    afterAction: afterActionStore.build(db, table, base),
  };
}
