import { fileURLToPath } from 'node:url';
import { demoSignIn } from '../../../infra/local/demo-sign-in.js';
import { EnvelopeVault } from '../../../shared/adapters/crypto/envelope-vault.js';
import { LocalKeyring, newLocalKeys } from '../../../shared/adapters/crypto/local-keyring.js';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import { tablePorts } from '../../../shared/runtime/all-table-ports.js';
import type { AppContext } from '../../../shared/runtime/context.js';
import type { LogLine } from '../../../shared/runtime/logger.js';
import { randomIds } from '../../../shared/runtime/system.js';
import { planDispatch } from '../../../shared/use-cases/plan-dispatch.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';
import type { TestTable } from '../../support/dynamo.js';
import { MemorySiteStore } from '../../support/memory-site-store.js';
import {
  capturingLogger,
  ManualClock,
  RecordingPoster,
  RecordingPublisher,
  RecordingQueue,
  RecordingTopicSubscriber,
  RecordingWarmer,
} from '../../support/recording-ports.js';

/** Not a test file: the context the handler tests install, backed by dynalite and in-memory fakes. */

const registry = loadRegistry(fileURLToPath(new URL('../../../config/registry.json', import.meta.url)));

export interface TestContext extends AppContext {
  poster: RecordingPoster;
  publisher: RecordingPublisher;
  queue: RecordingQueue;
  topicSubscriber: RecordingTopicSubscriber;
  clock: ManualClock;
  warmer: RecordingWarmer;
  lines: LogLine[];
}

/** A whole AppContext on a fresh, empty table of the shared dynalite server. */
export async function testContext(table: TestTable): Promise<TestContext> {
  const tableName = await table.freshTable();
  const { lines, log } = capturingLogger();
  const clock = new ManualClock();
  return {
    registry,
    ...tablePorts(table.db, tableName, registry, clock),
    queue: new RecordingQueue(),
    poster: new RecordingPoster(),
    publisher: new RecordingPublisher(),
    vault: new EnvelopeVault(new LocalKeyring(newLocalKeys())),
    topicSubscriber: new RecordingTopicSubscriber(),
    clock,
    ids: randomIds,
    log,
    lines,
    settings: { leaseMs: 60_000, maxAttempts: 3 },
    site: new MemorySiteStore(),
    staffSignIn: demoSignIn(),
    warmer: new RecordingWarmer(),
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
