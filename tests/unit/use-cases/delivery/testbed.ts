import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DynamoBroadcastRepository } from '../../../../shared/adapters/dynamo/broadcast-repository.js';
import { DynamoDeliveryLedger } from '../../../../shared/adapters/dynamo/delivery-ledger.js';
import { DynamoXPostBudget } from '../../../../shared/adapters/dynamo/x-budget.js';
import type { Broadcast, DeliveryJob } from '../../../../shared/domain/broadcast.js';
import type { BroadcastRepository } from '../../../../shared/ports/repositories.js';
import { randomIds } from '../../../../shared/runtime/system.js';
import type { DeliverDeps } from '../../../../shared/use-cases/delivery/deliver.js';
import { planDispatch } from '../../../../shared/use-cases/plan-dispatch.js';
import { approvedBroadcast } from '../../../fixtures/broadcast.js';
import { startTestTable, type TestTable } from '../../../support/dynamo.js';
import { registry } from '../../../support/memory-engine.js';
import {
  capturingLogger,
  ManualClock,
  RecordingPoster,
  RecordingPublisher,
  RecordingQueue,
} from '../../../support/recording-ports.js';

/** Not a test file: the ports the delivery tests share, on a fresh table of one dynalite per file. */

export type DeliveryTestDeps = DeliverDeps & {
  broadcasts: BroadcastRepository;
  poster: RecordingPoster;
  publisher: RecordingPublisher;
  queue: RecordingQueue;
  clock: ManualClock;
};

export interface DeliveryTestbed {
  /** Fresh before each test. */
  deps: DeliveryTestDeps;
  table: TestTable;
  /** Stores an approved broadcast, plans it, and returns it with its X and SNS jobs. */
  planned(
    overrides?: Parameters<typeof approvedBroadcast>[0],
    reserveXBudget?: boolean,
  ): Promise<{ broadcast: Broadcast; x: DeliveryJob; sns: DeliveryJob }>;
  /** Posts taken from the X budget so far. */
  usedBudget(): Promise<number>;
}

/** Call once at the top of a test file: registers the hooks that start the table and reset the ports. */
export function deliveryTestbed(): DeliveryTestbed {
  const bed = { table: undefined, deps: undefined } as unknown as DeliveryTestbed;
  beforeAll(async () => {
    bed.table = await startTestTable();
  });
  afterAll(async () => bed.table.close());
  beforeEach(async () => {
    const tableName = await bed.table.freshTable();
    bed.deps = {
      registry,
      ledger: new DynamoDeliveryLedger(bed.table.db, tableName),
      broadcasts: new DynamoBroadcastRepository(bed.table.db, tableName),
      queue: new RecordingQueue(),
      poster: new RecordingPoster(),
      publisher: new RecordingPublisher(),
      xBudget: new DynamoXPostBudget(bed.table.db, tableName, 10_000),
      clock: new ManualClock(),
      ids: randomIds,
      log: capturingLogger().log,
      settings: { leaseMs: 60_000, maxAttempts: 3 },
      random: () => 0.5,
    };
  });

  bed.planned = async (overrides = {}, reserveXBudget = false) => {
    const { deps } = bed;
    const broadcast = approvedBroadcast(overrides);
    await deps.broadcasts.create({ ...broadcast, status: 'PENDING_APPROVAL' });
    const approved = await deps.broadcasts.approve(broadcast.id, broadcast.approval!, {
      at: broadcast.approval!.at,
      actor: 'inspector.ben',
      from: 'PENDING_APPROVAL',
      to: 'APPROVED',
    });
    await planDispatch(deps, approved, 'inspector.ben', { reserveXBudget });
    const jobs = deps.queue.take().map((s) => s.job);
    return {
      broadcast: approved,
      x: jobs.find((j) => j.channel === 'x') as DeliveryJob,
      sns: jobs.find((j) => j.channel === 'sns') as DeliveryJob,
    };
  };
  bed.usedBudget = async () =>
    (await bed.deps.xBudget.usage(bed.deps.clock.now())).hours.reduce((n, hour) => n + hour.used, 0);
  return bed;
}
