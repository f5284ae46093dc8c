import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishesOf } from '../support/delivered.js';
import { type Herald, startHerald } from '../support/herald.js';

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(async () => herald.stop());

async function fileAndApprove(overrides: Record<string, unknown> = {}) {
  const filed = await herald.fileIncident(overrides);
  expect(filed.status).toBe(201);
  return approve(filed.body.broadcast, filed.body.incident);
}

async function approve(broadcast: { id: string; contentHash: string }, incident: { id: string }) {
  const approved = await herald.call('POST', `/broadcasts/${broadcast.id}/approve`, {
    user: 'inspector.ben',
    body: { contentHash: broadcast.contentHash },
  });
  expect(approved.status).toBe(200);
  await herald.settled();
  return { broadcast, incident };
}

async function page(path: string) {
  const response = await fetch(`${herald.url}${path}`);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The path of a link as the posts and SMS carry it: the local server serves the same path. */
const pathOf = (link: string) => new URL(link).pathname;

describe('the public site after an approval', () => {
  it('answers the link in the delivered SMS with the alert page, in English and in French', async () => {
    const { broadcast } = await fileAndApprove();
    const sms = publishesOf(herald, `/b/${broadcast.id}`).find((p) => p.topic === 'area-14-en');
    const link = /https:\/\/\S+\/b\/bc_\w+/.exec(sms?.sms ?? '')?.[0] ?? '';
    expect(link).toContain(broadcast.id);

    const en = await page(pathOf(link));
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(en.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('Queen St W and Bathurst St');
    const fr = await page(`/fr/b/${broadcast.id}`);
    expect(fr.body).toContain('<html lang="fr"');
    expect(fr.body).toContain('Que faire maintenant');
  });

  it('shows a follow-up at the top of the old page and on the front page', async () => {
    const { broadcast, incident } = await fileAndApprove({
      facts: {
        location: 'King St and Spadina Ave',
        time: '22:10',
        description: { en: 'Suspect seen.', fr: 'Suspect vu.' },
      },
    });
    const filed = await herald.call('POST', `/incidents/${incident.id}/follow-ups`, {
      user: 'inspector.ada',
      body: { kind: 'all-clear', note: { en: 'The suspect is in custody.', fr: 'Le suspect est détenu.' } },
    });
    expect(filed.status).toBe(201);
    await approve(filed.body.broadcast, incident);

    const old = await page(`/b/${broadcast.id}`);
    expect(old.body).toContain('There is a newer message about this incident.');
    expect(old.body).toContain(`href="/b/${filed.body.broadcast.id}"`);
    expect(old.body).toContain('All clear');
    const front = await page('/');
    const recent = front.body.slice(front.body.indexOf('Recent alerts'));
    expect(recent).toContain(`href="/b/${filed.body.broadcast.id}"`);
  });

  it('marks an exercise on its page and keeps it off the front and division pages', async () => {
    const { broadcast } = await fileAndApprove({ status: 'Exercise' });
    const exercise = await page(`/b/${broadcast.id}`);
    expect(exercise.status).toBe(200);
    expect(exercise.body).toContain('EXERCISE — this is a drill.');
    expect(exercise.body).toContain('noindex');
    for (const path of ['/', '/fr/', '/divisions/14']) {
      expect((await page(path)).body, path).not.toContain(broadcast.id);
    }
  });

  it('answers a conditional request for an unchanged page with 304', async () => {
    const { broadcast } = await fileAndApprove();
    const first = await page(`/b/${broadcast.id}`);
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(`${herald.url}/b/${broadcast.id}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for a page that does not exist, and never serves a file outside the site', async () => {
    expect((await page('/b/bc_nothing')).status).toBe(404);
    expect((await page('/../../package.json')).status).toBe(404);
    expect((await page('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });
});
