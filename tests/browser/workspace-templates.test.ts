import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, screenshot } from '../support/browser.js';
import { focusIndicator, press, tabTo, useConsole } from '../support/console.js';

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
    ).toMatch(/Published: version 2, by comms\.chloe/);

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
    ).toContain('comms.chloe');
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
});
