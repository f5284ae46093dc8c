import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY_FILE } from '../../../infra/local/runtime.js';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import type { OwnerView } from '../../../shared/domain/subscription.js';
import { siteContext } from '../../../web/pages/site-context.js';
import { renderCodePage } from '../../../web/pages/subscribe/code-page.js';
import { renderManagePage } from '../../../web/pages/subscribe/manage-page.js';
import { renderProblemPage } from '../../../web/pages/subscribe/problem-page.js';
import { renderSignUpPage } from '../../../web/pages/subscribe/sign-up-page.js';
import {
  renderUnsubscribedPage,
  renderUnsubscribePage,
} from '../../../web/pages/subscribe/unsubscribe-pages.js';
import { renderWelcomePage } from '../../../web/pages/subscribe/welcome-page.js';
import { byId, langOf, startTags, textOfId, titleOf } from '../../support/html.js';

/**
 * The subscription pages are pure views: a model in, a whole HTML document out. These tests read
 * the HTML for what a person (and a screen reader) depends on: the language, a label on every
 * input, each error next to its field and in the summary, what was typed kept, and no way for
 * typed text to become markup.
 */

const site = siteContext(loadRegistry(DEFAULT_REGISTRY_FILE), '/assets/herald.css');
const TOKEN = 'A'.repeat(43);
const csrfToken = '1700000000.tokentokentokentokentokentokentokentokentok';
const smsSubscription: OwnerView = {
  id: 'sub_01hzzzzzzzzzzzzzzzzzzzzzzz',
  channel: 'sms',
  address: '+1********67',
  areas: ['14', '51'],
  language: 'fr',
  status: 'ACTIVE',
  topics: ['area-14-fr', 'area-51-fr'],
  updatedAt: '2026-12-03T12:00:00.000Z',
};

const signUp = (language: string, more: Partial<Parameters<typeof renderSignUpPage>[0]> = {}) =>
  renderSignUpPage({
    site,
    language,
    csrfToken,
    maxAreas: 3,
    acceptedCountries: ['CA'],
    values: {},
    errors: {},
    ...more,
  });

/** Every visible input has a label pointing at it. */
function expectEveryInputLabelled(html: string) {
  const labelled = new Set(startTags(html, 'label').map((label) => label.for));
  const inputs = startTags(html, 'input').filter((input) => input.type !== 'hidden');
  expect(inputs.length).toBeGreaterThan(0);
  for (const input of inputs) expect(labelled, `input #${input.id}`).toContain(input.id);
}

describe('the sign-up page', () => {
  it('is English at /subscribe and French at /fr/subscribe, each linking to the other', () => {
    const english = signUp('en');
    const french = signUp('fr');

    expect(langOf(english)).toBe('en');
    expect(titleOf(english)).toMatch(/^Get alerts by text message or e-mail – /);
    expect(byId(english, 'sign-up')?.action).toBe('/subscribe');
    expect(startTags(english, 'a').some((a) => a.href === '/fr/subscribe' && a.lang === 'fr')).toBe(true);
    expect(langOf(french)).toBe('fr');
    expect(titleOf(french)).toMatch(/^Recevoir les alertes par texto ou par courriel – /);
    expect(byId(french, 'sign-up')?.action).toBe('/fr/subscribe');
    expect(french).toContain('12e Division');
  });

  it('labels every input, asks the browser for the right autofill, and carries the anti-forgery token', () => {
    const html = signUp('en');

    expectEveryInputLabelled(html);
    expect(byId(html, 'phone')).toMatchObject({ type: 'tel', autocomplete: 'tel', name: 'phone' });
    expect(byId(html, 'email')).toMatchObject({ type: 'email', autocomplete: 'email', name: 'email' });
    expect(startTags(html, 'input').find((i) => i.name === 'csrf')).toMatchObject({
      type: 'hidden',
      value: csrfToken,
    });
    expect(byId(html, 'areas-citywide')).toMatchObject({ type: 'checkbox', value: 'citywide' });
    expect(byId(html, 'language-en')).toHaveProperty('checked');
    expect(html).not.toMatch(/<script/i);
  });

  it('puts each error next to its field and in a summary that links to it, and says Error in the title', () => {
    const html = signUp('en', {
      values: { channel: 'sms', phone: '555', areas: ['11', '12', '13', '14'], language: 'en' },
      errors: { phone: 'invalid', areas: 'invalid' },
    });

    expect(titleOf(html)).toMatch(/^Error: Get alerts/);
    const summaryLinks = startTags(html.slice(html.indexOf('govuk-error-summary')), 'a').slice(0, 2);
    expect(summaryLinks.map((a) => a.href)).toEqual(['#phone', '#areas-11']);
    expect(textOfId(html, 'phone-error')).toContain(
      'Enter a mobile phone number that can receive text messages',
    );
    expect(byId(html, 'phone')?.['aria-describedby']).toBe('phone-hint phone-error');
    expect(byId(html, 'phone')?.class).toContain('govuk-input--error');
    expect(textOfId(html, 'areas-error')).toContain('Choose the whole city, or from 1 to 3 divisions');
    expect(byId(html, 'phone')?.value).toBe('555');
    expect(byId(html, 'channel-sms')).toHaveProperty('checked');
    expect(byId(html, 'areas-14')).toHaveProperty('checked');
  });

  it('says the errors in French on the French page', () => {
    const html = signUp('fr', { values: { channel: 'email', email: '' }, errors: { email: 'missing' } });

    expect(titleOf(html)).toMatch(/^Erreur : Recevoir les alertes/);
    expect(textOfId(html, 'email-error')).toBe('Erreur : Entrez votre adresse courriel');
    expect(html).toContain('Il y a un problème');
  });

  it('reports a problem of the whole sign-up at the top, without a link', () => {
    const html = signUp('en', { formProblem: 'rate-limited' });

    expect(textOfId(html, 'error-summary')).toContain('too many sign-ups');
    expect(titleOf(html)).toMatch(/^Error: /);
  });

  it('shows typed text as text, never as markup', () => {
    const typed = '"><script>alert(1)</script><b>x</b>';
    const html = signUp('en', { values: { channel: 'email', email: typed }, errors: { email: 'invalid' } });

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>x</b>');
    expect(byId(html, 'email')?.value).toBe(typed);
  });
});

