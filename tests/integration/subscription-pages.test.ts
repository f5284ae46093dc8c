import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type LogLine } from '../../shared/runtime/logger.js';
import { FormClient, type PageResponse } from '../support/form-client.js';
import { type Herald, startHerald } from '../support/herald.js';
import { byId, langOf, textOfId, titleOf } from '../support/html.js';
import { step } from '../support/steps.js';
import {
  expectPageHeaders,
  lastCode,
  registryWith,
  subscribedEndpoints,
} from '../support/subscription-pages.js';

/**
 * The public subscription pages end to end, as a browser without JavaScript uses them: real HTTP
 * to the local runtime, plain form posts carrying the token read from each form and the cookie
 * the form set, each redirect followed by hand. Behind them the same use cases, dynalite, the
 * subscription worker and the fake SNS as the JSON API's flows. Numbers are fictional (555-01xx).
 */

const lines: LogLine[] = [];
const responses: PageResponse[] = [];
let herald: Herald;

beforeAll(async () => {
  herald = await startHerald({
    registryFile: registryWith({ perClientPerHour: 1000 }),
    threads: false,
    log: createLogger((line) => lines.push(JSON.parse(line) as LogLine)),
  });
});
afterAll(() => herald?.stop());

/** A browser whose every answer is kept, to check them all at the end. */
function browser(): FormClient {
  const client = new FormClient(herald.url);
  const keep =
    <A extends unknown[]>(send: (...args: A) => Promise<PageResponse>) =>
    async (...args: A) => {
      const page = await send(...args);
      responses.push(page);
      return page;
    };
  client.get = keep(client.get.bind(client));
  client.post = keep(client.post.bind(client));
  return client;
}

const href = (page: PageResponse, id: string) => byId(page.html, id)?.href as string;

const flows: (() => Promise<void>)[] = [];
/** A flow that is a test of its own, and that the checks of every answer below run first. */
function flow(name: string, run: () => Promise<void>): void {
  const once = step(run);
  flows.push(once);
  it(name, () => once());
}
async function everyFlow(): Promise<void> {
  for (const once of flows) await once();
}

describe('signing up by text message through the forms', () => {
  const PHONE = '+14165550161';

  flow(
    'goes sign up, code, welcome, manage, change, stop: each a plain form post and a redirect',
    async () => {
      const person = browser();
      const form = await person.get('/subscribe');
      expect(form.headers.getSetCookie()[0]).toMatch(/^__Host-herald-csrf=/);

      const signed = await person.submit(form, 'sign-up', [
        ['channel', 'sms'],
        ['phone', '416 555 0161'],
        ['email', ''],
        ['areas', '14'],
        ['areas', '51'],
        ['language', 'en'],
      ]);
      expect(signed.status).toBe(303);
      expect(signed.location).toMatch(/^\/subscribe\/code\/sub_[0-9a-z]{26}$/);

      const codePage = await person.follow(signed);
      expect(codePage.status).toBe(200);
      expect(codePage.html).not.toContain('5550161');
      const confirmed = await person.submit(codePage, 'confirm-code', [
        ['code', lastCode(herald, PHONE) ?? ''],
      ]);
      expect(confirmed.status).toBe(303);
      expect(confirmed.location).toMatch(/^\/subscribe\/manage\/[A-Za-z0-9_-]{43}\/welcome$/);

      const welcome = await person.follow(confirmed);
      expect(textOfId(welcome.html, 'welcome-panel')).toContain('You are signed up');
      expect(welcome.html).toContain('+1********61');
      expect(welcome.html).not.toContain('5550161');
      await herald.settled();
      expect(subscribedEndpoints(herald, 'area-14-en')).toContain(PHONE);
      expect(subscribedEndpoints(herald, 'area-51-en')).toContain(PHONE);

      const managePath = href(welcome, 'manage-link');
      const manage = await person.get(managePath);
      expect(byId(manage.html, 'areas-51')).toHaveProperty('checked');
      const changed = await person.submit(manage, 'change-subscription', [
        ['areas', '14'],
        ['areas', '22'],
        ['language', 'fr'],
      ]);
      expect(changed.location).toBe(`${managePath}?saved=1`);
      const saved = await person.follow(changed);
      expect(byId(saved.html, 'saved')).toBeDefined();
      await herald.settled();
      expect(subscribedEndpoints(herald, 'area-22-fr')).toContain(PHONE);
      expect(subscribedEndpoints(herald, 'area-14-fr')).toContain(PHONE);
      expect(subscribedEndpoints(herald, 'area-51-en')).not.toContain(PHONE);

      const ask = await person.get(href(saved, 'unsubscribe-link'));
      expect(ask.status).toBe(200);
      const stopped = await person.submit(ask, 'unsubscribe');
      expect(stopped.location).toBe('/subscribe/unsubscribed');
      expect((await person.follow(stopped)).status).toBe(200);
      await herald.settled();
      expect(subscribedEndpoints(herald, 'area-14-fr')).not.toContain(PHONE);
      expect(subscribedEndpoints(herald, 'area-22-fr')).not.toContain(PHONE);
      expect((await person.get(managePath)).status).toBe(404);
    },
  );

  flow('puts a wrong code next to the code field, keeps it, and then takes the right one', async () => {
    const phone = '+14165550162';
    const person = browser();
    const form = await person.get('/subscribe');
    const codePage = await person.follow(
      await person.submit(form, 'sign-up', [
        ['channel', 'sms'],
        ['phone', phone],
        ['areas', 'citywide'],
        ['language', 'en'],
      ]),
    );
    const right = lastCode(herald, phone) as string;
    const wrong = right === '000000' ? '111111' : '000000';

    const refused = await person.submit(codePage, 'confirm-code', [['code', wrong]]);
    expect(refused.status).toBe(422);
    expect(titleOf(refused.html)).toMatch(/^Error: Enter the code/);
    expect(textOfId(refused.html, 'code-error')).toContain('The code is not right');
    expect(byId(refused.html, 'code')?.value).toBe(wrong);

    const accepted = await person.submit(refused, 'confirm-code', [
      ['code', `${right.slice(0, 3)} ${right.slice(3)}`],
    ]);
    expect(accepted.status).toBe(303);
    await herald.settled();
    expect(subscribedEndpoints(herald, 'citywide-en')).toContain(phone);
  });
});

