import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, screenshot } from '../support/browser.js';
import {
  fillFiling,
  focusIndicator,
  horizontalOverflow,
  type Person,
  press,
  preview,
  tabTo,
  useConsole,
  WEAPONS_CALL,
} from '../support/console.js';
import { lastCode } from '../support/subscription-pages.js';

/**
 * The resource library and the audience in real Chromium: a comms officer clears a stale flag
 * and every place that showed it stops showing it; the pages pass axe-core, work with the keyboard
 * alone and are looked at as screenshots. Entries are made through the API with ids of their own.
 */

const site = useConsole();

const LONG_AGO = '2020-01-15';
let serial = 0;

/** A city-wide weapons-call entry, so every weapons-call preview attaches it. */
async function entry(what: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = `browser-${what}-${process.pid}-${++serial}`;
  const saved = await site.herald.call('PUT', `/resources/${id}`, {
    user: 'comms.chloe',
    body: {
      revision: 0,
      content: {
        name: { en: `Riverside Victim Line ${serial}`, fr: `Ligne d’aide Riverside ${serial}` },
        description: { en: 'Support after a violent incident.', fr: 'Soutien après un incident violent.' },
        phone: '+14165550142',
        hours: { en: '24 hours', fr: '24 heures' },
        languagesServed: ['en', 'fr'],
        eligibility: { en: 'Anyone affected', fr: 'Toute personne touchée' },
        areas: ['citywide'],
        categories: ['weapons-call'],
        lastVerifiedAt: new Date().toISOString().slice(0, 10),
        verifiedBy: 'comms.chloe',
        active: true,
        ...overrides,
      },
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  return id;
}

/** The text of the library row of an entry. */
const rowText = (page: Page, id: string) => page.locator(`tr[data-resource="${id}"]`).textContent();

/** The line of the filing preview's "Resources attached" that names the entry. */
async function previewLine(person: Person, id: string): Promise<string> {
  await person.visit('/console/incidents/new/live/weapons-call');
  await fillFiling(person.page, WEAPONS_CALL);
  await preview(person.page);
  return (await person.page.locator('[data-testid="preview"] li', { hasText: id }).textContent()) ?? '';
}

beforeAll(async () => {
  // A few subscribers, so the audience page has numbers to show.
  const { herald } = site;
  for (const [phone, areas, language] of [
    ['+14165550161', ['14'], 'en'],
    ['+14165550162', ['14', '51'], 'fr'],
    ['+14165550163', ['31'], 'en'],
  ] as const) {
    const signed = await herald.call('POST', '/subscriptions', {
      body: { channel: 'sms', address: phone, areas, language },
    });
    expect(signed.status).toBe(202);
    const confirmed = await herald.call('POST', `/subscriptions/${signed.body.subscription.id}/confirm`, {
      body: { code: lastCode(herald, phone) },
    });
    expect(confirmed.status).toBe(200);
  }
  await herald.settled();
}, 120_000);

describe('a stale entry', () => {
  it('loses its stale flag in the list and in the filing preview once comms.chloe marks it verified', async () => {
    const id = await entry('stale', { lastVerifiedAt: LONG_AGO });
    const ada = await site.as('inspector.ada');
    expect(await previewLine(ada, id)).toContain('Stale');

    const chloe = await site.as('comms.chloe');
    await chloe.visit('/console/resources');
    expect(await rowText(chloe.page, id)).toContain('Stale');
    await press(chloe.page, `tr[data-resource="${id}"] a`);
    expect(await chloe.page.locator('#verified').textContent()).toContain(
      'Not verified in the last 180 days',
    );
    await press(chloe.page, '#verify-button');
    expect(await chloe.page.locator('[data-testid="note"]').textContent()).toContain('Marked verified today');
    expect(await chloe.page.locator('[data-testid="entry-state"] [data-testid="stale-tag"]').count()).toBe(0);

    await press(chloe.page, '', () => chloe.page.click('.govuk-back-link'));
    expect(await rowText(chloe.page, id)).not.toContain('Stale');
    expect(await previewLine(ada, id)).not.toContain('Stale');
    const api = await site.herald.call('GET', `/resources/${id}`, { user: 'inspector.ada' });
    expect(api.body.resource).toMatchObject({ verifiedBy: 'comms.chloe', stale: false, revision: 2 });
  });
});

describe('every library and audience page', () => {
  it('has no serious or critical axe-core violation, fits 1280 px, and is looked at', async () => {
    const id = await entry('looked-at', { lastVerifiedAt: LONG_AGO });
    const chloe = await site.as('comms.chloe', { width: 1280 });
    const ada = await site.as('inspector.ada', { width: 1280 });
    const pages: [Person, string, string | undefined][] = [
      [chloe, '/console/resources', 'workspace-library-1280'],
      [chloe, '/console/resources?stale=yes', undefined],
      [chloe, `/console/resources/${id}`, 'workspace-resource-edit-1280'],
      [chloe, '/console/resources/new', undefined],
      [chloe, `/console/resources/${id}/retire`, undefined],
      [ada, `/console/resources/${id}`, 'workspace-resource-read-1280'],
      [ada, '/console/audience', 'workspace-audience-1280'],
    ];
    for (const [person, path, shot] of pages) {
      await person.visit(path);
      await expectNoSeriousAxeViolations(person.page, path);
      const { scrollWidth, viewport } = await horizontalOverflow(person.page);
      expect(scrollWidth, path).toBeLessThanOrEqual(viewport);
      if (shot) await screenshot(person.page, shot);
    }
    // The form with errors: summary, errors beside fields, what was typed kept.
    await chloe.visit(`/console/resources/${id}`);
    await chloe.page.fill('#phone', 'call us');
    await chloe.page.fill('#name-en', '');
    await chloe.page.fill('#name-fr', '');
    const refused = await press(chloe.page, '#save-button');
    expect(refused.status()).toBe(422);
    expect(await chloe.page.locator('#error-summary').textContent()).toContain('Enter the phone number as');
    expect(await chloe.page.inputValue('#phone')).toBe('call us');
    await expectNoSeriousAxeViolations(chloe.page, 'the entry form with errors');
    await screenshot(chloe.page, 'workspace-resource-errors-1280');
    // The audience chart writes its numbers as text.
    expect(await ada.page.locator('.herald-chart svg text').allTextContents()).toContain('1 SMS, 0 e-mail');
  });
});

describe('with the keyboard alone', () => {
  it('comms.chloe filters to the stale entries, opens one, corrects its number and saves, always seeing the focus', async () => {
    const id = await entry('keyboard', { lastVerifiedAt: LONG_AGO });
    const chloe = await site.as('comms.chloe');
    await chloe.visit('/console/resources');
    const { page } = chloe;
    const focused = async (selector: string) => {
      await tabTo(page, selector);
      const focus = await focusIndicator(page);
      expect(focus.visible, `focus on ${focus.element} (${focus.style})`).toBe(true);
    };

    await focused('#filter-stale');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#filter-stale')).toBe('yes');
    await focused('#filter-button');
    await press(page, '', () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).searchParams.get('stale')).toBe('yes');

    await focused(`tr[data-resource="${id}"] a`);
    await press(page, '', () => page.keyboard.press('Enter'));
    await focused('#phone');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('211');
    await focused('#save-button');
    await press(page, '', () => page.keyboard.press('Enter'));
    expect(await page.locator('[data-testid="note"]').textContent()).toContain('Changes saved');

    const api = await site.herald.call('GET', `/resources/${id}`, { user: 'inspector.ada' });
    expect(api.body.resource).toMatchObject({ phone: '211', revision: 2 });
  });
});
