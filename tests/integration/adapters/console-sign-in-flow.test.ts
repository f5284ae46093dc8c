import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOidc, startFakeOidc } from '../../../infra/local/fakes/fake-oidc.js';
import {
  DynamoSessionStore,
  DynamoSignInAttemptStore,
} from '../../../shared/adapters/dynamo/staff-sessions.js';
import { OidcStaffSignIn } from '../../../shared/adapters/oidc/oidc-sign-in.js';
import {
  readSessionCookie,
  readSignInState,
  sessionCookie,
  signInStateCookie,
} from '../../../shared/http/console-session-cookie.js';
import { beginSignIn } from '../../../shared/use-cases/staff-sessions/begin-sign-in.js';
import { completeSignIn } from '../../../shared/use-cases/staff-sessions/complete-sign-in.js';
import { resumeSession } from '../../../shared/use-cases/staff-sessions/resume-session.js';
import { startSession } from '../../../shared/use-cases/staff-sessions/start-session.js';
import { startTestTable, type TestTable } from '../../support/dynamo.js';

const REDIRECT_URI = 'http://127.0.0.1:3000/console/auth/callback';
let provider: FakeOidc;
let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
  provider = await startFakeOidc({
    clientId: 'console-client',
    callbackUrls: [REDIRECT_URI],
    users: [{ sub: 'sub-chloe', username: 'chloe', name: 'Chloe Marsh', groups: ['comms'] }],
  });
});
afterAll(async () => {
  await provider.close();
  await table.close();
});

/** The `name=value` a browser sends back for a Set-Cookie. */
const sent = (setCookie: string) => setCookie.split(';')[0] ?? '';

describe('signing in to the console with the provider, the table and the cookies together', () => {
  it('goes from the sign-in link to a live session back on the page it started from', async () => {
    const name = await table.freshTable();
    const clock = { now: () => new Date() };
    const ports = {
      attempts: new DynamoSignInAttemptStore(table.db, name, clock),
      sessions: new DynamoSessionStore(table.db, name),
      clock,
      signIn: new OidcStaffSignIn(provider.settings(), clock),
    };

    const begun = await beginSignIn(ports, { returnTo: '/console/board?area=14', redirectUri: REDIRECT_URI });
    const browser = [sent(signInStateCookie(begun.state))];
    const atProvider = await fetch(begun.redirectTo, { redirect: 'manual' });
    const callback = new URL(atProvider.headers.get('location') ?? '');

    const { principal, returnTo } = await completeSignIn(ports, {
      state: callback.searchParams.get('state') ?? undefined,
      code: callback.searchParams.get('code') ?? undefined,
      redirectUri: REDIRECT_URI,
      browserState: readSignInState({ cookies: browser }),
    });
    const { cookieValue } = await startSession(ports, principal);
    browser.push(sent(sessionCookie(cookieValue)));

    expect(returnTo).toBe('/console/board?area=14');
    const session = await resumeSession(ports, readSessionCookie({ cookies: browser }), { activity: true });
    expect(session.principal).toEqual({ id: 'sub-chloe', name: 'Chloe Marsh', roles: ['comms'] });
  });
});
