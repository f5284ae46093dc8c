import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoSignIn } from '../../../../infra/local/demo-sign-in.js';
import { NotFoundError, UnauthenticatedError } from '../../../../shared/domain/errors.js';
import { SESSION_POLICY } from '../../../../shared/domain/staff-session.js';
import type { OidcSignIn } from '../../../../shared/ports/staff-sessions.js';
import { beginSignIn } from '../../../../shared/use-cases/staff-sessions/begin-sign-in.js';
import { completeSignIn } from '../../../../shared/use-cases/staff-sessions/complete-sign-in.js';
import { signInAsDemoUser } from '../../../../shared/use-cases/staff-sessions/sign-in-as-demo-user.js';
import { MemorySignInAttemptStore } from '../../../support/memory-sessions.js';
import { ManualClock } from '../../../support/recording-ports.js';

const REDIRECT_URI = 'https://console.example/console/auth/callback';
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/** A provider that remembers the challenge of each state and checks the verifier against it. */
class FakeProvider implements OidcSignIn {
  readonly kind = 'oidc';
  readonly exchanges: { code: string; codeVerifier: string; redirectUri: string }[] = [];
  readonly challenges = new Map<string, string>();

  authorizationUrl(request: { state: string; codeChallenge: string; redirectUri: string }): string {
    this.challenges.set(request.state, request.codeChallenge);
    const query = new URLSearchParams({
      state: request.state,
      redirect_uri: request.redirectUri,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
    return `https://sign-in.example/oauth2/authorize?${query}`;
  }

  async exchangeCode(request: { code: string; codeVerifier: string; redirectUri: string }) {
    this.exchanges.push(request);
    return { id: 'sub-1', name: 'Inspector Ada Okafor', roles: ['inspector' as const] };
  }

  signOutUrl(): string {
    return 'https://sign-in.example/logout';
  }
}

function ports() {
  const clock = new ManualClock();
  return { attempts: new MemorySignInAttemptStore(clock), clock, signIn: new FakeProvider() };
}

describe('beginning a sign-in', () => {
  it('sends the browser to the provider with a random state and the S256 challenge of a kept verifier', async () => {
    const deps = ports();
    const { redirectTo, state } = await beginSignIn(deps, {
      returnTo: '/console/incidents/inc_1',
      redirectUri: REDIRECT_URI,
    });

    const query = new URL(redirectTo).searchParams;
    expect(query.get('state')).toBe(state);
    expect(query.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const attempt = deps.attempts.items.get(sha256(state));
    expect(attempt?.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(query.get('code_challenge')).toBe(sha256(attempt?.codeVerifier ?? ''));
    expect(attempt?.returnTo).toBe('/console/incidents/inc_1');
    expect(attempt?.expiresAt).toBe(
      new Date(deps.clock.now().getTime() + SESSION_POLICY.signInAttemptMs).toISOString(),
    );
  });

  it('keeps neither the state nor the challenge in the store, only the state’s hash', async () => {
    const deps = ports();
    const { state, redirectTo } = await beginSignIn(deps, { returnTo: undefined, redirectUri: REDIRECT_URI });

    const stored = JSON.stringify([...deps.attempts.items]);
    expect(stored).not.toContain(state);
    expect(stored).not.toContain(new URL(redirectTo).searchParams.get('code_challenge'));
  });

  it.each([
    ['another site', 'https://evil.example/console'],
    ['a protocol-relative URL', '//evil.example/console'],
    ['a backslash path', '/console\\..\\evil'],
    ['a path outside the console', '/broadcasts'],
    ['nothing', undefined],
  ])('returns to the console home instead of %s', async (_what, returnTo) => {
    const deps = ports();
    const { state } = await beginSignIn(deps, { returnTo, redirectUri: REDIRECT_URI });

    expect(deps.attempts.items.get(sha256(state))?.returnTo).toBe('/console');
  });
});

describe('completing a sign-in', () => {
  async function begun() {
    const deps = ports();
    const { state } = await beginSignIn(deps, { returnTo: '/console/board', redirectUri: REDIRECT_URI });
    return { deps, state };
  }

  it('trades the code with the verifier it kept and returns to where the sign-in began', async () => {
    const { deps, state } = await begun();
    const verifier = deps.attempts.items.get(sha256(state))?.codeVerifier;

    const result = await completeSignIn(deps, {
      state,
      code: 'code-1',
      redirectUri: REDIRECT_URI,
      browserState: state,
    });

    expect(result).toEqual({
      principal: { id: 'sub-1', name: 'Inspector Ada Okafor', roles: ['inspector'] },
      returnTo: '/console/board',
    });
    expect(deps.signIn.exchanges).toEqual([
      { code: 'code-1', codeVerifier: verifier, redirectUri: REDIRECT_URI },
    ]);
  });

  it('refuses the same callback a second time', async () => {
    const { deps, state } = await begun();
    const callback = { state, code: 'code-1', redirectUri: REDIRECT_URI, browserState: state };
    await completeSignIn(deps, callback);

    await expect(completeSignIn(deps, callback)).rejects.toThrow(/expired or was already used/);
    expect(deps.signIn.exchanges).toHaveLength(1);
  });

  it('refuses a callback after the attempt’s 10 minutes', async () => {
    const { deps, state } = await begun();
    deps.clock.advance(SESSION_POLICY.signInAttemptMs);

    await expect(
      completeSignIn(deps, { state, code: 'code-1', redirectUri: REDIRECT_URI, browserState: state }),
    ).rejects.toThrow(UnauthenticatedError);
    expect(deps.signIn.exchanges).toHaveLength(0);
  });

  it('refuses a callback for a sign-in this browser did not start, and leaves that sign-in to its browser', async () => {
    const { deps, state } = await begun();
    const other = (await beginSignIn(deps, { returnTo: undefined, redirectUri: REDIRECT_URI })).state;

    for (const browserState of [undefined, other]) {
      await expect(
        completeSignIn(deps, { state, code: 'code-1', redirectUri: REDIRECT_URI, browserState }),
      ).rejects.toThrow(/another browser/);
    }
    expect(deps.signIn.exchanges).toHaveLength(0);
    await expect(
      completeSignIn(deps, { state, code: 'code-1', redirectUri: REDIRECT_URI, browserState: state }),
    ).resolves.toMatchObject({ returnTo: '/console/board' });
  });

  it('refuses a callback without its code or with a state nobody issued', async () => {
    const { deps, state } = await begun();
    const forged = 'F'.repeat(43);

    await expect(
      completeSignIn(deps, { state, code: undefined, redirectUri: REDIRECT_URI, browserState: state }),
    ).rejects.toThrow(/without its code/);
    await expect(
      completeSignIn(deps, { state: forged, code: 'c', redirectUri: REDIRECT_URI, browserState: forged }),
    ).rejects.toThrow(/expired or was already used/);
  });
});

describe('signing in as a demo user', () => {
  it('gives the demo user’s id, name and roles', () => {
    expect(signInAsDemoUser(demoSignIn(), 'comms.chloe')).toEqual({
      id: 'comms.chloe',
      name: 'Chloe Marsh (Communications)',
      roles: ['comms'],
    });
  });

  it('is NotFound for an id that is no demo user', () => {
    expect(() => signInAsDemoUser(demoSignIn(), 'nobody')).toThrow(NotFoundError);
  });
});
