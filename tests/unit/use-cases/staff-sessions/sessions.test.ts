import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SESSION_POLICY, SessionEndedError } from '../../../../shared/domain/staff-session.js';
import { endSession } from '../../../../shared/use-cases/staff-sessions/end-session.js';
import { resumeSession } from '../../../../shared/use-cases/staff-sessions/resume-session.js';
import { startSession } from '../../../../shared/use-cases/staff-sessions/start-session.js';
import { MemorySessionStore } from '../../../support/memory-sessions.js';
import { ManualClock } from '../../../support/recording-ports.js';

const ada = { id: 'inspector.ada', name: 'Inspector Ada Okafor', roles: ['inspector' as const] };
const MINUTE = 60_000;

function ports() {
  return { sessions: new MemorySessionStore(), clock: new ManualClock() };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SessionEndedError);
  return (error as SessionEndedError).reason;
}

describe('starting a session', () => {
  it('gives the browser 256 random bits and stores only their SHA-256', async () => {
    const deps = ports();
    const { cookieValue, session } = await startSession(deps, ada);

    expect(cookieValue).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.key).toBe(createHash('sha256').update(cookieValue).digest('base64url'));
    expect(JSON.stringify([...deps.sessions.items.values()])).not.toContain(cookieValue);
  });

  it('sets the idle and absolute ends from the session policy and a CSRF token of its own', async () => {
    const deps = ports();
    const { cookieValue, session } = await startSession(deps, ada);
    const now = deps.clock.now().getTime();

    expect(session).toMatchObject({
      principal: ada,
      createdAt: new Date(now).toISOString(),
      lastActiveAt: new Date(now).toISOString(),
      idleExpiresAt: new Date(now + SESSION_POLICY.idleMs).toISOString(),
      expiresAt: new Date(now + SESSION_POLICY.absoluteMs).toISOString(),
    });
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).not.toBe(cookieValue);
  });

  it('never gives two sign-ins the same cookie', async () => {
    const deps = ports();
    const values = await Promise.all(Array.from({ length: 50 }, () => startSession(deps, ada)));

    expect(new Set(values.map((v) => v.cookieValue)).size).toBe(50);
  });
});

describe('resuming a session', () => {
  it('finds the session its cookie names', async () => {
    const deps = ports();
    const { cookieValue, session } = await startSession(deps, ada);

    expect(await resumeSession(deps, cookieValue, { activity: true })).toEqual(session);
  });

  it('says signed-out without a cookie, with a malformed one, or with one nobody issued', async () => {
    const deps = ports();

    expect(await reasonOf(resumeSession(deps, undefined, { activity: true }))).toBe('signed-out');
    expect(await reasonOf(resumeSession(deps, 'not-a-cookie', { activity: true }))).toBe('signed-out');
    expect(await reasonOf(resumeSession(deps, 'A'.repeat(43), { activity: true }))).toBe('signed-out');
  });

  it('says signed-out after the session was ended, and ending it again changes nothing', async () => {
    const deps = ports();
    const { cookieValue } = await startSession(deps, ada);
    await endSession(deps, cookieValue);
    await endSession(deps, cookieValue);
    await endSession(deps, undefined);

    expect(await reasonOf(resumeSession(deps, cookieValue, { activity: true }))).toBe('signed-out');
  });

  it('says idle after 30 minutes without activity', async () => {
    const deps = ports();
    const { cookieValue } = await startSession(deps, ada);
    deps.clock.advance(SESSION_POLICY.idleMs - 1);
    await resumeSession(deps, cookieValue, { activity: false });
    deps.clock.advance(1);

    expect(await reasonOf(resumeSession(deps, cookieValue, { activity: true }))).toBe('idle');
  });

  it('keeps a session in use alive, writing its activity at most once a minute', async () => {
    const deps = ports();
    const { cookieValue, session } = await startSession(deps, ada);
    deps.clock.advance(SESSION_POLICY.touchEveryMs - 1);

    expect(await resumeSession(deps, cookieValue, { activity: true })).toEqual(session);
    deps.clock.advance(1);
    const touched = await resumeSession(deps, cookieValue, { activity: true });
    const now = deps.clock.now().getTime();

    expect(touched.lastActiveAt).toBe(new Date(now).toISOString());
    expect(touched.idleExpiresAt).toBe(new Date(now + SESSION_POLICY.idleMs).toISOString());
    expect(deps.sessions.items.get(session.key)).toEqual(touched);
  });

  it('lets a board left open time out: live-status refreshes are not activity', async () => {
    const deps = ports();
    const { cookieValue } = await startSession(deps, ada);
    for (let minute = 1; minute < 30; minute++) {
      deps.clock.advance(MINUTE);
      await resumeSession(deps, cookieValue, { activity: false });
    }
    deps.clock.advance(MINUTE);

    expect(await reasonOf(resumeSession(deps, cookieValue, { activity: false }))).toBe('idle');
  });

  it('says expired 12 hours after sign-in however busy the session was', async () => {
    const deps = ports();
    const { cookieValue } = await startSession(deps, ada);
    for (let elapsed = 0; elapsed < SESSION_POLICY.absoluteMs - 20 * MINUTE; elapsed += 20 * MINUTE) {
      deps.clock.advance(20 * MINUTE);
      await resumeSession(deps, cookieValue, { activity: true });
    }
    deps.clock.advance(20 * MINUTE);

    expect(await reasonOf(resumeSession(deps, cookieValue, { activity: true }))).toBe('expired');
  });

  it('never moves the idle end past the absolute end', async () => {
    const deps = ports();
    const { cookieValue, session } = await startSession(deps, ada);
    for (let elapsed = 0; elapsed < SESSION_POLICY.absoluteMs - 10 * MINUTE; elapsed += 20 * MINUTE) {
      deps.clock.advance(Math.min(20 * MINUTE, SESSION_POLICY.absoluteMs - 10 * MINUTE - elapsed));
      await resumeSession(deps, cookieValue, { activity: true });
    }

    expect(deps.sessions.items.get(session.key)?.idleExpiresAt).toBe(session.expiresAt);
  });

  it('keeps the session it read when another request recorded the activity first', async () => {
    const deps = ports();
    const { cookieValue, session } = await startSession(deps, ada);
    deps.clock.advance(2 * MINUTE);
    const other = '2026-11-22T10:01:59.000Z';
    const racing = {
      ...deps,
      sessions: Object.assign(Object.create(deps.sessions), {
        get: async (key: string) => {
          const seen = await deps.sessions.get(key);
          await deps.sessions.touch(key, session.lastActiveAt, other, '2026-11-22T10:31:59.000Z');
          return seen;
        },
      }),
    };

    expect(await resumeSession(racing, cookieValue, { activity: true })).toEqual(session);
    expect(deps.sessions.items.get(session.key)?.lastActiveAt).toBe(other);
  });
});
