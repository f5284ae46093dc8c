import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  type ITwitterApiClientPlugin,
  TwitterApi,
  type TwitterRateLimit,
} from 'twitter-api-v2';
import * as z from 'zod';
import { ChannelError, NotFoundError } from '../../domain/errors.js';
import type { SecretStore, SocialPost, SocialPoster } from '../../ports/channels.js';

/**
 * `SocialPoster` for X through twitter-api-v2, one OAuth 1.0a user context per account. Every
 * failure leaves as a `ChannelError` saying whether to retry and whether the post may exist.
 */

export const DEFAULT_X_SECRET_PREFIX = 'herald/x/';

export function xSecretName(accountId: string, prefix = DEFAULT_X_SECRET_PREFIX): string {
  return `${prefix}${accountId}`;
}

/** The secret of one account. `userId` and `handle` are optional and save the who-am-I call. */
export const xCredentialsSchema = z.object({
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  accessToken: z.string().min(1),
  accessSecret: z.string().min(1),
  userId: z.string().min(1).optional(),
  handle: z.string().min(1).optional(),
});
export type XAccountCredentials = z.infer<typeof xCredentialsSchema>;

/**
 * X refused the text as a duplicate of an earlier post of the account: the post most likely
 * exists already (an earlier attempt got through), so the worker looks it up with `findPosts`.
 */
export class DuplicatePostError extends ChannelError {
  readonly duplicate = true;
  constructor(accountId: string) {
    super(`X refused a duplicate post from account ${accountId}; the text was posted before`, {
      retryable: false,
    });
  }
}

export interface XPosterOptions {
  secrets: SecretStore;
  /** @default DEFAULT_X_SECRET_PREFIX; the account id is appended. */
  secretPrefix?: string;
  /** Origin of another X API, e.g. the local fake `http://127.0.0.1:4010`; unset means api.x.com. */
  baseUrl?: string;
  /** Idle-socket timeout of each request. @default 10_000 */
  timeoutMs?: number;
  /** How long credentials are used before being read again (rotation, revocation). @default 300_000 */
  credentialsTtlMs?: number;
  now?: () => number;
}

const postResponseSchema = z.object({ data: z.object({ id: z.string().min(1) }) });
const meResponseSchema = z.object({ data: z.object({ id: z.string().min(1), username: z.string().min(1) }) });
const timelineSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        entities: z
          .object({
            urls: z
              .array(z.object({ expanded_url: z.string().optional(), unwound_url: z.string().optional() }))
              .optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});