describe('the forms in French', () => {
  flow('are lang="fr" under /fr from the form to the manage page, and the code comes in French', async () => {
    const phone = '+14165550163';
    const person = browser();
    const form = await person.get('/fr/subscribe');
    expect(langOf(form.html)).toBe('fr');

    const signed = await person.submit(form, 'sign-up', [
      ['channel', 'sms'],
      ['phone', '(416) 555-0163'],
      ['areas', '14'],
      ['language', 'fr'],
    ]);
    expect(signed.location).toMatch(/^\/fr\/subscribe\/code\//);
    const codePage = await person.follow(signed);
    expect(langOf(codePage.html)).toBe('fr');
    expect(herald.runtime.inbox.smsMessages().findLast((m) => m.phoneNumber === phone)?.message).toContain(
      'votre code',
    );
    const welcome = await person.follow(
      await person.submit(codePage, 'confirm-code', [['code', lastCode(herald, phone) ?? '']]),
    );
    expect(langOf(welcome.html)).toBe('fr');
    expect(textOfId(welcome.html, 'welcome-panel')).toContain('Votre inscription est confirmée');
    expect(href(welcome, 'manage-link')).toMatch(/^\/fr\/subscribe\/manage\//);
    const manage = await person.get(href(welcome, 'manage-link'));
    expect(langOf(manage.html)).toBe('fr');
    expect(manage.html).toContain('14e Division');
  });
});

describe('signing up by e-mail through the forms', () => {
  flow(
    'goes to "check your inbox" with the manage link, and SNS mails one confirmation per area',
    async () => {
      const address = 'forms.reader@example.org';
      const person = browser();
      const form = await person.get('/subscribe');
      const signed = await person.submit(form, 'sign-up', [
        ['channel', 'email'],
        ['phone', ''],
        ['email', address],
        ['areas', '11'],
        ['areas', '12'],
        ['language', 'en'],
      ]);
      expect(signed.location).toMatch(/^\/subscribe\/manage\/[A-Za-z0-9_-]{43}\/welcome$/);

      const inbox = await person.follow(signed);
      expect(textOfId(inbox.html, 'welcome-panel')).toContain('Check your inbox');
      expect(inbox.html).toContain('We sent you 2 e-mails');
      expect(inbox.html).not.toContain(address);
      expect(byId(inbox.html, 'manage-link')).toBeDefined();
      await herald.settled();
      const confirmations = herald.runtime.inbox
        .subscriptionConfirmations()
        .filter((c) => c.endpoint === address);
      expect(confirmations.map((c) => c.topic).sort()).toEqual(['area-11-en', 'area-12-en']);
    },
  );
});

describe('every answer of the flows above', () => {
  it('is a page with the security headers, never a 5xx', async () => {
    await everyFlow();
    expect(responses.length).toBeGreaterThan(20);
    for (const page of responses) {
      expect(page.status).toBeLessThan(500);
      expectPageHeaders(page);
    }
  });

  it('left no phone number or e-mail address in any log line', async () => {
    await everyFlow();
    expect(lines.length).toBeGreaterThan(10);
    expect(JSON.stringify(lines)).not.toMatch(/555-?01\d\d|\+1416|example\.org|forms\.reader/);
  });
});
