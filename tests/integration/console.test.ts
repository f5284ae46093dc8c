import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../shared/ports/system.js';
import { ConsoleClient, type ConsoleResponse } from '../support/console-client.js';
import { postsOf, publishesOf } from '../support/delivered.js';
import { type Herald, startHerald } from '../support/herald.js';
import { startTags, textOfId } from '../support/html.js';

/**
 * The duty console end to end, as a staff member's browser without its script uses it: real HTTP
 * to the local runtime, a session cookie from the demo sign-in form, every post a plain form post
 * carrying the session's token, every redirect looked at by hand. What each post changed (or did
 * not) is read back through the JSON API with a bearer token, not through the console itself.
 *
 * The runtime's clock is the context's `clock` port; `wrapContext` puts one here that a test can
 * move forward (it also runs the queue workers in this thread, as `threads: false` would).
 */

let herald: Herald;
let clockShiftMs = 0;
const shiftedClock: Clock = { now: () => new Date(Date.now() + clockShiftMs) };
/** Every answer a console browser of this file got, to check their headers at the end. */
const answers: { path: string; answer: ConsoleResponse }[] = [];

beforeAll(async () => {
  herald = await startHerald({ wrapContext: (context) => ({ ...context, clock: shiftedClock }) });
});
afterAll(() => herald?.stop());

/** A signed-in demo user's browser whose every answer is kept. */
async function signedIn(user: string): Promise<ConsoleClient> {
  const client = keepAnswers(new ConsoleClient(herald.url));
  const signed = await client.post(
    '/console/sign-in',
    [
      ['user', user],
      ['returnTo', '/console'],
    ],
    {},
    { csrf: false },
  );
  expect(signed.status).toBe(303);
  expect((await client.get('/console')).status).toBe(200);
  return client;
}

function keepAnswers(client: ConsoleClient): ConsoleClient {
  const get = client.get.bind(client);
  const post = client.post.bind(client);
  client.get = async (path, ...rest) => {
    const answer = await get(path, ...rest);
    answers.push({ path, answer });
    return answer;
  };
  client.post = async (path, ...rest) => {
    const answer = await post(path, ...rest);
    answers.push({ path, answer });
    return answer;
  };
  return client;
}

const FILING_PATH = '/console/incidents/new/live/weapons-call';

/** A complete two-division filing form; `location` marks the incident it would file. */
function filingFields(action: 'preview' | 'file', location: string): [string, string][] {
  return [
    ['action', action],
    ['fact.location', location],
    ['fact.time', '21:40'],
    ['fact.description.en', 'Suspect: male, about 30, black hoodie, fled on foot northbound.'],
    ['fact.description.fr', 'Suspect : homme, environ 30 ans, chandail noir, en fuite à pied vers le nord.'],
    ['areas', '14'],
    ['areas', '51'],
    ['languages', 'en'],
    ['languages', 'fr'],
    ['severity', 'Severe'],
    ['urgency', 'Immediate'],
    ['certainty', 'Observed'],
    ['expiresInHours', '4'],
  ];
}

let markers = 0;
/** A location nobody else in this file files, to find its incidents through the API. */
const uniqueLocation = (what: string) => `${what} at Queen St W and Bathurst St (${++markers})`;

/** The incidents the JSON API lists that mention `marker` (in a fact). */
async function incidentsAt(marker: string): Promise<unknown[]> {
  const listed = await herald.call('GET', '/incidents', { user: 'admin.dev' });
  expect(listed.status).toBe(200);
  expect(Array.isArray(listed.body.incidents)).toBe(true);
  return (listed.body.incidents as unknown[]).filter((incident) => JSON.stringify(incident).includes(marker));
}

/** Files through the console as `author`; returns the broadcast's id and content hash. */
async function fileThroughConsole(author: ConsoleClient, location = uniqueLocation('Filed')) {
  const filed = await author.post(FILING_PATH, filingFields('file', location));
  expect(filed.status).toBe(303);
  const id = /^\/console\/broadcasts\/(bc_[0-9a-z]{26})\?note=filed$/.exec(filed.location ?? '')?.[1];
  expect(id).toBeDefined();
  const view = await herald.call('GET', `/broadcasts/${id}`, { user: 'admin.dev' });
  return { id: id as string, contentHash: view.body.broadcast.contentHash as string };
}

const problemOf = (page: ConsoleResponse) => textOfId(page.html, 'problem-message')?.trim();
const errorSummaryOf = (page: ConsoleResponse) =>
  /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(page.html)?.[0].replace(/<[^>]+>/g, ' ') ?? '';

