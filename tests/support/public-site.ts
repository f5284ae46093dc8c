import type { Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { publicPaths } from '../../shared/domain/public-paths.js';
import {
  expectNoSeriousAxeViolations,
  launchChromium,
  newReader,
  type Reader,
  type ReaderOptions,
} from './browser.js';
import { type Herald, startHerald } from './herald.js';
import { registryWith } from './subscription-pages.js';

/** Starting a whole Herald takes seconds, and longer on a busy two-core machine. */
const START_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 60_000;

/**
 * One local Herald and one Chromium for a test file, started in `beforeAll` and stopped in
 * `afterAll`; every reader a test opens is closed after that test.
 */
export interface PublicSite {
  readonly herald: Herald;
  /** The local server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** Opens a path of the public site in a new reader; closed after the test. */
  open(path: string, options?: OpenOptions): Promise<Visit>;
  /** Opens a path for several tests to look at; closed when the caller says, or with the browser. */
  openShared(path: string, options?: OpenOptions): Promise<Visit>;
}

export interface OpenOptions extends ReaderOptions {
  /** The status the page must answer with. @default 200 */
  status?: number;
}

/** A reader on a page, and the response that brought the page. */
export type Visit = Reader & { response: Response };

/**
 * Call once at the top of a test file, then list the file's pages with `itHoldsForEveryPublicPage`
 * and write what is particular to them as ordinary tests using `site.open`. The sign-up forms, say:
 *
 *     const site = usePublicSite();
 *     describe('every sign-up page', () => {
 *       itHoldsForEveryPublicPage(site, [{ name: 'the sign-up page', path: () => '/subscribe' }]);
 *     });
 *     it('signs up with JavaScript off', async () => {
 *       const { page } = await site.open('/subscribe', { phone: true, javaScript: false });
 *       // fill in, submit, read the code from site.herald.runtime.inbox ...
 *     });
 */
export function usePublicSite(): PublicSite {
  // A test opens a few pages, each a new browser context: seconds on two busy cores.
  vi.setConfig({ testTimeout: TEST_TIMEOUT_MS });
  let herald: Herald | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const readers: Reader[] = [];

  beforeAll(async () => {
    [herald, browser] = await Promise.all([
      startHerald({ registryFile: registryWith({}) }),
      launchChromium(),
    ]);
  }, START_TIMEOUT_MS);

  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      // Deliveries of the broadcasts the file approved may still be in flight.
      await herald?.settled();
      await herald?.stop();
    }
  }, START_TIMEOUT_MS);

  const site: PublicSite = {
    get herald() {
      if (!herald) throw new Error('the local Herald is not started yet: use it inside a test or hook');
      return herald;
    },
    get origin() {
      return site.herald.url;
    },
    async open(path, options = {}) {
      const visit = await site.openShared(path, options);
      readers.push(visit);
      return visit;
    },
    async openShared(path, { status = 200, ...options } = {}) {
      if (!browser) throw new Error('Chromium is not started yet: use it inside a test or hook');
      const reader = await newReader(browser, options);
      const response = await reader.goto(`${site.origin}${path}`);
      expect(response.status(), `GET ${path}`).toBe(status);
      return { ...reader, response };
    },
  };
  return site;
}

export interface ApprovedBroadcast {
  id: string;
  incidentId: string;
  /** The public page every post and SMS linked to (the first language's). */
  path: string;
  /** When it was approved: the time the page gives it. */
  sent: string;
  /** The approved words, per language. */
  languages: Record<string, { headline: string; instruction: string }>;
  /** The library entries it carries. */
  resourceIds: string[];
}

/** Files an incident as inspector.ada (the example weapons call, with overrides) and approves it as inspector.ben. */
export async function fileAndApprove(
  herald: Herald,
  overrides: Record<string, unknown> = {},
): Promise<ApprovedBroadcast> {
  const filed = await herald.fileIncident(overrides);
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return approve(herald, filed.body.broadcast);
}

