import { fileURLToPath } from 'node:url';
import { DynamoBroadcastRepository } from '../../../shared/adapters/dynamo/broadcast-repository.js';
import { DynamoDeliveryLedger } from '../../../shared/adapters/dynamo/delivery-ledger.js';
import { DynamoIncidentRepository } from '../../../shared/adapters/dynamo/incident-repository.js';
import { DynamoResourceRepository } from '../../../shared/adapters/dynamo/resource-repository.js';
import { DynamoTemplateRepository } from '../../../shared/adapters/dynamo/template-repository.js';
import { DynamoXPostBudget } from '../../../shared/adapters/dynamo/x-budget.js';
import { sampleLibrary } from '../../../shared/adapters/resources/sample-library.js';
import { builtinTemplateList } from '../../../shared/adapters/templates/builtin-templates.js';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import type { AppContext } from '../../../shared/runtime/context.js';
import type { LogLine } from '../../../shared/runtime/logger.js';
import { randomIds } from '../../../shared/runtime/system.js';
import { planDispatch } from '../../../shared/use-cases/plan-dispatch.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';
import type { TestTable } from '../../support/dynamo.js';
import {
  capturingLogger,
  ManualClock,
  RecordingPoster,
  RecordingPublisher,
  RecordingQueue,
} from '../../support/recording-ports.js';

/** Not a test file: the context the handler tests install, backed by dynalite and in-memory fakes. */

const registry = loadRegistry(fileURLToPath(new URL('../../../config/registry.json', import.meta.url)));

export interface TestContext extends AppContext {
  poster: RecordingPoster;
  publisher: RecordingPublisher;
  queue: RecordingQueue;
  clock: ManualClock;
  lines: LogLine[];
}

/** A whole AppContext on a fresh, empty table of the shared dynalite server. */
export async function testContext(table: TestTable): Promise<TestContext> {
  const tableName = await table.freshTable();
  const { lines, log } = capturingLogger();
  return {
    registry,
    templates: new DynamoTemplateRepository(table.db, tableName, builtinTemplateList),
    resources: new DynamoResourceRepository(table.db, tableName, sampleLibrary()),
    incidents: new DynamoIncidentRepository(table.db, tableName),
    broadcasts: new DynamoBroadcastRepository(table.db, tableName),
    ledger: new DynamoDeliveryLedger(table.db, tableName),
    queue: new RecordingQueue(),
    poster: new RecordingPoster(),
    publisher: new RecordingPublisher(),
    xBudget: new DynamoXPostBudget(table.db, tableName, 10_000),
    clock: new ManualClock(),
    ids: randomIds,
    log,
    lines,
    settings: { leaseMs: 60_000, maxAttempts: 3 },
  };
}

/** Stores an approved broadcast and plans it; returns it with the jobs planning queued. */
export async function plannedBroadcast(context: TestContext, overrides: Partial<Broadcast> = {}) {
  const broadcast = approvedBroadcast(overrides);
  await context.broadcasts.create({ ...broadcast, status: 'PENDING_APPROVAL' });
  const approval = broadcast.approval!;
  const approved = await context.broadcasts.approve(broadcast.id, approval, {
    at: approval.at,
    actor: approval.by,
    from: 'PENDING_APPROVAL',
    to: 'APPROVED',
  });
  await planDispatch(context, approved, approval.by);
  const jobs = context.queue.take().map((sent) => sent.job);
  return { broadcast: approved, jobs };
}
