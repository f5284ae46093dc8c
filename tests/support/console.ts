import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import type { PostRecord } from '../../infra/local/fakes/inbox-store.js';
import { launchChromium, newReader, type Reader, type ReaderOptions } from './browser.js';
import { type Herald, startHerald } from './herald.js';

/**
 * The duty console as staff use it: one local Herald and one Chromium per test file, and one
 * browser context per person (each with its own session cookie), driven the way a person drives
 * the pages: by the labels, the buttons and the links. What the console did is then read back
 * from the API and the fakes' inbox.
 */

/** Starting a whole Herald and Chromium takes seconds, and longer on a busy two-core machine. */
const START_TIMEOUT_MS = 120_000;
/** A test walks several pages in a few browser contexts; dispatch runs in between. */
const TEST_TIMEOUT_MS = 120_000;

export type ConsoleUser = 'inspector.ada' | 'inspector.ben' | 'comms.chloe' | 'admin.dev';
export type ConsoleMode = 'live' | 'exercise' | 'test';

export interface PersonOptions extends ReaderOptions {
  /** The viewport's width in CSS pixels (800 high). @default 1280 */
  width?: number;
  /** Kept open after the test, for the tests after it; closed with the browser. @default false */
  shared?: boolean;
}

/** One person at one browser: a context of their own, every request recorded from the start. */
export interface Person extends Reader {
  /** Who signed in, if anyone did. */
  user?: ConsoleUser;
  /**
   * Goes to a path of the local Herald and checks the status of the page it lands on (after any
   * redirect); returns that response and the requests made while loading it.
   */
  visit(path: string, options?: { status?: number }): Promise<Visit>;
}

export interface Visit {
  response: Response;
  /** The requests the page made to load (the document, its stylesheet and script...). */
  requests: URL[];
}

export interface ConsoleSite {
  readonly herald: Herald;
  /** The local server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** A signed-in person; closed after the test unless `shared`. */
  as(user: ConsoleUser, options?: PersonOptions): Promise<Person>;
  /** Someone not signed in; closed after the test unless `shared`. */
  visitor(options?: PersonOptions): Promise<Person>;
}

/** Call once at the top of a test file: one Herald and one Chromium for all of its tests. */
export function useConsole(): ConsoleSite {
  vi.setConfig({ testTimeout: TEST_TIMEOUT_MS });
  let herald: Herald | undefined;
  let browser: Browser | undefined;
  const perTest: Reader[] = [];

  beforeAll(async () => {
    [herald, browser] = await Promise.all([startHerald(), launchChromium()]);
  }, START_TIMEOUT_MS);

  afterEach(async () => {
    await Promise.all(perTest.splice(0).map((reader) => reader.close()));
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      // Deliveries of what the file approved may still be in flight.
      await herald?.settled();
      await herald?.stop();
    }
  }, START_TIMEOUT_MS);

  const site: ConsoleSite = {
    get herald() {
      if (!herald) throw new Error('the local Herald is not started yet: use it inside a test or hook');
      return herald;
    },
    get origin() {
      return site.herald.url;
    },
    async visitor({ width, shared = false, ...options } = {}) {
      if (!browser) throw new Error('Chromium is not started yet: use it inside a test or hook');
      const reader = await newReader(browser, options);
      if (width) await reader.page.setViewportSize({ width, height: 800 });
      if (!shared) perTest.push(reader);
      const person: Person = {
        ...reader,
        async visit(path, { status = 200 } = {}) {
          const before = reader.requests.length;
          const response = await reader.goto(`${site.origin}${path}`);
          expect(response.status(), `GET ${path} (landed on ${reader.page.url()})`).toBe(status);
          return { response, requests: reader.requests.slice(before) };
        },
      };
      return person;
    },
    async as(user, options = {}) {
      const person = await site.visitor(options);
      await person.visit('/console/sign-in');
      await signIn(person.page, user);
      person.user = user;
      return person;
    },
  };
  return site;
}

/** The demo users' names, as the header shows who is signed in. */
export const USER_NAMES: Record<ConsoleUser, string> = {
  'inspector.ada': 'Inspector Ada Okafor',
  'inspector.ben': 'Inspector Ben Hartley',
  'comms.chloe': 'Chloe Marsh (Communications)',
  'admin.dev': 'Local Administrator',
};

/** On the sign-in page: picks the demo user by its label and signs in. */
export async function signIn(page: Page, user: ConsoleUser): Promise<Response> {
  await page.click(`label[for="user-${user}"]`);
  const response = await press(page, '#sign-in-button');
  expect(new URL(page.url()).pathname, 'signing in leaves the sign-in page').not.toBe('/console/sign-in');
  expect(await page.locator('[data-testid="signed-in-as"]').textContent()).toContain(USER_NAMES[user]);
  return response;
}

/**
 * Presses a button or link (or does `act`) that loads a new page, and returns the response of the
 * page the browser ends on: after a post's 303, the page it was sent to.
 */
