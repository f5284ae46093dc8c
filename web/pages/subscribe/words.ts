/** A problem a page can report on its own, by its HTTP status. */
export type ProblemStatus = 400 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500;

/**
 * Every word of the subscription pages, per language, beside the site's own (`../text.ts`):
 * the same pattern, in files of their own so that neither grows past a screenful or two.
 * Error sentences follow GOV.UK's advice: say what to do, next to the field, the same words in
 * the summary at the top.
 */
export interface SubscribeText {
  /** Before the page title when the page shows errors. */
  errorTitlePrefix: string;
  /** Read by screen readers before each field's error. */
  errorHidden: string;
  errorSummaryTitle: string;
  successTitle: string;
  signUp: {
    title: string;
    intro: string;
    channelLegend: string;
    sms: string;
    email: string;
    phoneLabel: string;
    phoneHint: string;
    emailLabel: string;
    emailHint: string;
    areasLegend: string;
    areasHint: (maxAreas: number) => string;
    citywide: string;
    or: string;
    languageLegend: string;
    submit: string;
    privacy: string;
  };
  errors: {
    channel: string;
    phoneMissing: string;
    phoneInvalid: string;
    emailMissing: string;
    emailInvalid: string;
    areas: (maxAreas: number) => string;
    language: string;
    codeMissing: string;
    codeInvalid: (digits: number) => string;
    codeWrong: string;
    rateLimited: string;
    unavailable: string;
    paused: string;
    botCheck: string;
    /** `countries`: their names in the page's language, joined. */
    phoneCountry: (countries: string) => string;
  };
  /** The bot check's field people do not see; its label says to leave it empty. */
  honeypotLabel: string;
  code: {
    title: string;
    hint: (digits: number, minutes: number) => string;
    label: string;
    submit: string;
    notReceived: string;
    signUpAgain: string;
  };
  welcome: {
    smsTitle: string;
    smsBody: string;
    emailTitle: string;
    emailBody: (emails: number) => string;
    emailFrom: string;
    manageHeading: string;
    manageBody: string;
    manageLink: string;
    stopByText: string;
  };
  manage: {
    title: string;
    saved: string;
    sentBy: string;
    bySms: (masked: string) => string;
    byEmail: (masked: string) => string;
    areas: string;
    language: string;
    optedOut: string;
    changeHeading: string;
    emailChangeHint: string;
    save: string;
    stopHeading: string;
    stopLink: string;
  };
  unsubscribe: {
    title: string;
    body: (masked: string) => string;
    confirm: string;
    cancel: string;
    doneTitle: string;
    doneBody: string;
    signUpAgain: string;
  };
  problems: Record<ProblemStatus, { title: string; body: string }>;
  reloadForm: string;
  signUpLink: string;
  home: string;
}
