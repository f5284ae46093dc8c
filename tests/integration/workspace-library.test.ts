// Over 250 lines: one Herald for the whole library and audience flow (list, edit, create, verify, retire, conflict, roles), each test with its own entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { type Herald, startHerald } from '../support/herald.js';
import { startTags, textOfId } from '../support/html.js';
import { lastCode } from '../support/subscription-pages.js';

/**
 * The workspace's resource library and audience over real HTTP, as a browser without script uses
 * them: every change a form post read back through the JSON API. Each test makes the entries it
 * changes (ids of its own), so the tests pass alone and in any order.
 */

let herald: Herald;
// Starting Herald takes longer than a hook's default on a busy two-core machine.
beforeAll(async () => {
  herald = await startHerald();
}, 120_000);
afterAll(() => herald?.stop());

const LONG_AGO = '2020-01-15';
const today = () => new Date().toISOString().slice(0, 10);
let serial = 0;
const newId = (what: string) => `test-${what}-${process.pid}-${++serial}`;

function content(overrides: Record<string, unknown> = {}) {
  return {
    name: { en: 'Harbour Family Line', fr: 'Ligne familiale du port' },
    description: { en: 'Support for families after a violent incident.', fr: 'Soutien aux familles.' },
    phone: '+14165550199',
    hours: { en: '24 hours', fr: '24 heures' },
    languagesServed: ['en', 'fr'],
    eligibility: { en: 'Anyone affected', fr: 'Toute personne touchée' },
    areas: ['citywide'],
    categories: ['weapons-call'],
    lastVerifiedAt: today(),
    verifiedBy: 'comms.chloe',
    active: true,
    ...overrides,
  };
}

