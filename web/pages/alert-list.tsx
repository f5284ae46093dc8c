import type { PublicIncident, PublicNotice } from '../../shared/domain/public-alert.js';
import { publicPaths } from '../../shared/domain/public-paths.js';
import { areasText, type SiteContext } from './site-context.js';
import { formatTime, pageText } from './text.js';

/** A list of incidents, each by its latest message: state, headline (linked), areas and time. */
export function AlertList(props: {
  site: SiteContext;
  incidents: PublicIncident[];
  language: string;
  empty: string;
}) {
  const { site, language } = props;
  const text = pageText(language);
  if (props.incidents.length === 0) return <p class="govuk-body">{props.empty}</p>;
  return (
    <ul class="herald-alert-list">
      {props.incidents.map((incident) => {
        const current = incident.current;
        return (
          <li key={incident.incidentId} class="herald-alert-list__item">
            <strong class={`herald-state herald-state--${incident.state}`}>
              {text.states[incident.state]}
            </strong>
            <br />
            <a
              class="govuk-link herald-alert-list__headline"
              href={publicPaths.alert(site.languages, current.id, language)}
            >
              {headline(current, language)}
            </a>
            <br />
            {areasText(site, incident, language)} ·{' '}
            <time dateTime={current.sent}>{formatTime(current.sent, language, site.timeZone)}</time>
          </li>
        );
      })}
    </ul>
  );
}

function headline(notice: PublicNotice, language: string): string {
  return (notice.languages.find((l) => l.language === language) ?? notice.languages[0])?.headline ?? '';
}
