import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateFieldMax } from '../../shared/domain/template.js';
import { MAX_BODY_BYTES } from '../../shared/http/body.js';
import { ConsoleClient, type ConsoleResponse } from '../support/console-client.js';
import { type Herald, startHerald } from '../support/herald.js';
import { startTags } from '../support/html.js';

/**
 * The template editor end to end over real HTTP, as a browser without script uses it: every post
 * a plain form post with the session's token, every redirect looked at. What a post changed (or
 * did not) is read back through the JSON API. Each test edits its own category and kind, so the
 * tests pass alone and in any order.
 */

let herald: Herald;
beforeAll(async () => {
  herald = await startHerald();
}, 120_000);
afterAll(() => herald?.stop());

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every field of the editor's form as the browser would send it, the action last. */
function editorFields(html: string, changes: Record<string, string> = {}): [string, string][] {
  const start = html.indexOf('id="template-form"');
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: [string, string][] = [];
  for (const input of startTags(form, 'input'))
    if (input.name && input.name !== 'csrf') fields.push([input.name, input.value ?? '']);
  for (const [, attributes, text] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = /name="([^"]+)"/.exec(attributes ?? '')?.[1] as string;
    fields.push([name, decode(text ?? '')]);
  }
  return fields.map(([name, value]) => [name, changes[name] ?? value]);
}

const template = async (id: string) =>
  (await herald.call('GET', `/templates/${id}`, { user: 'admin.dev' })).body as {
    template: {
      revision: number;
      history: { at: string; actor: string; from: string | null; to: string; reason?: string }[];
      published?: { version: number; sms: string };
      draft?: { content: { sms: string; emailBody: string }; updatedBy: string; updatedByName?: string };
    };
    versions: { version: number; publishedBy: string; publishedByName?: string }[];
  };

/** comms.chloe's `name` claim (infra/local/demo-users.ts): what staff read for her. */
const CHLOE = 'Chloe Marsh (Communications)';

async function editor(client: ConsoleClient, path: string): Promise<ConsoleResponse> {
  const page = await client.get(path);
  expect(page.status).toBe(200);
  return page;
}

describe('the template list', () => {
  it('lists every category and kind with its languages, each linking to its editor', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const list = await chloe.get('/console/templates');
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/console/templates/collision/alert"');
    expect(list.html).toContain('href="/console/templates/weapons-call/correction"');
    expect(list.html).toMatch(/Version 1 \(as shipped\)/);
    expect(list.html).toContain('<span lang="fr">Français</span>');
  });

  it('narrows to a category and a language with the GET filters', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const list = await chloe.get('/console/templates?category=collision&language=fr');
    expect(list.html).toContain('href="/console/templates/collision/alert"');
    expect(list.html).not.toContain('href="/console/templates/weapons-call/alert"');
    expect(list.html).not.toContain('<span lang="en">English</span>');
  });
});