export async function press(page: Page, selector: string, act?: () => Promise<void>): Promise<Response> {
  const landed = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.frame() === page.mainFrame() &&
      !(r.status() >= 300 && r.status() < 400),
  );
  // The response arrives before the new document replaces the old one, which may have the same
  // URL (a form posted to its own page): wait for the main frame to commit the new document.
  const committed = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await (act ? act() : page.click(selector));
  const [response] = await Promise.all([landed, committed]);
  await page.waitForLoadState('domcontentloaded');
  return response;
}

/** Ticks a radio or checkbox as a person does, by its label (GOV.UK draws the box on the label). */
export async function choose(page: Page, id: string): Promise<void> {
  await page.click(`label[for="${id}"]`);
}

/** Sets a checkbox to `checked` by clicking its label when it is not so already. */
export async function tick(page: Page, id: string, checked = true): Promise<void> {
  if ((await page.isChecked(`#${id}`)) !== checked) await choose(page, id);
  expect(await page.isChecked(`#${id}`), `#${id} checked`).toBe(checked);
}

export interface Filing {
  /** By field name: `fact.location`, `fact.description.fr`. */
  facts: Record<string, string>;
  areas?: string[];
  citywide?: boolean;
  confirmCitywide?: boolean;
  /** Exactly these are ticked. @default every language (the form's own default) */
  languages?: string[];
  severity: string;
  urgency: string;
  certainty: string;
  /** @default the form's 4 hours */
  expiresInHours?: string;
}

/** A two-division weapons call in English and French, not Extreme (so its author cannot break glass). */
export const WEAPONS_CALL: Filing = {
  facts: {
    'fact.location': 'Jane St and Finch Ave',
    'fact.time': '21:40',
    'fact.description.en': 'Suspect: male, about 30, black hoodie, fled on foot northbound.',
    'fact.description.fr': 'Suspect : homme, environ 30 ans, chandail noir, en fuite à pied vers le nord.',
  },
  areas: ['31', '32'],
  languages: ['en', 'fr'],
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
};

/** From the overview's navigation: live or exercise, then the category; ends on the filing form. */
export async function startFiling(page: Page, mode: ConsoleMode, category = 'weapons-call'): Promise<void> {
  await press(page, '', () => page.click('nav[aria-label="Console"] a[href="/console/incidents/new"]'));
  await press(page, `#mode-${mode}`);
  await press(page, `#category-${category}`);
  expect(new URL(page.url()).pathname).toBe(`/console/incidents/new/${mode}/${category}`);
}

/** Fills the filing form (or a follow-up form's facts) as a person would, field by field. */
export async function fillFiling(page: Page, filing: Partial<Filing>): Promise<void> {
  for (const [name, value] of Object.entries(filing.facts ?? {})) await page.fill(`[name="${name}"]`, value);
  for (const area of filing.areas ?? []) await tick(page, `areas-${area}`);
  if (filing.citywide !== undefined) await tick(page, 'citywide-yes', filing.citywide);
  if (filing.confirmCitywide !== undefined) await tick(page, 'confirmCitywide-yes', filing.confirmCitywide);
  if (filing.languages) {
    for (const id of await page
      .locator('input[name="languages"]')
      .evaluateAll((inputs) => inputs.map((i) => i.id)))
      await tick(page, id, filing.languages.includes(id.replace(/^languages-/, '')));
  }
  for (const choice of ['severity', 'urgency', 'certainty'] as const) {
    const value = filing[choice];
    if (value) await choose(page, `${choice}-${value}`);
  }
  if (filing.expiresInHours) await page.selectOption('#expiresInHours', filing.expiresInHours);
}

/** Presses Preview: the same page comes back with the preview beside the form, nothing filed. */
export async function preview(page: Page): Promise<Response> {
  const response = await press(page, '#preview-button');
  expect(response.status(), await problemText(page)).toBe(200);
  await page.locator('[data-testid="preview"]').waitFor();
  return response;
}

/** Presses File: the broadcast's page with "filed"; returns the broadcast's id. */
export async function file(page: Page): Promise<string> {
  const response = await press(page, '#file-button');
  expect(response.status(), await problemText(page)).toBe(200);
  const id = broadcastIdOf(page);
  expect(new URL(page.url()).searchParams.get('note')).toBe('filed');
  return id;
}

/** The broadcast id in the URL of a broadcast's page. */
export function broadcastIdOf(page: Page): string {
  const match = /^\/console\/broadcasts\/(bc_[A-Za-z0-9]+)$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not a broadcast's page: ${page.url()}`);
  return match[1];
}

/** Opens a broadcast's approval page and presses approve; ends on its board. */
export async function approve(person: Person, broadcastId: string): Promise<void> {
  await person.visit(`/console/broadcasts/${broadcastId}`);
  const response = await press(person.page, '#approve-button');
  expect(response.status(), await problemText(person.page)).toBe(200);
  expect(new URL(person.page.url()).searchParams.get('note')).toBe('approved');
}

