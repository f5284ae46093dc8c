import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicPaths, type SiteLanguages } from '../../shared/domain/public-paths.js';
import { formatTime } from '../../web/pages/text.js';
import { pngSize, screenshot } from '../support/browser.js';
import {
  type ApprovedBroadcast,
  fileAndApprove,
  followUpAndApprove,
  itHoldsForEveryPublicPage,
  published,
  usePublicSite,
} from '../support/public-site.js';

/**
 * The public pages as a reader's browser gets them from a running local Herald: alerts are filed
 * and approved through the API, the queued render writes the pages, and a real Chromium reads them.
 */

const site = usePublicSite();
const languages: SiteLanguages = { codes: ['en', 'fr'] };
const inFrench = (broadcast: ApprovedBroadcast) => publicPaths.alert(languages, broadcast.id, 'fr');

/** A live weapons call in 14 and 51 Division, nothing after it. */
let alert: ApprovedBroadcast;
/** A live weapons call in 22 Division, then an update, then a correction. */
let chain: { alert: ApprovedBroadcast; update: ApprovedBroadcast; correction: ApprovedBroadcast };
/** An Exercise in 14 Division. */
let exercise: ApprovedBroadcast;
/** The phone numbers of the resources the first alert carries. */
let phones: string[];

beforeAll(async () => {
  const { herald } = site;
  expect(herald.runtime.registry.languages.map((l) => l.code)).toEqual(languages.codes);
  alert = await fileAndApprove(herald);
  const first = await fileAndApprove(herald, {
    areas: ['22'],
    facts: { location: 'Bloor St W and Islington Ave', time: '08:15' },
  });
  const update = await followUpAndApprove(herald, first.incidentId, {
    kind: 'update',
    facts: { location: 'Bloor St W and Kipling Ave' },
  });
  const correction = await followUpAndApprove(herald, first.incidentId, {
    kind: 'correction',
    facts: { time: '08:05' },
  });
  chain = { alert: first, update, correction };
  exercise = await fileAndApprove(herald, {
    status: 'Exercise',
    areas: ['14'],
    facts: { location: 'College St and Spadina Ave', time: '10:00' },
  });
  const library = await Promise.all(
    alert.resourceIds.map((id) => herald.call('GET', `/resources/${id}`, { user: 'comms.chloe' })),
  );
  phones = library.flatMap((r) => r.body.resource.phone ?? []);

  // Every render queued by these approvals has finished; then every page the tests open is polled
  // until it says what the last approval made it say (a render the index lost comes back with the
  // reconciler's sweep, each minute).
  await herald.settled();
  const lists =
    (...paths: string[]) =>
    (html: string) =>
      paths.every((path) => html.includes(`href="${path}"`));
  const naming = (id: string) => (xml: string) => xml.includes(id);
  await Promise.all(
    (
      [
        [alert.path],
        [inFrench(alert)],
        [exercise.path],
        [inFrench(exercise)],
        [chain.alert.path, lists(chain.correction.path)],
        [chain.update.path, lists(chain.correction.path)],
        [chain.correction.path],
        [inFrench(chain.correction)],
        ['/', lists(alert.path, chain.correction.path)],
        ['/fr/', lists(inFrench(alert), inFrench(chain.correction))],
        ['/divisions/14', lists(alert.path)],
        ['/fr/divisions/14', lists(inFrench(alert))],
        ['/divisions/22', lists(chain.correction.path)],
        ['/feeds/alerts.en.atom', naming(alert.id)],
        ['/feeds/alerts.fr.atom', naming(alert.id)],
        ['/feeds/divisions/14.en.atom', naming(alert.id)],
        ['/feeds/test/alerts.en.atom', naming(exercise.id)],
      ] as [string, ((html: string) => boolean)?][]
    ).map(([path, ready]) => published(herald, path, ready)),
  );
}, 180_000);

