import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, screenshot } from '../support/browser.js';
import {
  broadcastIdOf,
  broadcastOf,
  file,
  fileThroughApi,
  fillFiling,
  focusIndicator,
  press,
  problemText,
  startFiling,
  tabTo,
  useConsole,
} from '../support/console.js';

/**
 * The template editor in real Chromium, as comms staff use it: by labels, buttons and links, with
 * no script needed. Each test edits its own category, so each passes alone and in any order.
 */

const site = useConsole();

const smsMeter = (page: Page, language: string) =>
  page
    .getByTestId(`sms-meter-${language}`)
    .textContent()
    .then((t) => t ?? '');
const partsOf = (meter: string) => Number(/(\d+) parts?/.exec(meter)?.[1]);
const frenchSms = (page: Page) =>
  page.getByRole('group', { name: 'Français' }).getByLabel('SMS', { exact: true });
const textOf = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .textContent()
    .then((t) => t ?? '');
/** The template versions a broadcast was rendered from, by language, as the API returns it. */
const versionsUsed = async (site: ReturnType<typeof useConsole>, broadcastId: string) => {
  const broadcast = await broadcastOf(site.herald, broadcastId);
  const templates: { language: string; id: string; version: number }[] = broadcast.preview.templates;
  return Object.fromEntries(templates.map((t) => [t.language, { id: t.id, version: t.version }]));
};
/** A template as the API returns it: its revision, draft, audit trail and published versions. */
const templateOf = async (site: ReturnType<typeof useConsole>, id: string) => {
  const read = await site.herald.call('GET', `/templates/${id}`, { user: 'comms.chloe' });
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  return read.body as { template: any; versions: { version: number; publishedBy: string }[] };
};
const versionOf = async (site: ReturnType<typeof useConsole>, id: string, version: number) => {
  const read = await site.herald.call('GET', `/templates/${id}/versions/${version}`, { user: 'comms.chloe' });
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  return read.body.version as { sms: string };
};

