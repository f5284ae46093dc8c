import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOidc, startFakeOidc } from '../../../infra/local/fakes/fake-oidc.js';
import { cognitoSettings } from '../../../shared/adapters/oidc/oidc-settings.js';
import { OidcStaffSignIn } from '../../../shared/adapters/oidc/oidc-sign-in.js';
import { UnauthenticatedError, UnavailableError } from '../../../shared/domain/errors.js';
import { pkceChallenge } from '../../../shared/use-cases/staff-sessions/session-secrets.js';
import { ManualClock } from '../../support/recording-ports.js';

const CLIENT_ID = 'console-client';
const REDIRECT_URI = 'http://127.0.0.1:3000/console/auth/callback';
const VERIFIER = 'v'.repeat(20) + 'V'.repeat(23);

let provider: FakeOidc;
beforeAll(async () => {
  provider = await startFakeOidc({
    clientId: CLIENT_ID,
    callbackUrls: [REDIRECT_URI],
    users: [
      {
        sub: 'sub-ada',
        username: 'ada',
        name: 'Inspector Ada Okafor',
        groups: ['inspector', 'comms', 'night-shift'],
      },
      { sub: 'sub-new', username: 'new.starter' },
    ],
  });
});
afterAll(async () => provider.close());
afterEach(() => {
  for (const key of Object.keys(provider.tamper)) delete provider.tamper[key as keyof typeof provider.tamper];
  provider.signInAs('sub-ada');
});

const realClock = { now: () => new Date() };
const adapter = (clock = realClock, timeoutMs?: number) =>
  new OidcStaffSignIn(provider.settings(timeoutMs ? { timeoutMs } : {}), clock);

/** What a browser does at the provider: follow the authorize URL, read the code off the redirect. */
async function codeFrom(signIn: OidcStaffSignIn, verifier = VERIFIER): Promise<string> {
  const url = signIn.authorizationUrl({
    state: 's'.repeat(43),
    codeChallenge: pkceChallenge(verifier),
    redirectUri: REDIRECT_URI,
  });
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get('location') ?? '');
  expect(back.origin + back.pathname).toBe(REDIRECT_URI);
  expect(back.searchParams.get('state')).toBe('s'.repeat(43));
  return back.searchParams.get('code') ?? '';
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: Error) => error,
  );
}

describe('the OIDC sign-in against a provider on 127.0.0.1', () => {
  it('sends the browser to the authorize endpoint with code, PKCE S256 and the three scopes', () => {
    const url = new URL(
      adapter().authorizationUrl({ state: 'st', codeChallenge: 'ch', redirectUri: REDIRECT_URI }),
    );

    expect(url.origin + url.pathname).toBe(`${provider.url}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile email',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
    expect(url.search).toContain('scope=openid+profile+email');
  });

  it('trades a code for the verified staff member, their groups as roles', async () => {
    const signIn = adapter();
    const code = await codeFrom(signIn);

    expect(await signIn.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT_URI })).toEqual({
      id: 'sub-ada',
      name: 'Inspector Ada Okafor',
      roles: ['inspector', 'comms'],
    });
  });

  it('gives someone in no group no role, and their user name when they have no name', async () => {
    provider.signInAs('sub-new');
    const signIn = adapter();
    const code = await codeFrom(signIn);

    expect(await signIn.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT_URI })).toEqual({
      id: 'sub-new',
      name: 'new.starter',
      roles: [],
    });
  });

  it('is refused a code with the wrong verifier', async () => {
    const signIn = adapter();
    const code = await codeFrom(signIn);

    const error = await refusal(
      signIn.exchangeCode({ code, codeVerifier: 'w'.repeat(43), redirectUri: REDIRECT_URI }),
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error.message).toContain('invalid_grant');
    expect(error.message).not.toContain(code);
  });

  it('is refused a code the second time', async () => {
    const signIn = adapter();
    const code = await codeFrom(signIn);
    await signIn.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT_URI });

    const error = await refusal(
      signIn.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT_URI }),
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error.message).toContain('invalid_grant');
  });

  it.each([
    ['issued for another client', { audience: 'another-client' }, 'bad aud'],
    ['not signed with the provider’s keys', { foreignKey: true }, 'not signed by the provider'],
    ['an access token', { tokenUse: 'access' }, 'not an id token'],
  ])('refuses an id token %s', async (_what, tampering, reason) => {
    Object.assign(provider.tamper, tampering);
    const signIn = adapter();
    const code = await codeFrom(signIn);

    const error = await refusal(
      signIn.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT_URI }),
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error.message).toContain(reason);
  });

  it('refuses an id token that has expired', async () => {
    const later = new ManualClock(Date.now() + 2 * 3600_000);
    const signIn = adapter(later);
    const code = await codeFrom(signIn);

    const error = await refusal(
      signIn.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT_URI }),
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error.message).toContain('expired');
  });

  it('refuses a token from another issuer', async () => {
    const signIn = new OidcStaffSignIn(
      provider.settings({ issuer: `${provider.url}/eu-west-1_Other` }),
      realClock,
    );
    const code = await codeFrom(signIn);

    const error = await refusal(
      signIn.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT_URI }),
    );
    expect(error.message).toContain('bad iss');
  });

  it('gives up on a token endpoint that does not answer, as unavailable', async () => {
    provider.tamper.hangToken = true;
    const signIn = adapter(realClock, 300);

    const error = await refusal(
      signIn.exchangeCode({ code: 'c', codeVerifier: VERIFIER, redirectUri: REDIRECT_URI }),
    );
    expect(error).toBeInstanceOf(UnavailableError);
  });

  it('ends the provider’s session too, returning to the registered sign-out page', async () => {
    const url = adapter().signOutUrl({ returnTo: 'http://127.0.0.1:3000/console/signed-out' });
    const response = await fetch(url, { redirect: 'manual' });

    expect(response.headers.get('location')).toBe('http://127.0.0.1:3000/console/signed-out');
    expect(provider.logouts).toContain('http://127.0.0.1:3000/console/signed-out');
  });
});

describe('the Cognito settings', () => {
  it('point at the hosted sign-in domain and at the pool as issuer and key set', () => {
    expect(
      cognitoSettings({
        domain: 'herald-staff-111122223333.auth.eu-west-1.amazoncognito.com',
        clientId: 'abc',
        userPoolId: 'eu-west-1_AbC123',
      }),
    ).toEqual({
      signInOrigin: 'https://herald-staff-111122223333.auth.eu-west-1.amazoncognito.com',
      clientId: 'abc',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      jwksUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json',
    });
  });

  it('refuse a pool id without its Region and a domain with a scheme', () => {
    expect(() => cognitoSettings({ domain: 'x.example', clientId: 'a', userPoolId: 'AbC123' })).toThrow(
      /user pool id/,
    );
    expect(() =>
      cognitoSettings({ domain: 'https://x.example', clientId: 'a', userPoolId: 'eu-west-1_AbC123' }),
    ).toThrow(/bare host/);
  });
});
