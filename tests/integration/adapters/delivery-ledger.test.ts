import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDeliveryLedger } from '../../../shared/adapters/dynamo/delivery-ledger.js';
import type { AuditEntry, Delivery } from '../../../shared/domain/broadcast.js';
import type { DeliveryOutcome } from '../../../shared/ports/repositories.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

const NOW = Date.parse('2026-11-22T10:00:00.000Z');

/** As planning writes it, and as every delivery written before waits were counted: no `waits`. */
const planned: Delivery = {
  broadcastId: 'bc_0000000000aaaaaaaaaaaaaaaa',
  channel: 'x',
  target: 'div-14',
  status: 'PENDING',
  attempts: 0,
  notBefore: 0,
  providerIds: [],
  history: [],
};

const wait: DeliveryOutcome = { status: 'PENDING', notBefore: NOW + 60_000, error: '429', wait: true };
const backoff: DeliveryOutcome = { status: 'PENDING', notBefore: NOW + 1_000, error: '503' };

async function freshLedger(): Promise<DynamoDeliveryLedger> {
  const ledger = new DynamoDeliveryLedger(table.db, await table.freshTable());
  await ledger.plan([planned]);
  return ledger;
}

/** Claims what the ledger holds now, at `at`, under `token`. */
async function claimNow(ledger: DynamoDeliveryLedger, token: string, at = NOW): Promise<Delivery> {
  const seen = (await ledger.get(planned)) as Delivery;
  const claimed = await ledger.claim(seen, {
    token,
    until: at + 60_000,
    at: new Date(at).toISOString(),
    actor: 'test',
  });
  if (!claimed) throw new Error(`the claim under ${token} did not land`);
  return claimed;
}

function audit(outcome: DeliveryOutcome): AuditEntry {
  return { at: new Date(NOW).toISOString(), actor: 'test', from: 'SENDING', to: outcome.status };
}

describe('the delivery ledger on DynamoDB counting waits', () => {
  it('adds one to the wait count with each settled wait, starting from none on an item without one', async () => {
    const ledger = await freshLedger();

    expect(await ledger.settle(await claimNow(ledger, 'lease-1'), wait, audit(wait))).toBe(true);
    expect(await ledger.get(planned)).toMatchObject({ status: 'PENDING', attempts: 1, waits: 1 });

    expect(await ledger.settle(await claimNow(ledger, 'lease-2'), wait, audit(wait))).toBe(true);
    expect(await ledger.get(planned)).toMatchObject({ status: 'PENDING', attempts: 2, waits: 2 });
  });

  it('leaves the wait count alone when it settles a backoff, an UNKNOWN or a FAILED', async () => {
    const ledger = await freshLedger();
    await ledger.settle(await claimNow(ledger, 'lease-1'), wait, audit(wait));
    const others: DeliveryOutcome[] = [
      backoff,
      { status: 'UNKNOWN', error: 'timeout' },
      { status: 'FAILED', error: 'gave up after 3 failed attempts: 503' },
    ];
    for (const [i, outcome] of others.entries())
      await ledger.settle(await claimNow(ledger, `lease-${i + 2}`), outcome, audit(outcome));

    expect(await ledger.get(planned)).toMatchObject({ status: 'FAILED', attempts: 4, waits: 1 });
  });

  it('counts a wait only for the lease holder that settles it, and only once', async () => {
    const ledger = await freshLedger();
    const lost = await claimNow(ledger, 'lease-lost');
    // The first worker's lease ran out mid-send; a second worker claims the delivery after it.
    const holder = await claimNow(ledger, 'lease-holder', NOW + 61_000);

    expect(await ledger.settle(lost, wait, audit(wait))).toBe(false);
    expect((await ledger.get(planned))?.waits).toBeUndefined();

    expect(await ledger.settle(holder, wait, audit(wait))).toBe(true);
    expect(await ledger.settle(holder, wait, audit(wait))).toBe(false);
    expect(await ledger.get(planned)).toMatchObject({ status: 'PENDING', attempts: 2, waits: 1 });
  });
});
