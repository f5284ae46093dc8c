import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

/**
 * OAuth 1.0a (RFC 5849) as the fake X checks it: the demo credentials it issues, and HMAC-SHA1
 * verification of the `Authorization: OAuth ...` header, so an adapter that signs wrongly fails
 * here as it would against X.
 */

export interface XCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

const credentialsFileSchema = z.object({
  app: z.object({ key: z.string(), secret: z.string() }),
  accounts: z.record(z.string(), z.object({ token: z.string(), secret: z.string() })),
});
type CredentialsFile = z.infer<typeof credentialsFileSchema>;

/** Stable numeric user id per account, like X's, so ids survive restarts without a file. */
export function userIdFor(accountId: string): string {
  return BigInt(`0x${createHash('sha256').update(accountId).digest('hex').slice(0, 13)}`).toString();
}

/** One app (consumer key) and one access token per account; loaded from `file` when it exists. */
export class DemoCredentials {
  private readonly data: CredentialsFile;

  constructor(accountIds: string[], file?: string) {
    const loaded =
      file && existsSync(file)
        ? credentialsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
        : undefined;
    this.data = loaded ?? { app: { key: token(25), secret: token(50) }, accounts: {} };
    let changed = !loaded;
    for (const id of accountIds) {
      if (this.data.accounts[id]) continue;
      this.data.accounts[id] = { token: `${userIdFor(id)}-${token(30)}`, secret: token(45) };
      changed = true;
    }
    if (file && changed) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600 });
    }
  }

  forAccount(accountId: string): XCredentials {
    const account = this.data.accounts[accountId];
    if (!account) throw new Error(`the fake X has no account ${accountId}`);
    return {
      appKey: this.data.app.key,
      appSecret: this.data.app.secret,
      accessToken: account.token,
      accessSecret: account.secret,
    };
  }

  consumerSecret(consumerKey: string): string | undefined {
    return consumerKey === this.data.app.key ? this.data.app.secret : undefined;
  }

  /** The account an access token belongs to, with its token secret. */
  byToken(accessToken: string): { accountId: string; secret: string } | undefined {
    for (const [accountId, account] of Object.entries(this.data.accounts)) {
      if (account.token === accessToken) return { accountId, secret: account.secret };
    }
    return undefined;
  }
}

function token(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

/** RFC 3986 percent-encoding, as RFC 5849 section 3.6 requires (encodeURIComponent leaves !*'() alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!*'()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function parseOAuthHeader(header: string | undefined): Map<string, string> | undefined {
  if (!header?.startsWith('OAuth ')) return undefined;
  const params = new Map<string, string>();
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([^=\s]+)="([^"]*)"\s*$/.exec(part);
    if (!match?.[1] || match[2] === undefined) return undefined;
    params.set(decodeURIComponent(match[1]), decodeURIComponent(match[2]));
  }
  return params;
}

export interface SignedRequest {
  method: string;
  /** Scheme, host (with a non-default port) and path, no query: RFC 5849 section 3.4.1.2. */
  baseUri: string;
  query: URLSearchParams;
  /** Only for `application/x-www-form-urlencoded` bodies; JSON bodies are not signed. */
  form?: URLSearchParams;
}

export function signatureBaseString(request: SignedRequest, oauth: Map<string, string>): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of oauth)
    if (key !== 'oauth_signature' && key !== 'realm') pairs.push([key, value]);
  for (const [key, value] of request.query) pairs.push([key, value]);
  for (const [key, value] of request.form ?? []) pairs.push([key, value]);
  const normalized = pairs
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [request.method.toUpperCase(), percentEncode(request.baseUri), percentEncode(normalized)].join('&');
}

export function sign(baseString: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`)
    .update(baseString)
    .digest('base64');
}

export type VerifyResult = { ok: true; accountId: string } | { ok: false; reason: string };

/** Allowed clock difference, as X refuses stale timestamps. */
const MAX_SKEW_SECONDS = 15 * 60;

export function verifyRequest(
  credentials: DemoCredentials,
  request: SignedRequest,
  header: string | undefined,
  nowMs: number,
): VerifyResult {
  const oauth = parseOAuthHeader(header);
  if (!oauth) return { ok: false, reason: 'missing or malformed OAuth header' };
  const consumerSecret = credentials.consumerSecret(oauth.get('oauth_consumer_key') ?? '');
  if (consumerSecret === undefined) return { ok: false, reason: 'unknown consumer key' };
  const account = credentials.byToken(oauth.get('oauth_token') ?? '');
  if (!account) return { ok: false, reason: 'unknown access token' };
  if (oauth.get('oauth_signature_method') !== 'HMAC-SHA1')
    return { ok: false, reason: 'unsupported signature method' };
  const timestamp = Number(oauth.get('oauth_timestamp'));
  if (!Number.isFinite(timestamp) || Math.abs(nowMs / 1000 - timestamp) > MAX_SKEW_SECONDS) {
    return { ok: false, reason: 'timestamp out of bounds' };
  }
  const expected = Buffer.from(sign(signatureBaseString(request, oauth), consumerSecret, account.secret));
  const given = Buffer.from(oauth.get('oauth_signature') ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature mismatch' };
  }
  return { ok: true, accountId: account.accountId };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
