import type { ComponentChildren } from 'preact';
import { displayPhone } from '../../shared/domain/rendering/resource-text.js';
import type { Resource } from '../../shared/domain/resource.js';
import { pageText } from './text.js';

function localized(texts: Record<string, string>, language: string): string {
  return texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

/**
 * The victim resources in full, from the library as it stands (a corrected number reaches the
 * page at the next render): phone numbers as `tel:` links a thumb can press, text numbers as
 * `sms:` links, hours, who it is for and the languages served.
 */
export function ResourcesList(props: { resources: Resource[]; language: string }) {
  if (props.resources.length === 0) return null;
  const text = pageText(props.language);
  return (
    <section aria-labelledby="help-heading">
      <h2 class="govuk-heading-l" id="help-heading">
        {text.helpAndSupport}
      </h2>
      {props.resources.map((resource) => (
        <div key={resource.id} class="herald-resource">
          <h3 class="govuk-heading-m">{localized(resource.name, props.language)}</h3>
          <p class="govuk-body">{localized(resource.description, props.language)}</p>
          <dl class="govuk-summary-list">
            {resource.phone ? (
              <Row label={text.call}>
                <a class="govuk-link" href={`tel:${resource.phone}`}>
                  {displayPhone(resource.phone)}
                </a>
              </Row>
            ) : null}
            {resource.textNumber ? (
              <Row label={text.text}>
                <a class="govuk-link" href={`sms:${resource.textNumber}`}>
                  {displayPhone(resource.textNumber)}
                </a>
              </Row>
            ) : null}
            <Row label={text.hours}>{localized(resource.hours, props.language)}</Row>
            <Row label={text.eligibility}>{localized(resource.eligibility, props.language)}</Row>
            <Row label={text.languagesServed}>
              {resource.languagesServed.map((code) => languageName(code, props.language)).join(', ')}
            </Row>
            {resource.url ? (
              <Row label={text.website}>
                <a class="govuk-link" href={resource.url}>
                  {resource.url}
                </a>
              </Row>
            ) : null}
          </dl>
        </div>
      ))}
    </section>
  );
}

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{props.label}</dt>
      <dd class="govuk-summary-list__value">{props.children}</dd>
    </div>
  );
}

const languageNames = new Map<string, Intl.DisplayNames>();

/**
 * A language's name in the reader's language, from the platform's own data ("Punjabi",
 * "pendjabi"); one Intl.DisplayNames per reader's language, built at its first use (as date-format.ts).
 */
function languageName(code: string, language: string): string {
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  try {
    let names = languageNames.get(locale);
    if (!names) {
      names = new Intl.DisplayNames([locale], { type: 'language' });
      languageNames.set(locale, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
