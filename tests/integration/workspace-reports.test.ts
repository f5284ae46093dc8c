import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { correctedIncident } from '../support/corrected-incident.js';
import { type Herald, startHerald } from '../support/herald.js';
import { byId, startTags, textOfId } from '../support/html.js';

/**
 * After-action reports over real HTTP against the local runtime: an incident filed and approved
 * through the API, delivered by the fake X and SNS, then a correction; its report and the list
 * read as a browser without script reads them, the findings posted as a plain form.
 */

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(() => herald?.stop());

const findings = (revision: string, strengths: string): [string, string][] => [
  ['revision', revision],
  ['strengths', strengths],
  ['improvements', 'The first alert named the wrong cross street.'],
  ['actionWhat', 'Add a cross-street check to the approval page'],
  ['actionOwner', 'Communications lead'],
  ['actionDue', '2027-01-15'],
  ['actionWhat', ''],
  ['actionOwner', ''],
  ['actionDue', ''],
];

async function storedNotes(client: ConsoleClient, id: string) {
  const json = await client.get(`/console/reports/${id}/json`);
  const report = JSON.parse(json.html);
  return { ...report.findings, actions: report.correctiveActions, revision: report.notes.revision };
}

describe('after-action reports', () => {
  it('shows the key times of a delivered, corrected incident in the list and in its report', async () => {
    const id = await correctedIncident(herald);
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');

    const list = await chloe.get('/console/reports');
    expect(list.status).toBe(200);
    const row = new RegExp(`<tr[^>]*data-incident="${id}"[\\s\\S]*?</tr>`).exec(list.html)?.[0] ?? '';
    expect(row).toContain('EXERCISE');
    expect(row.match(/class="herald-report-duration">[^<]*\d+ (s|min)/g)).toHaveLength(3);

    const report = await chloe.get(`/console/reports/${id}`);
    expect(report.status).toBe(200);
    expect(report.html).toContain('herald-mode-band--exercise');
    const keyTimes = textOfId(report.html, 'key-times-list') ?? '';
    expect(keyTimes).toMatch(/Approval to first delivery\s*\d+ s/);
    expect(keyTimes).toMatch(/Approval to last delivery\s*\d+ s/);
    expect(keyTimes).toMatch(/Time to correct\s*\d+ (s|min)/);
    const timeline = textOfId(report.html, 'timeline-table') ?? '';
    for (const step of [
      'Incident opened (intake)',
      'Alert approved',
      'Alert: first delivery on X',
      'Alert: last delivery on SNS',
      'Correction approved',
    ])
      expect(timeline).toContain(step);
    expect(textOfId(report.html, 'participants')).toContain('Inspector Ben Hartley');
    expect(report.html).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+|\+?1?[ -]?\(?\d{3}\)?[ -]\d{3}-\d{4}/);
  });

  it('keeps the subscriber counts of each topic as they were at approval', async () => {
    const id = await correctedIncident(herald);
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');

    const report = JSON.parse((await chloe.get(`/console/reports/${id}/json`)).html);

    expect(report.broadcasts[0].reach.subscribers).toEqual({
      sms: expect.any(Number),
      email: expect.any(Number),
    });
    expect(report.broadcasts[0].reach.topics.length).toBeGreaterThan(0);
  });

  it('saves the findings of comms staff, and refuses a second save from the same revision keeping what was typed', async () => {
    const id = await correctedIncident(herald);
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    await chloe.get(`/console/reports/${id}`);

    const saved = await chloe.post(`/console/reports/${id}`, findings('0', 'The correction went out fast.'));
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/console/reports/${id}?note=saved#findings`);
    const after = await chloe.follow(saved);
    expect(byId(after.html, 'saved-banner')).toBeDefined();
    expect(byId(after.html, 'actionOwner-0')?.value).toBe('Communications lead');

    const stale = await chloe.post(`/console/reports/${id}`, findings('0', 'My other text.'));
    expect(stale.status).toBe(409);
    expect(textOfId(stale.html, 'error-summary')).toContain('Someone else saved these findings');
    expect(stale.html).toContain('My other text.');
    expect(stale.html).toContain('The correction went out fast.');
    expect(await storedNotes(chloe, id)).toMatchObject({
      strengths: 'The correction went out fast.',
      revision: 1,
    });
  });

  it('refuses bad input with a 4xx beside the field and changes nothing', async () => {
    const id = await correctedIncident(herald);
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    await chloe.get(`/console/reports/${id}`);

    const badDate = await chloe.post(`/console/reports/${id}`, [
      ...findings('0', 'Fine.').filter(([name]) => name !== 'actionDue'),
      ['actionDue', '2027-02-30'],
    ]);
    expect(badDate.status).toBe(422);
    expect(startTags(badDate.html, 'a').some((a) => a.href === '#actionDue-0')).toBe(true);
    expect(byId(badDate.html, 'actionDue-0')?.value).toBe('2027-02-30');

    const contact = await chloe.post(
      `/console/reports/${id}`,
      findings('0', 'Call the witness at 416-555-0199.'),
    );
    expect(contact.status).toBe(422);
    expect(textOfId(contact.html, 'error-summary')).toContain('Remove the phone number');

    const unknown = await chloe.post(`/console/reports/${id}`, [...findings('0', 'Fine.'), ['owner', 'x']]);
    expect(unknown.status).toBe(400);

    expect(await storedNotes(chloe, id)).toMatchObject({ strengths: '', revision: 0, actions: [] });
  });

  it('lets an inspector read the report without a form, and answers a forged save with the 403 page', async () => {
    const id = await correctedIncident(herald);
    const ada = await ConsoleClient.signIn(herald.url, 'inspector.ada');

    const report = await ada.get(`/console/reports/${id}`);
    expect(report.status).toBe(200);
    expect(byId(report.html, 'notes-form')).toBeUndefined();
    expect(byId(report.html, 'saved-findings')).toBeDefined();

    const forged = await ada.post(`/console/reports/${id}`, findings('0', 'Forged.'));
    expect(forged.status).toBe(403);
    expect(await storedNotes(ada, id)).toMatchObject({ strengths: '', revision: 0 });
  });

  it('downloads the report as CSV and as JSON, as attachments of the right type', async () => {
    const id = await correctedIncident(herald);
    const ben = await ConsoleClient.signIn(herald.url, 'inspector.ben');

    const csv = await ben.get(`/console/reports/${id}/csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="herald-after-action-${id}.csv"`,
    );
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expect(csv.html.split('\r\n')[0]).toBe('section,time,who,what,broadcast,channel,seconds,detail');
    expect(csv.html).toMatch(/\r\nkey time,[^,]+,,approval to first delivery,bc_\w+,,\d+,\r\n/);

    const json = await ben.get(`/console/reports/${id}/json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toBe(
      `attachment; filename="herald-after-action-${id}.json"`,
    );
    const report = JSON.parse(json.html);
    expect(report).toMatchObject({
      format: 'herald.after-action-report',
      version: 1,
      incident: { id, mode: 'exercise' },
    });
    expect(report.keyTimes.correction.toDeliveryMs).toBeGreaterThan(0);
  });

  it('filters the list by live or exercise, and refuses a cursor it did not give with a 4xx', async () => {
    const id = await correctedIncident(herald);
    const ben = await ConsoleClient.signIn(herald.url, 'inspector.ben');

    expect((await ben.get('/console/reports?mode=exercise')).html).toContain(`data-incident="${id}"`);
    expect((await ben.get('/console/reports?mode=live')).html).not.toContain(`data-incident="${id}"`);
    expect((await ben.get('/console/reports?cursor=not-a-cursor')).status).toBe(422);
  });

  it('answers an unknown incident with the 404 page', async () => {
    const ben = await ConsoleClient.signIn(herald.url, 'inspector.ben');

    expect((await ben.get('/console/reports/inc_0000000000zzzzzzzzzzzzzz')).status).toBe(404);
    expect((await ben.get('/console/reports/not-an-id')).status).toBe(404);
  });
});
