import { publicPaths, type SiteLanguages } from '../../shared/domain/public-paths.js';
import type { Registry } from '../../shared/domain/registry.js';
import type { LanguageLink } from './layout.js';
import { pageText } from './text.js';

/** What every public page needs from the registry, in one place. */
export interface SiteContext {
  languages: SiteLanguages;
  languageNames: Record<string, string>;
  serviceName: (language: string) => string;
  timeZone: string;
  divisions: { id: string; name: (language: string) => string }[];
  divisionName: (id: string, language: string) => string;
  stylesheetHref: string;
}

function localized(texts: Record<string, string>, language: string): string {
  return texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

export function siteContext(registry: Registry, stylesheetHref: string): SiteContext {
  const divisions = registry.divisions.map((d) => ({
    id: d.id,
    name: (language: string) => localized(d.name, language),
  }));
  return {
    languages: { codes: registry.languages.map((l) => l.code) },
    languageNames: Object.fromEntries(registry.languages.map((l) => [l.code, l.name])),
    serviceName: (language) => localized(registry.service.name, language),
    timeZone: registry.service.timeZone,
    divisions,
    divisionName: (id, language) => divisions.find((d) => d.id === id)?.name(language) ?? id,
    stylesheetHref,
  };
}

/** The same page in the site's other languages, given how to build its path in each. */
export function otherLanguages(
  site: SiteContext,
  current: string,
  available: readonly string[],
  path: (language: string) => string,
): LanguageLink[] {
  return available
    .filter((code) => code !== current)
    .map((code) => ({ code, name: site.languageNames[code] ?? code, href: path(code) }));
}

/** "City-wide", or the divisions by name. */
export function areasText(
  site: SiteContext,
  areas: { citywide: boolean; areas: string[] },
  language: string,
) {
  return areas.citywide
    ? pageText(language).citywide
    : areas.areas.map((id) => site.divisionName(id, language)).join(', ');
}

/** The live feeds every page offers for autodiscovery (city-wide; a division page adds its own). */
export function cityFeeds(site: SiteContext, language: string) {
  return [
    { title: pageText(language).feedTitle(site.serviceName(language)), href: publicPaths.feed({}, language) },
  ];
}
