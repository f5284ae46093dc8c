import { randomBytes } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../infra/local/dev-auth.js';
import { contract, type RouteKey, splitRouteKey } from '../../shared/http/contract.js';
import { type ApiResponse, exampleIncident, type Herald, startHerald } from '../support/herald.js';

/**
 * Every bad request gets its 4xx with a message (and issue paths) that says what was wrong, and
 * changes nothing: no incident, no broadcast, no approval, no post, no publish.
 */

let herald: Herald;

/** A broadcast filed by inspector.ada in beforeAll and kept pending throughout. */
let pending: { id: string; incidentId: string; contentHash: string };

type CallOptions = Parameters<Herald['call']>[2];

/** A request of this file: whatever it sends, never a 5xx, checked in the test that sends it. */
async function call(method: string, path: string, options?: CallOptions): Promise<ApiResponse> {
  const response = await herald.call(method, path, options);
  expect(response.status, `${method} ${path} answered ${JSON.stringify(response.body)}`).toBeLessThan(500);
  return response;
}

const fileIncident = (body: unknown, user = 'inspector.ada') => call('POST', '/incidents', { user, body });

function without(body: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = body;
  return rest;
}

/** A well-formed id that names nothing. */
const unknownId = (prefix: 'bc' | 'inc') => `${prefix}_0123456789abcdefghjkmnpqrs`;
const wellFormedButStaleHash = `sha256:${'0'.repeat(64)}`;

interface Snapshot {
  incidents: number;
  posts: number;
  publishes: number;
}

async function countIncidents(): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await call('GET', `/incidents?limit=100${query}`, { user: 'admin.dev' });
    expect(page.status).toBe(200);
    count += page.body.incidents.length;
    cursor = page.body.cursor ?? undefined;
  } while (cursor);
  return count;
}

/** What a bad request must not change; taken once nothing is queued, so a stray dispatch shows. */
async function snapshot(): Promise<Snapshot> {
  await herald.settled();
  return {
    incidents: await countIncidents(),
    posts: herald.runtime.inbox.posts().length,
    publishes: herald.runtime.inbox.publishes().length,
  };
}

async function expectNothingChanged(before: Snapshot): Promise<void> {
  expect(await snapshot()).toEqual(before);
}

async function broadcastOf(id: string) {
  const view = await call('GET', `/broadcasts/${id}`, { user: 'comms.chloe' });
  expect(view.status).toBe(200);
  return view.body.broadcast;
}

async function expectStillPending(id: string): Promise<void> {
  const broadcast = await broadcastOf(id);
  expect(broadcast.status).toBe('PENDING_APPROVAL');
  expect(broadcast.approvalStatus).toBe('PENDING_APPROVAL');
  expect(broadcast.approval).toBeUndefined();
  expect(broadcast.rejection).toBeUndefined();
  expect(broadcast.audit).toHaveLength(1);
}

async function broadcastsOfIncident(id: string): Promise<{ id: string; approvalStatus: string }[]> {
  const view = await call('GET', `/incidents/${id}`, { user: 'comms.chloe' });
  expect(view.status).toBe(200);
  return view.body.broadcasts;
}

/** Files an incident as inspector.ada; returns its pending broadcast. */
async function filePending(overrides: Record<string, unknown> = {}) {
  const filed = await fileIncident(exampleIncident(overrides));
  expect(filed.status).toBe(201);
  return filed.body.broadcast as { id: string; incidentId: string; contentHash: string };
}

function issue(path: (string | number)[], message: RegExp) {
  return { path, message: expect.stringMatching(message) };
}

beforeAll(async () => {
  herald = await startHerald();
  pending = await filePending();
});
afterAll(async () => herald?.stop());