describe('the editor', () => {
  it('shows English and French side by side, each field in its language, with the preview and variables', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const page = await editor(chloe, '/console/templates/weapons-call/alert');
    const textareas = startTags(page.html, 'textarea');
    expect(textareas.find((t) => t.name === 'fr-sms')?.lang).toBe('fr');
    expect(textareas.find((t) => t.name === 'en-sms')?.lang).toBe('en');
    expect(page.html).toContain('data-testid="variables"');
    expect(page.html).toContain('{{location}}');
    expect(page.html).toContain('data-testid="sms-meter-fr"');
    expect(page.html).toMatch(/weighted characters/);
    expect(page.html).toContain('data-testid="parity-ok"');
    // The French language's name and e-mail subject are French inside an English page.
    expect(page.html.match(/<span lang="fr">Français<\/span>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page.html).toMatch(/E-mail: <span lang="fr">[^<]+<\/span>/);
  });

  it('previews what was typed with the facts typed in, and names the character that forced UCS-2', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const page = await editor(chloe, '/console/templates/collision/alert');
    const before = (await template('collision.en.alert')).template.revision;
    const fields = editorFields(page.html, {
      'en-sms': 'Collision at {{location}}: avoid the area, côté nord.',
      'fact.location': 'King St and Bay St',
    });
    const preview = await chloe.post('/console/templates/collision/alert', [
      ...fields,
      ['action', 'preview'],
    ]);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('Collision at King St and Bay St: avoid the area, côté nord.');
    expect(preview.html).toContain('data-testid="sms-ucs2-en"');
    expect(preview.html).toContain('U+00F4');
    expect((await template('collision.en.alert')).template.revision).toBe(before);
  });

  it('warns in the preview when a fact is in English but not in French', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const page = await editor(chloe, '/console/templates/road-closure/alert');
    const fields = editorFields(page.html, {
      'en-sms': 'Road closed at {{location}} until {{until}} because of {{reason}}.',
    }).map(([name, value]): [string, string] => [
      name,
      name.startsWith('fr-') ? value.replace(/\{\{\s*reason\s*\}\}/g, 'travaux') : value,
    ]);
    const preview = await chloe.post('/console/templates/road-closure/alert', [
      ...fields,
      ['action', 'preview'],
    ]);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('data-testid="parity-warning"');
    expect(preview.html).toMatch(/<code>\{\{reason\}\}<\/code> is in English but not in Français/);
  });

  it('saves a draft with a 303, then publishes it as version 2 with the publisher recorded', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const path = '/console/templates/missing-person/update';
    const page = await editor(chloe, path);
    const sms = 'MISSING: {{name}}, {{age}}, last seen {{lastSeenLocation}}. Call 911.';
    const saved = await chloe.post(path, [
      ...editorFields(page.html, { 'fr-sms': `${sms} FR` }),
      ['action', 'save'],
    ]);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?note=saved`);
    const draft = (await template('missing-person.fr.update')).template;
    expect(draft.draft?.content.sms).toBe(`${sms} FR`);
    expect(draft.published?.version).toBe(1);

    // The draft keeps who saved it: the id, and the name staff read on the editor (D36).
    expect(draft.draft).toMatchObject({ updatedBy: 'comms.chloe', updatedByName: CHLOE });

    const reread = await chloe.follow(saved);
    expect(reread.html).toContain('Draft saved');
    expect(reread.html).toContain(`Draft by ${CHLOE},`);
    expect(reread.html).not.toContain('Draft by comms.chloe');
    const list = await chloe.get('/console/templates?category=missing-person&language=fr');
    expect(list.html).toContain(`title="Draft by ${CHLOE}"`);
    const published = await chloe.post(path, [...editorFields(reread.html), ['action', 'publish']]);
    expect(published.status).toBe(303);
    expect(published.location).toBe(`${path}?note=published`);
    const after = await template('missing-person.fr.update');
    expect(after.template.published?.version).toBe(2);
    expect(after.template.published?.sms).toBe(`${sms} FR`);
    expect(after.versions.at(-1)).toMatchObject({ publishedBy: 'comms.chloe', publishedByName: CHLOE });
    const republished = await chloe.follow(published);
    expect(republished.html).toContain(`Published: version 2, by ${CHLOE},`);
    expect(republished.html).not.toContain('by comms.chloe');
    // Both writes are in the template's audit trail: who, when, from what to what.
    expect(after.template.history.slice(-2)).toEqual([
      expect.objectContaining({ actor: 'comms.chloe', from: 'PUBLISHED', to: 'DRAFT' }),
      expect.objectContaining({ actor: 'comms.chloe', from: 'v1', to: 'v2' }),
    ]);
    // English was not changed: it stays at its first version with no draft.
    expect((await template('missing-person.en.update')).template.published?.version).toBe(1);
  });

  it('keeps what was typed and says who published what when someone else published first (409)', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const other = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const path = '/console/templates/collision/update';
    const stale = await editor(chloe, path);
    const theirs = await editor(other, path);
    const published = await other.post(path, [
      ...editorFields(theirs.html, { 'en-sms': 'Theirs: collision at {{location}}.' }),
      ['action', 'publish'],
    ]);
    expect(published.status).toBe(303);
    const mine = 'Mine: collision at {{location}}, expect delays.';
    const conflict = await chloe.post(path, [
      ...editorFields(stale.html, { 'en-sms': mine }),
      ['action', 'publish'],
    ]);
    expect(conflict.status).toBe(409);
    expect(conflict.html).toContain('data-testid="conflict"');
    expect(conflict.html).toMatch(
      /Chloe Marsh \(Communications\) published version 2 of the English template at/,
    );
    expect(conflict.html).toContain(mine);
    const after = (await template('collision.en.update')).template;
    expect(after.published?.sms).toBe('Theirs: collision at {{location}}.');
  });

  it('says which language was published when another one conflicts, instead of claiming nothing was saved', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const other = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const path = '/console/templates/public-safety/alert';
    const stale = await editor(chloe, path);
    const theirs = await editor(other, path);
    expect(
      (
        await other.post(path, [
          ...editorFields(theirs.html, { 'fr-sms': 'Le leur : sécurité à {{location}}.' }),
          ['action', 'publish'],
        ])
      ).status,
    ).toBe(303);
    const conflict = await chloe.post(path, [
      ...editorFields(stale.html, {
        'en-sms': 'Mine: public safety at {{location}}.',
        'fr-sms': 'Le mien : sécurité publique à {{location}}.',
      }),
      ['action', 'publish'],
    ]);

    expect(conflict.status).toBe(409);
    expect(conflict.html).toContain('English was published as version 2');
    expect(conflict.html).not.toContain('nothing of it was saved');
    expect((await template('public-safety.en.alert')).template.published?.sms).toBe(
      'Mine: public safety at {{location}}.',
    );
    expect((await template('public-safety.fr.alert')).template.published?.sms).toBe(
      'Le leur : sécurité à {{location}}.',
    );
  });

  it('takes a text as long as the API allows, and answers a longer one beside its field keeping it', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const path = '/console/templates/road-closure/correction';
    const page = await editor(chloe, path);
    const textareas = startTags(page.html, 'textarea');
    expect(textareas.find((t) => t.name === 'en-emailBody')?.maxlength).toBe('8000');
    expect(textareas.find((t) => t.name === 'fr-capDescription')?.maxlength).toBe('4000');
    expect(textareas.find((t) => t.name === 'en-headline')?.maxlength).toBe('200');

    const tooLong = `Road closed at {{location}}. ${'Detour by side streets. '.repeat(334)}`;
    expect(tooLong.length).toBeGreaterThan(8_000);
    const refused = await chloe.post(path, [
      ...editorFields(page.html, { 'en-emailBody': tooLong }),
      ['action', 'save'],
    ]);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('id="en-emailBody-error"');
    expect(refused.html).toContain(tooLong);

    const long = tooLong.slice(0, 7_900);
    const saved = await chloe.post(path, [
      ...editorFields(page.html, { 'en-emailBody': long }),
      ['action', 'save'],
    ]);
    expect(saved.status).toBe(303);
    expect((await template('road-closure.en.correction')).template.draft?.content.emailBody).toBe(long);
  });

  it('previews a whole two-language template at the API’s maxima, with accents, without a 413', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const path = '/console/templates/severe-weather/update';
    const page = await editor(chloe, path);
    const full = (language: string) =>
      Object.fromEntries(
        Object.entries(templateFieldMax()).map(([field, max]) => [`${language}-${field}`, 'é'.repeat(max)]),
      );
    const fields = editorFields(page.html, { ...full('en'), ...full('fr') });
    const bytes = new URLSearchParams([...fields, ['action', 'preview']]).toString().length;
    expect(bytes).toBeGreaterThan(MAX_BODY_BYTES);

    const previewed = await chloe.post(path, [...fields, ['action', 'preview']]);
    expect(previewed.status).not.toBe(413);
    expect([200, 422]).toContain(previewed.status);
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const path = '/console/templates/severe-weather/alert';
    const page = await editor(chloe, path);
    const before = (await template('severe-weather.en.alert')).template.revision;
    const empty = await chloe.post(path, [...editorFields(page.html, { 'en-sms': '' }), ['action', 'save']]);
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('href="#en-sms"');
    const undeclared = await chloe.post(path, [
      ...editorFields(page.html, { 'en-sms': 'Storm {{nonsense}}' }),
      ['action', 'save'],
    ]);
    expect(undeclared.status).toBe(422);
    expect(undeclared.html).toContain('Storm {{nonsense}}');
    const unknown = await chloe.post(path, [
      ...editorFields(page.html),
      ['action', 'save'],
      ['en-colour', 'red'],
    ]);
    expect(unknown.status).toBe(400);
    const noToken = await chloe.post(path, [
      ...editorFields(page.html),
      ['action', 'save'],
      ['csrf', 'forged'],
    ]);
    expect(noToken.status).toBe(403);
    expect((await template('severe-weather.en.alert')).template.revision).toBe(before);
  });
});

describe('the version history', () => {
  it('lists who published each version, compares two side by side, and rolls back with a 303', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const path = '/console/templates/public-safety/update';
    const page = await editor(chloe, path);
    await chloe.post(path, [
      ...editorFields(page.html, { 'en-sms': 'Update: police at {{location}}. Stay away.' }),
      ['action', 'publish'],
    ]);
    const history = await chloe.get(`${path}/history?language=en`);
    expect(history.status).toBe(200);
    expect(history.html).toContain('data-testid="versions"');
    expect(history.html).toContain('Chloe Marsh (Communications)');
    expect(history.html).toContain('data-testid="diff"');
    expect(history.html).toMatch(/<ins class="herald-diff__ins">[\s\S]*?Stay/);

    const form = startTags(history.html, 'input').filter((i) => i.type === 'hidden');
    const revision = form.find((i) => i.name === 'revision')?.value as string;
    const rolled = await chloe.post(`${path}/rollback`, [
      ['language', 'en'],
      ['version', '1'],
      ['revision', revision],
    ]);
    expect(rolled.status).toBe(303);
    const after = await template('public-safety.en.update');
    expect(after.template.published?.version).toBe(3);
    expect(after.versions.at(-1)).toMatchObject({ version: 3, publishedBy: 'comms.chloe' });
    expect(after.template.history.at(-1)).toMatchObject({
      actor: 'comms.chloe',
      to: 'v3',
      reason: 'rollback to v1',
    });
    const stale = await chloe.post(`${path}/rollback`, [
      ['language', 'en'],
      ['version', '2'],
      ['revision', revision],
    ]);
    expect(stale.status).toBe(409);
    expect((await template('public-safety.en.update')).template.published?.version).toBe(3);
  });

  it('lists the broadcasts that used each version: one filed before a publish keeps version 1, the next uses 2', async () => {
    const collision = (time: string) => ({
      category: 'collision',
      areas: ['14'],
      facts: {
        location: 'King St and Bay St',
        time,
        closures: { en: 'Eastbound closed.', fr: 'Direction est fermée.' },
      },
    });
    const before = await herald.fileIncident(collision('06:10'));
    expect(before.status).toBe(201);
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const path = '/console/templates/collision/alert';
    const page = await editor(chloe, path);
    const published = await chloe.post(path, [
      ...editorFields(page.html, { 'fr-sms': 'Collision grave, {{location}}, {{time}}. {{closures}}' }),
      ['action', 'publish'],
    ]);
    expect(published.status).toBe(303);
    const after = await herald.fileIncident(collision('06:40'));
    expect(after.status).toBe(201);

    const history = await chloe.get(`${path}/history?language=fr`);
    const cell = (id: string) => new RegExp(`data-testid="use-${id}-fr">([^<]*)<`).exec(history.html)?.[1];
    expect(cell(before.body.broadcast.id)).toBe('Version 1');
    expect(cell(after.body.broadcast.id)).toBe('Version 2');
    // English was not published again: both used its first version.
    expect(history.html).toContain(`data-testid="use-${after.body.broadcast.id}-en">Version 1<`);
  });
});

describe('an inspector', () => {
  it('reads the editor and the history with no write control', async () => {
    const ada = await ConsoleClient.signIn(herald.url, 'inspector.ada');
    const page = await editor(ada, '/console/templates/weapons-call/alert');
    expect(page.html).toContain('data-testid="read-only"');
    expect(startTags(page.html, 'textarea')).toEqual([]);
    expect(startTags(page.html, 'button').filter((b) => b.value === 'publish' || b.value === 'save')).toEqual(
      [],
    );
    const history = await ada.get('/console/templates/weapons-call/alert/history');
    expect(history.status).toBe(200);
    expect(history.html).not.toContain('/rollback');
  });

  it('gets the 403 page for a forged save, publish, preview or rollback, and nothing changes', async () => {
    const chloe = await ConsoleClient.signIn(herald.url, 'comms.chloe');
    const fields = editorFields((await editor(chloe, '/console/templates/domestic-violence/alert')).html, {
      'en-sms': 'Forged text',
    });
    const before = (await template('domestic-violence.en.alert')).template.revision;
    const ada = await ConsoleClient.signIn(herald.url, 'inspector.ada');
    for (const action of ['save', 'publish', 'preview']) {
      const forged = await ada.post('/console/templates/domestic-violence/alert', [
        ...fields,
        ['action', action],
      ]);
      expect(forged.status).toBe(403);
    }
    const rollback = await ada.post('/console/templates/domestic-violence/alert/rollback', [
      ['language', 'en'],
      ['version', '1'],
      ['revision', String(before)],
    ]);
    expect(rollback.status).toBe(403);
    expect((await template('domestic-violence.en.alert')).template.revision).toBe(before);
  });
});
