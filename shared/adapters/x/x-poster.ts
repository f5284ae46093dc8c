import { ApiResponseError } from 'twitter-api-v2';
import * as z from 'zod';
import { ChannelError } from '../../domain/errors.js';
import { lazySchema } from '../../domain/lazy-schema.js';
import type { ProviderCall, SecretStore, SocialPost, SocialPoster } from '../../ports/channels.js';
import { type AccountClient, XAccounts } from './x-accounts.js';
import { xChannelError } from './x-errors.js';
import {
  MAX_TIMELINE_PAGES,
  postsWithMarker,
  type TimelinePost,
  timelineSchema,
  xTime,
} from './x-timeline.js';

export { DuplicatePostError } from './x-errors.js';

/**
 * `SocialPoster` for X through twitter-api-v2, one OAuth 1.0a user context per account
 * (x-accounts.ts). Every failure leaves as a `ChannelError` saying whether to retry and whether
 * the post may exist.
 */

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

const postResponseSchema = lazySchema(() => z.object({ data: z.object({ id: z.string().min(1) }) }));
const meResponseSchema = lazySchema(() =>
  z.object({ data: z.object({ id: z.string().min(1), username: z.string().min(1) }) }),
);

export class XPoster implements SocialPoster {
  private readonly accounts: XAccounts;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(options: XPosterOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.accounts = new XAccounts({ ...options, now: this.now });
  }

  async post(
    request: { accountId: string; text: string; inReplyTo?: string },
    call: ProviderCall = {},
  ): Promise<SocialPost> {
    const { accountId, text, inReplyTo } = request;
    const account = await this.accounts.get(accountId);
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

  /** Reads the account's credentials and builds its client, as its first post would; X is not called. */
  async prepare(accountId: string): Promise<void> {
    await this.accounts.get(accountId);
  }

  async findPosts(
    request: { accountId: string; marker: string; since?: Date },
    call: ProviderCall = {},
  ): Promise<SocialPost[]> {
    const { accountId, marker, since } = request;
    const account = await this.accounts.get(accountId);
    const user = await this.user(accountId, account, call);
    const posts: TimelinePost[] = [];
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
    return postsWithMarker(posts, marker).map((post) => postOf(user.handle, post.id));
  }

  /**
   * twitter-api-v2's `timeout` ends a request whose socket stays idle that long; X's answers are
   * small, so it bounds the whole call. At least 1 ms: 0 would mean no timeout at all.
   */
  private waitMs(call: ProviderCall): number {
    return call.deadline === undefined ? this.timeoutMs : Math.max(1, call.deadline - this.now());
  }

  /** Who the token belongs to (id for the timeline, handle for links): asked once per client. */
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
    if (error instanceof ApiResponseError && error.code === 401) this.accounts.forget(accountId);
    return xChannelError(error, accountId, write);
  }
}

function postOf(handle: string, id: string): SocialPost {
  return { id, url: `https://x.com/${handle}/status/${id}` };
}
