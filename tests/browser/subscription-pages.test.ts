import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, screenshot } from '../support/browser.js';
import { usePublicSite } from '../support/public-site.js';
import { lastCode } from '../support/subscription-pages.js';

/**
 * The sign-up forms as a person's browser uses them (every step is a plain form post, the pages
 * carry no script): sign up, the code from the SMS, the manage page, a change, and stopping the
 * alerts. axe-core runs in the page, so those checks need JavaScript; a last test posts the form
 * with JavaScript off.
 */

const site = usePublicSite();

/** Ticks a radio or checkbox as a person does, by its label: GOV.UK styles draw the box on the label. */
async function choose(page: Page, id: string): Promise<void> {
  await page.click(`label[for="${id}"]`, { timeout: 10_000 });
}

describe('the public subscription pages in Chromium', () => {
  it('take a person from sign-up to stopping the alerts, each page accessible', async () => {
    const phone = '+14165550177';
    const { page } = await site.open('/subscribe', { phone: true });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectNoSeriousAxeViolations(page, 'sign-up page');
    await screenshot(page, 'sign-up-360-en');

    await choose(page, 'channel-sms');
    await page.fill('#phone', '416-555-0177');
    await choose(page, 'areas-14');
    await choose(page, 'language-en');
    await page.click('#sign-up-submit');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/subscribe\/code\//);
    await expectNoSeriousAxeViolations(page, 'code page');

    await expect.poll(() => lastCode(site.herald, phone)).toMatch(/^\d{6}$/);
    await page.fill('#code', lastCode(site.herald, phone) ?? '');
    await page.click('#confirm-code-submit');
    await page.waitForSelector('#welcome-panel');
    await expectNoSeriousAxeViolations(page, 'welcome page');

    await page.click('#manage-link');
    await page.waitForSelector('#change-subscription');
    await expectNoSeriousAxeViolations(page, 'manage page');
    await choose(page, 'areas-51');
    await page.click('#save-changes');
    await page.waitForSelector('#saved');
    expect(await page.isChecked('#areas-51')).toBe(true);

    await page.click('#unsubscribe-link');
    await page.waitForSelector('#unsubscribe');
    await expectNoSeriousAxeViolations(page, 'unsubscribe confirmation');
    await page.click('#unsubscribe-confirm');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/subscribe/unsubscribed');
    await expectNoSeriousAxeViolations(page, 'unsubscribed page');
    expect(await page.textContent('body')).not.toContain('0177');
  });

  it('show every error next to its field and in a summary that links to it, in French too', async () => {
    const { page } = await site.open('/fr/subscribe');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.click('#sign-up-submit', { timeout: 10_000 });
    await page.waitForSelector('#error-summary', { timeout: 20_000 });
    expect(await page.title()).toMatch(/^Erreur : /);
    const firstLink = await page.getAttribute('#error-summary a', 'href');
    expect(firstLink).toMatch(/^#/);
    expect(await page.locator(firstLink ?? '#none').count()).toBe(1);
    await expectNoSeriousAxeViolations(page, 'French sign-up page with errors');
  });

  it('post the sign-up form with JavaScript off', async () => {
    const { page } = await site.open('/subscribe', { javaScript: false });
    await choose(page, 'channel-email');
    await page.fill('#email', 'reader@example.org');
    await choose(page, 'areas-citywide');
    await choose(page, 'language-fr');
    await page.click('#sign-up-submit', { timeout: 10_000 });
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).not.toBe('/subscribe');
    expect(await page.locator('#error-summary').count()).toBe(0);
  });

  it('load nothing from outside the site and break no Content-Security-Policy rule', async () => {
    const reader = await site.open('/subscribe');
    expect(reader.requests.every((url) => url.origin === site.origin)).toBe(true);
    expect(reader.cspViolations()).toEqual([]);
    expect(reader.response.headers()['content-security-policy']).toContain("default-src 'none'");
  });
});