describe('the code page', () => {
  it('asks for the code with a numeric keyboard and one-time-code autofill, and keeps a wrong code', () => {
    const html = renderCodePage({
      site,
      language: 'en',
      csrfToken,
      subscriptionId: smsSubscription.id,
      codeTtlMinutes: 10,
      code: '123456',
      error: 'wrong',
    });

    expectEveryInputLabelled(html);
    expect(byId(html, 'code')).toMatchObject({
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      value: '123456',
    });
    expect(byId(html, 'confirm-code')?.action).toBe(`/subscribe/code/${smsSubscription.id}`);
    expect(textOfId(html, 'code-error')).toContain('The code is not right');
    expect(html).toContain('It works for 10 minutes');
    expect(startTags(html, 'meta')).toContainEqual({ name: 'robots', content: 'noindex, nofollow' });
  });
});

describe('the pages of the management link', () => {
  it('after an SMS sign-up: signed up, with the manage link and what it is for, the number masked', () => {
    const html = renderWelcomePage({ site, language: 'en', token: TOKEN, subscription: smsSubscription });

    expect(textOfId(html, 'welcome-panel')).toContain('You are signed up');
    expect(byId(html, 'manage-link')?.href).toBe(`/subscribe/manage/${TOKEN}`);
    expect(html).toContain('anyone who has it can change your alerts');
    expect(html).toContain('+1********67');
    expect(html).toContain('14 Division, 51 Division');
  });

  it('after an e-mail sign-up: check your inbox, one confirmation per area', () => {
    const html = renderWelcomePage({
      site,
      language: 'fr',
      token: TOKEN,
      subscription: { ...smsSubscription, channel: 'email', address: 'j***@example.org' },
    });

    expect(textOfId(html, 'welcome-panel')).toContain('Consultez votre boîte de réception');
    expect(html).toContain('Nous vous avons envoyé 2 courriels');
    expect(byId(html, 'manage-link')?.href).toBe(`/fr/subscribe/manage/${TOKEN}`);
  });

  it('manage: the current choice checked, the saved banner, and the way to stop', () => {
    const html = renderManagePage({
      site,
      language: 'en',
      csrfToken,
      token: TOKEN,
      subscription: smsSubscription,
      maxAreas: 3,
      saved: true,
      errors: {},
    });

    expectEveryInputLabelled(html);
    expect(byId(html, 'saved')).toBeDefined();
    expect(byId(html, 'areas-14')).toHaveProperty('checked');
    expect(byId(html, 'areas-11')).not.toHaveProperty('checked');
    expect(byId(html, 'language-fr')).toHaveProperty('checked');
    expect(byId(html, 'change-subscription')?.action).toBe(`/subscribe/manage/${TOKEN}`);
    expect(byId(html, 'unsubscribe-link')?.href).toBe(`/subscribe/manage/${TOKEN}/unsubscribe`);
  });

  it('manage: a subscription that is not active has no change form', () => {
    const html = renderManagePage({
      site,
      language: 'en',
      csrfToken,
      token: TOKEN,
      subscription: { ...smsSubscription, status: 'OPTED_OUT', topics: [] },
      maxAreas: 3,
      saved: false,
      errors: {},
    });

    expect(byId(html, 'change-subscription')).toBeUndefined();
    expect(textOfId(html, 'not-active')).toContain('replied STOP');
  });

  it('stop: asks to confirm with a form, then says it is done', () => {
    const confirm = renderUnsubscribePage({
      site,
      language: 'fr',
      csrfToken,
      token: TOKEN,
      subscription: smsSubscription,
    });
    const done = renderUnsubscribedPage({ site, language: 'fr' });

    expect(titleOf(confirm)).toMatch(/^Voulez-vous vraiment arrêter toutes les alertes\?/);
    expect(byId(confirm, 'unsubscribe')?.action).toBe(`/fr/subscribe/manage/${TOKEN}/unsubscribe`);
    expect(byId(confirm, 'keep-alerts')?.href).toBe(`/fr/subscribe/manage/${TOKEN}`);
    expect(langOf(done)).toBe('fr');
    expect(textOfId(done, 'unsubscribed-panel')).toContain('Vos alertes sont arrêtées');
  });
});

describe('the problem page', () => {
  it('for a refused post, says nothing changed and links to the form to reload', () => {
    const html = renderProblemPage({ site, language: 'en', status: 403, retryPath: '/subscribe/code/x' });

    expect(titleOf(html)).toMatch(/^This form has expired/);
    expect(textOfId(html, 'problem')).toContain('nothing has changed');
    expect(byId(html, 'reload-form')?.href).toBe('/subscribe/code/x');
  });

  it('for a link that no longer works, offers a new sign-up, in French on a French page', () => {
    const html = renderProblemPage({ site, language: 'fr', status: 404, retryPath: '/fr/subscribe' });

    expect(langOf(html)).toBe('fr');
    expect(titleOf(html)).toMatch(/^Page introuvable/);
    expect(byId(html, 'sign-up-again')?.href).toBe('/fr/subscribe');
    expect(byId(html, 'reload-form')).toBeUndefined();
  });
});