describe('an alert page', () => {
  it('declares English on the page and on the article at /b/{id}', async () => {
    const { page } = await site.open(alert.path);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('article').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe(alert.languages.en?.headline);
  });

  it('declares French on the page and on the article at /fr/b/{id}', async () => {
    const { page } = await site.open(inFrench(alert));
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('article').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe(alert.languages.fr?.headline);
  });

  it('switches to French and back to English with the language link in the header', async () => {
    const { page } = await site.open(alert.path);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(`${site.origin}${inFrench(alert)}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('navigation', { name: 'Langue' }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${site.origin}${alert.path}`);
    expect(await page.locator('h1').textContent()).toBe(alert.languages.en?.headline);
  });

  it('says what to do now, in each language', async () => {
    for (const [language, path, heading] of [
      ['en', alert.path, 'What to do now'],
      ['fr', inFrench(alert), 'Que faire maintenant'],
    ] as const) {
      const { page } = await site.open(path);
      await expect(page.locator('article h2').textContent()).resolves.toBe(heading);
      const instruction = (await page.locator('.herald-instruction').textContent()) ?? '';
      expect(instruction).toBe(alert.languages[language]?.instruction);
      expect(instruction.length).toBeGreaterThan(20);
    }
  });

  it('gives the areas and the issued and last-updated times as the city reads them', async () => {
    const { page } = await site.open(alert.path);
    const row = (label: string) =>
      page.locator('.herald-meta .govuk-summary-list__row', { hasText: label }).locator('dd').textContent();
    const when = formatTime(alert.sent, 'en', site.herald.runtime.registry.service.timeZone);
    expect(await row('Areas')).toBe('14 Division, 51 Division');
    expect(await row('Issued')).toBe(when);
    expect(await row('Last updated')).toBe(when);
  });

  it('gives the areas and times in French on the French page', async () => {
    const { page } = await site.open(inFrench(alert));
    const row = (label: string) =>
      page.locator('.herald-meta .govuk-summary-list__row', { hasText: label }).locator('dd').textContent();
    expect(await row('Secteurs')).toBe('14e Division, 51e Division');
    expect(await row('Émise')).toBe(
      formatTime(alert.sent, 'fr', site.herald.runtime.registry.service.timeZone),
    );
  });

  it('lists the victim resources in full, with each phone number a tel: link, in both languages', async () => {
    expect(phones.length).toBeGreaterThan(0);
    for (const [path, heading] of [
      [alert.path, 'Help and support'],
      [inFrench(alert), 'Aide et soutien'],
    ] as const) {
      const { page } = await site.open(path);
      const help = page.getByRole('region', { name: heading });
      expect(await help.locator('h3').count()).toBe(alert.resourceIds.length);
      for (const phone of phones) {
        expect(await help.locator(`a[href="tel:${phone}"]`).count(), `${path}: tel:${phone}`).toBe(1);
      }
    }
  });

  it('links its CAP document for alerting systems, and the link answers with CAP', async () => {
    const { page } = await site.open(alert.path);
    const href = await page
      .locator('head link[rel="alternate"][type="application/cap+xml"]')
      .getAttribute('href');
    expect(href).toBe(`/cap/${alert.id}.xml`);
    const cap = await page.request.get(new URL(href ?? '', page.url()).href);
    expect(cap.headers()['content-type']).toMatch(/^application\/cap\+xml/);
    expect(await cap.text()).toContain(`<identifier>`);
  });

  it('shows the headline, what to do now and the phone numbers with JavaScript off', async () => {
    const { page } = await site.open(inFrench(alert), { javaScript: false, phone: true });
    expect(await page.locator('h1').textContent()).toBe(alert.languages.fr?.headline);
    expect(await page.locator('.herald-instruction').textContent()).toBe(alert.languages.fr?.instruction);
    expect(await page.locator('a[href^="tel:"]').count()).toBeGreaterThanOrEqual(phones.length);
  });
});

