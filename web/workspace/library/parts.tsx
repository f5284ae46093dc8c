import type { Registry } from '../../../shared/domain/registry.js';
import { CITYWIDE, type Resource } from '../../../shared/domain/resource.js';

/** A library entry as the pages show it: flagged stale against the registry's limit as of now. */
export type LibraryEntry = Resource & { stale: boolean };

/**
 * The stale flag: a tag whose words say it (colour is never the only signal) and, for screen
 * readers and the curious, how long "stale" is. The same words wherever the entry appears.
 */
export function StaleTag(props: { staleAfterDays: number }) {
  return (
    <strong class="govuk-tag govuk-tag--orange herald-stale-tag" data-testid="stale-tag">
      Stale<span class="govuk-visually-hidden">: not verified in the last {props.staleAfterDays} days</span>
    </strong>
  );
}

export function RetiredTag() {
  return (
    <strong class="govuk-tag govuk-tag--grey" data-testid="retired-tag">
      Retired
    </strong>
  );
}

export function SampleTag() {
  return (
    <strong class="govuk-tag govuk-tag--blue" data-testid="sample-tag">
      Sample
    </strong>
  );
}

/** The entry's name in English if it has one, else its first language, with that language. */
export function EntryName(props: { resource: Resource }) {
  const [language, text] = props.resource.name.en
    ? ['en', props.resource.name.en]
    : (Object.entries(props.resource.name)[0] ?? ['en', props.resource.id]);
  return <span lang={language === 'en' ? undefined : language}>{text}</span>;
}

export const areaName = (registry: Registry, id: string) =>
  id === CITYWIDE ? 'City-wide' : (registry.divisions.find((d) => d.id === id)?.name.en ?? id);

export const categoryName = (registry: Registry, id: string) =>
  registry.categories.find((c) => c.id === id)?.name.en ?? id;

// Built at the first call: building one costs about 7 ms, too much for every cold start.
let languageNames: Intl.DisplayNames | undefined;
/** "French (fr)": a language code as staff read it. */
export const languageName = (code: string) => {
  try {
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return `${languageNames.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
};
