import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, SCREENSHOT_DIR, screenshot } from '../support/browser.js';
import { approveThroughApi, fileThroughApi, press, useConsole } from '../support/console.js';
import { correctedIncident } from '../support/corrected-incident.js';

/**
 * The after-action report in real Chromium: the list and a report of an exercise with a delivered
 * correction, the findings written by a communications officer with the keyboard, and the printed
 * copy (print media: no navigation, no form, the findings as text).
 */

const site = useConsole();

let incidentId: string;

beforeAll(async () => {
  const { herald } = site;
  incidentId = await correctedIncident(herald, { areas: ['14'] });
  // A live incident too, so the list shows both modes.
  const live = await fileThroughApi(herald, { areas: ['31'] });
  await approveThroughApi(herald, live);
  await herald.settled();
}, 120_000);

describe('after-action reports in the browser', () => {
  it('lists the reports with their key times, accessible, and opens one from the list', async () => {
    const chloe = await site.as('comms.chloe', { width: 1280 });
    await chloe.visit('/console/reports');

    await expectNoSeriousAxeViolations(chloe.page, 'the reports list');
    const row = chloe.page.locator(`tr[data-incident="${incidentId}"]`);
    await expect(row.locator('.herald-report-duration').count()).resolves.toBe(3);
    await screenshot(chloe.page, 'workspace-reports-list-1280');

    await press(chloe.page, '', () => row.locator('a').click());
    expect(new URL(chloe.page.url()).pathname).toBe(`/console/reports/${incidentId}`);
    await expect(chloe.page.locator('.herald-mode-band').textContent()).resolves.toContain('EXERCISE');
  });

  it('lets a communications officer write findings and an action with the keyboard, and prints cleanly', async () => {
    const chloe = await site.as('comms.chloe', { width: 1280 });
    await chloe.visit(`/console/reports/${incidentId}`);
    const page = chloe.page;

    await page
      .getByLabel('What worked (strengths)')
      .fill('The correction reached every topic within minutes.');
    await page.getByLabel('What to improve').fill('The first alert named the wrong cross street.');
    await page.locator('#actionWhat-0').fill('Add a cross-street check to the approval page');
    await page.locator('#actionOwner-0').fill('Communications lead');
    await page.locator('#actionDue-0').fill('2027-01-15');
    await page.locator('#actionDue-0').focus();
    await press(page, '', () => page.keyboard.press('Enter'));

    await expect(page.locator('#saved-banner').isVisible()).resolves.toBe(true);
    await expect(page.locator('#actionOwner-0').inputValue()).resolves.toBe('Communications lead');
    await expectNoSeriousAxeViolations(page, 'a report, as communications staff');
    await screenshot(page, 'workspace-report-1280');

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.herald-console-nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('#notes-form').isVisible()).resolves.toBe(false);
    await expect(page.locator('#saved-findings').isVisible()).resolves.toBe(true);
    await expect(page.locator('#saved-findings').textContent()).resolves.toContain('Communications lead');
    await expect(page.locator('.herald-mode-band').isVisible()).resolves.toBe(true);
    await screenshot(page, 'workspace-report-print');
    // Chromium's own print, kept beside the screenshots for a person to render and look at.
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      path: join(SCREENSHOT_DIR, 'workspace-report-print.pdf'),
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows an inspector the report without any write control', async () => {
    const ada = await site.as('inspector.ada', { width: 1280 });
    await ada.visit(`/console/reports/${incidentId}`);

    await expect(ada.page.locator('form#notes-form, textarea, #save-notes').count()).resolves.toBe(0);
    await expect(ada.page.locator('#saved-findings').isVisible()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(ada.page, 'a report, as an inspector');
  });
});