describe('the follow-up chain', () => {
  it('tells a reader of the first message that a newer one exists, and takes them to it', async () => {
    const { page } = await site.open(chain.alert.path);
    const banner = page.locator('.govuk-notification-banner');
    await expect(banner.textContent()).resolves.toContain('There is a newer message about this incident.');
    await banner.getByRole('link').click();
    await page.waitForURL(`${site.origin}${chain.correction.path}`);
    expect(await page.locator('.govuk-notification-banner').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe(chain.correction.languages.en?.headline);
  });

  it('sends a reader of the update to the correction too', async () => {
    const { page } = await site.open(chain.update.path);
    const link = page.locator('.govuk-notification-banner a');
    expect(await link.getAttribute('href')).toBe(chain.correction.path);
  });

  it('shows the incident as corrected at the top of every page of the chain', async () => {
    for (const broadcast of [chain.alert, chain.update, chain.correction]) {
      const { page } = await site.open(broadcast.path);
      const top = page.locator('main > :first-child');
      expect(await top.getAttribute('class')).toContain('herald-state');
      expect(await top.textContent()).toBe('Corrected');
    }
  });

  it('lists every message newest first, labels the correction, and links all but the one being read', async () => {
    const { page } = await site.open(chain.alert.path);
    const items = page.locator('.herald-timeline__item');
    expect(await items.locator('.herald-timeline__kind').allInnerTexts()).toEqual([
      'Correction',
      'Update',
      'Alert',
    ]);
    expect(await items.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(
      [chain.correction.path, chain.update.path],
    );
    expect(await items.nth(2).locator('[aria-current="page"]').count()).toBe(1);
    expect(
      await items.locator('time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime'))),
    ).toEqual([chain.correction.sent, chain.update.sent, chain.alert.sent]);
  });

  it('labels the correction as a correction on its own page, in French as well', async () => {
    const { page } = await site.open(inFrench(chain.correction));
    expect(await page.locator('article .govuk-caption-l').textContent()).toBe('Correction');
    expect(await page.locator('.herald-state').first().textContent()).toBe('Corrigée');
    expect(await page.locator('.herald-timeline__kind').first().textContent()).toBe('Correction');
  });

  it('keeps the first issue time and gives the correction as the last update', async () => {
    const { page } = await site.open(chain.alert.path);
    const timeZone = site.herald.runtime.registry.service.timeZone;
    const row = (label: string) =>
      page.locator('.herald-meta .govuk-summary-list__row', { hasText: label }).locator('dd').textContent();
    expect(await row('Issued')).toBe(formatTime(chain.alert.sent, 'en', timeZone));
    expect(await row('Last updated')).toBe(formatTime(chain.correction.sent, 'en', timeZone));
  });
});

describe('an Exercise', () => {
  it('carries the exercise banner at the top of its page, in both languages', async () => {
    for (const [path, words] of [
      [exercise.path, 'EXERCISE — this is a drill. No action is needed.'],
      [inFrench(exercise), 'EXERCICE — ceci est une simulation. Aucune action n’est requise.'],
    ] as const) {
      const { page } = await site.open(path);
      const banner = page.locator('main > .herald-exercise:first-child');
      expect(await banner.textContent()).toBe(words);
      expect(await banner.isVisible()).toBe(true);
    }
  });

  it('says EXERCISE in the title and asks search engines not to index it', async () => {
    const { page } = await site.open(exercise.path);
    expect(await page.title()).toMatch(/^EXERCISE: /);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toMatch(/^noindex/);
  });

  it('offers no feed and no sign-up from its page', async () => {
    const { page } = await site.open(exercise.path);
    expect(await page.locator('link[type="application/atom+xml"]').count()).toBe(0);
    expect(await page.locator('a[href$="/subscribe"]').count()).toBe(0);
  });

  it('appears on neither the front page nor its division page, in either language', async () => {
    for (const [path, listed] of [
      ['/', alert.path],
      ['/fr/', inFrench(alert)],
      ['/divisions/14', alert.path],
      ['/fr/divisions/14', inFrench(alert)],
    ] as const) {
      const { page } = await site.open(path);
      expect(await page.locator(`a[href="${listed}"]`).count(), `${path} lists the live alert`).toBe(1);
      expect(await page.locator(`a[href*="${exercise.id}"]`).count(), `${path} lists the exercise`).toBe(0);
    }
  });

  it('appears in no public feed but the test feed, while the live alert of its division does', async () => {
    const test = await (await fetch(`${site.origin}/feeds/test/alerts.en.atom`)).text();
    expect(test).toContain(exercise.id);
    for (const feed of ['/feeds/alerts.en.atom', '/feeds/alerts.fr.atom', '/feeds/divisions/14.en.atom']) {
      const atom = await fetch(`${site.origin}${feed}`);
      expect(atom.status).toBe(200);
      const xml = await atom.text();
      expect(xml, feed).toContain(alert.id);
      expect(xml, feed).not.toContain(exercise.id);
    }
  });

  it('is the only kind of page asking not to be indexed', async () => {
    const { page } = await site.open(alert.path);
    expect(await page.locator('meta[name="robots"]').count()).toBe(0);
    expect(await page.title()).not.toMatch(/EXERCISE/);
  });
});