/** Files a follow-up (update, correction, cancel, all-clear) as comms.chloe and approves it as inspector.ben. */
export async function followUpAndApprove(
  herald: Herald,
  incidentId: string,
  body: { kind: 'update' | 'correction' | 'cancel' | 'all-clear'; [field: string]: unknown },
): Promise<ApprovedBroadcast> {
  const filed = await herald.call('POST', `/incidents/${incidentId}/follow-ups`, {
    user: 'comms.chloe',
    body,
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return approve(herald, filed.body.broadcast);
}

async function approve(herald: Herald, broadcast: any): Promise<ApprovedBroadcast> {
  const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
    user: 'inspector.ben',
    body: { contentHash: broadcast.contentHash },
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  const languages = approved.body.broadcast.preview.languages as Record<
    string,
    { headline: string; cap: { instruction: string } }
  >;
  return {
    id: broadcast.id,
    incidentId: broadcast.incidentId,
    path: publicPaths.alert(
      { codes: herald.runtime.registry.languages.map((l) => l.code) },
      broadcast.id,
      herald.runtime.registry.languages[0]?.code ?? 'en',
    ),
    sent: approved.body.broadcast.approval.at,
    languages: Object.fromEntries(
      Object.entries(languages).map(([code, words]) => [
        code,
        { headline: words.headline, instruction: words.cap.instruction },
      ]),
    ),
    resourceIds: (approved.body.broadcast.preview.resources as { id: string }[]).map((r) => r.id),
  };
}

/**
 * Waits until the public site serves a path (and, when given, its HTML passes `ready`): pages are
 * rendered by a queued job after each approval, so a test polls rather than sleeps.
 */
export async function published(
  herald: Herald,
  path: string,
  ready: (html: string) => boolean = () => true,
  timeoutMs = 90_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const response = await fetch(`${herald.url}${path}`);
    const html = await response.text();
    if (response.status === 200 && ready(html)) return html;
    last = `${response.status}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} was not published as expected within ${timeoutMs} ms (last answer: ${last})`);
}

/** A page every reader may land on, and how to find its path once the file's setup has run. */
export interface PublicPage {
  /** How the tests name it: "the alert page in French". */
  name: string;
  path: () => string;
}

/**
 * What holds for every public page, whatever it shows, as one describe block per page: a new page
 * (the sign-up forms, say) gets every check by being listed. The checks that only look share one
 * reader per page; those that act (Tab, JavaScript off) open their own.
 */
export function itHoldsForEveryPublicPage(site: PublicSite, pages: PublicPage[]): void {
  for (const { name, path } of pages) {
    describe(name, () => {
      let visit: Visit;
      beforeAll(async () => {
        visit = await site.openShared(path());
        await visit.page.waitForLoadState('load');
      }, START_TIMEOUT_MS);
      afterAll(() => visit?.close());

      it('loads nothing from anywhere but the local server', () => {
        const origin = new URL(site.origin);
        expect(origin.hostname).toBe('127.0.0.1');
        const hosts = visit.requests.map((url) => url.host);
        // The page and its stylesheet at least: the recording works.
        expect(hosts.length).toBeGreaterThanOrEqual(2);
        expect(new Set(hosts)).toEqual(new Set([origin.host]));
      });

      it('is served with a strict Content-Security-Policy, and the browser reports no violation of it', async () => {
        const policy = (await visit.response.allHeaders())['content-security-policy'];
        expect(policy).toMatch(/default-src 'none'/);
        expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
        expect(visit.cspViolations()).toEqual([]);
        // The stylesheet applied: a blocked one would leave the skip link full size on the page.
        const skipLink = await visit.page.locator('.govuk-skip-link').boundingBox();
        expect(skipLink?.width).toBeLessThanOrEqual(1);
      });

      it('has no serious or critical accessibility violation', async () => {
        await expectNoSeriousAxeViolations(visit.page, name);
      });

      it('reads the same with JavaScript off', async () => {
        const withoutScript = await site.open(path(), { javaScript: false });
        const main = async (reader: Reader) => (await reader.page.locator('main').textContent()) ?? '';
        const text = await main(withoutScript);
        expect(text.length).toBeGreaterThan(50);
        expect(await withoutScript.page.locator('h1').isVisible()).toBe(true);
        expect(text).toBe(await main(visit));
      });

      it('offers the skip link as the first Tab stop, and it moves focus to the main content', async () => {
        const { page } = await site.open(path());
        await page.keyboard.press('Tab');
        expect(await page.locator('a.govuk-skip-link:focus').getAttribute('href')).toBe('#main-content');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('main#main-content:focus').count()).toBe(1);
      });
    });
  }
}
