import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Herald, startHerald } from '../support/herald.js';

/**
 * Templates and the resource library over real HTTP, against dynalite: what comms staff edit and
 * what the next broadcast carries.
 */

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald();
});
afterAll(async () => {
  await herald.stop();
});

/**
 * Each test that changes a template changes one no other test reads, so the tests pass in any
 * order: this one is edited and published by one test only.
 */
const FR_ALERT = 'weapons-call.fr.alert';
/** A template no test changes. */
const UNEDITED = 'weapons-call.en.alert';

async function template(id: string) {
  const { status, body } = await herald.call('GET', `/templates/${id}`, { user: 'comms.chloe' });
  expect(status).toBe(200);
  return body.template;
}

function saveDraft(id: string, revision: number, content: Record<string, unknown>) {
  return herald.call('PUT', `/templates/${id}`, { user: 'comms.chloe', body: { revision, content } });
}

function editedContent(published: Record<string, unknown>, x: string) {
  const {
    id: _i,
    version: _v,
    category: _c,
    language: _l,
    kind: _k,
    publishedAt: _a,
    publishedBy: _b,
    publishedByName: _n,
    rolledBackFrom: _r,
    ...content
  } = published;
  return { ...content, x };
}

describe('templates owned by communications staff', () => {
  it('serves the shipped templates as version 1 at revision 0', async () => {
    const en = await template(UNEDITED);
    expect(en).toMatchObject({ revision: 0, builtin: true, latestVersion: 1, published: { version: 1 } });
    const { body } = await herald.call('GET', '/templates?language=en&category=weapons-call', {
      user: 'inspector.ada',
    });
    expect(body.templates.map((t: { id: string }) => t.id)).toContain(UNEDITED);
  });

  it('uses a published French edit for the next incident while the earlier broadcast keeps its text and version', async () => {
    const before = await herald.fileIncident();
    expect(before.status).toBe(201);
    const beforeFr = before.body.broadcast.preview.languages.fr.x.join(' ');

    const fr = await template(FR_ALERT);
    const newX =
      'Appel pour arme à feu, {{location}} ({{areas}}), {{time}}. Restez à l’écart, suivez les consignes.\n{{description}}';
    const saved = await herald.call('PUT', `/templates/${FR_ALERT}`, {
      user: 'comms.chloe',
      body: { revision: fr.revision, content: editedContent(fr.published, newX) },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.template).toMatchObject({ revision: 1, draft: { content: { x: newX } } });

    // A draft changes nothing yet.
    const stillOld = await herald.fileIncident();
    expect(stillOld.body.broadcast.preview.templates).toContainEqual({
      language: 'fr',
      id: FR_ALERT,
      version: 1,
    });

    const published = await herald.call('POST', `/templates/${FR_ALERT}/publish`, {
      user: 'comms.chloe',
      body: { revision: 1 },
    });
    expect(published.status).toBe(200);
    expect(published.body.template).toMatchObject({
      revision: 2,
      latestVersion: 2,
      published: { version: 2, x: newX },
    });

    const after = await herald.fileIncident();
    expect(after.body.broadcast.preview.templates).toContainEqual({
      language: 'fr',
      id: FR_ALERT,
      version: 2,
    });
    expect(after.body.broadcast.preview.languages.fr.x.join(' ')).toContain('Restez à l’écart');

    const earlier = await herald.call('GET', `/broadcasts/${before.body.broadcast.id}`, {
      user: 'inspector.ada',
    });
    expect(earlier.body.broadcast.preview.templates).toContainEqual({
      language: 'fr',
      id: FR_ALERT,
      version: 1,
    });
    expect(earlier.body.broadcast.preview.languages.fr.x.join(' ')).toBe(beforeFr);

    const history = await herald.call('GET', `/templates/${FR_ALERT}`, { user: 'inspector.ada' });
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('serves version 1 of a template nobody has edited', async () => {
    const v1 = await herald.call('GET', '/templates/road-closure.en.alert/versions/1', {
      user: 'inspector.ada',
    });
    expect(v1.status).toBe(200);
    expect(v1.body.version).toMatchObject({
      id: 'road-closure.en.alert',
      version: 1,
      publishedBy: 'system:builtin',
    });
    const v2 = await herald.call('GET', '/templates/road-closure.en.alert/versions/2', {
      user: 'inspector.ada',
    });
    expect(v2.status).toBe(404);
  });

  it('refuses a save over a stale revision with 409 and keeps the stored draft', async () => {
    const id = 'missing-person.en.alert';
    const shipped = await template(id);
    const saved = await saveDraft(
      id,
      shipped.revision,
      editedContent(shipped.published, 'Missing: {{name}}'),
    );
    expect(saved.status).toBe(201);

    const stale = await saveDraft(id, shipped.revision, editedContent(shipped.published, 'Seen: {{name}}'));

    expect(stale.status).toBe(409);
    const stored = await template(id);
    expect(stored.revision).toBe(saved.body.template.revision);
    expect(stored.draft.content.x).toBe('Missing: {{name}}');
  });

  it('rolls back by publishing the old version as a new one', async () => {
    const id = 'severe-weather.fr.alert';
    const shipped = await template(id);
    const saved = await saveDraft(
      id,
      shipped.revision,
      editedContent(shipped.published, 'Alerte {{location}}'),
    );
    const edited = await herald.call('POST', `/templates/${id}/publish`, {
      user: 'comms.chloe',
      body: { revision: saved.body.template.revision },
    });
    expect(edited.status).toBe(200);
    const current = edited.body.template;

    const rolled = await herald.call('POST', `/templates/${id}/publish`, {
      user: 'comms.chloe',
      body: { revision: current.revision, rollbackTo: 1 },
    });

    expect(rolled.status).toBe(200);
    expect(rolled.body.template.published).toMatchObject({
      version: current.latestVersion + 1,
      rolledBackFrom: 1,
    });
    expect(rolled.body.template.published.x).toBe(shipped.published.x);
  });

  it('refuses a template that uses an undeclared variable, naming the field', async () => {
    const en = await template('collision.en.alert');
    const response = await herald.call('PUT', '/templates/collision.en.alert', {
      user: 'comms.chloe',
      body: { revision: en.revision, content: editedContent(en.published, 'Crash at {{place}}') },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual({
      path: ['x'],
      message: '{{place}} is used but not declared in variables',
    });
    expect((await template('collision.en.alert')).revision).toBe(en.revision);
  });

  it('answers 401 without a token and 403 to an inspector who writes', async () => {
    const en = await template('collision.en.alert');
    const body = { revision: en.revision, content: editedContent(en.published, en.published.x) };
    expect((await herald.call('PUT', '/templates/collision.en.alert', { body })).status).toBe(401);
    expect(
      (await herald.call('PUT', '/templates/collision.en.alert', { user: 'inspector.ada', body })).status,
    ).toBe(403);
    expect((await herald.call('GET', '/resources')).status).toBe(401);
  });
});

describe('previewing a template', () => {
  it('shows the texts, the length meters, stale resources and personal-data warnings', async () => {
    const response = await herald.call('POST', '/templates/collision.en.alert/preview', {
      user: 'inspector.ada',
      body: {
        areas: ['14'],
        facts: {
          location: 'Dundas St W and Spadina Ave',
          time: '07:15',
          closures: { en: 'Call John Smith, 34, at 416-555-0199 or jsmith@example.com.' },
        },
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const { meters, resources, warnings, content } = response.body;
    expect(meters.en.sms.parts).toBeGreaterThanOrEqual(1);
    expect(meters.en.x.weightedLengths.every((n: number) => n <= 280)).toBe(true);
    expect(meters.en.email.bytes).toBeGreaterThan(0);
    expect(resources.some((r: { stale: boolean }) => r.stale)).toBe(true);
    expect(warnings.map((w: { rule: string }) => w.rule).sort()).toEqual([
      'email-address',
      'name-with-age',
      'phone-number',
    ]);
    const phone = warnings.find((w: { rule: string }) => w.rule === 'phone-number');
    expect(phone).toMatchObject({ path: ['facts', 'closures', 'en'], match: '416-555-0199' });
    expect(content.languages.en.email.body).toContain('Help and support:');
    expect(content.languages.en.web).toContain('<h2>Help and support</h2>');
  });

  it('names a missing required fact with 422', async () => {
    const response = await herald.call('POST', '/templates/collision.en.alert/preview', {
      user: 'comms.chloe',
      body: { facts: { time: '07:15' } },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toContainEqual({ path: ['facts', 'location'], message: 'required' });
  });

  it('escapes HTML in facts on the public page', async () => {
    const response = await herald.call('POST', '/templates/collision.en.alert/preview', {
      user: 'comms.chloe',
      body: { facts: { location: '<script>alert(1)</script> Main St', time: '07:15' } },
    });
    expect(response.status).toBe(200);
    expect(response.body.content.languages.en.web).not.toContain('<script>');
    expect(response.body.content.languages.en.web).toContain('&lt;script&gt;');
  });
});

describe('the broadcast preview the approver sees', () => {
  it('shows length meters, stale resources and personal-data warnings next to the texts', async () => {
    const filed = await herald.fileIncident({
      category: 'collision',
      areas: ['14'],
      facts: {
        location: 'Dundas St W and Spadina Ave',
        time: '07:15',
        closures: { en: 'Call 416-555-0199 for updates.', fr: 'Appelez le 416-555-0199.' },
      },
    });
    expect(filed.status).toBe(201);
    const { preview } = filed.body.broadcast;
    const { encoding, units, parts } = preview.languages.fr.sms;
    expect(preview.meters.fr.sms).toEqual({ encoding, units, parts });
    expect(parts).toBeLessThanOrEqual(2);
    expect(preview.meters.en.x.weightedLengths.every((n: number) => n <= 280)).toBe(true);
    expect(preview.staleResources).toContain('collision-reporting-centre');
    expect(preview.warnings.map((w: { path: string[] }) => w.path.join('.')).sort()).toEqual([
      'facts.closures.en',
      'facts.closures.fr',
    ]);
    expect(preview.languages.fr.email.body).toContain('Aide et soutien :');
  });
});

describe('the resource library', () => {
  it('flags stale sample entries and attaches only active entries of the category and area', async () => {
    const { body } = await herald.call('GET', '/resources', { user: 'inspector.ada' });
    expect(body.staleAfterDays).toBe(180);
    expect(
      body.resources
        .filter((r: { stale: boolean }) => r.stale)
        .map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual(['collision-reporting-centre', 'victim-quick-response-program']);

    const filed = await herald.fileIncident({ areas: ['14'] });
    const attached = filed.body.broadcast.preview.resources.map((r: { id: string }) => r.id);
    expect(attached).toContain('downtown-community-support-centre');
    expect(attached).not.toContain('northwest-community-support-hub');
    const elsewhere = await herald.fileIncident({ areas: ['22'] });
    expect(elsewhere.body.broadcast.preview.resources.map((r: { id: string }) => r.id)).not.toContain(
      'downtown-community-support-centre',
    );
  });

  it('saves an entry for comms with optimistic concurrency and retires it from new broadcasts', async () => {
    // Not the downtown centre, which the test above needs attached.
    const id = 'youth-helpline';
    const { body } = await herald.call('GET', `/resources/${id}`, { user: 'comms.chloe' });
    const {
      id: _id,
      revision,
      stale: _s,
      history: _h,
      updatedAt: _u,
      updatedBy: _b,
      updatedByName: _n,
      ...content
    } = body.resource;
    const attachedBefore = await herald.fileIncident({ areas: ['14'] });
    expect(attachedBefore.body.broadcast.preview.resources.map((r: { id: string }) => r.id)).toContain(id);

    const retired = await herald.call('PUT', `/resources/${id}`, {
      user: 'comms.chloe',
      body: { revision, content: { ...content, active: false } },
    });
    const stale = await herald.call('PUT', `/resources/${id}`, {
      user: 'comms.chloe',
      body: { revision, content },
    });
    const filed = await herald.fileIncident({ areas: ['14'] });

    expect(retired.status).toBe(201);
    expect(stale.status).toBe(409);
    expect(filed.body.broadcast.preview.resources.map((r: { id: string }) => r.id)).not.toContain(id);
  });
});
