import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalsIn,
  approve,
  boardRows,
  boardSettles,
  broadcastOf,
  type ConsoleMode,
  deliveriesOf,
  type Filing,
  file,
  fileThroughApi,
  fillFiling,
  type Person,
  press,
  preview,
  problemText,
  startFiling,
  tick,
  useConsole,
  WEAPONS_CALL,
  xPostsOf,
} from '../support/console.js';
import { publishesOf, threadsPerAccount } from '../support/delivered.js';
import { published } from '../support/public-site.js';
import { step } from '../support/steps.js';

/**
 * The duty console in a real Chromium against a whole local Herald: two inspectors, each in a
 * browser of their own, file, approve, watch the board and follow up; what reached X, SNS and the
 * public site is read from the fakes and the site itself.
 */

const site = useConsole();

/** A filing of the example weapons call at its own location, so a test finds what it filed. */
const at = (location: string, more: Partial<Filing> = {}): Filing => ({
  ...WEAPONS_CALL,
  ...more,
  facts: { ...WEAPONS_CALL.facts, 'fact.location': location, ...more.facts },
});

/** The incidents filed at `location` (every test files at a location of its own). */
async function incidentsAt(location: string): Promise<{ id: string; citywide: boolean }[]> {
  const listed = await site.herald.call('GET', '/incidents?limit=50', { user: 'comms.chloe' });
  expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  return listed.body.incidents.filter((i: { facts: { location?: string } }) => i.facts.location === location);
}

const WORD = { live: 'LIVE', exercise: 'EXERCISE', test: 'TEST' } as const;

/** The page is about a broadcast of this mode, in words first: its band and its title. */
async function expectMode(page: Page, mode: ConsoleMode, where: string): Promise<void> {
  const band = page.locator('.herald-mode-band');
  expect(await band.count(), `${where}: one mode band`).toBe(1);
  expect(await band.getAttribute('data-mode'), `${where}: the band's mode`).toBe(mode);
  expect(await band.isVisible(), `${where}: the band is visible`).toBe(true);
  expect(await band.textContent(), `${where}: the band's words`).toMatch(new RegExp(`^${WORD[mode]}: `));
  expect(await page.title(), `${where}: the title`).toMatch(new RegExp(`^(Error: )?${WORD[mode]}: `));
}

/**
 * Each link of the error summary and what it leads to on the page (`tag#id`), or `nothing`: the
 * summary's links move a keyboard or screen-reader user to the field to fix.
 */
async function summaryLinks(page: Page): Promise<{ href: string; target: string }[]> {
  return page.locator('#error-summary a').evaluateAll((links) =>
    links.map((a) => {
      const href = a.getAttribute('href') ?? '';
      const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
      return { href, target: target ? `${target.tagName.toLowerCase()}#${target.id}` : 'nothing' };
    }),
  );
}

