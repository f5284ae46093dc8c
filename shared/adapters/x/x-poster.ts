import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { ApiResponseError, type ITwitterApiClientPlugin, TwitterApi } from 'twitter-api-v2';
import * as z from 'zod';
import { ChannelError, NotFoundError } from '../../domain/errors.js';
import type { ProviderCall, SecretStore, SocialPost, SocialPoster } from '../../ports/channels.js';
import { xChannelError } from './x-errors.js';

export { DuplicatePostError } from './x-errors.js';

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

export interface XPosterOptions {
  secrets: SecretStore;
  /** @default DEFAULT_X_SECRET_PREFIX; the account id is appended. */
  secretPrefix?: string;
  /** Origin of another X API, e.g. the local fake `http://127.0.0.1:4010`; unset means api.x.com. */
  baseUrl?: string;
  /** Idle-socket timeout of each request whose caller sets no deadline. @default 10_000 */
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
  meta: z.object({ next_token: z.string().optional() }).optional(),
});

/** Pages of 100 posts: X keeps the newest 3,200 posts of a user timeline. */
const MAX_TIMELINE_PAGES = 32;

/** X wants `YYYY-MM-DDTHH:mm:ssZ` for `start_time`; a minute earlier allows for clock skew. */
function xTime(since: Date): string {
  return new Date(since.getTime() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** twitter-api-v2 1.29.1 builds URLs on these hosts (see its globals.js); older ones used twitter.com. */
const X_API_ORIGIN = /^https:\/\/(?:api|upload|stream)\.(?:x|twitter)\.com\//;

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

  async post(
    request: { accountId: string; text: string; inReplyTo?: string },
    call: ProviderCall = {},
  ): Promise<SocialPost> {
    const { accountId, text, inReplyTo } = request;
    const account = await this.account(accountId);
    const user = await this.user(accountId, account, call);
    const body = { text, ...(inReplyTo ? { reply: { in_reply_to_tweet_id: inReplyTo } } : {}) };
    let response: unknown;
    try {
      response = await account.client.v2.post('tweets', body, { timeout: this.waitMs(call) });
    } catch (error) {
      throw this.failure(error, accountId, true);
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

  async findPosts(
    request: { accountId: string; marker: string; since?: Date },
    call: ProviderCall = {},
  ): Promise<SocialPost[]> {
    const { accountId, marker, since } = request;
    const account = await this.account(accountId);
    const user = await this.user(accountId, account, call);
    const posts: NonNullable<z.infer<typeof timelineSchema>['data']> = [];
    let nextToken: string | undefined;
    // A busy account can post more than a page while a delivery waits to retry: read every page
    // since the approval (X keeps the newest 3,200 of a timeline; 32 pages of 100).
    for (let page = 0; page < MAX_TIMELINE_PAGES; page++) {
      let response: unknown;
      try {
        response = await account.client.v2.get(
          'users/:id/tweets',
          {
            max_results: 100,
            'tweet.fields': 'created_at,entities',
            ...(since ? { start_time: xTime(since) } : {}),
            ...(nextToken ? { pagination_token: nextToken } : {}),
          },
          { params: { id: user.id }, timeout: this.waitMs(call) },
        );
      } catch (error) {
        throw this.failure(error, accountId, false);
      }
      const parsed = timelineSchema.safeParse(response);
      if (!parsed.success) {
        throw new ChannelError(`X returned an unreadable timeline for account ${accountId}`, {
          retryable: true,
        });
      }
      posts.push(...(parsed.data.data ?? []));
      nextToken = parsed.data.meta?.next_token;
      if (!since || !nextToken) break;
    }
    // X shows links as t.co in the text; the original link survives in the URL entities.
    return posts
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
  /**
   * twitter-api-v2's `timeout` ends a request whose socket stays idle that long; X's answers are
   * small, so it bounds the whole call. At least 1 ms: 0 would mean no timeout at all.
   */
  private waitMs(call: ProviderCall): number {
    return call.deadline === undefined ? this.timeoutMs : Math.max(1, call.deadline - this.now());
  }

  private async user(
    accountId: string,
    account: AccountClient,
    call: ProviderCall,
  ): Promise<{ id: string; handle: string }> {
    if (account.user) return account.user;
    let response: unknown;
    try {
      response = await account.client.v2.get('users/me', undefined, { timeout: this.waitMs(call) });
    } catch (error) {
      throw this.failure(error, accountId, false);
    }
    const parsed = meResponseSchema.safeParse(response);
    if (!parsed.success)
      throw new ChannelError(`X did not say who account ${accountId} is`, { retryable: true });
    account.user = { id: parsed.data.data.id, handle: parsed.data.data.username };
    return account.user;
  }

  private failure(error: unknown, accountId: string, write: boolean): ChannelError {
    // After a 401, read the secret again next time: it may have been rotated.
    if (error instanceof ApiResponseError && error.code === 401) this.accounts.delete(accountId);
    return xChannelError(error, accountId, write);
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