describe('a body that is not a JSON object sent as JSON', () => {
  it('is refused with 400 when it is not JSON, and nothing is filed', async () => {
    const before = await snapshot();
    const response = await call('POST', '/incidents', { user: 'inspector.ada', raw: '{"category": "weap' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/not valid JSON/);
    await expectNothingChanged(before);
  });

  it('is refused with 400 when it is empty but declared as JSON, and nothing is filed', async () => {
    const before = await snapshot();
    const response = await call('POST', '/incidents', { user: 'inspector.ada', raw: '' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/empty/);
    await expectNothingChanged(before);
  });

  it('is refused with 400 when an approval is not JSON, and the broadcast stays pending', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ben',
      raw: `contentHash=${pending.contentHash}`,
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/not valid JSON/);
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });

  it('is refused with 415 when sent as text/plain, and nothing is filed', async () => {
    const before = await snapshot();
    const response = await call('POST', '/incidents', {
      user: 'inspector.ada',
      raw: JSON.stringify(exampleIncident()),
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(response.body.message).toMatch(/application\/json/);
    await expectNothingChanged(before);
  });

  it('is refused with 415 when an approval is sent as a form, and the broadcast stays pending', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ben',
      raw: JSON.stringify({ contentHash: pending.contentHash }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(response.body.message).toMatch(/application\/json/);
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });
});

describe('a body that is too large', () => {
  it('is refused with 413 by the handler between 32 KiB and 64 KiB, and nothing is filed', async () => {
    const body = exampleIncident({ padding: 'x'.repeat(40 * 1024) });
    const before = await snapshot();
    const response = await call('POST', '/incidents', { user: 'inspector.ada', body });
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/over 32768 bytes/);
    await expectNothingChanged(before);
  });

  it('is measured in bytes, not characters: 18,000 two-byte characters are over 32 KiB', async () => {
    const body = exampleIncident({ padding: 'é'.repeat(18_000) });
    expect(JSON.stringify(body).length).toBeLessThan(32 * 1024);
    const before = await snapshot();
    const response = await call('POST', '/incidents', { user: 'inspector.ada', body });
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/over 32768 bytes/);
    await expectNothingChanged(before);
  });

  it('is refused with 413 by the server above 1 MiB, and nothing is filed', async () => {
    const body = exampleIncident({ padding: 'x'.repeat(1100 * 1024) });
    const before = await snapshot();
    const response = await call('POST', '/incidents', { user: 'inspector.ada', body });
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/Too Large/);
    await expectNothingChanged(before);
  });
});