describe('two inspectors and one live alert', () => {
  const location = 'Jane St and Finch Ave';
  /** Where it really was: what the correction says. */
  const corrected = 'Jane St and Sheppard Ave W';
  let ada: Person;
  let ben: Person;

  beforeAll(async () => {
    [ada, ben] = await Promise.all([
      site.as('inspector.ada', { shared: true }),
      site.as('inspector.ben', { shared: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([ada?.close(), ben?.close()]);
  });

  /** The flow's steps: each test asks for those it builds on (tests/support/steps.ts). */
  const filed = step(async () => {
    const { page } = ada;
    await startFiling(page, 'live');
    await expectMode(page, 'live', 'the filing form');
    await fillFiling(page, at(location));
    await preview(page);

    // The preview stored nothing: the form is still open, with what was typed.
    expect(new URL(page.url()).pathname).toBe('/console/incidents/new/live/weapons-call');
    expect(await incidentsAt(location)).toEqual([]);
    expect(await page.inputValue('[name="fact.location"]')).toBe(location);
    expect(await page.isChecked('#areas-31')).toBe(true);

    const audience = page.locator('[data-testid="preview"] [data-testid="audience"]');
    expect(await audience.locator('[data-testid="audience-areas"]').textContent()).toBe(
      '31 Division, 32 Division',
    );
    const reach = await audience.textContent();
    expect(reach).toContain('(@SampleDiv31)');
    expect(reach).toContain('(@SampleDiv32)');
    for (const [language, words] of [
      ['en', 'fled on foot northbound'],
      ['fr', 'en fuite à pied vers le nord'],
    ] as const) {
      const section = page.locator(`section[aria-labelledby="preview-${language}"]`);
      const posts = await section.locator('.herald-preview__posts pre').allTextContents();
      expect(posts.length, `X posts in ${language}`).toBeGreaterThanOrEqual(1);
      expect(posts.join('\n'), `X posts in ${language}`).toContain(location);
      expect(posts.join('\n'), `X posts in ${language}`).toContain(words);
      expect(await section.locator(`[data-testid="sms-meter-${language}"]`).textContent()).toMatch(
        /characters, \d+ parts?/,
      );
      expect(await section.locator('h4:text-is("SMS") + pre').textContent()).toContain(location);
    }

    const alertId = await file(page);
    expect(await page.locator('[data-testid="note"]').textContent()).toContain('Filed.');
    expect(await incidentsAt(location)).toHaveLength(1);
    const broadcast = await broadcastOf(site.herald, alertId);
    expect(broadcast).toMatchObject({ status: 'PENDING_APPROVAL', author: 'inspector.ada' });
    return alertId;
  });

  /** The author opens it: no approve button, and the page says why. */
  const refusedToItsAuthor = step(async () => {
    const alertId = await filed();
    const { page } = ada;
    await ada.visit(`/console/broadcasts/${alertId}`);
    await expectMode(page, 'live', 'the approval page');
    expect(await page.title()).toMatch(/^LIVE: Alert awaiting approval/);
    const why = page.locator('[data-testid="cannot-approve"]');
    expect(await why.isVisible()).toBe(true);
    expect(await why.textContent()).toContain('the author cannot approve their own broadcast');
    expect(await page.locator('#approve-button').count()).toBe(0);
    expect(await page.locator('#approve-form').count()).toBe(0);
    return alertId;
  });

  const approved = step(async () => {
    const alertId = await refusedToItsAuthor();
    const { page } = ben;
    await ben.visit('/console/approvals');
    const link = page.locator(`#awaiting-table a[href="/console/broadcasts/${alertId}"]`);
    expect(await link.count()).toBe(1);
    await press(page, '', () => link.click());
    await expectMode(page, 'live', 'the approval page');
    expect(await page.locator('[data-testid="cannot-approve"]').count()).toBe(0);
    expect(await page.textContent('#approve-button')).toBe('Approve and send LIVE now');
    const pending = await broadcastOf(site.herald, alertId);
    expect(await page.inputValue('#approve-form input[name="contentHash"]')).toBe(pending.contentHash);

    const response = await press(page, '#approve-button');
    expect(response.status(), await problemText(page)).toBe(200);
    expect(new URL(page.url()).searchParams.get('note')).toBe('approved');
    expect(await page.locator('[data-testid="note"]').textContent()).toContain('Approved.');
    const approved = await broadcastOf(site.herald, alertId);
    expect(approved.approval).toMatchObject({ by: 'inspector.ben', contentHash: pending.contentHash });
    expect(approvalsIn(approved)).toHaveLength(1);
    // The board came while dispatch ran; its script refreshes it until every delivery is done.
    expect(await boardSettles(page)).toBe('DELIVERED');
    return alertId;
  });

  const correctionFiled = step(async () => {
    const alertId = await approved();
    const { page } = ben;
    await ben.visit(`/console/broadcasts/${alertId}`);
    await press(page, '#follow-up-correction');
    const alert = await broadcastOf(site.herald, alertId);
    expect(new URL(page.url()).pathname).toBe(`/console/incidents/${alert.incidentId}/follow-up/correction`);
    await expectMode(page, 'live', 'the correction form');
    // Pre-filled from the alert it corrects.
    expect(await page.inputValue('[name="fact.location"]')).toBe(location);
    expect(await page.inputValue('[name="fact.time"]')).toBe('21:40');
    await page.fill('[name="fact.location"]', corrected);
    await preview(page);
    const words = await page
      .locator('[data-testid="preview"] section[aria-labelledby="preview-en"]')
      .textContent();
    expect(words).toContain(`CORRECTION: Weapons call, ${corrected}`);
    const correctionId = await file(page);

    // Inspector B filed the correction: inspector A approves it.
    await approve(ada, correctionId);
    expect(await boardSettles(ada.page)).toBe('DELIVERED');
    return { alertId, correctionId };
  });

  it('lets inspector A preview a two-division alert in English and French, then file it', async () => {
    const alertId = await filed();
    expect((await broadcastOf(site.herald, alertId)).status).not.toBe('REJECTED');
  });

  it('tells inspector A, who filed it, why they cannot approve it, and gives them no approve button', async () => {
    const alertId = await refusedToItsAuthor();
    expect((await broadcastOf(site.herald, alertId)).author).toBe('inspector.ada');
  });

  it('lets inspector B find it awaiting approval and approve the exact content shown', async () => {
    const alertId = await approved();
    const broadcast = await broadcastOf(site.herald, alertId);
    expect(approvalsIn(broadcast)).toHaveLength(1);
    expect(broadcast.approval).toMatchObject({ by: 'inspector.ben' });
  });

  it('shows on the board that every account and topic was sent, the board refreshing by itself', async () => {
    const alertId = await approved();
    const { page } = ben;
    // The page came while dispatch ran; the script fetched the board until it was done.
    const refreshes = ben.requests.filter((url) => url.pathname === `/console/broadcasts/${alertId}/board`);
    expect(refreshes.length).toBeGreaterThan(0);
    await ben.visit(`/console/broadcasts/${alertId}`);
    expect(await boardSettles(page)).toBe('DELIVERED');
    const rows = await boardRows(page);
    const deliveries = await deliveriesOf(site.herald, alertId);
    expect(rows.map((r) => r.target).sort()).toEqual(deliveries.map((d) => d.target).sort());
    expect(rows.map((r) => r.target)).toEqual(expect.arrayContaining(['div-31', 'div-32', 'hq']));
    expect(rows.filter((r) => !r.target.startsWith('div-') && r.target !== 'hq').length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
    const { audience } = await broadcastOf(site.herald, alertId);
    expect(rows).toHaveLength(audience.accounts.length + audience.topics.length);
    expect(await page.textContent('#board-status')).toBe(
      `Sent everywhere: ${rows.length} of ${rows.length} sent`,
    );
  });

  it("lets inspector B file a correction from the board, which on X replies to each account's original post", async () => {
    const { alertId, correctionId } = await correctionFiled();
    const originals = (await deliveriesOf(site.herald, alertId)).filter((d) => d.channel === 'x');
    const corrections = (await deliveriesOf(site.herald, correctionId)).filter((d) => d.channel === 'x');
    expect(originals.length).toBeGreaterThanOrEqual(3);
    expect(corrections.map((d) => d.target).sort()).toEqual(originals.map((d) => d.target).sort());
    const posts = site.herald.runtime.inbox.posts();
    for (const original of originals) {
      const correction = corrections.find((d) => d.target === original.target);
      const reply = posts.find((p) => p.id === correction?.providerIds[0]);
      expect(reply, `the correction's first post on ${original.target}`).toMatchObject({
        account: original.target,
        inReplyTo: original.providerIds[0],
      });
      expect(reply?.text).toContain(`CORRECTION: Weapons call, ${corrected}`);
    }
  });

  it("updates the public site: the alert's page sends readers to the correction, which says it is one", async () => {
    const { alertId, correctionId } = await correctionFiled();
    const correctionPath = `/b/${correctionId}`;
    const alertPage = await published(site.herald, `/b/${alertId}`, (html) =>
      html.includes(`href="${correctionPath}"`),
    );
    expect(alertPage).toContain('There is a newer message about this incident.');
    await published(site.herald, correctionPath);

    const { page } = ben;
    await ben.visit(correctionPath);
    expect(await page.locator('article .govuk-caption-l').textContent()).toBe('Correction');
    expect(await page.locator('.herald-state').first().textContent()).toBe('Corrected');
    expect(await page.locator('h1').textContent()).toContain(corrected);
  });

  it("made every request of both inspectors' pages to the Herald itself, and broke no Content-Security-Policy rule", async () => {
    const { alertId } = await correctionFiled();
    for (const person of [ada, ben]) {
      expect(person.requests.length).toBeGreaterThan(10);
      expect(new Set(person.requests.map((url) => url.origin))).toEqual(new Set([site.origin]));
      expect(person.cspViolations()).toEqual([]);
    }
    const { response } = await ben.visit(`/console/broadcasts/${alertId}`);
    const policy = (await response.allHeaders())['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

describe('an Exercise', () => {
  const location = 'College St and Spadina Ave';
  let ada: Person;
  let ben: Person;

  beforeAll(async () => {
    [ada, ben] = await Promise.all([
      site.as('inspector.ada', { shared: true }),
      site.as('inspector.ben', { shared: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([ada?.close(), ben?.close()]);
  });

  /** Marked EXERCISE in its band and title, and never LIVE anywhere on the page. */
  async function expectExercise(page: Page, where: string): Promise<void> {
    await expectMode(page, 'exercise', where);
    expect(await page.locator('main').textContent(), `${where} says LIVE`).not.toMatch(/\bLIVE\b/);
  }

  /** Every button and button-like link of the page's main content names the mode. */
  async function expectButtonsSayExercise(page: Page, where: string, atLeast: number): Promise<void> {
    const buttons = await page
      .locator(
        'main button.govuk-button:not(.govuk-button--warning):not(#return-button), main a.govuk-button',
      )
      .allTextContents();
    expect(buttons.length, `${where}: buttons`).toBeGreaterThanOrEqual(atLeast);
    for (const text of buttons) expect(text, `${where}: a button`).toContain('EXERCISE');
  }

  /** Filed, approved and followed to its incident, every page checked on the way. */
  const walkedThrough = step(async () => {
    const page = ada.page;
    await startFiling(page, 'exercise');
    expect(page.url()).toMatch(/\/console\/incidents\/new\/exercise\/weapons-call$/);
    await press(page, '.govuk-back-link');
    await expectExercise(page, 'the category choice');
    await press(page, '#category-weapons-call');
    await expectExercise(page, 'the filing form');
    await expectButtonsSayExercise(page, 'the filing form', 2);
    expect(await page.textContent('#preview-button')).toBe('Preview EXERCISE');
    expect(await page.textContent('#file-button')).toBe('File EXERCISE for approval');

    await fillFiling(page, at(location, { areas: ['14'] }));
    await preview(page);
    await expectExercise(page, 'the filing form with its preview');
    expect(await page.textContent('#preview-heading')).toBe('EXERCISE preview');
    expect(await page.locator('[data-testid="audience"]').textContent()).toContain(
      'EXERCISE: only sandbox accounts and exercise topics',
    );
    const exerciseId = await file(page);
    await expectExercise(page, 'the approval page, as its author');

    await ben.visit(`/console/broadcasts/${exerciseId}`);
    await expectExercise(ben.page, 'the approval page, as the approver');
    expect(await ben.page.textContent('#approve-button')).toBe('Approve and send EXERCISE now');
    await press(ben.page, '#approve-button');
    await expectExercise(ben.page, 'the board');
    await expectButtonsSayExercise(ben.page, 'the board', 4);

    await press(ben.page, '#follow-up-update');
    await expectExercise(ben.page, 'the update form');
    await expectButtonsSayExercise(ben.page, 'the update form', 2);
    const { incidentId } = await broadcastOf(site.herald, exerciseId);
    await ben.visit(`/console/incidents/${incidentId}`);
    await expectExercise(ben.page, 'the incident page');
    await expectButtonsSayExercise(ben.page, 'the incident page', 4);
    return exerciseId;
  });

  it('is marked EXERCISE on every page from the category to the incident, its buttons included', async () => {
    const exerciseId = await walkedThrough();
    expect((await broadcastOf(site.herald, exerciseId)).audience.sandbox).toBe(true);
  });

  it('reaches only the sandbox accounts and exercise topics, and nothing on a real account', async () => {
    const exerciseId = await walkedThrough();
    const { page } = ben;
    await ben.visit(`/console/broadcasts/${exerciseId}`);
    expect(await boardSettles(page)).toBe('DELIVERED');
    const { registry } = site.herald.runtime;
    const sandbox = new Set(registry.accounts.filter((a) => a.kind === 'sandbox').map((a) => a.id));
    expect(sandbox.size).toBeGreaterThan(0);

    const rows = await boardRows(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const { target, status } of rows) {
      expect(sandbox.has(target) || target.startsWith(registry.sandbox.topicPrefix), target).toBe(true);
      expect(status, target).toBe('SENT');
    }
    expect(rows.some((r) => sandbox.has(r.target))).toBe(true);
    expect(rows.some((r) => r.target.startsWith('exercise-'))).toBe(true);

    const { preview: content } = await broadcastOf(site.herald, exerciseId);
    const posts = xPostsOf(site.herald, content.link);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.filter((p) => !sandbox.has(p.account)).map((p) => p.account)).toEqual([]);
    const publishes = publishesOf(site.herald, content.link);
    expect(publishes.length).toBeGreaterThan(0);
    expect(publishes.filter((p) => !p.topic.startsWith('exercise-')).map((p) => p.topic)).toEqual([]);
  });
});

describe('a city-wide broadcast', () => {
  const location = 'Yonge St and Dundas St';
  let ada: Person;

  beforeAll(async () => {
    ada = await site.as('inspector.ada', { shared: true });
  });
  afterAll(async () => {
    await ada?.close();
  });

  /** Files a city-wide alert at `where` without the separate confirmation: the 422 page. */
  async function fileUnconfirmed(where: string): Promise<number> {
    const { page } = ada;
    await startFiling(page, 'live');
    await fillFiling(page, at(where, { areas: [], citywide: true, languages: ['en'] }));
    return (await press(page, '#file-button')).status();
  }

  it('is not filed without its separate confirmation: a 422 page says so at the confirmation and in the summary', async () => {
    const { page } = ada;
    expect(await fileUnconfirmed(location)).toBe(422);
    expect(new URL(page.url()).pathname).toBe('/console/incidents/new/live/weapons-call');
    expect(await page.title()).toMatch(/^Error: LIVE: /);
    const message = 'Confirm that this goes to the whole city, or choose divisions instead';
    expect(await page.textContent('#confirmCitywide-error')).toContain(message);
    expect(await page.textContent('#error-summary')).toContain(message);
    // What was typed and ticked is kept.
    expect(await page.isChecked('#citywide-yes')).toBe(true);
    expect(await page.isChecked('#confirmCitywide-yes')).toBe(false);
    expect(await page.inputValue('[name="fact.location"]')).toBe(location);
    expect(await incidentsAt(location)).toEqual([]);
  });

  it('links the error summary to the confirmation checkbox it is about', async () => {
    const { page } = ada;
    expect(await fileUnconfirmed(location)).toBe(422);
    expect(await summaryLinks(page)).toEqual([
      { href: '#confirmCitywide-yes', target: 'input#confirmCitywide-yes' },
    ]);
  });

  it('files once the whole city is confirmed, and the approver reads that it goes to the WHOLE CITY', async () => {
    const { page } = ada;
    // A place of its own: the refusals above file nothing at theirs, whatever order they run in.
    const confirmedAt = 'Yonge St and Queen St';
    expect(await fileUnconfirmed(confirmedAt)).toBe(422);
    await tick(page, 'confirmCitywide-yes');
    const id = await file(page);
    const filed = await incidentsAt(confirmedAt);
    expect(filed).toHaveLength(1);
    expect(filed[0]?.citywide).toBe(true);

    const ben = await site.as('inspector.ben');
    await ben.visit(`/console/broadcasts/${id}`);
    expect(await ben.page.textContent('.herald-approval .herald-citywide')).toContain('WHOLE CITY');
    expect(await ben.page.textContent('[data-testid="audience-areas"]')).toContain('CITY-WIDE');
  });
});

describe('a filing form sent empty', () => {
  it('comes back as a 422 page with each error at its field and a summary linking to each field', async () => {
    const ada = await site.as('inspector.ada');
    await ada.visit('/console/incidents/new/live/weapons-call');
    await tick(ada.page, 'languages-fr', false);
    const response = await press(ada.page, '#file-button');
    expect(response.status()).toBe(422);
    expect(await ada.page.title()).toMatch(/^Error: LIVE: /);
    const links = await summaryLinks(ada.page);
    // The three CAP choices at least (the facts and divisions are judged once those are made).
    expect(links.map((link) => link.href)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^#severity/), expect.stringMatching(/^#certainty/)]),
    );
    expect(await ada.page.locator('main .govuk-error-message').count()).toBe(links.length);
    expect(links.filter((link) => link.target === 'nothing')).toEqual([]);
    // What was chosen is kept: French stays unticked.
    expect(await ada.page.isChecked('#languages-en')).toBe(true);
    expect(await ada.page.isChecked('#languages-fr')).toBe(false);
  });
});

describe('the history', () => {
  const location = 'Kingston Rd and Victoria Park Ave';
  beforeAll(async () => {
    const facts = { location, time: '06:30' };
    await fileThroughApi(site.herald, { areas: ['55'], facts });
    await fileThroughApi(site.herald, { areas: ['55'], facts, status: 'Exercise' });
  });

  it('filters by division and by live or exercise, and keeps the filters chosen', async () => {
    const ben = await site.as('inspector.ben');
    const { page } = ben;
    await ben.visit('/console/incidents');
    const rows = () => page.locator('#incidents-table tbody tr', { hasText: location });
    expect(await rows().count()).toBe(2);

    for (const [mode, word] of [
      ['exercise', 'EXERCISE'],
      ['live', 'LIVE'],
    ] as const) {
      await page.selectOption('#filter-division', '55');
      await page.selectOption('#filter-mode', mode);
      const response = await press(page, '#filter-button');
      expect(response.status(), await problemText(page)).toBe(200);
      const url = new URL(page.url());
      expect(url.searchParams.get('division')).toBe('55');
      expect(url.searchParams.get('mode')).toBe(mode);
      expect(await page.inputValue('#filter-mode')).toBe(mode);
      expect(await page.inputValue('#filter-division')).toBe('55');
      expect(await rows().count(), `${mode} incidents in 55 Division`).toBe(1);
      expect(await rows().locator('.herald-mode-tag').textContent()).toBe(word);
      const where = await page.locator('#incidents-table tbody tr td:nth-child(3)').allTextContents();
      expect(
        where.every((w) => w.includes('55 Division') || w === 'City-wide'),
        where.join(' | '),
      ).toBe(true);
    }
  });
});

describe('a stale content hash', () => {
  const staleHash = (hash: string) => `sha256:${(hash.endsWith('0') ? '1' : '0').repeat(64)}`;
  let ben: Person;
  let filed: { id: string; incidentId: string; contentHash: string };

  beforeAll(async () => {
    filed = await fileThroughApi(site.herald, {
      areas: ['22'],
      facts: { location: 'Bloor St W and Islington Ave', time: '08:15' },
    });
    ben = await site.as('inspector.ben', { shared: true });
  });
  afterAll(async () => {
    await ben?.close();
  });

  /** Approves with the page's form after the content changed under it: its hash is no longer the broadcast's. */
  async function approveStale(): Promise<number> {
    const { page } = ben;
    await ben.visit(`/console/broadcasts/${filed.id}`);
    await page.evaluate((hash) => {
      const field = document.querySelector<HTMLInputElement>('#approve-form input[name="contentHash"]');
      if (!field) throw new Error('no content hash in the approve form');
      field.value = hash;
    }, staleHash(filed.contentHash));
    return (await press(page, '#approve-button')).status();
  }

  it('is refused with a 409 page saying the content changed, and nothing is approved', async () => {
    expect(await approveStale()).toBe(409);
    const { page } = ben;
    expect(await page.title()).toMatch(/^Error: LIVE: /);
    expect(await page.textContent('#error-summary')).toContain(
      'The content changed after you opened this page, so nothing was approved.',
    );
    const broadcast = await broadcastOf(site.herald, filed.id);
    expect(broadcast.status).toBe('PENDING_APPROVAL');
    expect(approvalsIn(broadcast)).toEqual([]);
    expect(await site.herald.runtime.context.ledger.listForBroadcast(filed.id)).toEqual([]);
    // The page shows the current content again, with its hash in the form, to read and approve.
    expect(await page.inputValue('#approve-form input[name="contentHash"]')).toBe(filed.contentHash);
  });

  it('links the error summary to the approve button it is about', async () => {
    expect(await approveStale()).toBe(409);
    const links = await summaryLinks(ben.page);
    expect(links).toHaveLength(1);
    expect(links[0]?.target, `${links[0]?.href} leads to the approve form or its button`).toMatch(
      /^(form#approve-form|button#approve-button)$/,
    );
  });
});

describe('approving twice', () => {
  /** The approval page of a new live alert, open in inspector B's browser. */
  async function approvalPage(location: string) {
    const filed = await fileThroughApi(site.herald, { areas: ['41'], facts: { location, time: '11:05' } });
    const ben = await site.as('inspector.ben');
    await ben.visit(`/console/broadcasts/${filed.id}`);
    return { filed, ben };
  }

  /** One approval in the trail, one delivery per target, one thread per account on X. */
  async function expectApprovedOnce(broadcastId: string, incidentId: string, ben: Person): Promise<void> {
    await site.herald.settled();
    const broadcast = await broadcastOf(site.herald, broadcastId);
    expect(approvalsIn(broadcast)).toHaveLength(1);
    const deliveries = await deliveriesOf(site.herald, broadcastId);
    const targets = deliveries.map((d) => `${d.channel}:${d.target}`);
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets).toHaveLength(broadcast.audience.accounts.length + broadcast.audience.topics.length);
    const threads = threadsPerAccount(xPostsOf(site.herald, broadcast.preview.link));
    expect(threads.size).toBe(broadcast.audience.accounts.length);
    expect([...threads.values()].every((n) => n === 1)).toBe(true);
    const perTopic = new Map<string, number>();
    for (const p of publishesOf(site.herald, broadcast.preview.link))
      perTopic.set(p.topic, (perTopic.get(p.topic) ?? 0) + 1);
    expect([...perTopic.values()].every((n) => n === 1)).toBe(true);

    await ben.visit(`/console/incidents/${incidentId}`);
    const approvedRows = ben.page.locator('#audit-trail tbody tr', { hasText: 'alert approved' });
    expect(await approvedRows.count()).toBe(1);
  }

  it('approves once on a double click, and the page says it is approved', async () => {
    const { filed, ben } = await approvalPage('Eglinton Ave E and Kennedy Rd');
    const response = await press(ben.page, '', () => ben.page.dblclick('#approve-button'));
    expect(response.status(), await problemText(ben.page)).toBe(200);
    expect(['approved', 'already-approved']).toContain(new URL(ben.page.url()).searchParams.get('note'));
    expect(await ben.page.locator('[data-testid="note"]').textContent()).toMatch(
      /^(Approved\.|This was already approved)/,
    );
    await expectApprovedOnce(filed.id, filed.incidentId, ben);
  });

  it("approves once when the same form is sent twice at once past the script's guard: the server refuses the second", async () => {
    const { filed, ben } = await approvalPage('Sheppard Ave E and Markham Rd');
    // Both posts carry the session's cookie and the form's fields, as two presses would; fetch
    // raises no submit event, so the script's double-click guard never sees them.
    const answers = await ben.page.evaluate(async () => {
      const form = document.getElementById('approve-form') as HTMLFormElement;
      const send = () =>
        fetch(form.action, {
          method: 'POST',
          body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
          credentials: 'same-origin',
        }).then((r) => ({ status: r.status, note: new URL(r.url).searchParams.get('note') }));
      return Promise.all([send(), send()]);
    });
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.note).sort()).toEqual(['already-approved', 'approved']);

    await ben.visit(`/console/broadcasts/${filed.id}?note=already-approved`);
    expect(await ben.page.locator('[data-testid="note"]').textContent()).toContain(
      'This was already approved: nothing was approved twice.',
    );
    await expectApprovedOnce(filed.id, filed.incidentId, ben);
  });
});

describe('the session', () => {
  it('sends a signed-out visitor to sign in, then back to the page they asked for', async () => {
    const visitor = await site.visitor();
    await visitor.visit('/console/incidents/new');
    const url = new URL(visitor.page.url());
    expect(url.pathname).toBe('/console/sign-in');
    expect(url.searchParams.get('returnTo')).toBe('/console/incidents/new');
    expect(await visitor.page.locator('main .govuk-inset-text').textContent()).toBe('Sign in to go on.');

    await visitor.page.click('label[for="user-inspector.ada"]');
    const response = await press(visitor.page, '#sign-in-button');
    expect(response.status()).toBe(200);
    expect(new URL(visitor.page.url()).pathname).toBe('/console/incidents/new');
    expect(await visitor.page.textContent('h1')).toBe('Is this a live alert or an exercise?');
  });

  it('ends on signing out: the old session cookie no longer opens the console', async () => {
    const ben = await site.as('inspector.ben');
    const cookies = await ben.context.cookies();
    const session = cookies.find((c) => c.name === '__Host-herald-console');
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await press(ben.page, 'form[action="/console/sign-out"] button');
    expect(new URL(ben.page.url()).pathname).toBe('/console/signed-out');
    expect(await ben.page.textContent('h1')).toBe('You are signed out');
    await ben.visit('/console');
    expect(new URL(ben.page.url()).pathname).toBe('/console/sign-in');

    // Someone who kept the cookie: the server has ended the session behind it.
    const keeper = await site.visitor();
    await keeper.context.addCookies([session as NonNullable<typeof session>]);
    expect((await keeper.context.cookies()).map((c) => c.value)).toContain(session?.value);
    await keeper.visit('/console');
    expect(new URL(keeper.page.url()).pathname).toBe('/console/sign-in');
    expect(await keeper.page.locator('[data-testid="signed-in-as"]').count()).toBe(0);
  });
});
