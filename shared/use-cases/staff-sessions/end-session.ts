import type { SessionStore } from '../../ports/staff-sessions.js';
import { isSecret, secretKey } from './session-secrets.js';

/**
 * Signs out: the session is deleted, so its cookie is worthless at once, wherever it was copied
 * to. Ending without a cookie, or twice, changes nothing.
 */
export async function endSession(
  ports: { sessions: SessionStore },
  cookieValue: string | undefined,
): Promise<void> {
  if (!isSecret(cookieValue)) return;
  await ports.sessions.end(secretKey(cookieValue));
}