describe('the template editor', () => {
  it('comms.chloe edits the French alert, sees the SMS parts change in the preview, publishes and reads the difference', async () => {
    const chloe = await site.as('comms.chloe');
    const { page } = chloe;
    await chloe.visit('/console/templates');
    await expectNoSeriousAxeViolations(page, 'the template list');
    await press(page, 'a[href="/console/templates/collision/alert"]');
    expect(await page.locator('textarea[name="fr-sms"]').getAttribute('lang')).toBe('fr');
    const before = partsOf(await smsMeter(page, 'fr'));

    const longer =
      'Collision grave, {{location}}. {{closures}}. Prévoyez des retards et empruntez un autre trajet.';
    await page.getByRole('group', { name: 'Français' }).getByLabel('SMS', { exact: true }).fill(longer);
    await press(page, 'button[value="preview"]');
    const after = partsOf(await smsMeter(page, 'fr'));
    expect(after).toBeGreaterThan(before);
    expect(await page.locator('textarea[name="fr-sms"]').inputValue()).toBe(longer);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'workspace-template-editor-1280');
    await expectNoSeriousAxeViolations(page, 'the template editor with its preview');

    await press(page, 'button[value="publish"]');
    expect(new URL(page.url()).search).toBe('?note=published');
    expect(
      await page
        .getByTestId('state-fr')
        .textContent()
        .then((t) => t ?? ''),
    ).toMatch(/Published: version 2, by Chloe Marsh \(Communications\)/);

    await press(page, 'a[href="/console/templates/collision/alert/history"]');
    await press(page, 'a[href="/console/templates/collision/alert/history?language=fr"]');
    const comparison = page.getByTestId('comparison');
    await expect
      .poll(() => comparison.textContent().then((t) => t ?? ''))
      .toContain('Version 1 and version 2');
    expect(
      await comparison
        .locator('ins')
        .first()
        .textContent()
        .then((t) => t ?? ''),
    ).toMatch(/added/);
    expect(
      await page
        .getByTestId('versions')
        .textContent()
        .then((t) => t ?? ''),
    ).toContain('Chloe Marsh (Communications)');
    await screenshot(page, 'workspace-template-history-diff-1280');
    await expectNoSeriousAxeViolations(page, 'the template history with a difference');
  });

  it('an inspector reads the editor and the history with no write control, and both pass axe', async () => {
    const ada = await site.as('inspector.ada');
    const { page } = ada;
    await ada.visit('/console/templates/weapons-call/alert');
    expect(await page.locator('textarea').count()).toBe(0);
    expect(await page.locator('button[value="publish"], button[value="save"]').count()).toBe(0);
    expect(await page.getByTestId('read-only').isVisible()).toBe(true);
    await expectNoSeriousAxeViolations(page, 'the template editor, read only');
    await ada.visit('/console/templates/weapons-call/alert/history');
    expect(await page.locator('form[action$="/rollback"]').count()).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the template history, read only');
  });

  it('with the keyboard alone, comms.chloe changes the English SMS and previews it, always seeing the focus', async () => {
    const chloe = await site.as('comms.chloe');
    const { page } = chloe;
    await chloe.visit('/console/templates/road-closure/alert');
    await tabTo(page, 'textarea[name="en-sms"]', 200);
    expect((await focusIndicator(page)).visible).toBe(true);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Road closed at {{location}} until {{until}}.');
    await tabTo(page, 'button[value="preview"]', 200);
    expect((await focusIndicator(page)).visible).toBe(true);
    await press(page, '', () => page.keyboard.press('Enter'));
    const preview = page.getByTestId('preview');
    await expect.poll(() => preview.textContent().then((t) => t ?? '')).toContain('Road closed at');
    expect(await page.locator('textarea[name="en-sms"]').inputValue()).toBe(
      'Road closed at {{location}} until {{until}}.',
    );
  });

  it('after comms.chloe publishes French version 2, the next incident of that category uses it and one filed before keeps version 1', async () => {
    // Filed before the publish (through the API): rendered from version 1 in both languages.
    const before = await fileThroughApi(site.herald, { category: 'domestic-violence', areas: ['14'] });
    expect(await versionsUsed(site, before.id)).toEqual({
      en: { id: 'domestic-violence.en.alert', version: 1 },
      fr: { id: 'domestic-violence.fr.alert', version: 1 },
    });

    const chloe = await site.as('comms.chloe');
    await chloe.visit('/console/templates/domestic-violence/alert');
    const updated = `Mise à jour : ${await frenchSms(chloe.page).inputValue()}`;
    await frenchSms(chloe.page).fill(updated);
    await press(chloe.page, 'button[value="publish"]');
    expect(new URL(chloe.page.url()).search).toBe('?note=published');
    expect(await textOf(chloe.page, 'state-fr')).toMatch(
      /Published: version 2, by Chloe Marsh \(Communications\)/,
    );

    // The next incident of the category, filed in the console by an inspector.
    const ada = await site.as('inspector.ada');
    await ada.visit('/console');
    await startFiling(ada.page, 'live', 'domestic-violence');
    await fillFiling(ada.page, {
      facts: {
        'fact.location': 'Eglinton Ave W and Keele St',
        'fact.time': '02:10',
        'fact.description.en': 'Police presence in the area. No threat to the public.',
        'fact.description.fr': 'Présence policière dans le secteur. Aucune menace pour le public.',
      },
      areas: ['14'],
      languages: ['en', 'fr'],
      severity: 'Moderate',
      urgency: 'Expected',
      certainty: 'Observed',
    });
    const after = await file(ada.page);
    expect(broadcastIdOf(ada.page)).toBe(after);
    expect(await versionsUsed(site, after)).toEqual({
      en: { id: 'domestic-violence.en.alert', version: 1 },
      fr: { id: 'domestic-violence.fr.alert', version: 2 },
    });
    // What will be sent is version 2's text, and the broadcast filed before still says version 1's.
    const sms = async (id: string) =>
      (await broadcastOf(site.herald, id)).preview.languages.fr.sms.text as string;
    expect(await sms(after)).toMatch(/^Mise à jour : /);
    expect(await sms(before.id)).not.toMatch(/Mise à jour/);

    // The history page tells the same story, one row per broadcast.
    await chloe.visit('/console/templates/domestic-violence/alert/history?language=fr');
    expect(await textOf(chloe.page, `use-${after}-fr`)).toBe('Version 2');
    expect(await textOf(chloe.page, `use-${before.id}-fr`)).toBe('Version 1');
    expect(await textOf(chloe.page, `use-${after}-en`)).toBe('Version 1');
    await screenshot(chloe.page, 'workspace-template-uses-1280');
  });

  it('a second officer publishing from a stale page sees who published what, keeps the typed text and overwrites nothing', async () => {
    const id = 'severe-weather.fr.alert';
    // Two officers (comms.chloe in two browsers) open the same editor at the same revision.
    const first = await site.as('comms.chloe');
    const second = await site.as('comms.chloe');
    await first.visit('/console/templates/severe-weather/alert');
    await second.visit('/console/templates/severe-weather/alert');
    const original = await frenchSms(first.page).inputValue();

    const theirs = `Alerte : ${original}`;
    await frenchSms(first.page).fill(theirs);
    await press(first.page, 'button[value="publish"]');
    expect(new URL(first.page.url()).search).toBe('?note=published');

    const mine = `Avis météo : ${original}`;
    await frenchSms(second.page).fill(mine);
    const refused = await press(second.page, 'button[value="publish"]');
    expect(refused.status(), await problemText(second.page)).toBe(409);
    const conflict = await textOf(second.page, 'conflict');
    expect(conflict).toContain('Someone else changed this template while you were editing');
    expect(conflict).toMatch(
      /Chloe Marsh \(Communications\) published version 2 of the Français template at /,
    );
    // Nothing typed is lost: the stale page comes back with the second officer's text in its field.
    expect(await frenchSms(second.page).inputValue()).toBe(mine);
    await expectNoSeriousAxeViolations(second.page, 'the template editor with a conflict');
    await screenshot(second.page, 'workspace-template-conflict-1280');

    // And nothing of theirs reached the library: version 2 is the first officer's, with no draft or version 3.
    const stored = await templateOf(site, id);
    expect(stored.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(stored.template.draft).toBeUndefined();
    expect((await versionOf(site, id, 2)).sms).toBe(theirs);
  });
});