describe('the console without a session', () => {
  it('sends a page to the sign-in form with the way back, and says why', async () => {
    const browser = keepAnswers(new ConsoleClient(herald.url));

    const home = await browser.get('/console');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/console/sign-in?returnTo=%2Fconsole&reason=signed-out');

    const history = await browser.get('/console/incidents?state=OPEN');
    expect(history.status).toBe(303);
    const target = new URL(history.location ?? '', herald.url);
    expect(target.pathname).toBe('/console/sign-in');
    expect(target.searchParams.get('returnTo')).toBe('/console/incidents?state=OPEN');
  });

  it('answers the status poll and the board refresh with 401, not a redirect to a page they cannot show', async () => {
    const browser = keepAnswers(new ConsoleClient(herald.url));

    const status = await browser.get('/console/session/status');
    expect(status.status).toBe(401);
    expect(status.location).toBeNull();

    const board = await browser.get('/console/broadcasts/bc_00000000000000000000000000/board');
    expect(board.status).toBe(401);
    expect(board.location).toBeNull();
  });
});

describe('a console post that is not from a console page of this session', () => {
  const refusals: [
    string,
    (browser: ConsoleClient) => [string, string][],
    Record<string, string | undefined>,
  ][] = [
    ['without its anti-forgery token', () => [], {}],
    ['with a token that is not this session’s', () => [['csrf', 'A'.repeat(43)]], {}],
    [
      'from another site (Sec-Fetch-Site: cross-site), its token included',
      (b) => [['csrf', b.csrf ?? '']],
      { 'sec-fetch-site': 'cross-site' },
    ],
    [
      'from another origin (no Sec-Fetch-Site, as from an older browser), its token included',
      (b) => [['csrf', b.csrf ?? '']],
      { 'sec-fetch-site': undefined, origin: 'https://evil.example' },
    ],
  ];

  for (const [what, token, headers] of refusals) {
    it(`is refused ${what} with a 403 page, and nothing is filed`, async () => {
      const ada = await signedIn('inspector.ada');
      const location = uniqueLocation('Forged');

      const answer = await ada.post(
        FILING_PATH,
        [...token(ada), ...filingFields('file', location)],
        headers,
        { csrf: false },
      );

      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(problemOf(answer)).toMatch(/^This form could not be accepted .* Nothing was changed\./);
      expect(await incidentsAt(location)).toEqual([]);
    });
  }
});

describe('filing through the console', () => {
  it('refuses a form with a field the page does not take with a 400 page, and files nothing', async () => {
    const ada = await signedIn('inspector.ada');
    const location = uniqueLocation('Unknown field');

    const answer = await ada.post(FILING_PATH, [...filingFields('file', location), ['priority', 'high']]);

    expect(answer.status).toBe(400);
    expect(problemOf(answer)).toBe('the form has fields this page does not take');
    expect(await incidentsAt(location)).toEqual([]);
  });

  // A fact field is checked by name pattern apart from the form's schema (splitFactFields), and a
  // malformed one escapes as the ZodError itself: a 422 page whose message is zod's JSON.
  const malformedFacts: [string, (fields: [string, string][]) => [string, string][]][] = [
    ['a fact field sent twice', (fields) => [...fields, ['fact.time', '22:05']]],
    [
      'a fact field longer than any field takes (2,001 characters)',
      (fields) => fields.map(([name, value]) => [name, name === 'fact.time' ? 'x'.repeat(2001) : value]),
    ],
  ];
  for (const [what, malform] of malformedFacts) {
    it(`refuses ${what} like any malformed field: a 400 page in words, not the schema’s dump`, async () => {
      const ada = await signedIn('inspector.ada');
      const location = uniqueLocation('Malformed fact');

      const answer = await ada.post(FILING_PATH, malform(filingFields('file', location)));

      expect(await incidentsAt(location)).toEqual([]);
      expect(problemOf(answer)).not.toMatch(/invalid_type|too_big|"path"/);
      expect(answer.status).toBe(400);
      expect(problemOf(answer)).toBe('the form has fields this page does not take');
    });
  }

  it('puts a missing required fact next to its field with a 422, keeps what was typed, and files nothing', async () => {
    const ada = await signedIn('inspector.ada');
    const marker = uniqueLocation('Missing location');
    const fields: [string, string][] = filingFields('file', 'unused')
      .filter(([name]) => name !== 'fact.location')
      .map(([name, value]) => [name, name === 'fact.description.en' ? marker : value]);

    const answer = await ada.post(FILING_PATH, fields);

    expect(answer.status).toBe(422);
    expect(textOfId(answer.html, 'fact.location-error')).toMatch(/^Error:\s+\S/);
    expect(errorSummaryOf(answer)).toContain(
      textOfId(answer.html, 'fact.location-error')?.replace(/^Error:\s+/, ''),
    );
    expect(startTags(answer.html, 'input').find((i) => i.name === 'fact.time')?.value).toBe('21:40');
    expect(answer.html).toContain(marker);
    expect(await incidentsAt(marker)).toEqual([]);
  });

  it('previews without filing: the preview is on the page and the API lists no incident', async () => {
    const ada = await signedIn('inspector.ada');
    const location = uniqueLocation('Previewed');

    const answer = await ada.post(FILING_PATH, filingFields('preview', location));

    expect(answer.status).toBe(200);
    expect(answer.html).toContain('data-testid="preview"');
    expect(answer.html).toContain(location);
    expect(await incidentsAt(location)).toEqual([]);
  });

  it('shows both SMS budgets beside the preview: the spend limit alerts draw on and the sign-up codes’ own', async () => {
    const ada = await signedIn('inspector.ada');

    const answer = await ada.post(FILING_PATH, filingFields('preview', uniqueLocation('Budgets')));

    const budgets = answer.html.match(/data-testid="sms-budgets">([\s\S]*?)<\/dd>/)?.[1];
    const { codeSms } = herald.runtime.registry.subscriptions.protection;
    expect(budgets).toContain(
      `USD ${herald.runtime.registry.sms.monthlySpendLimitUsd} monthly SMS spend limit`,
    );
    expect(budgets).toContain(`of ${codeSms.perHour} this hour`);
    expect(budgets).toContain(`of ${codeSms.perDay} today`);
  });
});

