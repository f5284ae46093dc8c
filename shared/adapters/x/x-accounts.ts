import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { type ITwitterApiClientPlugin, TwitterApi } from 'twitter-api-v2';
import * as z from 'zod';
import { ChannelError, NotFoundError } from '../../domain/errors.js';
import { lazySchema } from '../../domain/lazy-schema.js';
import type { SecretStore } from '../../ports/channels.js';

/** The X accounts' credentials, read from their secrets, and one API client per account. */

export const DEFAULT_X_SECRET_PREFIX = 'herald/x/';

export function xSecretName(accountId: string, prefix = DEFAULT_X_SECRET_PREFIX): string {
  return `${prefix}${accountId}`;
}

/** The secret of one account. `userId` and `handle` are optional and save the who-am-I call. */
export const xCredentialsSchema = lazySchema(() =>
  z.object({
    appKey: z.string().min(1),
    appSecret: z.string().min(1),
    accessToken: z.string().min(1),
    accessSecret: z.string().min(1),
    userId: z.string().min(1).optional(),
    handle: z.string().min(1).optional(),
  }),
);
export type XAccountCredentials = z.infer<typeof xCredentialsSchema>;

export interface XAccountsOptions {
  secrets: SecretStore;
  /** @default DEFAULT_X_SECRET_PREFIX; the account id is appended. */
  secretPrefix?: string;
  /** Origin of another X API, e.g. the local fake `http://127.0.0.1:4010`; unset means api.x.com. */
  baseUrl?: string;
  /** How long credentials are used before being read again (rotation, revocation). @default 300_000 */
  credentialsTtlMs?: number;
  now: () => number;
}

/** An account's client, and who its token belongs to once asked. */
export interface AccountClient {
  client: TwitterApi;
  fingerprint: string;
  user?: { id: string; handle: string };
  readAt: number;
}

/** twitter-api-v2 1.29.1 builds URLs on these hosts (see its globals.js); older ones used twitter.com. */
const X_API_ORIGIN = /^https:\/\/(?:api|upload|stream)\.(?:x|twitter)\.com\//;

/**
 * One client per account, built from its secret. The secret is read again after the TTL (a
 * rotation, a revocation) and after `forget` (a 401); the client is rebuilt only when the
 * credentials changed, so the user it already knows is kept.
 */
export class XAccounts {
  private readonly accounts = new Map<string, AccountClient>();
  private readonly ttlMs: number;
  private readonly plugins: ITwitterApiClientPlugin[];
  private readonly httpAgent: Agent | undefined;

  constructor(private readonly options: XAccountsOptions) {
    this.ttlMs = options.credentialsTtlMs ?? 5 * 60_000;
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

  /** The account's client, rebuilt only when its credentials changed since the last read. */
  async get(accountId: string): Promise<AccountClient> {
    const { now } = this.options;
    const cached = this.accounts.get(accountId);
    if (cached && now() - cached.readAt < this.ttlMs) return cached;
    const credentials = await this.credentials(accountId);
    const fingerprint = createHash('sha256')
      .update(
        [credentials.appKey, credentials.appSecret, credentials.accessToken, credentials.accessSecret].join(
          '\n',
        ),
      )
      .digest('hex');
    if (cached && cached.fingerprint === fingerprint) {
      cached.readAt = now();
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
      readAt: now(),
      ...(userId && handle ? { user: { id: userId, handle } } : {}),
    };
    this.accounts.set(accountId, entry);
    return entry;
  }

  /** The next `get` reads the secret again. */
  forget(accountId: string): void {
    this.accounts.delete(accountId);
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
}
