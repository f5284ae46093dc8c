import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBroadcastRepository } from '../adapters/dynamo/broadcast-repository.js';
import { DynamoDeliveryLedger } from '../adapters/dynamo/delivery-ledger.js';
import { DynamoIncidentRepository } from '../adapters/dynamo/incident-repository.js';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter.js';
import { DynamoResourceRepository } from '../adapters/dynamo/resource-repository.js';
import { DynamoSubscriptionStore } from '../adapters/dynamo/subscription-store.js';
import { DynamoTemplateRepository } from '../adapters/dynamo/template-repository.js';
import { DynamoXPostBudget } from '../adapters/dynamo/x-budget.js';
import { sampleLibrary } from '../adapters/resources/sample-library.js';
import { builtinTemplateList } from '../adapters/templates/builtin-templates.js';
import type { Registry } from '../config/registry-schema.js';
import type { Clock } from '../ports/system.js';
import type { AppContext } from './context.js';

/** Every port kept in the table, the same in both runtimes (only the client's endpoint differs). */
export function tablePorts(
  db: DynamoDBDocumentClient,
  table: string,
  registry: Registry,
  clock: Clock,
): Pick<
  AppContext,
  | 'templates'
  | 'resources'
  | 'incidents'
  | 'broadcasts'
  | 'ledger'
  | 'xBudget'
  | 'subscriptions'
  | 'rateLimiter'
> {
  return {
    templates: new DynamoTemplateRepository(db, table, builtinTemplateList),
    resources: new DynamoResourceRepository(db, table, sampleLibrary()),
    incidents: new DynamoIncidentRepository(db, table),
    broadcasts: new DynamoBroadcastRepository(db, table),
    ledger: new DynamoDeliveryLedger(db, table),
    xBudget: new DynamoXPostBudget(db, table, registry.x.appPostsPer24h),
    subscriptions: new DynamoSubscriptionStore(db, table),
    rateLimiter: new DynamoRateLimiter(db, table, clock),
  };
}