describe('filing an incident with invalid input', () => {
  const inTwoHours = () => new Date(Date.now() + 2 * 3600_000).toISOString();
  const facts = exampleIncident().facts as Record<string, unknown>;

  const cases: { what: string; body: () => unknown; issues: ReturnType<typeof issue>[] }[] = [
    {
      what: 'an unknown top-level field approvedBy',
      body: () => exampleIncident({ approvedBy: 'inspector.ben' }),
      issues: [issue([], /approvedBy/)],
    },
    {
      what: 'a chosen id',
      body: () => exampleIncident({ id: 'inc_0123456789abcdefghjkmnpqrs' }),
      issues: [issue([], /"id"/)],
    },
    {
      what: 'a chosen broadcastStatus',
      body: () => exampleIncident({ broadcastStatus: 'APPROVED' }),
      issues: [issue([], /broadcastStatus/)],
    },
    {
      what: 'a JSON array instead of an object',
      body: () => [exampleIncident()],
      issues: [issue([], /object/)],
    },
    {
      what: 'a severity outside the CAP vocabulary',
      body: () => exampleIncident({ severity: 'Huge' }),
      issues: [issue(['severity'], /Extreme/)],
    },
    {
      what: 'a CAP status that does not exist',
      body: () => exampleIncident({ status: 'Real' }),
      issues: [issue(['status'], /Actual/)],
    },
    {
      what: 'an expiresAt that is not an ISO date-time',
      body: () => exampleIncident({ expiresAt: 'tonight at ten' }),
      issues: [issue(['expiresAt'], /datetime/i)],
    },
    {
      what: 'an expiresAt with a date but no time',
      body: () => exampleIncident({ expiresAt: '2099-01-01' }),
      issues: [issue(['expiresAt'], /datetime/i)],
    },
    {
      what: 'an expiresAt in the past',
      body: () => exampleIncident({ expiresAt: new Date(Date.now() - 60_000).toISOString() }),
      issues: [issue(['expiresAt'], /future/)],
    },
    {
      what: 'an expiresAt more than 7 days ahead',
      body: () => exampleIncident({ expiresAt: new Date(Date.now() + 8 * 24 * 3600_000).toISOString() }),
      issues: [issue(['expiresAt'], /7 days/)],
    },
    {
      what: 'a weapons call without its required location',
      body: () => exampleIncident({ facts: without(facts, 'location'), expiresAt: inTwoHours() }),
      issues: [issue(['facts', 'location'], /required/)],
    },
    {
      what: 'a fact the category does not have',
      body: () => exampleIncident({ facts: { ...facts, weather: 'sunny' } }),
      issues: [issue(['facts', 'weather'], /not a fact of this category/)],
    },
    {
      // The schema's own message ('a camelCase fact name') must reach the caller, not zod's
      // generic 'Invalid key in record' (shared/http/errors.ts drops the nested issue).
      what: 'a fact name that is not camelCase',
      body: () => exampleIncident({ facts: { ...facts, 'Suspect Name': 'x' } }),
      issues: [issue(['facts', 'Suspect Name'], /camelCase/)],
    },
    {
      what: 'a localized fact given as one plain string when two languages are asked',
      body: () => exampleIncident({ facts: { ...facts, description: 'Suspect fled on foot.' } }),
      issues: [
        issue(['facts', 'description', 'en'], /en text/),
        issue(['facts', 'description', 'fr'], /fr text/),
      ],
    },
    {
      what: 'no areas and no citywide flag (it fails closed)',
      body: () => without(exampleIncident(), 'areas'),
      issues: [issue(['areas'], /never assumes the whole city/)],
    },
    {
      what: 'an empty list of areas and no citywide flag',
      body: () => exampleIncident({ areas: [] }),
      issues: [issue(['areas'], /at least one division/)],
    },
    {
      what: 'both areas and citywide',
      body: () => exampleIncident({ citywide: true }),
      issues: [issue(['areas'], /not both/)],
    },
    {
      what: 'citywide: false instead of areas',
      body: () => exampleIncident({ areas: undefined, citywide: false }),
      issues: [issue(['citywide'], /true/)],
    },
    {
      what: 'an unknown division',
      body: () => exampleIncident({ areas: ['14', '99'] }),
      issues: [issue(['areas', 1], /unknown division 99; the division ids are 11, 12, /)],
    },
    {
      what: 'a language the registry does not offer',
      body: () => exampleIncident({ languages: ['en', 'de'] }),
      issues: [issue(['languages', 1], /de/)],
    },
    {
      what: 'a language that is not a language tag',
      body: () => exampleIncident({ languages: ['English'] }),
      issues: [issue(['languages', 0], /language tag/)],
    },
    {
      what: 'no language at all',
      body: () => exampleIncident({ languages: [] }),
      issues: [issue(['languages'], /1/)],
    },
    {
      what: 'an unknown category',
      body: () => exampleIncident({ category: 'alien-invasion' }),
      issues: [issue(['category'], /unknown category alien-invasion; the categories are weapons-call, /)],
    },
  ];

  it.each(cases.map((c) => [c.what, c] as const))(
    'refuses %s with 422 and the issue path, and files nothing',
    async (_what, { body, issues }) => {
      const before = await snapshot();
      const response = await fileIncident(body());
      expect(response.status).toBe(422);
      expect(response.body.message).toEqual(expect.any(String));
      for (const expected of issues) expect(response.body.issues).toContainEqual(expected);
      await expectNothingChanged(before);
    },
  );
});

describe('reading with invalid input', () => {
  it.each<[string, string[]]>([
    ['limit=0', ['limit']],
    ['limit=101', ['limit']],
    ['limit=ten', ['limit']],
    ['limit=2.5', ['limit']],
    ['sort=oldest', []],
  ])('refuses the list query ?%s with 422 naming the bad parameter', async (query, path) => {
    const response = await call('GET', `/incidents?${query}`, { user: 'comms.chloe' });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual({ path, message: expect.any(String) });
  });

  it.each([
    'GET /broadcasts/nope',
    'GET /broadcasts/nope/deliveries',
    'GET /incidents/nope',
    `GET /incidents/${unknownId('bc')}`,
    `GET /broadcasts/${unknownId('inc')}`,
    'GET /broadcasts/BC_0123456789ABCDEFGHJKMNPQRS',
  ])('refuses %s with 422 because the id is malformed', async (request) => {
    const [method, path] = request.split(' ') as [string, string];
    const response = await call(method, path, { user: 'comms.chloe' });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue(['id'], /_ id/));
  });
});