/** An entry made through the API (comms), as another officer would have saved it. */
async function entry(what: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = newId(what);
  const saved = await herald.call('PUT', `/resources/${id}`, {
    user: 'comms.chloe',
    body: { revision: 0, content: content(overrides) },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  return id;
}

async function apiEntry(id: string) {
  const read = await herald.call('GET', `/resources/${id}`, { user: 'inspector.ada' });
  expect(read.status).toBe(200);
  return read.body.resource;
}

/** What the entry form would send as it stands: its text inputs, textareas and ticked boxes. */
function formFields(html: string): [string, string][] {
  const start = html.indexOf('id="entry-form"');
  expect(start, 'the page has the entry form').toBeGreaterThan(0);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: [string, string][] = [];
  for (const input of startTags(form, 'input')) {
    if (!input.name || input.name === 'csrf') continue;
    if (input.type === 'checkbox' && !('checked' in input)) continue;
    fields.push([input.name, input.value ?? '']);
  }
  for (const [, name, text] of form.matchAll(/<textarea[^>]* name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    fields.push([name as string, (text as string).replace(/&amp;/g, '&').replace(/&#39;/g, "'")]);
  return fields;
}

/** The fields with `name` set to `value`: replaced where the form has it, else added. */
const replace = (fields: [string, string][], name: string, value: string): [string, string][] =>
  fields.some(([n]) => n === name)
    ? fields.map(([n, v]) => [n, n === name ? value : v])
    : [...fields, [name, value]];

/** The row of the library table for an entry, as text. */
function rowOf(html: string, id: string): string | undefined {
  const match = new RegExp(`<tr[^>]* data-resource="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  return match?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('the resource library list', () => {
  it('tags a stale entry with words, not colour alone, and the filters keep what they say', async () => {
    const stale = await entry('stale', { lastVerifiedAt: LONG_AGO, categories: ['collision'] });
    const fresh = await entry('fresh', {
      categories: ['collision'],
      areas: ['14'],
      languagesServed: ['en', 'vi'],
    });
    const retired = await entry('retired', { active: false, categories: ['collision'] });
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');

    const all = await chloe.get('/console/resources');
    expect(all.status).toBe(200);
    expect(rowOf(all.html, stale)).toMatch(/Stale ?: not verified in the last 180 days/);
    expect(rowOf(all.html, fresh)).not.toContain('Stale');
    expect(rowOf(all.html, retired)).toContain('Retired');
    expect(textOfId(all.html, 'library-count')).toMatch(/^\d+ entries\./);

    const staleOnly = await chloe.get('/console/resources?stale=yes&category=collision');
    expect(rowOf(staleOnly.html, stale)).toBeDefined();
    expect(rowOf(staleOnly.html, fresh)).toBeUndefined();
    expect(
      startTags(staleOnly.html, 'option').find((o) => o.value === 'yes' && 'selected' in o),
    ).toBeDefined();

    const area51 = await chloe.get('/console/resources?area=51&category=collision');
    expect(rowOf(area51.html, stale), 'a city-wide entry serves every division').toBeDefined();
    expect(rowOf(area51.html, fresh), 'an entry for 14 Division only').toBeUndefined();

    const vietnamese = await chloe.get('/console/resources?language=vi&category=collision');
    expect(rowOf(vietnamese.html, fresh)).toBeDefined();
    expect(rowOf(vietnamese.html, stale)).toBeUndefined();

    const retiredOnly = await chloe.get('/console/resources?status=retired');
    expect(rowOf(retiredOnly.html, retired)).toBeDefined();
    expect(rowOf(retiredOnly.html, fresh)).toBeUndefined();

    // A bad filter value is dropped, as a link must still open.
    expect((await chloe.get('/console/resources?stale=perhaps')).status).toBe(200);
  });
});

describe('editing an entry', () => {
  it('saves every field from the form, conditionally, and records who changed it', async () => {
    const id = await entry('edit');
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const form = await chloe.get(`/console/resources/${id}`);
    expect(form.status).toBe(200);
    let fields = formFields(form.html);
    fields = replace(fields, 'phone', '211');
    fields = replace(fields, 'hours-fr', 'Du lundi au vendredi');
    fields = replace(fields, 'languagesServed', 'en, fr, es');
    fields = [...fields.filter(([n]) => n !== 'areas'), ['areas', '14'], ['areas', '51']];

    const saved = await chloe.post(`/console/resources/${id}`, fields);
    expect(saved.status, saved.html.slice(0, 400)).toBe(303);
    expect(saved.location).toBe(`/console/resources/${id}?note=saved`);
    // Staff read the name the audit entry kept beside the id (D36).
    expect(textOfId((await chloe.follow(saved)).html, 'changes')).toContain('Chloe Marsh (Communications)');

    const after = await apiEntry(id);
    expect(after).toMatchObject({
      revision: 2,
      phone: '211',
      hours: { en: '24 hours', fr: 'Du lundi au vendredi' },
      languagesServed: ['en', 'fr', 'es'],
      areas: ['14', '51'],
      updatedBy: 'comms.chloe',
      updatedByName: 'Chloe Marsh (Communications)',
    });
    expect(after.history.at(-1)).toMatchObject({
      actor: 'comms.chloe',
      actorName: 'Chloe Marsh (Communications)',
      from: 'r1',
      to: 'r2',
    });
  });

  it('refuses bad values with a 422, each error beside its field and in the summary, keeps what was typed and changes nothing', async () => {
    const id = await entry('invalid');
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    let fields = formFields((await chloe.get(`/console/resources/${id}`)).html);
    fields = replace(fields, 'phone', '555-0199 ext 4');
    fields = replace(fields, 'name-en', '');
    fields = replace(fields, 'name-fr', '');
    fields = replace(fields, 'url', 'http://example.org');
    fields = replace(fields, 'lastVerifiedAt', '31/11/2026');
    fields = fields.filter(([n]) => n !== 'areas');

    const refused = await chloe.post(`/console/resources/${id}`, fields);

    expect(refused.status).toBe(422);
    const summary = textOfId(refused.html, 'error-summary') ?? '';
    for (const [field, words] of [
      ['phone', 'Enter the phone number as an E.164 number'],
      ['name-en', 'Enter the name in at least one language'],
      ['url', 'starting with https://'],
      ['lastVerifiedAt', 'YYYY-MM-DD'],
      ['areas', 'Choose the whole city or at least one division'],
    ] as const) {
      expect(textOfId(refused.html, `${field}-error`), field).toContain(words);
      expect(summary).toContain(words);
    }
    expect(startTags(refused.html, 'a').map((a) => a.href)).toContain('#areas-citywide');
    expect(startTags(refused.html, 'input').find((i) => i.name === 'phone')?.value).toBe('555-0199 ext 4');
    expect(startTags(refused.html, 'input').find((i) => i.name === 'lastVerifiedAt')?.value).toBe(
      '31/11/2026',
    );
    expect(await apiEntry(id)).toMatchObject({ revision: 1, phone: '+14165550199', areas: ['citywide'] });
  });

  it('answers a field the form does not have with a 400 and changes nothing', async () => {
    const id = await entry('unknown-field');
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const fields = formFields((await chloe.get(`/console/resources/${id}`)).html);
    const refused = await chloe.post(`/console/resources/${id}`, [...fields, ['active', 'false']]);
    expect(refused.status).toBe(400);
    expect((await apiEntry(id)).revision).toBe(1);
  });

  it('shows a clear conflict when someone else saved first, keeps what was typed and loses neither change', async () => {
    const id = await entry('conflict');
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const fields = replace(
      formFields((await chloe.get(`/console/resources/${id}`)).html),
      'hours-en',
      'Weekdays',
    );
    // Another officer saves first, from the same revision.
    const other = await herald.call('PUT', `/resources/${id}`, {
      user: 'comms.chloe',
      body: { revision: 1, content: content({ phone: '988' }) },
    });
    expect(other.status).toBe(200);

    const refused = await chloe.post(`/console/resources/${id}`, fields);

    expect(refused.status).toBe(409);
    expect(textOfId(refused.html, 'error-summary')).toContain(
      'Someone else saved this entry after you opened it',
    );
    expect(startTags(refused.html, 'input').find((i) => i.name === 'hours-en')?.value).toBe('Weekdays');
    expect(startTags(refused.html, 'input').find((i) => i.name === 'revision')?.value).toBe('2');
    // Who saved it now, by the name the entry kept beside the id (D36), not the id.
    expect(refused.html).toContain('2, saved by Chloe Marsh (Communications)');
    expect(refused.html).not.toContain('saved by comms.chloe');
    expect(await apiEntry(id)).toMatchObject({ revision: 2, phone: '988', hours: { en: '24 hours' } });

    // Saving again, knowingly, from the revision now shown.
    const again = await chloe.post(`/console/resources/${id}`, formFields(refused.html));
    expect(again.status).toBe(303);
    expect(await apiEntry(id)).toMatchObject({ revision: 3, hours: { en: 'Weekdays' } });
  });

  it('creates a new entry, and refuses an id already taken', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const blank = await chloe.get('/console/resources/new');
    expect(blank.status).toBe(200);
    const id = newId('created');
    let fields = formFields(blank.html);
    for (const [name, value] of [
      ['name-en', 'Island Shelter'],
      ['description-en', 'Beds for the night.'],
      ['hours-en', 'Evenings'],
      ['eligibility-en', 'Adults'],
      ['languagesServed', 'en'],
      ['areas', '14'],
      ['categories', 'severe-weather'],
      ['lastVerifiedAt', today()],
      ['verifiedBy', 'comms.chloe'],
    ])
      fields = replace(fields, name as string, value as string);
    const created = await chloe.post('/console/resources/new', replace(fields, 'id', id));
    expect(created.status, created.html.slice(0, 300)).toBe(303);
    expect(created.location).toBe(`/console/resources/${id}?note=created`);
    expect(await apiEntry(id)).toMatchObject({ revision: 1, name: { en: 'Island Shelter' }, active: true });

    const taken = await chloe.post('/console/resources/new', replace(fields, 'id', id));
    expect(taken.status).toBe(422);
    expect(textOfId(taken.html, 'id-error')).toContain('already exists');
    expect((await apiEntry(id)).revision).toBe(1);
  });
});

describe('one-press actions', () => {
  it('marks a stale entry verified today by whoever pressed, once, and it is no longer stale', async () => {
    const id = await entry('verify', { lastVerifiedAt: LONG_AGO, verifiedBy: 'someone.else' });
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const before = await chloe.get(`/console/resources/${id}`);
    expect(textOfId(before.html, 'verified')).toContain('Not verified in the last 180 days');

    const verified = await chloe.post(`/console/resources/${id}/verify`, [['revision', '1']]);
    expect(verified.status).toBe(303);
    expect(verified.location).toBe(`/console/resources/${id}?note=verified`);
    const after = await apiEntry(id);
    expect(after).toMatchObject({ revision: 2, verifiedBy: 'comms.chloe', stale: false });
    expect(Math.abs(Date.parse(after.lastVerifiedAt) - Date.now())).toBeLessThan(2 * 86_400_000);
    expect(rowOf((await chloe.get('/console/resources')).html, id)).not.toContain('Stale');

    // Pressed twice (a double click, a reload): done already, nothing written again.
    const twice = await chloe.post(`/console/resources/${id}/verify`, [['revision', '1']]);
    expect(twice.status).toBe(303);
    expect((await apiEntry(id)).revision).toBe(2);
  });

  it('retires an entry after asking, and puts it back in use', async () => {
    const id = await entry('retire');
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const ask = await chloe.get(`/console/resources/${id}/retire`);
    expect(ask.status).toBe(200);
    expect(ask.html).toContain('can be put back in use');

    const retired = await chloe.post(`/console/resources/${id}/retire`, [['revision', '1']]);
    expect(retired.status).toBe(303);
    expect(await apiEntry(id)).toMatchObject({ revision: 2, active: false });
    const page = await chloe.follow(retired);
    expect(page.html).toContain('id="restore-button"');

    const restored = await chloe.post(`/console/resources/${id}/restore`, [['revision', '2']]);
    expect(restored.status).toBe(303);
    expect(await apiEntry(id)).toMatchObject({ revision: 3, active: true });
  });

  it('does nothing on a page older than the entry, and says so', async () => {
    const id = await entry('stale-page');
    await herald.call('PUT', `/resources/${id}`, {
      user: 'comms.chloe',
      body: { revision: 1, content: content({ hours: { en: 'Mornings' } }) },
    });
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const refused = await chloe.post(`/console/resources/${id}/retire`, [['revision', '1']]);
    expect(refused.status).toBe(409);
    expect(textOfId(refused.html, 'error-summary')).toContain('Someone else changed this entry');
    expect(await apiEntry(id)).toMatchObject({ revision: 2, active: true });
  });
});

describe('inspectors', () => {
  it('read the library with no write control, and a forged write gets the 403 page and changes nothing', async () => {
    const id = await entry('inspector', { lastVerifiedAt: LONG_AGO });
    const ada = await ConsoleClient.signIn(herald.url, 'inspector.ada');
    const list = await ada.get('/console/resources');
    expect(list.status).toBe(200);
    expect(list.html).not.toContain('id="new-resource"');
    const page = await ada.get(`/console/resources/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-testid="entry-details"');
    for (const control of ['entry-form', 'verify-button', 'retire-link', 'save-button'])
      expect(page.html).not.toContain(`id="${control}"`);

    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const fields = formFields((await chloe.get(`/console/resources/${id}`)).html);
    for (const [path, form] of [
      [`/console/resources/${id}/verify`, [['revision', '1']]],
      [`/console/resources/${id}/retire`, [['revision', '1']]],
      [`/console/resources/${id}`, replace(fields, 'phone', '911')],
      ['/console/resources/new', replace(fields, 'id', newId('forged'))],
    ] as [string, [string, string][]][]) {
      const forged = await ada.post(path, form);
      expect(forged.status, path).toBe(403);
      expect(textOfId(forged.html, 'problem-message'), path).toContain('needs one of the roles comms');
    }
    expect((await ada.get(`/console/resources/${id}/retire`)).status).toBe(403);
    expect(await apiEntry(id)).toMatchObject({
      revision: 1,
      active: true,
      lastVerifiedAt: LONG_AGO,
      phone: '+14165550199',
    });
  });
});

describe('the audience page', () => {
  it('shows the counts per division, language and channel, and never an address', async () => {
    const phone = '+14165550177';
    const signed = await herald.call('POST', '/subscriptions', {
      body: { channel: 'sms', address: phone, areas: ['14'], language: 'fr' },
    });
    expect(signed.status).toBe(202);
    const confirmed = await herald.call('POST', `/subscriptions/${signed.body.subscription.id}/confirm`, {
      body: { code: lastCode(herald, phone) },
    });
    expect(confirmed.status).toBe(200);
    await herald.settled();
    const api = await herald.call('GET', '/audience', { user: 'inspector.ada' });
    const expected = api.body.audience
      .filter((r: any) => r.area === '14' && r.language === 'fr' && r.channel === 'sms' && !r.exercise)
      .reduce((n: number, r: any) => n + r.subscribers, 0);
    expect(expected).toBeGreaterThan(0);

    const ada = await ConsoleClient.signIn(herald.url, 'inspector.ada');
    const page = await ada.get('/console/audience');

    expect(page.status).toBe(200);
    const row = /<tr[^>]* data-area="14"[^>]*>([\s\S]*?)<\/tr>/.exec(page.html)?.[1] ?? '';
    expect(/data-count="fr-sms">([^<]*)</.exec(row)?.[1]).toBe(expected.toLocaleString('en-CA'));
    expect(textOfId(page.html, 'total-sms')).toBe(api.body.topicSubscriptions.sms.toLocaleString('en-CA'));
    expect(page.html).toContain('<svg');
    expect(page.html).not.toContain('5550177');
    expect(page.html).not.toMatch(/@[a-z0-9-]+\.(org|com|ca)/i);
  });
});
