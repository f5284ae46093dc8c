import { publicPaths, type SiteLanguages } from '../../shared/domain/public-paths.js';
import type { Registry } from '../../shared/domain/registry.js';

/**
 * Absolute public URLs: a CAP document and an Atom feed are read away from the site, so every link
 * in them carries `service.publicBaseUrl`. The paths themselves come from `publicPaths` only.
 */

export type FeedScope = { divisionId?: string; test?: boolean };

export function siteOf(registry: Registry): SiteLanguages {
  return { codes: registry.languages.map((l) => l.code) };
}

function absolute(registry: Registry, path: string): string {
  // A base URL with a path of its own (https://example.org/alerts) keeps it.
  return `${registry.service.publicBaseUrl.replace(/\/+$/, '')}${path}`;
}

export const publicUrls = {
  alert: (registry: Registry, broadcastId: string, language: string) =>
    absolute(registry, publicPaths.alert(siteOf(registry), broadcastId, language)),
  cap: (registry: Registry, broadcastId: string) => absolute(registry, publicPaths.cap(broadcastId)),
  feed: (registry: Registry, scope: FeedScope, language: string) =>
    absolute(registry, publicPaths.feed(scope, language)),
  index: (registry: Registry, language: string) =>
    absolute(registry, publicPaths.index(siteOf(registry), language)),
  division: (registry: Registry, divisionId: string, language: string) =>
    absolute(registry, publicPaths.division(siteOf(registry), divisionId, language)),
} as const;

/** A registry text in `language`, else the service's first language, else any. */
export function inLanguage(texts: Record<string, string>, language: string, registry: Registry): string {
  const first = registry.languages[0]?.code ?? language;
  return texts[language] ?? texts[first] ?? Object.values(texts)[0] ?? '';
}