describe('writing to a malformed id', () => {
  it('refuses an approval of /broadcasts/nope with 422 on the id, and approves nothing', async () => {
    const before = await snapshot();
    const response = await call('POST', '/broadcasts/nope/approve', {
      user: 'inspector.ben',
      body: { contentHash: pending.contentHash },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue(['id'], /bc_ id/));
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });

  it('refuses a rejection of /broadcasts/nope with 422 on the id', async () => {
    const response = await call('POST', '/broadcasts/nope/reject', {
      user: 'inspector.ben',
      body: { reason: 'Wrong division.' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue(['id'], /bc_ id/));
    await expectStillPending(pending.id);
  });

  it('refuses a follow-up of /incidents/nope with 422 on the id, and files nothing', async () => {
    const before = await snapshot();
    const response = await call('POST', '/incidents/nope/follow-ups', {
      user: 'inspector.ada',
      body: { kind: 'update' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue(['id'], /inc_ id/));
    await expectNothingChanged(before);
  });
});

describe('approving and rejecting with invalid input', () => {
  it('refuses a malformed contentHash with 422 on contentHash, and the broadcast stays pending', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: 'looks-fine-to-me' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue(['contentHash'], /contentHash shown with the preview/));
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });

  it('refuses an approval without a contentHash with 422 on contentHash', async () => {
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ben',
      body: {},
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual({ path: ['contentHash'], message: expect.any(String) });
    await expectStillPending(pending.id);
  });

  it('refuses an approval that names its own approver with 422, and the broadcast stays pending', async () => {
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: pending.contentHash, approvedBy: 'inspector.ada' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue([], /approvedBy/));
    await expectStillPending(pending.id);
  });

  it('refuses a break-glass reason shorter than 10 characters with 422 on breakGlassReason', async () => {
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ada',
      body: { contentHash: pending.contentHash, breakGlassReason: 'urgent' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue(['breakGlassReason'], /why no second person/));
    await expectStillPending(pending.id);
  });

  it('refuses a rejection with an empty reason with 422 on reason, and the broadcast stays pending', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${pending.id}/reject`, {
      user: 'inspector.ben',
      body: { reason: '' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual({ path: ['reason'], message: expect.any(String) });
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });

  it('refuses a rejection whose reason is only spaces with 422 on reason', async () => {
    const response = await call('POST', `/broadcasts/${pending.id}/reject`, {
      user: 'inspector.ben',
      body: { reason: '     ' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual({ path: ['reason'], message: expect.any(String) });
    await expectStillPending(pending.id);
  });
});

describe('following up with invalid input', () => {
  it('refuses an unknown kind with 422 on kind, and adds no broadcast', async () => {
    const before = await snapshot();
    const response = await call('POST', `/incidents/${pending.incidentId}/follow-ups`, {
      user: 'inspector.ada',
      body: { kind: 'retraction' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue(['kind'], /update/));
    expect(await broadcastsOfIncident(pending.incidentId)).toHaveLength(1);
    await expectNothingChanged(before);
  });

  it('refuses a malformed follows id with 422 on follows', async () => {
    const response = await call('POST', `/incidents/${pending.incidentId}/follow-ups`, {
      user: 'inspector.ada',
      body: { kind: 'update', follows: 'the-first-one' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual(issue(['follows'], /bc_ id/));
    expect(await broadcastsOfIncident(pending.incidentId)).toHaveLength(1);
  });
});

describe('a request without a valid staff token', () => {
  const foreignToken = () =>
    new SignJWT({
      name: 'Mallory',
      'cognito:username': 'inspector.ada',
      'cognito:groups': ['inspector', 'comms', 'admin'],
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('inspector.ada')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(randomBytes(32));
  const unsignedToken = () =>
    new UnsecuredJWT({
      'cognito:username': 'inspector.ada',
      'cognito:groups': ['inspector'],
      token_use: 'id',
    })
      .setSubject('inspector.ada')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();

  const credentials: {
    what: string;
    reason: string;
    headers: () => Promise<Record<string, string>>;
  }[] = [
    { what: 'no token', reason: 'missing', headers: async () => ({}) },
    {
      what: 'a garbage token',
      reason: 'malformed',
      headers: async () => ({ authorization: 'Bearer not.a.jwt' }),
    },
    {
      what: 'a token signed with another key',
      reason: 'bad-signature',
      headers: async () => ({ authorization: `Bearer ${await foreignToken()}` }),
    },
    {
      what: 'an unsigned token',
      reason: 'bad-signature',
      headers: async () => ({ authorization: `Bearer ${unsignedToken()}` }),
    },
    {
      what: 'a real token under the Basic scheme',
      reason: 'missing',
      headers: async () => ({
        authorization: `Basic ${await herald.runtime.auth.issueToken('inspector.ada')}`,
      }),
    },
  ];

  const withCredentials = credentials.map((c) => [c.what, c.headers, c.reason] as const);
  /** The 401 says why, in a fixed sentence that never echoes the token or its claims. */
  const unauthorized = (reason: string) => ({
    message: expect.stringMatching(/^Unauthorized: [^.]+/),
    reason,
  });

  it.each(withCredentials)(
    'is refused with 401 on GET /incidents when it carries %s, saying why',
    async (_what, headers, reason) => {
      const response = await call('GET', '/incidents', { headers: await headers() });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(unauthorized(reason));
      expect(response.body.incidents).toBeUndefined();
    },
  );

  it.each(withCredentials)(
    'is refused with 401 on POST /incidents when it carries %s, and files nothing',
    async (_what, headers, reason) => {
      const before = await snapshot();
      const response = await call('POST', '/incidents', {
        headers: await headers(),
        body: exampleIncident(),
      });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(unauthorized(reason));
      await expectNothingChanged(before);
    },
  );

  it.each((Object.keys(contract) as RouteKey[]).filter((key) => contract[key].auth === 'staff'))(
    'is refused with 401 on %s when it carries no token',
    async (key) => {
      const { method, path } = splitRouteKey(key);
      const concrete = path.replace('{id}', path.startsWith('/broadcasts') ? pending.id : pending.incidentId);
      const response = await call(method, concrete, method === 'POST' ? { body: {} } : {});
      expect(response.status).toBe(401);
      expect(response.body).toEqual(unauthorized('missing'));
    },
  );

  it('is refused with 401 on an approval, and the broadcast stays pending', async () => {
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      headers: { authorization: `Bearer ${await foreignToken()}` },
      body: { contentHash: pending.contentHash },
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthorized('bad-signature'));
    await expectStillPending(pending.id);
  });
});

describe('a staff member without the right', () => {
  it.each(['comms.chloe', 'admin.dev'])(
    '%s cannot file an incident (403), and nothing is filed',
    async (user) => {
      const before = await snapshot();
      const response = await fileIncident(exampleIncident(), user);
      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(/filing an incident needs one of the roles inspector/);
      await expectNothingChanged(before);
    },
  );

  it('admin.dev cannot approve (403), and the broadcast stays pending', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'admin.dev',
      body: { contentHash: pending.contentHash },
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/approving a broadcast needs one of the roles/);
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });

  it('admin.dev cannot reject (403), and the broadcast stays pending', async () => {
    const response = await call('POST', `/broadcasts/${pending.id}/reject`, {
      user: 'admin.dev',
      body: { reason: 'Not needed.' },
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/rejecting a broadcast needs one of the roles/);
    await expectStillPending(pending.id);
  });

  it('admin.dev cannot file a follow-up (403), and no broadcast is added', async () => {
    const response = await call('POST', `/incidents/${pending.incidentId}/follow-ups`, {
      user: 'admin.dev',
      body: { kind: 'update' },
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/filing a follow-up needs one of the roles/);
    expect(await broadcastsOfIncident(pending.incidentId)).toHaveLength(1);
  });

  it('the author cannot approve her own broadcast (403: a second person must approve)', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ada',
      body: { contentHash: pending.contentHash },
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/second person must approve/);
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });

  it('the author cannot break the glass on an incident that is not Extreme and Immediate (403)', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ada',
      body: { contentHash: pending.contentHash, breakGlassReason: 'Nobody else is on duty tonight.' },
    });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/only for Extreme and Immediate/);
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });
});

describe('something that does not exist', () => {
  const bc = unknownId('bc');
  const inc = unknownId('inc');

  it.each([`/broadcasts/${bc}`, `/broadcasts/${bc}/deliveries`, `/incidents/${inc}`])(
    'GET %s is 404 naming the id',
    async (path) => {
      const response = await call('GET', path, { user: 'comms.chloe' });
      expect(response.status).toBe(404);
      expect(response.body.message).toMatch(path.includes('/broadcasts/') ? bc : inc);
    },
  );

  it('approving an unknown broadcast is 404, and nothing changes', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${bc}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: pending.contentHash },
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(`broadcast ${bc} not found`);
    await expectNothingChanged(before);
  });

  it('rejecting an unknown broadcast is 404, and nothing changes', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${bc}/reject`, {
      user: 'inspector.ben',
      body: { reason: 'Wrong division.' },
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(`broadcast ${bc} not found`);
    await expectNothingChanged(before);
  });

  it('a follow-up on an unknown incident is 404, and nothing changes', async () => {
    const before = await snapshot();
    const response = await call('POST', `/incidents/${inc}/follow-ups`, {
      user: 'inspector.ada',
      body: { kind: 'update' },
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(`incident ${inc} not found`);
    await expectNothingChanged(before);
  });

  it('a follow-up of a broadcast that is not in the incident is 404, and adds no broadcast', async () => {
    const response = await call('POST', `/incidents/${pending.incidentId}/follow-ups`, {
      user: 'inspector.ada',
      body: { kind: 'update', follows: bc },
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(`broadcast ${bc} not found in this incident`);
    expect(await broadcastsOfIncident(pending.incidentId)).toHaveLength(1);
  });

  it.each([
    'GET /nope',
    'GET /incidents/extra/segments/here',
    'DELETE /incidents',
    'PUT /broadcasts/bc_0123456789abcdefghjkmnpqrs/approve',
  ])('%s is 404 because there is no such route', async (request) => {
    const [method, path] = request.split(' ') as [string, string];
    const response = await call(method, path, { user: 'admin.dev' });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'Not Found' });
  });
});

describe('a request that conflicts with the current state', () => {
  it('approving with a well-formed but stale contentHash is 409, and the broadcast stays pending', async () => {
    const before = await snapshot();
    const response = await call('POST', `/broadcasts/${pending.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: wellFormedButStaleHash },
    });
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/content changed since it was previewed/);
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });

  it('a follow-up on an incident whose only broadcast is still pending is 409, and adds no broadcast', async () => {
    const before = await snapshot();
    const response = await call('POST', `/incidents/${pending.incidentId}/follow-ups`, {
      user: 'inspector.ada',
      body: { kind: 'update', facts: { time: '21:55' } },
    });
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/no approved broadcast to follow/);
    expect(await broadcastsOfIncident(pending.incidentId)).toHaveLength(1);
    await expectStillPending(pending.id);
    await expectNothingChanged(before);
  });

  it('approving an already approved broadcast is 409, and nothing is sent again', async () => {
    const broadcast = await filePending();
    const first = await call('POST', `/broadcasts/${broadcast.id}/approve`, {
      user: 'inspector.ben',
      body: { contentHash: broadcast.contentHash },
    });
    expect(first.status).toBe(200);
    const before = await snapshot();
    expect(before.posts).toBeGreaterThan(0);

    const again = await call('POST', `/broadcasts/${broadcast.id}/approve`, {
      user: 'comms.chloe',
      body: { contentHash: broadcast.contentHash },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/^this broadcast is already approved/);
    await expectNothingChanged(before);
    const view = await broadcastOf(broadcast.id);
    expect(view.approval.by).toBe('inspector.ben');
    expect(view.audit.filter((entry: { to: string }) => entry.to === 'APPROVED')).toHaveLength(1);
  });

  it('approving an already rejected broadcast is 409, and nothing is sent', async () => {
    const broadcast = await filePending();
    const rejected = await call('POST', `/broadcasts/${broadcast.id}/reject`, {
      user: 'inspector.ben',
      body: { reason: 'Wrong division named.' },
    });
    expect(rejected.status).toBe(200);
    const before = await snapshot();

    const approved = await call('POST', `/broadcasts/${broadcast.id}/approve`, {
      user: 'comms.chloe',
      body: { contentHash: broadcast.contentHash },
    });
    expect(approved.status).toBe(409);
    expect(approved.body.message).toMatch(
      /only a broadcast pending approval can be approved; this one is REJECTED/,
    );
    await expectNothingChanged(before);
    const view = await broadcastOf(broadcast.id);
    expect(view.status).toBe('REJECTED');
    expect(view.approval).toBeUndefined();
  });

  it('rejecting an already rejected broadcast is 409, and the first reason stays', async () => {
    const broadcast = await filePending();
    const first = await call('POST', `/broadcasts/${broadcast.id}/reject`, {
      user: 'inspector.ben',
      body: { reason: 'Wrong division named.' },
    });
    expect(first.status).toBe(200);

    const again = await call('POST', `/broadcasts/${broadcast.id}/reject`, {
      user: 'comms.chloe',
      body: { reason: 'Duplicate.' },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/^this broadcast is already rejected/);
    const view = await broadcastOf(broadcast.id);
    expect(view.rejection).toMatchObject({ by: 'inspector.ben', reason: 'Wrong division named.' });
  });
});

/**
 * Follows `$ref`s the way an OpenAPI 3.1 tool does: a `#/...` pointer is resolved from the root of
 * the whole document (a schema object here has no `$id` of its own).
 */
function resolveRefs(document: any, schema: any): any {
  let current = schema;
  for (let hops = 0; typeof current?.$ref === 'string' && hops < 10; hops++) {
    const ref: string = current.$ref;
    expect(ref, 'a $ref within the document').toMatch(/^#\//);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((node, key) => node?.[key], document);
    expect(current, `${ref} resolves from the root of the OpenAPI document`).toBeDefined();
  }
  return current;
}

describe('the public routes', () => {
  it.each((Object.keys(contract) as RouteKey[]).filter((key) => contract[key].auth === 'public'))(
    '%s is served without a token (its own answer, never 401 or a 5xx)',
    async (key) => {
      const { method, path } = splitRouteKey(key);
      const response = await call(method, path);
      // Routes with parameters or a body refuse the bare call with their own 4xx.
      expect(response.status === 200 || (response.status >= 400 && response.status < 500)).toBe(true);
      expect(response.status).not.toBe(401);
      expect(response.body).toEqual(expect.any(Object));
    },
  );

  it('GET /health says it is ok', async () => {
    const response = await call('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('GET /openapi.json answers 200 without a token and documents every route of the contract', async () => {
    const response = await call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    for (const key of Object.keys(contract) as RouteKey[]) {
      const { method, path } = splitRouteKey(key);
      expect(paths[path]?.[method.toLowerCase()], key).toBeDefined();
    }
  });

  // The body schemas must be usable by OpenAPI tools: a `$ref` has to resolve from the document's
  // root (e.g. #/components/schemas/FileIncident), not point at a `definitions` block beside it.
  it('GET /openapi.json marks the request bodies as closed to unknown fields', async () => {
    const response = await call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const paths = response.body.paths;
    const bodySchema = (path: string) =>
      resolveRefs(response.body, paths[path].post.requestBody.content['application/json'].schema);
    const fileIncidentSchema = bodySchema('/incidents');
    expect(fileIncidentSchema.additionalProperties).toBe(false);
    expect(fileIncidentSchema.required).toEqual(
      expect.arrayContaining(['category', 'status', 'severity', 'languages', 'facts', 'expiresAt']),
    );
    expect(Object.keys(fileIncidentSchema.properties)).not.toContain('id');
    for (const path of [
      '/incidents/{id}/follow-ups',
      '/broadcasts/{id}/approve',
      '/broadcasts/{id}/reject',
    ]) {
      expect(bodySchema(path).additionalProperties, path).toBe(false);
    }
  });
});
