import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, type PageResponse } from '../support/form-client.js';
import { type Herald, startHerald } from '../support/herald.js';
import { byId, formOf, langOf, startTags, textOfId, titleOf } from '../support/html.js';
import { expectPageHeaders, registryWith } from '../support/subscription-pages.js';

/**
 * What the public forms refuse, over real HTTP to the local runtime: forged posts (no token, a
 * wrong one, no cookie, another site) get a 403 page that says to reload the form; fields that
 * are wrong come back next to the field with what was typed; links that do not work are 404
 * pages. None of them sends a code or is ever a 5xx.
 */

let herald: Herald;
const PHONE = '416 555 0171';
const signUpFields: [string, string][] = [
  ['channel', 'sms'],
  ['phone', PHONE],
  ['areas', '14'],
  ['language', 'en'],
];

beforeAll(async () => {
  herald = await startHerald({
    registryFile: registryWith({ perClientPerHour: 1000 }),
    threads: false,
    quiet: true,
  });
});
afterAll(() => herald?.stop());

/** A person with the sign-up form open: their browser, the page, and its token. */
async function withForm(path = '/subscribe') {
  const person = new FormClient(herald.url);
  const page = await person.get(path);
  return { person, page, csrf: formOf(page.html, 'sign-up').csrf };
}

const textsSent = () => herald.runtime.inbox.smsMessages().length;

async function expectRefusedForgery(answer: PageResponse, formPath = '/subscribe') {
  expect(answer.status).toBe(403);
  expectPageHeaders(answer);
  expect(titleOf(answer.html)).toMatch(/^This form has expired/);
  expect(byId(answer.html, 'reload-form')?.href).toBe(formPath);
}

describe('a post that is not from the form Herald gave', () => {
  it('is refused without its token, and sends no code', async () => {
    const { person } = await withForm();
    const before = textsSent();

    await expectRefusedForgery(await person.post('/subscribe', signUpFields));
    expect(textsSent()).toBe(before);
  });

  it('is refused with a token that was not signed for its cookie', async () => {
    const { person, csrf } = await withForm();
    const other = await withForm();
    const before = textsSent();

    await expectRefusedForgery(await person.post('/subscribe', [['csrf', other.csrf], ...signUpFields]));
    await expectRefusedForgery(await person.post('/subscribe', [['csrf', `${csrf}x`], ...signUpFields]));
    expect(textsSent()).toBe(before);
  });

  it('is refused with a valid token but without its cookie, as a page on another site would send it', async () => {
    const { person, csrf } = await withForm();
    person.forgetCookies();

    await expectRefusedForgery(await person.post('/subscribe', [['csrf', csrf], ...signUpFields]));
  });

  it('is refused, token and cookie notwithstanding, when the browser says another site sent it', async () => {
    const { person, csrf } = await withForm();
    const before = textsSent();

    const crossSite = await person.post('/subscribe', [['csrf', csrf], ...signUpFields], {
      'sec-fetch-site': 'cross-site',
    });
    const otherOrigin = await person.post('/subscribe', [['csrf', csrf], ...signUpFields], {
      'sec-fetch-site': '',
      origin: 'https://evil.example',
    });
    await expectRefusedForgery(crossSite);
    await expectRefusedForgery(otherOrigin);
    expect(textsSent()).toBe(before);
  });

  it('on the manage pages too: a forged stop leaves the subscription alone', async () => {
    const person = new FormClient(herald.url);
    const codePage = await person.follow(
      await person.submit(await person.get('/subscribe'), 'sign-up', [
        ['channel', 'sms'],
        ['phone', '416 555 0172'],
        ['areas', '51'],
        ['language', 'en'],
      ]),
    );
    const code = herald.runtime.inbox.smsMessages().findLast((m) => m.phoneNumber === '+14165550172');
    const welcome = await person.follow(
      await person.submit(codePage, 'confirm-code', [['code', code?.message.match(/\d{6}/)?.[0] ?? '']]),
    );
    const managePath = byId(welcome.html, 'manage-link')?.href as string;

    const forged = await new FormClient(herald.url).post(`${managePath}/unsubscribe`, [['csrf', 'forged']]);
    await expectRefusedForgery(forged, `${managePath}/unsubscribe`);
    expect((await person.get(managePath)).status).toBe(200);
  });
});

