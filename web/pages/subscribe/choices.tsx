import type { SiteContext } from '../site-context.js';
import { Choices, type FieldError, optionId } from './form-parts.js';
import { subscribeText } from './text.js';

/** The area checkboxes: every division, then "or" the whole city. */
export function AreaChoices(props: {
  site: SiteContext;
  language: string;
  maxAreas: number;
  checked: readonly string[];
  error?: FieldError | undefined;
}) {
  const { site, language } = props;
  const words = subscribeText(language).signUp;
  return (
    <Choices
      kind="checkboxes"
      name="areas"
      legend={words.areasLegend}
      hint={words.areasHint(props.maxAreas)}
      options={site.divisions.map((d) => ({ value: d.id, label: d.name(language) }))}
      divider={{ text: words.or, option: { value: 'citywide', label: words.citywide } }}
      checked={props.checked}
      error={props.error}
    />
  );
}

/** The language radios, each language named in itself. */
export function LanguageChoices(props: {
  site: SiteContext;
  language: string;
  checked: string | undefined;
  error?: FieldError | undefined;
}) {
  const { site, language } = props;
  return (
    <Choices
      kind="radios"
      name="language"
      legend={subscribeText(language).signUp.languageLegend}
      options={site.languages.codes.map((code) => ({
        value: code,
        label: site.languageNames[code] ?? code,
        ...(code === language ? {} : { lang: code }),
      }))}
      checked={props.checked ? [props.checked] : []}
      error={props.error}
    />
  );
}

/** Where the error summary sends the reader for each choice field: its first option. */
export function firstAreaId(site: SiteContext): string {
  return optionId('areas', site.divisions[0]?.id ?? 'citywide');
}

export function firstLanguageId(site: SiteContext): string {
  return optionId('language', site.languages.codes[0] ?? 'en');
}
