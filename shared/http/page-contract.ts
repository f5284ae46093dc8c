import * as z from 'zod';
import { lazySchema } from '../domain/lazy-schema.js';
import { ManageParams, SubscriptionParams } from './schemas.js';

/**
 * The public pages served by a function (the subscription forms), next to the JSON API of
 * `contract.ts`. Each page exists in the service's first language without a prefix and in every
 * other registry language under `/{lang}` (`publicPaths`), so the list below is written once and
 * the prefixed routes are derived from it. A form schema lists what a person may send, all as
 * typed: unknown fields are refused (a 400 page), and what the values must be is checked by the
 * API's own schemas and the use cases, so every rule stays in one place.
 */

export interface PageSpec {
  auth: 'public';
  summary: string;
  params?: z.ZodObject;
  /** Parsed leniently: a link may gain tracking parameters on its way, and a page must still open. */
  query?: z.ZodObject;
  /** POST only: the form's fields besides the anti-forgery token. */
  form?: z.ZodObject;
}

/** Whatever a person may type in a field; its meaning is checked by the API's schema. */
const Typed = lazySchema(() => z.string().max(1000));
/** The value of a radio or checkbox. */
const Choice = lazySchema(() => z.string().max(64));
/** Checkboxes: one value, or several under the same name. */
const Choices = lazySchema(() =>
  z.union([Choice, z.array(Choice).max(50)]).transform((v) => (Array.isArray(v) ? v : [v])),
);

export const SignUpForm = lazySchema(() =>
  z.strictObject({
    channel: Choice.optional(),
    phone: Typed.optional(),
    email: Typed.optional(),
    areas: Choices.optional(),
    language: Choice.optional(),
    /** The bot check's hidden field (HONEYPOT_FIELD): people leave it empty. */
    website: Typed.optional(),
  }),
);
export const CodeForm = lazySchema(() => z.strictObject({ code: Typed.optional() }));
export const ChangeForm = lazySchema(() =>
  z.strictObject({ areas: Choices.optional(), language: Choice.optional() }),
);
export const UnsubscribeForm = lazySchema(() => z.strictObject({}));
export const ManageQuery = lazySchema(() => z.object({ saved: z.literal('1').optional().catch(undefined) }));

const page = <S extends Omit<PageSpec, 'auth'>>(spec: S) => ({ auth: 'public' as const, ...spec });

/** Each page in the first language; the handlers are written against these keys and schemas. */
export const pages = {
  'GET /subscribe': page({ summary: 'The sign-up form: SMS or e-mail, divisions or city-wide, language' }),
  'POST /subscribe': page({
    summary: 'Sign up; then the code page (SMS) or the check-your-inbox page (e-mail)',
    form: SignUpForm,
  }),
  'GET /subscribe/code/{id}': page({ summary: 'Enter the SMS code', params: SubscriptionParams }),
  'POST /subscribe/code/{id}': page({
    summary: 'Confirm the SMS code; then the confirmation page with the manage link',
    params: SubscriptionParams,
    form: CodeForm,
  }),
  'GET /subscribe/manage/{token}': page({
    summary: 'A subscription as its owner sees it, with the forms to change or stop it',
    params: ManageParams,
    query: ManageQuery,
  }),
  'POST /subscribe/manage/{token}': page({
    summary: 'Change areas or language',
    params: ManageParams,
    form: ChangeForm,
  }),
  'GET /subscribe/manage/{token}/welcome': page({
    summary: 'Signed up: subscribed (SMS) or check your inbox (e-mail), and what the manage link is for',
    params: ManageParams,
  }),
  'GET /subscribe/manage/{token}/unsubscribe': page({
    summary: 'Asks to confirm stopping every alert',
    params: ManageParams,
  }),
  'POST /subscribe/manage/{token}/unsubscribe': page({
    summary: 'Stop every alert',
    params: ManageParams,
    form: UnsubscribeForm,
  }),
  'GET /subscribe/unsubscribed': page({ summary: 'Alerts stopped' }),
} as const satisfies Record<string, PageSpec>;

type FirstLanguageKey = keyof typeof pages;
/** `GET /subscribe` -> `GET /{lang}/subscribe`. */
type Prefixed<K extends string> = K extends `${infer Method} ${infer Path}`
  ? `${Method} /{lang}${Path}`
  : never;
export type PageKey = FirstLanguageKey | Prefixed<FirstLanguageKey>;

/** The path parameter of a page in a language other than the first. */
export const LANGUAGE_PARAM = 'lang';

function prefixed<K extends FirstLanguageKey>(key: K): Prefixed<K> {
  const [method, path] = key.split(' ');
  return `${method} /{${LANGUAGE_PARAM}}${path}` as Prefixed<K>;
}

export const pageContract = Object.fromEntries(
  (Object.entries(pages) as [FirstLanguageKey, PageSpec][]).flatMap(([key, spec]) => [
    [key, spec],
    [prefixed(key), spec],
  ]),
) as Record<PageKey, PageSpec>;

/** The route key a page has without its language prefix: what its handler is written against. */
export function firstLanguageKey(key: PageKey): FirstLanguageKey {
  return key.replace(`/{${LANGUAGE_PARAM}}`, '') as FirstLanguageKey;
}
