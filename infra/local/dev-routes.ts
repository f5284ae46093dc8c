import * as z from 'zod';
import type { HttpMethod } from '../../functions/manifest-types.js';
import type { DevAuth } from './dev-auth.js';
import type { InboxStore } from './fakes/inbox-store.js';

export interface DevRequest {
  /** The JSON body, or `undefined` when the body is empty. */
  body: unknown;
  params: Record<string, string>;
  query: Record<string, string>;
}

export interface DevAnswer {
  status: number;
  body?: unknown;
}

/** A local-only route (demo controls, inspection); served before the manifest's, without auth. */
export interface DevRoute {
  method: HttpMethod;
  path: string;
  handle(request: DevRequest): Promise<DevAnswer>;
}

/** Calls a dev route with the body parsed as JSON; a body that is not JSON gets a 400 instead. */
export async function answerDevRoute(
  route: DevRoute,
  params: Record<string, string>,
  body: Buffer,
  rawQueryString: string,
): Promise<DevAnswer> {
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch {
    return { status: 400, body: { message: 'Invalid JSON body' } };
  }
  const query = Object.fromEntries(new URLSearchParams(rawQueryString));
  return route.handle({ body: parsed, params, query });
}

const TokenRequest = z.strictObject({ user: z.string().min(1).max(64) });

/**
 * Local-only routes (absent on AWS): the demo users, a token for one of them, and the inbox of
 * everything the fake X and SNS endpoints received.
 */
export function devRoutes({ auth, inbox }: { auth: DevAuth; inbox: InboxStore }): DevRoute[] {
  return [
    {
      method: 'GET',
      path: '/dev/users',
      handle: async () => ({
        status: 200,
        body: auth.users.map((user) => ({ id: user.id, name: user.name, roles: user.groups })),
      }),
    },
    {
      method: 'POST',
      path: '/dev/token',
      handle: async ({ body }) => {
        const parsed = TokenRequest.safeParse(body);
        if (!parsed.success) {
          return {
            status: 422,
            body: { message: 'send { "user": "<id from GET /dev/users>" }', issues: parsed.error.issues },
          };
        }
        if (!auth.users.some((u) => u.id === parsed.data.user)) {
          return { status: 404, body: { message: `no demo user ${parsed.data.user}; see GET /dev/users` } };
        }
        return { status: 200, body: { token: await auth.issueToken(parsed.data.user) } };
      },
    },
    {
      method: 'GET',
      path: '/dev/inbox',
      handle: async () => ({
        status: 200,
        body: {
          posts: inbox.posts().map((p) => ({
            id: p.id,
            account: p.account,
            text: p.text,
            ...(p.inReplyTo ? { inReplyTo: p.inReplyTo } : {}),
            at: p.at,
          })),
          publishes: inbox.publishes().map((p) => ({
            id: p.id,
            topic: p.topic,
            subject: p.subject,
            sms: p.sms,
            email: p.email,
            attributes: p.attributes,
            at: p.at,
          })),
          // The public's side, as their phones and mailboxes would see it (local data only).
          texts: inbox
            .smsMessages()
            .map(({ phoneNumber, message, at }) => ({ to: phoneNumber, message, at })),
          confirmations: inbox
            .subscriptionConfirmations()
            .map(({ endpoint, topic, link, at }) => ({ to: endpoint, topic, link, at })),
          deliveries: inbox.deliveries().map(({ endpoint, topic, protocol, subject, body, status, at }) => ({
            to: endpoint,
            topic,
            protocol,
            ...(subject ? { subject } : {}),
            body,
            status,
            at,
          })),
        },
      }),
    },
  ];
}