describe('a form with something wrong in it', () => {
  it('comes back 422 with each error next to its field, linked from the summary, and what was typed', async () => {
    const { person, page } = await withForm();
    const before = textsSent();

    const answer = await person.submit(page, 'sign-up', [
      ['channel', 'sms'],
      ['phone', '555 12'],
      ['areas', '11'],
      ['areas', '12'],
      ['areas', '13'],
      ['areas', '14'],
      ['language', 'en'],
    ]);
    expect(answer.status).toBe(422);
    expectPageHeaders(answer);
    expect(titleOf(answer.html)).toMatch(/^Error: /);
    expect(textOfId(answer.html, 'phone-error')).toContain(
      'Enter a mobile phone number that can receive text messages',
    );
    expect(textOfId(answer.html, 'areas-error')).toContain('from 1 to 3 divisions');
    const summary = startTags(answer.html.slice(answer.html.indexOf('error-summary')), 'a').map(
      (a) => a.href,
    );
    expect(summary.slice(0, 2)).toEqual(['#phone', '#areas-11']);
    expect(byId(answer.html, 'phone')?.value).toBe('555 12');
    expect(byId(answer.html, 'areas-13')).toHaveProperty('checked');
    expect(textsSent()).toBe(before);
  });

  it('with nothing chosen, names every question left unanswered, in French on the French form', async () => {
    const { person, page } = await withForm('/fr/subscribe');

    // The page's language is chosen already; a browser sends it.
    const answer = await person.submit(page, 'sign-up', [['language', 'fr']]);
    expect(answer.status).toBe(422);
    expect(langOf(answer.html)).toBe('fr');
    expect(titleOf(answer.html)).toMatch(/^Erreur : /);
    expect(textOfId(answer.html, 'channel-error')).toBe('Erreur : Choisissez texto ou courriel');
    expect(textOfId(answer.html, 'areas-error')).toContain('Choisissez toute la ville');
    expect(textOfId(answer.html, 'language-error')).toBeUndefined();
  });

  it('says at the top when a number signed up too often this hour (429), keeping what was typed', async () => {
    const { person, page } = await withForm();
    const fields: [string, string][] = [
      ['channel', 'sms'],
      ['phone', '416 555 0173'],
      ['areas', 'citywide'],
      ['language', 'en'],
    ];
    let answer = await person.submit(page, 'sign-up', fields);
    for (let i = 0; i < 6 && answer.status === 303; i++)
      answer = await person.submit(page, 'sign-up', fields);

    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(textOfId(answer.html, 'error-summary')).toContain('too many sign-ups');
    expect(byId(answer.html, 'phone')?.value).toBe('416 555 0173');
  });

  it('is a 400 page when it has a field the form does not have', async () => {
    const { person, page } = await withForm();

    const answer = await person.submit(page, 'sign-up', [...signUpFields, ['status', 'ACTIVE']]);
    expect(answer.status).toBe(400);
    expectPageHeaders(answer);
    expect(byId(answer.html, 'reload-form')?.href).toBe('/subscribe');
  });

  it('is a 415 page when it is not sent as a form', async () => {
    const { person, csrf } = await withForm();

    const answer = await person.post('/subscribe', [['csrf', csrf]], { 'content-type': 'application/json' });
    expect(answer.status).toBe(415);
  });
});

describe('a link that does not work', () => {
  it.each([
    '/en/subscribe',
    '/de/subscribe',
    '/subscribe/code/not-an-id',
    `/subscribe/manage/${'A'.repeat(43)}`,
    `/fr/subscribe/manage/${'A'.repeat(43)}/welcome`,
    '/subscribe/manage/short',
  ])('%s is a 404 page in the language of its path', async (path) => {
    const answer = await new FormClient(herald.url).get(path);

    expect(answer.status).toBe(404);
    expectPageHeaders(answer);
    expect(langOf(answer.html)).toBe(path.startsWith('/fr/') ? 'fr' : 'en');
    expect(byId(answer.html, 'sign-up-again')).toBeDefined();
  });

  it('a code posted for a sign-up that does not exist is a 404 page', async () => {
    const person = new FormClient(herald.url);
    const page = await person.get('/subscribe/code/sub_0123456789abcdefghjkmnpqrs');

    expect((await person.submit(page, 'confirm-code', [['code', '123456']])).status).toBe(404);
  });
});