/** twitter-api-v2 1.29.1 builds URLs on these hosts (see its globals.js); older ones used twitter.com. */
const X_API_ORIGIN = /^https:\/\/(?:api|upload|stream)\.(?:x|twitter)\.com\//;
/** Connection failures that happen before a byte of the request left: safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

interface AccountClient {
  client: TwitterApi;
  fingerprint: string;
  user?: { id: string; handle: string };
  readAt: number;
}

export class XPoster implements SocialPoster {
  private readonly accounts = new Map<string, AccountClient>();
  private readonly timeoutMs: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly plugins: ITwitterApiClientPlugin[];
  private readonly httpAgent: Agent | undefined;

  constructor(private readonly options: XPosterOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.ttlMs = options.credentialsTtlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    const base = options.baseUrl ? new URL(options.baseUrl) : undefined;
    // The library sends with `https.request`; a plain-http fake needs an http agent and rewritten URLs.
    this.httpAgent = base?.protocol === 'http:' ? new Agent({ keepAlive: true }) : undefined;
    const rewrite: ITwitterApiClientPlugin = {
      onBeforeRequestConfig: ({ params }) => {
        if (base) params.url = params.url.replace(X_API_ORIGIN, `${base.origin}/`);
      },
    };
    this.plugins = base ? [rewrite] : [];
  }

  async post(request: { accountId: string; text: string; inReplyTo?: string }): Promise<SocialPost> {
    const { accountId, text, inReplyTo } = request;
    const account = await this.account(accountId);
    const user = await this.user(accountId, account);
    const body = { text, ...(inReplyTo ? { reply: { in_reply_to_tweet_id: inReplyTo } } : {}) };
    let response: unknown;
    try {
      response = await account.client.v2.post('tweets', body, { timeout: this.timeoutMs });
    } catch (error) {
      throw this.channelError(error, accountId, true);
    }
    const parsed = postResponseSchema.safeParse(response);
    if (!parsed.success) {
      // A 2xx without an id: the post probably exists, so it must be looked up, not sent again.
      throw new ChannelError(`X accepted a post from account ${accountId} but returned no id`, {
        retryable: true,
        ambiguous: true,
      });
    }
    return postOf(user.handle, parsed.data.data.id);
  }

  async findPosts(request: { accountId: string; marker: string }): Promise<SocialPost[]> {
    const { accountId, marker } = request;
    const account = await this.account(accountId);
    const user = await this.user(accountId, account);
    let response: unknown;
    try {
      response = await account.client.v2.get(
        'users/:id/tweets',
        { max_results: 100, 'tweet.fields': 'created_at,entities' },
        { params: { id: user.id }, timeout: this.timeoutMs },
      );
    } catch (error) {
      throw this.channelError(error, accountId, false);
    }
    const parsed = timelineSchema.safeParse(response);
    if (!parsed.success) {
      throw new ChannelError(`X returned an unreadable timeline for account ${accountId}`, {
        retryable: true,
      });
    }
    // X shows links as t.co in the text; the original link survives in the URL entities.
    return (parsed.data.data ?? [])
      .filter(
        (post) =>
          post.text.includes(marker) ||
          (post.entities?.urls ?? []).some(
            (u) => u.expanded_url?.includes(marker) || u.unwound_url?.includes(marker),
          ),
      )
      .sort((a, b) => compareIds(a.id, b.id))
      .map((post) => postOf(user.handle, post.id));
  }

  /** The account's client, rebuilt only when its credentials changed since the last read. */
  private async account(accountId: string): Promise<AccountClient> {
    const cached = this.accounts.get(accountId);
    if (cached && this.now() - cached.readAt < this.ttlMs) return cached;
    const credentials = await this.credentials(accountId);
    const fingerprint = createHash('sha256')
      .update(
        [credentials.appKey, credentials.appSecret, credentials.accessToken, credentials.accessSecret].join(
          '\n',
        ),
      )
      .digest('hex');
    if (cached && cached.fingerprint === fingerprint) {
      cached.readAt = this.now();
      return cached;
    }
    const { appKey, appSecret, accessToken, accessSecret, userId, handle } = credentials;
    const client = new TwitterApi(
      { appKey, appSecret, accessToken, accessSecret },
      { plugins: this.plugins, ...(this.httpAgent ? { httpAgent: this.httpAgent } : {}) },
    );
    const entry: AccountClient = {
      client,
      fingerprint,
      readAt: this.now(),
      ...(userId && handle ? { user: { id: userId, handle } } : {}),
    };
    this.accounts.set(accountId, entry);
    return entry;
  }

  private async credentials(accountId: string): Promise<XAccountCredentials> {
    let raw: unknown;
    try {
      raw = await this.options.secrets.getJson(xSecretName(accountId, this.options.secretPrefix));
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new ChannelError(`no X credentials are stored for account ${accountId}`, { retryable: false });
      }
      throw new ChannelError(`could not read the X credentials of account ${accountId}`, {
        retryable: true,
        cause: error,
      });
    }
    const parsed = xCredentialsSchema.safeParse(raw);
    // The zod issues are left out on purpose: they would describe a secret.
    if (!parsed.success)
      throw new ChannelError(`the X credentials of account ${accountId} are malformed`, { retryable: false });
    return parsed.data;
  }

  /** Who the token belongs to (id for the timeline, handle for links): asked once per client. */
  private async user(accountId: string, account: AccountClient): Promise<{ id: string; handle: string }> {
    if (account.user) return account.user;
    let response: unknown;
    try {
      response = await account.client.v2.get('users/me', undefined, { timeout: this.timeoutMs });
    } catch (error) {
      throw this.channelError(error, accountId, false);
    }
    const parsed = meResponseSchema.safeParse(response);
    if (!parsed.success)
      throw new ChannelError(`X did not say who account ${accountId} is`, { retryable: true });
    account.user = { id: parsed.data.data.id, handle: parsed.data.data.username };
    return account.user;
  }

  /**
   * `write` marks a POST: once it may have reached X, a lost answer makes the outcome ambiguous.
   * Causes are not attached: the library's errors carry the signed request, token included.
   */
  private channelError(error: unknown, accountId: string, write: boolean): ChannelError {
    if (error instanceof ApiResponseError) {
      const detail = problemDetail(error.data);
      const said = `X answered ${error.code} for account ${accountId}${detail ? `: ${detail}` : ''}`;
      // X gives no error code for duplicates, only this wording.
      if (error.code === 403 && /duplicate content/i.test(detail)) return new DuplicatePostError(accountId);
      if (error.rateLimitError)
        return new ChannelError(said, { retryable: true, retryAt: retryAtOf(error.rateLimit) });
      if (error.code === 401) {
        // Read the secret again next time: it may have been rotated.
        this.accounts.delete(accountId);
        return new ChannelError(`X refused the credentials of account ${accountId} (revoked or invalid)`, {
          retryable: false,
        });
      }
      // A 5xx on a POST may still have created the post; a retry then meets DuplicatePostError.
      return new ChannelError(said, { retryable: error.code >= 500 });
    }
    if (error instanceof ApiRequestError) {
      const code = errnoCode(requestCause(error));
      if (code && NOT_SENT_CODES.has(code)) {
        return new ChannelError(`could not reach X for account ${accountId} (${code})`, { retryable: true });
      }
      return new ChannelError(`no answer from X for account ${accountId} (${code ?? 'timeout or reset'})`, {
        retryable: true,
        ambiguous: write,
      });
    }
    if (error instanceof ApiPartialResponseError) {
      return new ChannelError(`X's answer for account ${accountId} was cut off`, {
        retryable: true,
        ambiguous: write,
      });
    }
    return new ChannelError(`calling X for account ${accountId} failed unexpectedly`, {
      retryable: true,
      ambiguous: write,
    });
  }
}

