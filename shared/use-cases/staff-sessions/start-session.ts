import type { Principal } from '../../domain/principal.js';
import { SESSION_POLICY, type StaffSession } from '../../domain/staff-session.js';
import type { SessionStore } from '../../ports/staff-sessions.js';
import type { Clock } from '../../ports/system.js';
import { newSecret, secretKey } from './session-secrets.js';

export interface SessionPorts {
  sessions: SessionStore;
  clock: Clock;
}

/**
 * Opens a console session for someone who just signed in. The cookie gets `cookieValue` (256
 * random bits) and the table only its SHA-256, so a read of the table cannot be replayed as a
 * session. The session carries its own anti-forgery token for the console's forms.
 */
export async function startSession(
  ports: SessionPorts,
  principal: Principal & { name: string },
): Promise<{ cookieValue: string; session: StaffSession }> {
  const cookieValue = newSecret();
  const now = ports.clock.now().getTime();
  const at = (ms: number) => new Date(now + ms).toISOString();
  const session: StaffSession = {
    key: secretKey(cookieValue),
    principal: { id: principal.id, name: principal.name, roles: [...principal.roles] },
    csrfToken: newSecret(),
    createdAt: at(0),
    lastActiveAt: at(0),
    idleExpiresAt: at(SESSION_POLICY.idleMs),
    expiresAt: at(SESSION_POLICY.absoluteMs),
  };
  await ports.sessions.create(session);
  return { cookieValue, session };
}