/** What a page with errors says: the summary, else the problem message; for failure messages. */
export async function problemText(page: Page): Promise<string> {
  const summary = page.locator('#error-summary, #problem-message');
  return (await summary.count()) > 0 ? `${page.url()}: ${await summary.first().textContent()}` : page.url();
}

/**
 * Waits for the board's own refresh (the console's script) to show every delivery settled; no
 * reload, so this also shows the live refresh works.
 */
export async function boardSettles(page: Page, timeoutMs = 60_000): Promise<string> {
  await page.locator('#delivery-board[data-done="true"]').waitFor({ timeout: timeoutMs });
  return (await page.locator('#board-status').getAttribute('data-status')) ?? '';
}

/** The board's rows: each target and the status it shows. */
export async function boardRows(page: Page): Promise<{ target: string; status: string }[]> {
  return page.locator('#delivery-board tr[data-target]').evaluateAll((rows) =>
    rows.map((row) => ({
      target: row.getAttribute('data-target') ?? '',
      status: row.querySelector('[data-delivery-status]')?.getAttribute('data-delivery-status') ?? '',
    })),
  );
}

/** A broadcast as staff see it through the API (the view: status, audience, audit, preview). */
export async function broadcastOf(herald: Herald, id: string): Promise<any> {
  const view = await herald.call('GET', `/broadcasts/${id}`, { user: 'comms.chloe' });
  expect(view.status, JSON.stringify(view.body)).toBe(200);
  return view.body.broadcast;
}

/** A broadcast's deliveries as the API lists them. */
export async function deliveriesOf(
  herald: Herald,
  id: string,
): Promise<{ channel: string; target: string; status: string; providerIds: string[] }[]> {
  const listed = await herald.call('GET', `/broadcasts/${id}/deliveries`, { user: 'comms.chloe' });
  expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  return listed.body;
}

/** The audit entries of a broadcast that approved it. */
export const approvalsIn = (broadcast: { audit: { to: string }[] }) =>
  broadcast.audit.filter((entry) => entry.to === 'APPROVED');

/** The posts the fake X received for one broadcast, found by the link every post carries. */
export function xPostsOf(herald: Herald, link: string): PostRecord[] {
  return herald.runtime.inbox.posts().filter((p) => p.text.includes(link));
}

/** Files through the API as `user` (the example weapons call with overrides); returns the broadcast. */
export async function fileThroughApi(
  herald: Herald,
  overrides: Record<string, unknown> = {},
  user: ConsoleUser = 'inspector.ada',
): Promise<{ id: string; incidentId: string; contentHash: string }> {
  const filed = await herald.fileIncident(overrides, user);
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return filed.body.broadcast;
}

/** Approves through the API as inspector.ben. */
export async function approveThroughApi(
  herald: Herald,
  broadcast: { id: string; contentHash: string },
): Promise<void> {
  const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
    user: 'inspector.ben',
    body: { contentHash: broadcast.contentHash },
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
}

/**
 * How the focused element shows its focus: its own outline (one that can be seen: not `none`, not
 * zero wide, not transparent) or box-shadow, or for a GOV.UK radio or checkbox, whose input is
 * invisible, the ring drawn on its label's box. A button has a box-shadow without the focus too,
 * so the look with the focus must also differ from the look without it (the element is blurred to
 * compare, then focused again). `visible` is false when there is no such difference.
 */
export async function focusIndicator(
  page: Page,
): Promise<{ element: string; visible: boolean; style: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { element: 'body', visible: false, style: '' };
    const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}`;
    const input = element as HTMLInputElement;
    const drawnOnLabel = element.tagName === 'INPUT' && (input.type === 'radio' || input.type === 'checkbox');
    const label = drawnOnLabel ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`) : null;
    if (drawnOnLabel && !label) return { element: name, visible: false, style: 'no label' };
    const look = () => {
      const style = label ? getComputedStyle(label, '::before') : getComputedStyle(element);
      const outline =
        style.outlineStyle !== 'none' &&
        Number.parseFloat(style.outlineWidth) > 0 &&
        !/rgba\(0, 0, 0, 0\)|transparent/.test(style.outlineColor);
      const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      return {
        marked: outline || shadow,
        signature: `outline: ${style.outline}; box-shadow: ${style.boxShadow}; background: ${style.backgroundColor}; border: ${style.border}`,
      };
    };
    const focused = look();
    element.blur();
    const blurred = look();
    element.focus();
    return {
      element: name,
      visible: focused.marked && focused.signature !== blurred.signature,
      style: `focused: ${focused.signature} / not focused: ${blurred.signature}`,
    };
  });
}

/**
 * Presses Tab until the element matching `selector` has the focus (at most `limit` times), as a
 * keyboard user moves through a page; fails when the element is never reached.
 */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
  throw new Error(`Tab never reached ${selector} in ${limit} presses (focus is on ${at})`);
}

/** Whether the page scrolls sideways at its current viewport: its content is wider than the window. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    viewport: window.innerWidth,
  }));
}
