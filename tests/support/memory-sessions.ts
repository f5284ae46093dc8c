import { ConflictError } from '../../shared/domain/errors.js';
import type { SignInAttempt, StaffSession } from '../../shared/domain/staff-session.js';
import type { SessionStore, SignInAttemptStore } from '../../shared/ports/staff-sessions.js';
import type { Clock } from '../../shared/ports/system.js';

/**
 * In-memory session and sign-in stores for use-case tests, held to the same contract as the
 * DynamoDB ones (tests/integration/adapters/staff-session-store.test.ts runs one suite on both).
 * Copies go in and out, as they would through the table.
 */

export class MemorySessionStore implements SessionStore {
  readonly items = new Map<string, StaffSession>();

  async create(session: StaffSession): Promise<void> {
    if (this.items.has(session.key)) throw new ConflictError('a session with this key exists already');
    this.items.set(session.key, structuredClone(session));
  }

  async get(key: string): Promise<StaffSession | undefined> {
    const session = this.items.get(key);
    return session && structuredClone(session);
  }

  async touch(key: string, seenLastActiveAt: string, lastActiveAt: string, idleExpiresAt: string) {
    const session = this.items.get(key);
    if (!session || session.lastActiveAt !== seenLastActiveAt) return false;
    this.items.set(key, { ...session, lastActiveAt, idleExpiresAt });
    return true;
  }

  async end(key: string): Promise<void> {
    this.items.delete(key);
  }
}

export class MemorySignInAttemptStore implements SignInAttemptStore {
  readonly items = new Map<string, SignInAttempt>();

  constructor(private readonly clock: Clock) {}

  async start(stateKey: string, attempt: SignInAttempt): Promise<void> {
    if (this.items.has(stateKey)) throw new ConflictError('a sign-in with this state exists already');
    this.items.set(stateKey, structuredClone(attempt));
  }

  async take(stateKey: string): Promise<SignInAttempt | undefined> {
    const attempt = this.items.get(stateKey);
    this.items.delete(stateKey);
    if (!attempt || Date.parse(attempt.expiresAt) <= this.clock.now().getTime()) return undefined;
    return attempt;
  }
}