function postOf(handle: string, id: string): SocialPost {
  return { id, url: `https://x.com/${handle}/status/${id}` };
}

/** Post ids are time-ordered snowflakes, larger than Number can hold. */
function compareIds(a: string, b: string): number {
  try {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  } catch {
    return a.localeCompare(b);
  }
}

/** When to come back: the latest reset among the limits that ran out (window, user day, app day). */
function retryAtOf(rateLimit: TwitterRateLimit | undefined): number | undefined {
  if (!rateLimit) return undefined;
  const limits = [rateLimit, rateLimit.day, rateLimit.userDay].filter((l) => l !== undefined);
  const exhausted = limits.filter((l) => l.remaining === 0 && Number.isFinite(l.reset)).map((l) => l.reset);
  const reset = exhausted.length > 0 ? Math.max(...exhausted) : rateLimit.reset;
  return Number.isFinite(reset) ? reset * 1000 : undefined;
}

function problemDetail(data: unknown): string {
  const parsed = z.object({ detail: z.string().optional(), title: z.string().optional() }).safeParse(data);
  return parsed.success ? (parsed.data.detail ?? parsed.data.title ?? '') : '';
}

/**
 * The socket error behind a request failure. twitter-api-v2 1.29.1 stores it as `_options.error`
 * while its `requestError` getter reads `_options.requestError`, which is never set.
 */
function requestCause(error: ApiRequestError): unknown {
  return error.requestError ?? (error as unknown as { _options?: { error?: unknown } })._options?.error;
}

function errnoCode(error: unknown): string | undefined {
  const parsed = z.object({ code: z.string() }).safeParse(error);
  return parsed.success ? parsed.data.code : undefined;
}
