import type { RenderedContent } from '../../../shared/domain/broadcast.js';
import type { PersonalDataWarning } from '../../../shared/domain/personal-data-warnings/warnings.js';
import { charactersForcingUcs2 } from '../../../shared/domain/rendering/sms-text.js';
import { xWeightedLength } from '../../../shared/domain/rendering/x-text.js';
import type { ParityGap } from '../../../shared/domain/template-parity.js';
import { formatDay } from '../../console/format.js';
import { LanguageContent, Warnings } from '../../console/preview.js';

/** One language rendered by `renderForPreview` (shared/use-cases/preview-template.ts). */
export interface LanguagePreview {
  language: string;
  languageName: string;
  content: RenderedContent;
  resources: { id: string; name: string | undefined; lastVerifiedAt: string; stale: boolean }[];
  warnings: PersonalDataWarning[];
}

/**
 * The editor's preview: each language as the broadcast preview shows it (the same component),
 * the character that made an SMS UCS-2, the facts one language says and another does not, the
 * resources attached and the personal-data warnings of the facts.
 */
export function TemplatePreview(props: {
  previews: LanguagePreview[];
  parity: ParityGap[];
  languageNames: Record<string, string>;
  timeZone: string;
}) {
  const warnings = uniqueWarnings(props.previews.flatMap((p) => p.warnings));
  const resources = props.previews[0]?.resources ?? [];
  return (
    <section class="herald-preview" aria-labelledby="preview-heading" data-testid="preview">
      <h2 class="govuk-heading-l" id="preview-heading">
        Preview
      </h2>
      <ParityWarning gaps={props.parity} names={props.languageNames} />
      {props.previews.map((p) => {
        const rendered = p.content.languages[p.language];
        if (!rendered) return null;
        const forcing = charactersForcingUcs2(rendered.sms.text);
        return (
          <LanguageContent
            key={p.language}
            language={p.language}
            heading={<span lang={p.language}>{p.languageName}</span>}
            rendered={rendered}
            xLengths={rendered.x.map(xWeightedLength)}
            smsNote={
              forcing.length > 0 ? (
                <p class="govuk-body-s herald-meter" data-testid={`sms-ucs2-${p.language}`}>
                  UCS-2 because of{' '}
                  {forcing.map((c, i) => (
                    <span key={c}>
                      {i > 0 ? ', ' : ''}
                      <mark lang={p.language}>{c}</mark> (U+
                      {(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})
                    </span>
                  ))}
                </p>
              ) : null
            }
          />
        );
      })}
      <section aria-labelledby="resources-heading">
        <h3 class="govuk-heading-m" id="resources-heading">
          Resources attached ({resources.length})
        </h3>
        {resources.length === 0 ? (
          <p class="govuk-body">No resource from the library matches this category city-wide.</p>
        ) : (
          <ul class="govuk-list" data-testid="preview-resources">
            {resources.map((r) => (
              <li key={r.id}>
                {r.name ?? r.id}, last checked {formatDay(r.lastVerifiedAt)}
                {r.stale ? (
                  <strong class="govuk-tag govuk-tag--orange herald-tag-gap">
                    Stale: not checked recently
                  </strong>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Warnings warnings={warnings} />
    </section>
  );
}

/** A fact used in one language's texts and not in another's: a warning, never a refusal. */
export function ParityWarning(props: { gaps: ParityGap[]; names: Record<string, string> }) {
  if (props.gaps.length === 0)
    return (
      <p class="govuk-body" data-testid="parity-ok">
        Every language carries the same facts.
      </p>
    );
  const named = (codes: string[]) => codes.map((c) => props.names[c] ?? c).join(', ');
  return (
    <div class="govuk-warning-text" data-testid="parity-warning">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        The languages do not carry the same facts:
        <ul class="govuk-list govuk-list--bullet">
          {props.gaps.map((g) => (
            <li key={g.variable}>
              <code>{`{{${g.variable}}}`}</code> is in {named(g.usedIn)} but not in {named(g.missingIn)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function uniqueWarnings(warnings: PersonalDataWarning[]): PersonalDataWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.path.join('.')}-${w.start}-${w.match}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
