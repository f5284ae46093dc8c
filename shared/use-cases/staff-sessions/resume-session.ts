import { SESSION_POLICY, SessionEndedError, type StaffSession } from '../../domain/staff-session.js';
import { isSecret, secretKey } from './session-secrets.js';
import type { SessionPorts } from './start-session.js';

/**
 * The session a request's cookie names, or SessionEndedError (an UnauthenticatedError) saying why
 * there is none: no cookie or an ended session (`signed-out`), 30 minutes without activity
 * (`idle`), 12 hours since sign-in (`expired`).
 *
 * `activity` is true for what a person does (a page, a form post) and false for the live-status
 * refreshes a page makes by itself, so a board left open still times out. Activity is written at
 * most once per `touchEveryMs`; when two requests race to write it, the loser keeps the session
 * as it read it (the winner's write is as good).
 */
export async function resumeSession(
  ports: SessionPorts,
  cookieValue: string | undefined,
  options: { activity: boolean },
): Promise<StaffSession> {
  if (!isSecret(cookieValue)) throw new SessionEndedError('signed-out');
  const session = await ports.sessions.get(secretKey(cookieValue));
  if (!session) throw new SessionEndedError('signed-out');
  const now = ports.clock.now().getTime();
  // The absolute end first: after a 12-hour shift "sign in again" says more than "idle".
  if (now >= Date.parse(session.expiresAt)) throw new SessionEndedError('expired');
  if (now >= Date.parse(session.idleExpiresAt)) throw new SessionEndedError('idle');
  if (!options.activity || now - Date.parse(session.lastActiveAt) < SESSION_POLICY.touchEveryMs)
    return session;

  const lastActiveAt = new Date(now).toISOString();
  // Activity never carries a session past its absolute end.
  const idleExpiresAt = new Date(
    Math.min(now + SESSION_POLICY.idleMs, Date.parse(session.expiresAt)),
  ).toISOString();
  const touched = await ports.sessions.touch(session.key, session.lastActiveAt, lastActiveAt, idleExpiresAt);
  return touched ? { ...session, lastActiveAt, idleExpiresAt } : session;
}
