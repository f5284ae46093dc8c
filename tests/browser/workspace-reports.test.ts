import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { durationText } from '../../shared/domain/report-times.js';
import { formatTime } from '../../web/console/format.js';
import { expectNoSeriousAxeViolations, pngSize, SCREENSHOT_DIR, screenshot } from '../support/browser.js';
import { approveThroughApi, deliveriesOf, fileThroughApi, press, useConsole } from '../support/console.js';
import { correctedIncident } from '../support/corrected-incident.js';

/**
 * The after-action report in real Chromium: the list and a report of an exercise with a delivered
 * correction, the findings written by a communications officer with the keyboard, and the printed
 * copy (print media: no navigation, no form, the findings as text).
 */

const site = useConsole();

let incidentId: string;

/** Poppler's PDF renderer, when the machine has it (`apt-get install poppler-utils`). */
const PDFTOPPM = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm', '/opt/homebrew/bin/pdftoppm'].find(
  existsSync,
);

/** The text of the key-times row whose label is `key`, as the page shows it. */
const keyTime = (page: import('playwright-core').Page, key: string) =>
  page
    .locator('#key-times-list .govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) })
    .locator('dd')
    .textContent()
    .then((t) => (t ?? '').replace(/\s+/g, ' ').trim());

/**
 * The key times worked out here from what is stored, read through the API: the alert's and the
 * correction's approvals, and the sent time of every delivery of each.
 */
async function storedTimes(id: string) {
  const { herald } = site;
  const read = await herald.call('GET', `/incidents/${id}`, { user: 'comms.chloe' });
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  const broadcasts: { id: string; kind: string; approval?: { at: string } }[] = read.body.broadcasts;
  const alert = broadcasts.find((b) => b.kind === 'alert');
  const correction = broadcasts.find((b) => b.kind === 'correction');
  if (!alert?.approval || !correction?.approval) throw new Error('the alert and its correction are approved');
  const sentTimes = async (broadcastId: string) => {
    const deliveries = (await deliveriesOf(herald, broadcastId)) as { status: string; sentAt?: string }[];
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 'SENT'));
    return deliveries.map((d) => Date.parse(d.sentAt ?? '')).sort((a, b) => a - b);
  };
  const alertSent = await sentTimes(alert.id);
  const correctionSent = await sentTimes(correction.id);
  const approved = Date.parse(alert.approval.at);
  const first = alertSent[0] as number;
  return {
    approvedAt: alert.approval.at,
    approveToFirst: first - approved,
    approveToLast: (alertSent.at(-1) as number) - approved,
    correctionApproved: Date.parse(correction.approval.at) - first,
    correctionDelivered: (correctionSent[0] as number) - first,
  };
}

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

  it('shows key times equal to what the stored approvals and deliveries of the alert and its correction say', async () => {
    // Its own incident, corrected 2.5 s after the alert went out, so the time to correct is not 0 s.
    const corrected = await correctedIncident(site.herald, { areas: ['51'] }, { pauseMs: 2_500 });
    const expected = await storedTimes(corrected);
    expect(expected.correctionApproved).toBeGreaterThanOrEqual(2_500);
    const chloe = await site.as('comms.chloe', { width: 1280 });
    await chloe.visit(`/console/reports/${corrected}`);
    const page = chloe.page;

    const { timeZone } = site.herald.runtime.registry.service;
    expect(await keyTime(page, 'Alert approved')).toBe(formatTime(expected.approvedAt, timeZone));
    expect(await keyTime(page, 'Approval to first delivery')).toBe(durationText(expected.approveToFirst));
    expect(await keyTime(page, 'Approval to last delivery')).toBe(durationText(expected.approveToLast));
    expect(await keyTime(page, 'Time to correct')).toBe(
      `${durationText(expected.correctionDelivered)} from the alert's first delivery to the correction's (approved after ${durationText(expected.correctionApproved)})`,
    );
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
    if (!PDFTOPPM) {
      console.warn('pdftoppm (poppler-utils) is not installed: the printed PDF was not rendered to images');
      return;
    }
    // Rendered as a person sees it on paper, one PNG per page, to look at.
    const prefix = join(SCREENSHOT_DIR, 'workspace-report-print-page');
    for (const old of (await readdir(SCREENSHOT_DIR)).filter((f) =>
      f.startsWith('workspace-report-print-page'),
    ))
      await rm(join(SCREENSHOT_DIR, old));
    await promisify(execFile)(PDFTOPPM, [
      '-png',
      '-r',
      '80',
      join(SCREENSHOT_DIR, 'workspace-report-print.pdf'),
      prefix,
    ]);
    const pages = (await readdir(SCREENSHOT_DIR)).filter((f) =>
      /^workspace-report-print-page-\d+\.png$/.test(f),
    );
    expect(pages.length).toBeGreaterThan(0);
    // Every printed page says the mode in words at its foot, not only the first page's band.
    const text = await promisify(execFile)(PDFTOPPM.replace(/pdftoppm$/, 'pdftotext'), [
      '-layout',
      join(SCREENSHOT_DIR, 'workspace-report-print.pdf'),
      '-',
    ]);
    const printed = text.stdout.split('\f').filter((p) => p.trim() !== '');
    expect(printed).toHaveLength(pages.length);
    printed.forEach((paper, i) => {
      expect(paper).toContain('EXERCISE: not a live incident');
      expect(paper).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    for (const image of pages) {
      // A4 at 80 dpi: 662 x 935 pixels, portrait.
      const size = pngSize(await readFile(join(SCREENSHOT_DIR, image)));
      expect(size.width).toBeLessThan(size.height);
    }
  });

  it('shows an inspector the report without any write control', async () => {
    const ada = await site.as('inspector.ada', { width: 1280 });
    await ada.visit(`/console/reports/${incidentId}`);

    await expect(ada.page.locator('form#notes-form, textarea, #save-notes').count()).resolves.toBe(0);
    await expect(ada.page.locator('#saved-findings').isVisible()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(ada.page, 'a report, as an inspector');
  });
});