describe('the front page', () => {
  it('lists the current alerts by their latest message', async () => {
    const { page } = await site.open('/');
    const current = page.locator('.herald-alert-list').first();
    expect(await current.locator(`a[href="${alert.path}"]`).textContent()).toBe(alert.languages.en?.headline);
    expect(await current.locator(`a[href="${chain.correction.path}"]`).count()).toBe(1);
    expect(await current.locator(`a[href="${chain.alert.path}"]`).count()).toBe(0);
  });

  it('offers the way to sign up, one page per division and the feed for autodiscovery', async () => {
    const { page } = await site.open('/');
    expect(await page.locator('a[href="/subscribe"]').count()).toBe(1);
    expect(await page.locator('a[href="/divisions/14"]').textContent()).toBe('14 Division');
    const feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    expect(await feed.getAttribute('href')).toBe('/feeds/alerts.en.atom');
    const atom = await page.request.get(new URL('/feeds/alerts.en.atom', page.url()).href);
    expect(atom.headers()['content-type']).toMatch(/^application\/atom\+xml/);
    expect(await atom.text()).toContain(`${alert.path}`);
  });

  it('takes a reader who follows the sign-up link to the sign-up form in their language', async () => {
    for (const [home, form] of [
      ['/', '/subscribe'],
      ['/fr/', '/fr/subscribe'],
    ] as const) {
      const { page } = await site.open(home);
      await page.locator(`main a[href="${form}"]`).click();
      await page.waitForURL(`${site.origin}${form}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(home === '/' ? 'en' : 'fr');
      expect(await page.locator('main form').count()).toBeGreaterThan(0);
    }
  });

  it('is in French at /fr/, with French links, sign-up and feed', async () => {
    const { page } = await site.open('/fr/');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe('Alertes en cours');
    expect(await page.locator(`a[href="${inFrench(alert)}"]`).textContent()).toBe(
      alert.languages.fr?.headline,
    );
    expect(await page.locator('a[href="/fr/subscribe"]').count()).toBe(1);
    const feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    expect(await feed.getAttribute('href')).toBe('/feeds/alerts.fr.atom');
  });

  it('switches language to /fr/ and back', async () => {
    const { page } = await site.open('/');
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(`${site.origin}/fr/`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${site.origin}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('a division page', () => {
  it("lists that division's current alerts and not the others'", async () => {
    const { page } = await site.open('/divisions/14');
    expect(await page.locator('h1').textContent()).toBe('Alerts for 14 Division');
    expect(await page.locator(`a[href="${alert.path}"]`).count()).toBe(1);
    expect(await page.locator(`a[href="${chain.correction.path}"]`).count()).toBe(0);
    const other = await site.open('/divisions/22');
    expect(await other.page.locator(`a[href="${chain.correction.path}"]`).count()).toBe(1);
    expect(await other.page.locator(`a[href="${alert.path}"]`).count()).toBe(0);
  });

  it("offers the sign-up and both the division's feed and the city's for autodiscovery", async () => {
    const { page } = await site.open('/divisions/14');
    expect(await page.locator('a[href="/subscribe"]').count()).toBe(1);
    const feeds = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    expect(await feeds.evaluateAll((links) => links.map((l) => l.getAttribute('href')))).toEqual([
      '/feeds/divisions/14.en.atom',
      '/feeds/alerts.en.atom',
    ]);
    expect(await page.locator('a.govuk-back-link').getAttribute('href')).toBe('/');
  });
});

describe('every public page', () => {
  itHoldsForEveryPublicPage(site, [
    { name: 'the alert page in English', path: () => alert.path },
    { name: 'the alert page in French', path: () => inFrench(alert) },
    { name: 'a superseded alert page', path: () => chain.alert.path },
    { name: 'the exercise alert page', path: () => exercise.path },
    { name: 'the front page in English', path: () => '/' },
    { name: 'the front page in French', path: () => '/fr/' },
    { name: 'a division page', path: () => '/divisions/14' },
    { name: 'the sign-up page', path: () => '/subscribe' },
    { name: 'the sign-up page in French', path: () => '/fr/subscribe' },
  ]);
});

describe('on a 360-pixel phone', () => {
  for (const { name, file, path } of [
    { name: 'the alert page in English', file: 'alert-page-en', path: () => alert.path },
    { name: 'the alert page in French', file: 'alert-page-fr', path: () => inFrench(alert) },
    { name: 'the front page', file: 'front-page-en', path: () => '/' },
    { name: 'a superseded alert page', file: 'alert-page-superseded', path: () => chain.alert.path },
    { name: 'the exercise alert page', file: 'alert-page-exercise', path: () => exercise.path },
    { name: 'the sign-up page', file: 'sign-up-page-en', path: () => '/subscribe' },
  ]) {
    it(`${name} fits the width with nothing to scroll sideways (screenshot ${file}.png)`, async () => {
      const { page } = await site.open(path(), { phone: true });
      // A full-page screenshot is as wide as the page: wider than 360 means a sideways scroll.
      const png = pngSize(await readFile(await screenshot(page, file)));
      expect(png.width).toBe(360);
      expect(png.height).toBeGreaterThan(800);
    });
  }
});
