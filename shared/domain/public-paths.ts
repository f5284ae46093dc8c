/**
 * Every public URL path in one place: the pages link to the feeds, the feeds to the pages and CAP
 * documents, and the posts already carry `/b/{id}`. The service's first language has no prefix
 * (the link in every post and SMS stays `/b/{id}`); every other language lives under `/{lang}`.
 * Paths are stable: a reader, an aggregator or a cache may keep any of them for ever.
 */

export interface SiteLanguages {
  /** The registry's languages, first one the default. */
  codes: readonly string[];
}

function prefix(site: SiteLanguages, language: string): string {
  return language === site.codes[0] ? '' : `/${language}`;
}

export const publicPaths = {
  index: (site: SiteLanguages, language: string) => `${prefix(site, language)}/`,
  alert: (site: SiteLanguages, broadcastId: string, language: string) =>
    `${prefix(site, language)}/b/${broadcastId}`,
  division: (site: SiteLanguages, divisionId: string, language: string) =>
    `${prefix(site, language)}/divisions/${divisionId}`,
  subscribe: (site: SiteLanguages, language: string) => `${prefix(site, language)}/subscribe`,
  /** Where an SMS sign-up enters its code; the sign-up id is not secret, the code is. */
  subscribeCode: (site: SiteLanguages, subscriptionId: string, language: string) =>
    `${prefix(site, language)}/subscribe/code/${subscriptionId}`,
  /** The management token is in the path: these pages send no referrer and are never cached or indexed. */
  manage: (site: SiteLanguages, token: string, language: string) =>
    `${prefix(site, language)}/subscribe/manage/${token}`,
  /** After signing up: "you are subscribed" (SMS) or "check your inbox" (e-mail), with the manage link. */
  welcome: (site: SiteLanguages, token: string, language: string) =>
    `${prefix(site, language)}/subscribe/manage/${token}/welcome`,
  unsubscribe: (site: SiteLanguages, token: string, language: string) =>
    `${prefix(site, language)}/subscribe/manage/${token}/unsubscribe`,
  unsubscribed: (site: SiteLanguages, language: string) => `${prefix(site, language)}/subscribe/unsubscribed`,
  /** One CAP 1.2 document per broadcast, every language in it. */
  cap: (broadcastId: string) => `/cap/${broadcastId}.xml`,
  /** Current live alerts, city-wide or one division's; `test` is the feed of Exercise and Test alerts. */
  feed: (scope: { divisionId?: string; test?: boolean }, language: string) =>
    scope.test
      ? `/feeds/test/alerts.${language}.atom`
      : scope.divisionId
        ? `/feeds/divisions/${scope.divisionId}.${language}.atom`
        : `/feeds/alerts.${language}.atom`,
  asset: (name: string) => `/assets/${name}`,
} as const;

export const contentTypes = {
  html: 'text/html; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  cap: 'application/cap+xml; charset=utf-8',
  css: 'text/css; charset=utf-8',
} as const;
