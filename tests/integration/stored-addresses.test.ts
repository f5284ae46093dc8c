import {
  type AttributeValue,
  DeleteItemCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, REGION } from '../../infra/local/local-context.js';
import { type Herald, startHerald } from '../support/herald.js';

/**
 * D17 checked on what is stored: a whole subscription flow (sign up by SMS and by e-mail, confirm,
 * manage, receive a broadcast, unsubscribe) on a local Herald, and after every step every item of
 * every table is scanned, attribute names and values, strings, numbers and binaries, for the
 * number and the address in any form they were typed or normalized to. Values are fictional
 * (555-01xx, example.org).
 */

const PHONE_TYPED = '(416) 555-0131';
const PHONE = '+14165550131';
const EMAIL_TYPED = 'Jo.Stored-Reader@Example.ORG';

/** Every form the number or the address could be kept in. */
const IN_CLEAR = [
  PHONE,
  PHONE_TYPED,
  PHONE.slice(1), // digits only, with the country code
  PHONE.slice(2), // the national number
  '555-0131',
  EMAIL_TYPED,
  EMAIL_TYPED.toLowerCase(),
  'Jo.Stored-Reader@example.org', // as Herald normalizes it (domain in lower case)
  'jo.stored-reader', // the local part alone
];

let herald: Herald;
let db: DynamoDBClient;
/** Where a form was found in clear, per step of the flow: empty when all is well. */
const found: { step: string; table: string; key: string; form: string }[] = [];
let itemsScanned = 0;

beforeAll(async () => {
  herald = await startHerald({ threads: false });
  db = new DynamoDBClient({
    endpoint: herald.runtime.config.dynamoEndpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
  });
}, 60_000);
afterAll(async () => {
  db?.destroy();
  await herald?.stop();
});

/** Every string an attribute value holds, nested maps and lists included; binaries read as text. */
function texts(value: AttributeValue): string[] {
  if (value.S !== undefined) return [value.S];
  if (value.N !== undefined) return [value.N];
  if (value.B !== undefined)
    return [Buffer.from(value.B).toString('utf8'), Buffer.from(value.B).toString('latin1')];
  if (value.SS) return value.SS;
  if (value.NS) return value.NS;
  if (value.BS) return value.BS.map((b) => Buffer.from(b).toString('utf8'));
  if (value.L) return value.L.flatMap(texts);
  if (value.M) return Object.entries(value.M).flatMap(([name, inner]) => [name, ...texts(inner)]);
  return [];
}

/** Scans every item of every table; records each form found in clear under `step`. */
async function scanEverything(step: string): Promise<void> {
  const { TableNames = [] } = await db.send(new ListTablesCommand({}));
  expect(TableNames.length).toBeGreaterThan(0);
  for (const table of TableNames) {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        itemsScanned += 1;
        const haystack = Object.entries(item)
          .flatMap(([name, value]) => [name, ...texts(value)])
          .join('\n')
          .toLowerCase();
        for (const form of IN_CLEAR) {
          if (haystack.includes(form.toLowerCase()))
            found.push({ step, table, key: `${item.pk?.S} ${item.sk?.S}`, form });
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
}

const lastCode = (phone: string) =>
  herald.runtime.inbox
    .smsMessages()
    .findLast((m) => m.phoneNumber === phone)
    ?.message.match(/\b(\d{6})\b/)?.[1];

describe('a whole subscription flow, with every table scanned after each step', () => {
  it('never stores the phone number or the e-mail address in clear, in any form', async () => {
    const sms = await herald.call('POST', '/subscriptions', {
      body: { channel: 'sms', address: PHONE_TYPED, areas: ['14'], language: 'en' },
    });
    expect(sms.status).toBe(202);
    await scanEverything('SMS sign-up');
    const confirmed = await herald.call('POST', `/subscriptions/${sms.body.subscription.id}/confirm`, {
      body: { code: lastCode(PHONE) },
    });
    expect(confirmed.status).toBe(200);
    await herald.settled();
    expect(herald.runtime.fakeSns.subscriptions('area-14-en').map((s) => s.endpoint)).toContain(PHONE);
    await scanEverything('SMS confirmed with the code');

    const email = await herald.call('POST', '/subscriptions', {
      body: { channel: 'email', address: EMAIL_TYPED, areas: ['14'], language: 'en' },
    });
    expect(email.status).toBe(202);
    await herald.settled();
    const confirmations = herald.runtime.inbox
      .subscriptionConfirmations()
      .filter((c) => c.endpoint.toLowerCase() === EMAIL_TYPED.toLowerCase());
    expect(confirmations).toHaveLength(1);
    for (const confirmation of confirmations) expect((await fetch(confirmation.link)).status).toBe(200);
    await scanEverything('e-mail sign-up, confirmed');

    const smsToken = confirmed.body.manageToken as string;
    const emailToken = email.body.subscription.manageToken as string;
    expect((await herald.call('GET', `/subscriptions/manage/${smsToken}`)).status).toBe(200);
    const changes = await Promise.all([
      herald.call('PUT', `/subscriptions/manage/${smsToken}`, { body: { areas: ['14', '22'] } }),
      herald.call('PUT', `/subscriptions/manage/${emailToken}`, { body: { language: 'fr' } }),
    ]);
    expect(changes.map((c) => c.status)).toEqual([200, 200]);
    await herald.settled();
    await scanEverything('both managed');

    const filed = await herald.fileIncident({ areas: ['14'], languages: ['en', 'fr'] });
    const approved = await herald.call('POST', `/broadcasts/${filed.body.broadcast.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: filed.body.broadcast.contentHash },
    });
    expect(approved.status).toBe(200);
    await herald.settled();
    expect(herald.runtime.inbox.smsMessages().some((m) => m.phoneNumber === PHONE)).toBe(true);
    await scanEverything('a broadcast reached them');

    const left = await Promise.all([
      herald.call('DELETE', `/subscriptions/manage/${smsToken}`),
      herald.call('DELETE', `/subscriptions/manage/${emailToken}`),
    ]);
    expect(left.map((l) => l.status)).toEqual([200, 200]);
    await herald.settled();
    await scanEverything('both unsubscribed');

    expect(itemsScanned).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it('would see an address kept in clear: a planted item is found, in a nested map or as bytes', async () => {
    const table = 'herald';
    const planted = {
      pk: { S: 'TEST#planted' },
      sk: { S: 'TEST' },
      contact: { M: { details: { L: [{ B: Buffer.from(`call ${PHONE.slice(2)}`) }] } } },
      note: { S: `write to ${EMAIL_TYPED.toLowerCase()}` },
    };
    await db.send(new PutItemCommand({ TableName: table, Item: planted }));
    try {
      const before = found.length;
      await scanEverything('planted');
      expect(found.slice(before).map((f) => [f.key, f.form])).toEqual([
        ['TEST#planted TEST', PHONE.slice(2)],
        ['TEST#planted TEST', EMAIL_TYPED],
        ['TEST#planted TEST', EMAIL_TYPED.toLowerCase()],
        ['TEST#planted TEST', 'Jo.Stored-Reader@example.org'],
        ['TEST#planted TEST', 'jo.stored-reader'],
      ]);
    } finally {
      await db.send(new DeleteItemCommand({ TableName: table, Key: { pk: planted.pk, sk: planted.sk } }));
    }
  });
});
