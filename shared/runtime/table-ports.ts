import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAfterActionStore } from '../adapters/dynamo/after-action-store.js';
import { DynamoBroadcastRepository } from '../adapters/dynamo/broadcast-repository.js';
import { DynamoDeliveryLedger } from '../adapters/dynamo/delivery-ledger.js';
import { DynamoIncidentRepository } from '../adapters/dynamo/incident-repository.js';
import { DynamoRateLimiter } from '../adapters/dynamo/rate-limiter.js';
import { DynamoSessionStore, DynamoSignInAttemptStore } from '../adapters/dynamo/staff-sessions.js';
import { DynamoSubscriptionStore } from '../adapters/dynamo/subscription-store.js';
import { DynamoXPostBudget } from '../adapters/dynamo/x-budget.js';
import type { Registry } from '../domain/registry.js';
import type { Clock } from '../ports/system.js';
import type { AppContext } from './context.js';

/** The ports kept in the table. */
export type TablePortName =
  | 'templates'
  | 'resources'
  | 'incidents'
  | 'broadcasts'
  | 'ledger'
  | 'xBudget'
  | 'subscriptions'
  | 'rateLimiter'
  | 'sessions'
  | 'signInAttempts'
  | 'afterAction';

/** What a repository may need besides the client and the table's name. */
export interface TableBase {
  registry: Registry;
  clock: Clock;
}

/**
 * One port kept in the table: its name in the context and how to build it on a client and a
 * table, the same in both runtimes (only the client's endpoint differs). A Lambda function names
 * the ones it uses (`table(broadcastRepository, deliveryLedger)`, aws/table.ts), so its bundle
 * holds only their repositories and its context only their ports. The template and resource
 * library's ports are in library-ports.ts.
 */
export interface TablePort<K extends TablePortName = TablePortName> {
  readonly port: K;
  readonly build: (db: DynamoDBDocumentClient, table: string, base: TableBase) => AppContext[K];
}

export const incidentRepository: TablePort<'incidents'> = {
  port: 'incidents',
  build: (db, table) => new DynamoIncidentRepository(db, table),
};

export const broadcastRepository: TablePort<'broadcasts'> = {
  port: 'broadcasts',
  build: (db, table) => new DynamoBroadcastRepository(db, table),
};

export const deliveryLedger: TablePort<'ledger'> = {
  port: 'ledger',
  build: (db, table) => new DynamoDeliveryLedger(db, table),
};

export const xPostBudget: TablePort<'xBudget'> = {
  port: 'xBudget',
  build: (db, table, { registry }) => new DynamoXPostBudget(db, table, registry.x.appPostsPer24h),
};

/** Subscriber items only (their keys start with SUBSCRIBER#), as is the rate limiter's. */
export const subscriptionStore: TablePort<'subscriptions'> = {
  port: 'subscriptions',
  build: (db, table) => new DynamoSubscriptionStore(db, table),
};

export const rateLimiter: TablePort<'rateLimiter'> = {
  port: 'rateLimiter',
  build: (db, table, { clock }) => new DynamoRateLimiter(db, table, clock),
};

/** The duty console's sessions (docs/architecture.md D30): `STAFF#SESSION#` items. */
export const sessionStore: TablePort<'sessions'> = {
  port: 'sessions',
  build: (db, table) => new DynamoSessionStore(db, table),
};

/** Sign-ins waiting for the identity provider's callback: `STAFF#SIGNIN#` items. */
export const signInAttempts: TablePort<'signInAttempts'> = {
  port: 'signInAttempts',
  build: (db, table, { clock }) => new DynamoSignInAttemptStore(db, table, clock),
};

/** After-action findings and corrective actions: `INCIDENT#<id>` / `REPORT` items (D33). */
export const afterActionStore: TablePort<'afterAction'> = {
  port: 'afterAction',
  build: (db, table) => new DynamoAfterActionStore(db, table),
};
