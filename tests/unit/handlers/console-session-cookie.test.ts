import { describe, expect, it } from 'vitest';
import { SESSION_POLICY } from '../../../shared/domain/staff-session.js';
import {
  CONSOLE_SESSION_COOKIE,
  CONSOLE_SIGN_IN_COOKIE,
  clearSessionCookie,
  clearSignInStateCookie,
  readSessionCookie,
  readSignInState,
  sessionCookie,
  signInStateCookie,
} from '../../../shared/http/console-session-cookie.js';
import { consoleSignInUrls } from '../../../shared/http/console-urls.js';

const VALUE = `${'a'.repeat(21)}-_${'Z'.repeat(20)}`;

/** What a browser is told about a cookie: its name=value and its attributes, in any order. */
function parse(setCookie: string) {
  const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
  return { pair, attributes: new Set(attributes) };
}

describe('the console session cookie', () => {
  it('is a __Host- cookie: Secure, HttpOnly, path / and no Domain, sent on top-level navigations only (Lax)', () => {
    const { pair, attributes } = parse(sessionCookie(VALUE));

    expect(pair).toBe(`__Host-herald-console=${VALUE}`);
    expect(attributes).toEqual(
      new Set([
        'Path=/',
        'Secure',
        'HttpOnly',
        'SameSite=Lax',
        `Max-Age=${SESSION_POLICY.absoluteMs / 1000}`,
      ]),
    );
  });

  it('is cleared with the same name and attributes and no value', () => {
    const { pair, attributes } = parse(clearSessionCookie());

    expect(pair).toBe(`${CONSOLE_SESSION_COOKIE}=`);
    expect(attributes).toEqual(new Set(['Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0']));
  });

  it('is read from the cookies of a payload 2.0 event, among others', () => {
    const cookies = [`__Host-herald-csrf=${'b'.repeat(43)}`, ` ${CONSOLE_SESSION_COOKIE}=${VALUE} `];

    expect(readSessionCookie({ cookies })).toBe(VALUE);
  });

  it('reads as absent when missing, empty or not a value Herald issues', () => {
    expect(readSessionCookie({})).toBeUndefined();
    expect(readSessionCookie({ cookies: [`${CONSOLE_SESSION_COOKIE}=`] })).toBeUndefined();
    expect(readSessionCookie({ cookies: [`${CONSOLE_SESSION_COOKIE}=${VALUE}x`] })).toBeUndefined();
    expect(readSessionCookie({ cookies: [`herald-console=${VALUE}`] })).toBeUndefined();
  });
});

describe('the sign-in cookie', () => {
  it('holds the state for the attempt’s ten minutes, Lax so that the provider’s redirect brings it back', () => {
    const { pair, attributes } = parse(signInStateCookie(VALUE));

    expect(pair).toBe(`__Host-herald-console-signin=${VALUE}`);
    expect(attributes).toEqual(new Set(['Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax', 'Max-Age=600']));
    expect(readSignInState({ cookies: [`${CONSOLE_SIGN_IN_COOKIE}=${VALUE}`] })).toBe(VALUE);
    expect(readSignInState({ cookies: [`${CONSOLE_SESSION_COOKIE}=${VALUE}`] })).toBeUndefined();
    expect(parse(clearSignInStateCookie()).attributes.has('Max-Age=0')).toBe(true);
  });
});

describe('the sign-in URLs of the console', () => {
  it('are https on the domain the request came in on', () => {
    const request = { requestContext: { domainName: 'abc123.execute-api.eu-west-1.amazonaws.com' } };

    expect(consoleSignInUrls(request as never)).toEqual({
      redirectUri: 'https://abc123.execute-api.eu-west-1.amazonaws.com/console/auth/callback',
      signedOutUri: 'https://abc123.execute-api.eu-west-1.amazonaws.com/console/signed-out',
    });
  });

  it('are plain http on the local runtime’s loopback address', () => {
    const request = { requestContext: { domainName: '127.0.0.1:3000' } };

    expect(consoleSignInUrls(request as never).redirectUri).toBe(
      'http://127.0.0.1:3000/console/auth/callback',
    );
  });
});
