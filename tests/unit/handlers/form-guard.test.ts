import { describe, expect, it } from 'vitest';
import { EnvelopeVault } from '../../../shared/adapters/crypto/envelope-vault.js';
import { LocalKeyring, newLocalKeys } from '../../../shared/adapters/crypto/local-keyring.js';
import { PayloadTooLargeError } from '../../../shared/domain/errors.js';
import {
  CSRF_COOKIE,
  CSRF_TOKEN_LIFETIME_SECONDS,
  checkCsrf,
  FormCheckError,
  grantCsrf,
} from '../../../shared/http/csrf.js';
import { MalformedBodyError, UnsupportedMediaTypeError } from '../../../shared/http/errors.js';
import { readForm } from '../../../shared/http/form-body.js';
import { formKey } from '../../../shared/use-cases/subscriptions/subscription-secrets.js';
import { httpEvent } from '../../fixtures/events.js';

/**
 * The public forms' guard (docs/architecture.md D26): the signed double-submit token, the
 * browser's word on where a post came from, and how a posted form is read.
 */

const NOW = Date.parse('2026-12-03T12:00:00Z');
const PUBLIC_SITE = 'https://alerts.example.org';
const vault = () => new EnvelopeVault(new LocalKeyring(newLocalKeys()));

function post(headers: Record<string, string> = {}, cookies?: string[]) {
  return {
    ...httpEvent({ routeKey: 'POST /subscribe', headers: { 'sec-fetch-site': 'same-origin', ...headers } }),
    ...(cookies ? { cookies } : {}),
  };
}

/** A form as a browser got it: the cookie it was given and the token in the page. */
async function issued(at = NOW) {
  const key = await formKey(vault());
  const grant = grantCsrf(key, post(), at);
  const cookie = (grant.setCookie ?? '').split(';')[0] as string;
  return { key, token: grant.token, cookie, setCookie: grant.setCookie };
}

const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(FormCheckError);
    return (error as Error).message;
  }
  throw new Error('the post was accepted');
};

describe('the anti-forgery token', () => {
  it('sets a __Host- cookie that scripts and other sites cannot use, once', async () => {
    const { key, setCookie, cookie } = await issued();

    expect(setCookie).toMatch(
      new RegExp(`^${CSRF_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict$`),
    );
    expect(grantCsrf(key, post({}, [cookie]), NOW).setCookie).toBeUndefined();
  });

  it('accepts the token with the cookie it was made for, from the page’s own origin or none', async () => {
    const { key, token, cookie } = await issued();

    for (const origin of ['null', PUBLIC_SITE, 'https://api.example.org'])
      expect(() =>
        checkCsrf(key, post({ origin }, [cookie]), token, NOW + 60_000, [PUBLIC_SITE]),
      ).not.toThrow();
    expect(() => checkCsrf(key, post({ 'sec-fetch-site': 'none' }, [cookie]), token, NOW, [])).not.toThrow();
  });

  const tampered = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
  it.each([
    ['no token', () => undefined],
    ['a malformed token', () => 'forged'],
    ['a token whose signature was changed', tampered],
  ])('refuses %s', async (_what, make: (token: string) => string | undefined) => {
    const { key, token, cookie } = await issued();

    refusal(() => checkCsrf(key, post({}, [cookie]), make(token), NOW, []));
  });

  it('refuses a token without its cookie, with another cookie, or signed by another key', async () => {
    const { key, token, cookie } = await issued();
    const other = await issued();

    expect(refusal(() => checkCsrf(key, post(), token, NOW, []))).toContain('no anti-forgery cookie');
    refusal(() => checkCsrf(key, post({}, [other.cookie]), token, NOW, []));
    refusal(() => checkCsrf(other.key, post({}, [cookie]), token, NOW, []));
  });

  it('refuses a form older than its lifetime', async () => {
    const { key, token, cookie } = await issued();
    const later = NOW + (CSRF_TOKEN_LIFETIME_SECONDS + 1) * 1000;

    expect(refusal(() => checkCsrf(key, post({}, [cookie]), token, later, []))).toBe('the form is too old');
  });

  it('refuses a post the browser says came from another site, or from another origin', async () => {
    const { key, token, cookie } = await issued();

    for (const site of ['cross-site', 'same-site'])
      refusal(() => checkCsrf(key, post({ 'sec-fetch-site': site }, [cookie]), token, NOW, [PUBLIC_SITE]));
    refusal(() =>
      checkCsrf(key, post({ origin: 'https://evil.example' }, [cookie]), token, NOW, [PUBLIC_SITE]),
    );
  });
});

describe('the form key', () => {
  it('is 32 bytes derived from the subscriber HMAC key: the same for one key, different for another', async () => {
    const keys = newLocalKeys();
    const one = await formKey(new EnvelopeVault(new LocalKeyring(keys)));
    const again = await formKey(new EnvelopeVault(new LocalKeyring(keys)));
    const other = await formKey(vault());

    expect(one).toHaveLength(32);
    expect(again.equals(one)).toBe(true);
    expect(other.equals(one)).toBe(false);
  });
});

describe('a posted form', () => {
  const form = (body: string, headers: Record<string, string> = {}, base64 = false) => ({
    ...httpEvent({
      routeKey: 'POST /subscribe',
      body: base64 ? Buffer.from(body).toString('base64') : body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    }),
    isBase64Encoded: base64,
  });

  it('gives each field its value, repeated names their values, and the token apart', () => {
    const read = readForm(form('csrf=t&channel=sms&areas=14&areas=51&phone=416+555+0199'));

    expect(read).toEqual({
      csrf: 't',
      fields: { channel: 'sms', areas: ['14', '51'], phone: '416 555 0199' },
    });
  });

  it('reads a base64 body, as API Gateway passes form posts', () => {
    expect(readForm(form('csrf=t&language=fr', {}, true)).fields).toEqual({ language: 'fr' });
  });

  it('keeps __proto__ as an own field, so a strict schema refuses it', () => {
    const { fields } = readForm(form('__proto__=x&csrf=t'));

    expect(Object.keys(fields)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('has no token when it came twice', () => {
    expect(readForm(form('csrf=a&csrf=b')).csrf).toBeUndefined();
  });

  it('refuses JSON, bytes that are not UTF-8, and a body over the limit', () => {
    expect(() => readForm(form('{}', { 'content-type': 'application/json' }))).toThrow(
      UnsupportedMediaTypeError,
    );
    expect(() => readForm(form('phone=%FF'))).toThrow(MalformedBodyError);
    expect(() => readForm(form(`phone=${'1'.repeat(40_000)}`))).toThrow(PayloadTooLargeError);
  });
});
