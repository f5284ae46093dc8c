import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURGE_AT_ATTRIBUTE } from '../../../shared/adapters/dynamo/keys.js';
import {
  DynamoSessionStore,
  DynamoSignInAttemptStore,
} from '../../../shared/adapters/dynamo/staff-sessions.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { SignInAttempt, StaffSession } from '../../../shared/domain/staff-session.js';
import type { SessionStore, SignInAttemptStore } from '../../../shared/ports/staff-sessions.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';
import { MemorySessionStore, MemorySignInAttemptStore } from '../../support/memory-sessions.js';
import { ManualClock } from '../../support/recording-ports.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => table.close());

interface Stores {
  sessions: SessionStore;
  attempts: SignInAttemptStore;
  clock: ManualClock;
}

const session = (key: string): StaffSession => ({
  key,
  principal: { id: 'inspector.ada', name: 'Inspector Ada Okafor', roles: ['inspector'] },
  csrfToken: 'c'.repeat(43),
  createdAt: '2026-11-22T10:00:00.000Z',
  lastActiveAt: '2026-11-22T10:00:00.000Z',
  idleExpiresAt: '2026-11-22T10:30:00.000Z',
  expiresAt: '2026-11-22T22:00:00.000Z',
});
const attempt: SignInAttempt = {
  codeVerifier: 'v'.repeat(43),
  returnTo: '/console/incidents',
  expiresAt: '2026-11-22T10:10:00.000Z',
};

const implementations: [string, () => Promise<Stores>][] = [
  [
    'DynamoDB (dynalite)',
    async () => {
      const name = await table.freshTable();
      const clock = new ManualClock();
      return {
        sessions: new DynamoSessionStore(table.db, name),
        attempts: new DynamoSignInAttemptStore(table.db, name, clock),
        clock,
      };
    },
  ],
  [
    'memory (the use-case tests’ fake)',
    async () => {
      const clock = new ManualClock();
      return { sessions: new MemorySessionStore(), attempts: new MemorySignInAttemptStore(clock), clock };
    },
  ],
];

describe.each(implementations)('the console session store on %s', (_name, stores) => {
  it('gives back a created session and refuses to create one with the same key again', async () => {
    const { sessions } = await stores();
    await sessions.create(session('k1'));

    expect(await sessions.get('k1')).toEqual(session('k1'));
    await expect(sessions.create({ ...session('k1'), csrfToken: 'other' })).rejects.toThrow(ConflictError);
    expect((await sessions.get('k1'))?.csrfToken).toBe('c'.repeat(43));
    expect(await sessions.get('unknown')).toBeUndefined();
  });

  it('records activity only while the last activity is the one the caller saw', async () => {
    const { sessions } = await stores();
    await sessions.create(session('k2'));
    const seen = session('k2').lastActiveAt;

    const [first, second] = await Promise.all([
      sessions.touch('k2', seen, '2026-11-22T10:05:00.000Z', '2026-11-22T10:35:00.000Z'),
      sessions.touch('k2', seen, '2026-11-22T10:05:00.001Z', '2026-11-22T10:35:00.001Z'),
    ]);

    expect([first, second].sort()).toEqual([false, true]);
    expect((await sessions.get('k2'))?.idleExpiresAt).toMatch(/^2026-11-22T10:35:00.00[01]Z$/);
  });

  it('does not bring an ended session back by touching it', async () => {
    const { sessions } = await stores();
    await sessions.create(session('k3'));
    await sessions.end('k3');

    expect(await sessions.touch('k3', session('k3').lastActiveAt, '2026-11-22T10:05:00.000Z', 'x')).toBe(
      false,
    );
    expect(await sessions.get('k3')).toBeUndefined();
  });

  it('ends a session, and ending it again changes nothing', async () => {
    const { sessions } = await stores();
    await sessions.create(session('k4'));
    await sessions.end('k4');
    await sessions.end('k4');

    expect(await sessions.get('k4')).toBeUndefined();
  });

  it('hands a sign-in attempt to one taker only', async () => {
    const { attempts } = await stores();
    await attempts.start('s1', attempt);

    const taken = await Promise.all([attempts.take('s1'), attempts.take('s1'), attempts.take('s1')]);

    expect(taken.filter(Boolean)).toEqual([attempt]);
    expect(await attempts.take('s1')).toBeUndefined();
  });

  it('treats an attempt past its end as absent', async () => {
    const { attempts, clock } = await stores();
    await attempts.start('s2', attempt);
    clock.advance(10 * 60_000);

    expect(await attempts.take('s2')).toBeUndefined();
  });

  it('refuses to start a second attempt under the same state', async () => {
    const { attempts } = await stores();
    await attempts.start('s3', attempt);

    await expect(attempts.start('s3', { ...attempt, returnTo: '/console/other' })).rejects.toThrow(
      ConflictError,
    );
    expect(await attempts.take('s3')).toEqual(attempt);
  });
});

describe('the console session items in the table', () => {
  it('sit under STAFF# keys with the purge time a day after they end, and read back without it', async () => {
    const name = await table.freshTable();
    await new DynamoSessionStore(table.db, name).create(session('k5'));
    await new DynamoSignInAttemptStore(table.db, name, new ManualClock()).start('s5', attempt);

    const item = async (pk: string, sk: string) =>
      (await table.db.send(new GetCommand({ TableName: name, Key: { pk, sk } }))).Item;
    expect((await item('STAFF#SESSION#k5', 'SESSION'))?.[PURGE_AT_ATTRIBUTE]).toBe(
      Date.parse('2026-11-23T22:00:00.000Z') / 1000,
    );
    expect((await item('STAFF#SIGNIN#s5', 'ATTEMPT'))?.[PURGE_AT_ATTRIBUTE]).toBe(
      Date.parse('2026-11-23T10:10:00.000Z') / 1000,
    );
    expect(Object.keys((await new DynamoSessionStore(table.db, name).get('k5')) ?? {}).sort()).toEqual(
      Object.keys(session('k5')).sort(),
    );
  });
});
