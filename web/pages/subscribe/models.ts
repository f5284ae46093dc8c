import type { OwnerView } from '../../../shared/domain/subscription.js';
import type { SiteContext } from '../site-context.js';

/**
 * What each subscription page is drawn from. A view takes its model and returns HTML: no I/O,
 * no clock, no registry lookups beyond the site context, so the pages are easy to test and to
 * drive. Errors come as what went wrong with which field; the view picks the sentence.
 */

export interface SubscribePage {
  site: SiteContext;
  /** The page's language (from its path). */
  language: string;
}

export type SignUpField = 'channel' | 'phone' | 'email' | 'areas' | 'language';
export type ChoiceField = 'areas' | 'language';
/** `country`: a valid number of a country sign-ups do not accept (registry `allowedCountries`). */
export type FieldProblem = 'missing' | 'invalid' | 'wrong' | 'country';
export type FieldProblems<F extends string> = Partial<Record<F, FieldProblem>>;

/** What the person typed and chose, shown back as it was. */
export interface SignUpValues {
  channel?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  /** Division ids, and `citywide` for the whole city. */
  areas?: string[] | undefined;
  language?: string | undefined;
}

export interface SignUpPageModel extends SubscribePage {
  csrfToken: string;
  maxAreas: number;
  values: SignUpValues;
  errors: FieldProblems<SignUpField>;
  /** The countries whose numbers may sign up (ISO 3166 alpha-2), named when a number is outside them. */
  acceptedCountries: readonly string[];
  /**
   * A problem of the whole sign-up rather than of one field: `paused` is the code budget used up
   * (D34), `bot-check` a post sooner than a person fills the form or with the hidden field filled.
   */
  formProblem?: 'rate-limited' | 'unavailable' | 'paused' | 'bot-check';
}

export interface CodePageModel extends SubscribePage {
  csrfToken: string;
  subscriptionId: string;
  codeTtlMinutes: number;
  code?: string | undefined;
  error?: FieldProblem | undefined;
}

export interface WelcomePageModel extends SubscribePage {
  token: string;
  subscription: OwnerView;
}

export interface ManagePageModel extends SubscribePage {
  csrfToken: string;
  token: string;
  subscription: OwnerView;
  maxAreas: number;
  /** Just saved: the page says so. */
  saved: boolean;
  /** What the person chose when the change was refused; otherwise the subscription's own. */
  values?: { areas?: string[] | undefined; language?: string | undefined };
  errors: FieldProblems<ChoiceField>;
}

export interface UnsubscribePageModel extends SubscribePage {
  csrfToken: string;
  token: string;
  subscription: OwnerView;
}

export interface ProblemPageModel extends SubscribePage {
  status: number;
  /** The page the request was for: the form to reload. */
  retryPath: string;
}

/** A subscription's areas as the checkboxes' values. */
export function areaValues(areas: OwnerView['areas']): string[] {
  return areas === 'citywide' ? ['citywide'] : areas;
}
