import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoBroadcastRepository } from '../../../shared/adapters/dynamo/broadcast-repository.js';
import { keys } from '../../../shared/adapters/dynamo/keys.js';
import type { AuditEntry, Broadcast } from '../../../shared/domain/broadcast.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';

/** The approval queue on the sparse gsi2 index, on dynalite: in while pending, out on either outcome. */

let table: TestTable;
let tableName: string;
let repository: DynamoBroadcastRepository;

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());
beforeEach(async () => {
  tableName = await table.freshTable();
  repository = new DynamoBroadcastRepository(table.db, tableName);
});

const idOf = (n: number) => `bc_0000000000${String(n).repeat(16).slice(0, 16)}`;

function pending(n: number, createdAt: string): Broadcast {
  const { approval: _approval, ...rest } = approvedBroadcast({ id: idOf(n), createdAt });
  return { ...rest, status: 'PENDING_APPROVAL' };
}

const audit = (to: string): AuditEntry => ({
  at: '2026-11-22T10:05:00.000Z',
  actor: 'inspector.ben',
  from: 'PENDING_APPROVAL',
  to,
});

async function approve(broadcast: Broadcast) {
  const approval = {
    by: 'inspector.ben',
    at: '2026-11-22T10:05:00.000Z',
    contentHash: broadcast.contentHash,
  };
  return repository.approve(broadcast.id, approval, audit('APPROVED'));
}

async function reject(broadcast: Broadcast) {
  const rejection = { by: 'inspector.ben', at: '2026-11-22T10:05:00.000Z', reason: 'wrong division' };
  return repository.reject(broadcast.id, rejection, audit('REJECTED'));
}

/** The stored item with its index keys, which the repository strips. */
async function rawItem(id: string) {
  const { Item } = await table.db.send(new GetCommand({ TableName: tableName, Key: keys.broadcast(id) }));
  return Item ?? {};
}

const ids = (broadcasts: Broadcast[]) => broadcasts.map((b) => b.id);

describe('broadcasts awaiting approval', () => {
  it('lists every pending broadcast, oldest first, whatever order they were stored in', async () => {
    await repository.create(pending(2, '2026-11-22T10:02:00.000Z'));
    await repository.create(pending(3, '2026-11-22T10:03:00.000Z'));
    await repository.create(pending(1, '2026-11-22T10:01:00.000Z'));

    expect(ids(await repository.listAwaitingApproval())).toEqual([idOf(1), idOf(2), idOf(3)]);
  });

  it('returns broadcasts as the domain sees them, without index keys', async () => {
    await repository.create(pending(1, '2026-11-22T10:01:00.000Z'));

    const [listed] = await repository.listAwaitingApproval();

    expect(listed).toEqual(pending(1, '2026-11-22T10:01:00.000Z'));
  });

  it('leaves out a broadcast stored already approved', async () => {
    await repository.create(approvedBroadcast({ id: idOf(4) }));

    expect(await repository.listAwaitingApproval()).toEqual([]);
  });

  it('drops an approved broadcast, whose index keys become the open-dispatch ones', async () => {
    const broadcast = pending(1, '2026-11-22T10:01:00.000Z');
    await repository.create(broadcast);
    await repository.create(pending(2, '2026-11-22T10:02:00.000Z'));

    await approve(broadcast);

    expect(ids(await repository.listAwaitingApproval())).toEqual([idOf(2)]);
    expect(ids(await repository.listDispatching())).toEqual([idOf(1)]);
    expect(await rawItem(broadcast.id)).toMatchObject(
      keys.openDispatch('2026-11-22T10:05:00.000Z', broadcast.id),
    );
  });

  it('drops a rejected broadcast and removes its index keys', async () => {
    const broadcast = pending(1, '2026-11-22T10:01:00.000Z');
    await repository.create(broadcast);

    const rejected = await reject(broadcast);

    expect(rejected.status).toBe('REJECTED');
    expect(await repository.listAwaitingApproval()).toEqual([]);
    expect(await repository.listDispatching()).toEqual([]);
    const item = await rawItem(broadcast.id);
    expect(item).not.toHaveProperty('gsi2pk');
    expect(item).not.toHaveProperty('gsi2sk');
    expect(item.history).toEqual([audit('REJECTED')]);
  });

  it('keeps a broadcast listed when its rejection loses to an approval', async () => {
    const broadcast = pending(1, '2026-11-22T10:01:00.000Z');
    await repository.create(broadcast);
    await approve(broadcast);

    await expect(reject(broadcast)).rejects.toThrow(/already APPROVED/);

    expect(ids(await repository.listDispatching())).toEqual([idOf(1)]);
    expect(await rawItem(broadcast.id)).toMatchObject({ gsi2pk: 'DISPATCH#OPEN' });
  });
});

describe("the reconciler's list beside the approval queue", () => {
  it('never holds a pending broadcast', async () => {
    await repository.create(pending(1, '2026-11-22T10:01:00.000Z'));

    expect(await repository.listDispatching()).toEqual([]);
  });

  it('holds approved broadcasts until their dispatch is closed, and the queue never does', async () => {
    const first = pending(1, '2026-11-22T10:01:00.000Z');
    const second = pending(2, '2026-11-22T10:02:00.000Z');
    await repository.create(first);
    await repository.create(second);
    await approve(first);
    await approve(second);
    const summary = {
      status: 'DELIVERED' as const,
      settled: 2,
      counts: { PENDING: 0, SENDING: 0, SENT: 2, FAILED: 0, UNKNOWN: 0 },
    };

    await repository.recordDispatch(first.id, summary, false);

    expect(ids(await repository.listDispatching())).toEqual([idOf(2)]);
    expect(await repository.listAwaitingApproval()).toEqual([]);
  });
});
