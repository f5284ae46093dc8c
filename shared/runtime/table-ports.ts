import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoResourceRepository } from '../adapters/dynamo/resource-repository.js';
import { DynamoTemplateRepository } from '../adapters/dynamo/template-repository.js';
import { loadSampleLibrary } from '../adapters/resources/sample-library.js';
import { loadBuiltinTemplates } from '../adapters/templates/builtin-templates.js';
import type { Registry } from '../domain/registry.js';
import type { Clock } from '../ports/system.js';
import type { AppContext } from './context.js';
import { operationsPorts } from './operations-ports.js';

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
    templates: new DynamoTemplateRepository(db, table, loadBuiltinTemplates),
    resources: new DynamoResourceRepository(db, table, loadSampleLibrary),
    ...operationsPorts(db, table, registry, clock),
  };
}
