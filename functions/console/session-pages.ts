import { NotFoundError } from '../../shared/domain/errors.js';
import { consoleReturnPath, SessionEndedError } from '../../shared/domain/staff-session.js';
import type { ConsoleHandlers } from '../../shared/http/console-route.js';
import {
  clearSessionCookie,
  clearSignInStateCookie,
  readSessionCookie,
  readSignInState,
  sessionCookie,
  signInStateCookie,
} from '../../shared/http/console-session-cookie.js';
import { consoleSignInUrls } from '../../shared/http/console-urls.js';
import { consoleStylesheet } from '../../shared/runtime/console-stylesheet.js';
import { beginSignIn } from '../../shared/use-cases/staff-sessions/begin-sign-in.js';
import { completeSignIn } from '../../shared/use-cases/staff-sessions/complete-sign-in.js';
import { endSession } from '../../shared/use-cases/staff-sessions/end-session.js';
import { signInAsDemoUser } from '../../shared/use-cases/staff-sessions/sign-in-as-demo-user.js';
import { startSession } from '../../shared/use-cases/staff-sessions/start-session.js';

import { renderSignedOut, renderSignIn } from '../../web/console/pages.js';
import { CONSOLE_CSS_NAME, CONSOLE_SCRIPT, CONSOLE_SCRIPT_NAME } from './assets.js';
import { appContext } from './context.js';
import { page, redirect } from './responses.js';
import { frameOf } from './site.js';

type SessionHandlers = Pick<
  ConsoleHandlers,
  | 'GET /console/sign-in'
  | 'POST /console/sign-in'
  | 'GET /console/sign-in/start'
  | 'GET /console/auth/callback'
  | 'GET /console/signed-out'
  | 'GET /console/assets/{file}'
  | 'POST /console/sign-out'
  | 'POST /console/session/extend'
  | 'GET /console/session/status'
>;

const REASONS = {
  'signed-out': 'Sign in to go on.',
  idle: 'You were signed out after 30 minutes without activity. Sign in to go on where you were.',
  expired: 'Sessions last 12 hours. Sign in again to go on where you were.',
} as const;

/** Signing in and out, the session's own routes, and the console's two assets. */
export const sessionPages: SessionHandlers = {
  'GET /console/sign-in': async ({ query }) => {
    const context = await appContext();
    const sign = context.staffSignIn;
    return page(
      200,
      renderSignIn({
        frame: frameOf(context),
        returnTo: consoleReturnPath(query.returnTo),
        demoUsers:
          sign.kind === 'demo'
            ? sign.users().map((u) => ({ id: u.id, name: u.name, roles: u.roles }))
            : undefined,
        reason: query.reason ? REASONS[query.reason] : undefined,
      }),
    );
  },

  'POST /console/sign-in': async ({ form }) => {
    const context = await appContext();
    if (context.staffSignIn.kind !== 'demo')
      throw new NotFoundError('demo users exist on the local runtime only');
    const principal = signInAsDemoUser(context.staffSignIn, form.user);
    const { cookieValue } = await startSession(context, principal);
    return redirect(consoleReturnPath(form.returnTo), [sessionCookie(cookieValue)]);
  },

  'GET /console/sign-in/start': async ({ query, event }) => {
    const context = await appContext();
    const signIn = context.staffSignIn;
    if (signIn.kind !== 'oidc') return redirect('/console/sign-in');
    const { redirectTo, state } = await beginSignIn(
      { attempts: context.signInAttempts, clock: context.clock, signIn },
      { returnTo: query.returnTo, redirectUri: consoleSignInUrls(event).redirectUri },
    );
    return redirect(redirectTo, [signInStateCookie(state)]);
  },

  'GET /console/auth/callback': async ({ query, event }) => {
    const context = await appContext();
    const signIn = context.staffSignIn;
    if (signIn.kind !== 'oidc') return redirect('/console/sign-in');
    if (query.error) throw new SessionEndedError('signed-out');
    const { principal, returnTo } = await completeSignIn(
      { attempts: context.signInAttempts, clock: context.clock, signIn },
      {
        state: query.state,
        code: query.code,
        redirectUri: consoleSignInUrls(event).redirectUri,
        browserState: readSignInState(event),
      },
    );
    const { cookieValue } = await startSession(context, principal);
    return redirect(returnTo, [sessionCookie(cookieValue), clearSignInStateCookie()]);
  },

  'GET /console/signed-out': async () => page(200, renderSignedOut({ frame: frameOf(await appContext()) })),

  'GET /console/assets/{file}': async ({ params }) => {
    const asset =
      params.file === CONSOLE_CSS_NAME
        ? { body: await consoleStylesheet(), type: 'text/css; charset=utf-8' }
        : params.file === CONSOLE_SCRIPT_NAME
          ? { body: CONSOLE_SCRIPT, type: 'text/javascript; charset=utf-8' }
          : undefined;
    if (!asset) throw new NotFoundError('no such asset');
    // The name carries the content's hash: a new sheet or script is a new URL.
    return {
      statusCode: 200,
      headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=31536000, immutable' },
      body: asset.body,
    };
  },

  'POST /console/sign-out': async ({ event }) => {
    const context = await appContext();
    await endSession(context, readSessionCookie(event));
    const signIn = context.staffSignIn;
    const next =
      signIn.kind === 'oidc'
        ? signIn.signOutUrl({ returnTo: consoleSignInUrls(event).signedOutUri })
        : '/console/signed-out';
    return redirect(next, [clearSessionCookie()]);
  },

  // The session was resumed as activity before this runs, which is what renews it.
  'POST /console/session/extend': async ({ form }) => redirect(consoleReturnPath(form.returnTo)),

  'GET /console/session/status': async ({ session }) => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idleExpiresAt: session.idleExpiresAt, expiresAt: session.expiresAt }),
  }),
};