describe('approving through the console', () => {
  it("refuses the author's own approval with the approval policy's sentence, and nothing is approved", async () => {
    const ada = await signedIn('inspector.ada');
    const { id, contentHash } = await fileThroughConsole(ada);

    const answer = await ada.post(`/console/broadcasts/${id}/approve`, [['contentHash', contentHash]]);

    expect(answer.status).toBe(403);
    expect(errorSummaryOf(answer)).toContain(
      'The author cannot approve their own broadcast; a second person must approve it.',
    );
    const view = await herald.call('GET', `/broadcasts/${id}`, { user: 'admin.dev' });
    expect(view.body.broadcast.approvalStatus).toBe('PENDING_APPROVAL');
    expect(view.body.broadcast.approval).toBeUndefined();
  });

  it('approves once when the same reviewer posts approve twice at the same time, and dispatches once', async () => {
    const ada = await signedIn('inspector.ada');
    const ben = await signedIn('inspector.ben');
    const { id, contentHash } = await fileThroughConsole(ada);

    const both = await Promise.all([
      ben.post(`/console/broadcasts/${id}/approve`, [['contentHash', contentHash]]),
      ben.post(`/console/broadcasts/${id}/approve`, [['contentHash', contentHash]]),
    ]);

    expect(both.map((a) => a.status)).toEqual([303, 303]);
    expect(both.map((a) => a.location).sort()).toEqual([
      `/console/broadcasts/${id}?note=already-approved`,
      `/console/broadcasts/${id}?note=approved`,
    ]);
    await herald.settled();
    const view = await herald.call('GET', `/broadcasts/${id}`, { user: 'admin.dev' });
    expect(view.body.broadcast.approval.by).toBe('inspector.ben');
    expect(view.body.broadcast.audit.filter((e: { to?: string }) => e.to === 'APPROVED')).toHaveLength(1);
    const deliveries = await herald.call('GET', `/broadcasts/${id}/deliveries`, { user: 'admin.dev' });
    const targets = (deliveries.body as { channel: string; target: string }[]).map(
      (d) => `${d.channel}:${d.target}`,
    );
    expect(targets.length).toBeGreaterThan(0);
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets.length).toBe(
      view.body.broadcast.audience.accounts.length + view.body.broadcast.audience.topics.length,
    );
    const { audience, preview } = view.body.broadcast;
    expect(postsOf(herald, preview.link)).toHaveLength(audience.accounts.length * preview.xThread.length);
    expect(publishesOf(herald, preview.link)).toHaveLength(audience.topics.length);
  });

  it('records a return for edit as returned on the broadcast', async () => {
    const ada = await signedIn('inspector.ada');
    const ben = await signedIn('inspector.ben');
    const { id } = await fileThroughConsole(ada);
    expect((await ben.get(`/console/broadcasts/${id}`)).status).toBe(200);

    const answer = await ben.post(`/console/broadcasts/${id}/reject`, [
      ['reason', 'The corner is wrong: check it with the scene first'],
      ['outcome', 'return'],
    ]);

    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/console/broadcasts/${id}?note=rejected`);
    const view = await herald.call('GET', `/broadcasts/${id}`, { user: 'admin.dev' });
    expect(view.body.broadcast.approvalStatus).toBe('REJECTED');
    expect(view.body.broadcast.rejection).toMatchObject({
      by: 'inspector.ben',
      reason: 'The corner is wrong: check it with the scene first',
      returned: true,
    });
  });
});

describe("the console's stylesheet and script", () => {
  it('are served under their hashed names with immutable caching, and a name that is not theirs is a 404', async () => {
    const ada = await signedIn('inspector.ada');
    const home = await ada.get('/console');
    const stylesheet = startTags(home.html, 'link').find((l) => l.rel === 'stylesheet')?.href;
    const script = startTags(home.html, 'script').find((s) => s.type === 'module')?.src;
    expect(stylesheet).toMatch(/^\/console\/assets\/console\.[0-9a-f]{10}\.css$/);
    expect(script).toMatch(/^\/console\/assets\/console\.[0-9a-f]{10}\.js$/);

    const css = await ada.get(stylesheet as string);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.html.length).toBeGreaterThan(1000);
    const js = await ada.get(script as string);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.html).toContain('delivery-board');

    for (const wrong of [
      'console.0000000000.css',
      'console.0000000000.js',
      'herald.css',
      '..%2Fpackage.json',
    ]) {
      const answer = await ada.get(`/console/assets/${wrong}`);
      expect(answer.status, wrong).toBe(404);
      expect(answer.headers.get('cache-control'), wrong).toBe('no-store');
    }
  });
});

describe('the console session', () => {
  it('ends at sign-out: the cookie is cleared, and the old cookie no longer opens a page or takes a post', async () => {
    const ben = await signedIn('inspector.ben');
    const oldCookie = ben.sessionCookie() as string;
    const oldToken = ben.csrf as string;

    const out = await ben.post('/console/sign-out', []);

    expect(out.status).toBe(303);
    expect(out.location).toBe('/console/signed-out');
    expect(out.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^__Host-herald-console=; .*Max-Age=0$/),
    ]);
    expect(ben.sessionCookie()).toBeUndefined();

    ben.setSessionCookie(oldCookie);
    const page = await ben.get('/console');
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/console\/sign-in\?/);
    expect((await ben.get('/console/session/status')).status).toBe(401);
    const location = uniqueLocation('After sign-out');
    const post = await ben.post(FILING_PATH, [['csrf', oldToken], ...filingFields('file', location)]);
    expect(post.status).toBe(401);
    expect(await incidentsAt(location)).toEqual([]);
  });

  it('is not extended by the status poll or the board refresh, even a minute on, but is by a page a minute on', async () => {
    const chloe = await signedIn('comms.chloe');
    const idleEnd = async () => {
      const status = await chloe.get('/console/session/status');
      expect(status.status).toBe(200);
      expect(status.headers.get('content-type')).toBe('application/json');
      return JSON.parse(status.html).idleExpiresAt as string;
    };
    const first = await idleEnd();
    expect(await idleEnd()).toBe(first);

    clockShiftMs += 61_000;
    expect(await idleEnd()).toBe(first);
    const { id } = await fileThroughConsole(await signedIn('inspector.ada'));
    expect((await chloe.get(`/console/broadcasts/${id}/board`)).status).toBe(200);
    expect(await idleEnd()).toBe(first);

    expect((await chloe.get('/console/approvals')).status).toBe(200);
    const renewed = await idleEnd();
    expect(Date.parse(renewed) - Date.parse(first)).toBeGreaterThanOrEqual(61_000);
    expect(Date.parse(renewed) - Date.parse(first)).toBeLessThan(61_000 + 10_000);
  });
});

describe('every console answer', () => {
  it("carries the console's CSP (script-src 'self', no inline script) and, but for the assets, no-store", () => {
    const statuses = new Set(answers.map(({ answer }) => answer.status));
    for (const status of [200, 303, 400, 401, 403, 404, 422]) expect(statuses).toContain(status);
    for (const { path, answer } of answers) {
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      const asset = path.startsWith('/console/assets/') && answer.status === 200;
      if (!asset) expect(answer.headers.get('cache-control'), path).toBe('no-store');
      if (answer.html.startsWith('<!DOCTYPE html>')) {
        expect(answer.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
        expect(answer.html, path).not.toMatch(/<script(?![^>]*\bsrc=)/);
      }
    }
  });
});
