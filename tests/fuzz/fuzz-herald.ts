import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { TABLE_NAME } from '../../infra/local/local-context.js';
import type { StaffRole } from '../../shared/domain/vocabulary.js';
import { type Herald, startHerald } from '../support/herald.js';
import { FIXTURE_AUTHOR } from './route-roles.js';

/** Real values for the generators, so that many valid inputs reach a 2xx instead of a 404. */
export interface Fixtures {
  users: { id: string; roles: StaffRole[] }[];
  incidentIds: string[];
  /** The first incident's broadcast is approved; the others are pending, by the fixture author. */
  broadcasts: { id: string; contentHash: string }[];
  templates: { id: string; content: Record<string, unknown> }[];
  resources: { id: string; content: Record<string, unknown> }[];
  subscriptionIds: string[];
  codes: string[];
  manageTokens: string[];
}

/** The fixture incidents' category: templates of it accept its facts as variables. */
export const FIXTURE_CATEGORY = 'weapons-call';

export async function startFuzzHerald(
  options: Parameters<typeof startHerald>[0] = {},
): Promise<{ herald: Herald; fixtures: Fixtures }> {
  const herald = await startHerald(options);
  try {
    return { herald, fixtures: await createFixtures(herald) };
  } catch (error) {
    await herald.stop();
    throw error;
  }
}

async function createFixtures(herald: Herald): Promise<Fixtures> {
  const ok = async <T = any>(promise: Promise<{ status: number; body: T }>, what: string) => {
    const response = await promise;
    expect(response.status, `fixture: ${what} ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body;
  };
  const users = (await ok(herald.call('GET', '/dev/users'), 'demo users')) as Fixtures['users'];
  const filed = [];
  for (let i = 0; i < 3; i++) filed.push(await ok(herald.fileIncident({}, FIXTURE_AUTHOR), 'an incident'));
  const broadcasts = filed.map((f) => ({
    id: f.broadcast.id as string,
    contentHash: f.broadcast.contentHash as string,
  }));
  const approved = broadcasts[0] as Fixtures['broadcasts'][number];
  // The first incident gets an approved broadcast, so that follow-ups have something to follow.
  await ok(
    herald.call('POST', `/broadcasts/${approved.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: approved.contentHash },
    }),
    'an approval',
  );

  const sms = await ok(
    herald.call('POST', '/subscriptions', {
      body: { channel: 'sms', address: '+14165550100', areas: ['14'], language: 'en' },
    }),
    'an SMS sign-up',
  );
  const code = /\b(\d{6})\b/.exec(herald.runtime.inbox.smsMessages().at(-1)?.message ?? '')?.[1];
  const email = await ok(
    herald.call('POST', '/subscriptions', {
      body: { channel: 'email', address: 'fuzz@example.org', areas: ['51'], language: 'fr' },
    }),
    'an e-mail sign-up',
  );

  const templates = await ok(
    herald.call('GET', `/templates?category=${FIXTURE_CATEGORY}`, { user: 'comms.chloe' }),
    'the templates',
  );
  const resources = await ok(herald.call('GET', '/resources', { user: 'comms.chloe' }), 'the resources');
  return {
    users,
    incidentIds: filed.map((f) => f.incident.id),
    broadcasts,
    // A few templates only, so that drafts saved by one request are there for the next to publish.
    templates: templates.templates.slice(0, 3).map((t: any) => ({ id: t.id, content: t.published })),
    resources: resources.resources.slice(0, 3).map((r: any) => ({ id: r.id, content: r })),
    subscriptionIds: [sms.subscription.id, email.subscription.id],
    codes: code ? [code] : [],
    manageTokens: [email.subscription.manageToken],
  };
}

/**
 * Everything a request could have changed: every item of the table and everything the fake X
 * and SNS received. Rate-limit windows (`SUBSCRIBER#LIMIT#...`) are left out: they count attempts
 * by design. Read in shared/adapters/dynamo/rate-limiter.ts and its callers: sign-up takes a
 * window only after the body, address and areas were accepted, and the subscription worker takes
 * the per-second SNS window for jobs of earlier, valid sign-ups, which may still run.
 */
export interface Snapshot {
  items: unknown[];
  inbox: unknown[];
}

export async function snapshot(herald: Herald): Promise<Snapshot> {
  await herald.settled();
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await tableClient(herald).send(
      new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return {
    items: items
      .filter((item) => !String(item.pk).startsWith('SUBSCRIBER#LIMIT#'))
      .sort((a, b) => `${a.pk} ${a.sk}`.localeCompare(`${b.pk} ${b.sk}`)),
    inbox: herald.runtime.inbox.all(),
  };
}

const WRITES = /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)Command$/;

/**
 * Every write the HTTP handlers attempt (they run in this thread, on the runtime's client), as
 * `command key` lines; `take()` returns those since its last call. A full scan costs 30 ms, too
 * much for every fuzzed request; a write attempt is what a scan would show, and is seen even when
 * its condition fails. Rate-limit windows are left out, as in `snapshot`.
 */
export function watchWrites(herald: Herald): { take(): string[] } {
  let writes: string[] = [];
  tableClient(herald).middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: { pk?: unknown }; Item?: { pk?: unknown } };
      const pk = String(input.Key?.pk ?? input.Item?.pk ?? '');
      if (WRITES.test(context.commandName ?? '') && !pk.startsWith('SUBSCRIBER#LIMIT#'))
        writes.push(`${context.commandName} ${pk}`);
      return next(args);
    },
    { step: 'initialize', name: 'heraldFuzzWriteWatch' },
  );
  return {
    take() {
      const taken = writes;
      writes = [];
      return taken;
    },
  };
}

/**
 * The runtime's own DynamoDB client, taken from a repository: the local runtime does not expose
 * the dynalite endpoint, and a scan must see the very table the handlers write.
 */
function tableClient(herald: Herald): DynamoDBDocumentClient {
  const client = (herald.runtime.context.incidents as unknown as { db?: DynamoDBDocumentClient }).db;
  if (typeof client?.send !== 'function') {
    throw new Error(
      'the incident repository no longer keeps its client in `db`; update tests/fuzz/fuzz-herald.ts',
    );
  }
  return client;
}
