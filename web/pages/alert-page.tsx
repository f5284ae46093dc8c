import type { PublicIncident, PublicNotice } from '../../shared/domain/public-alert.js';
import { publicPaths } from '../../shared/domain/public-paths.js';
import type { Resource } from '../../shared/domain/resource.js';
import { Layout, renderDocument } from './layout.js';
import { ResourcesList } from './resources-list.js';
import { areasText, cityFeeds, otherLanguages, type SiteContext } from './site-context.js';
import { formatTime, pageText } from './text.js';

export interface AlertPageModel {
  site: SiteContext;
  incident: PublicIncident;
  /** The broadcast this page belongs to (its link went out in the posts and SMS). */
  notice: PublicNotice;
  language: string;
  /** The library entries the broadcast attached, as they stand now; retired ones are left out. */
  resources: Resource[];
}

/**
 * One broadcast's public page. The incident's current state is at the top; if a newer message
 * exists, the reader is told first and sent to it, because an old link in an SMS must never leave
 * someone acting on a cancelled or corrected alert.
 */
export function renderAlertPage(model: AlertPageModel): string {
  const { site, incident, notice, language } = model;
  const text = pageText(language);
  const words =
    notice.languages.find((l) => l.language === language) ??
    (notice.languages[0] as PublicNotice['languages'][number]);
  const isLatest = incident.current.id === notice.id;
  const first = incident.notices[0] as PublicNotice;
  const exercise = notice.status === 'Actual' ? undefined : notice.status;
  const available = notice.languages.map((l) => l.language);
  const time = (iso: string) => formatTime(iso, language, site.timeZone);
  return renderDocument(
    <Layout
      lang={words.language}
      title={words.headline}
      serviceName={site.serviceName(language)}
      homeHref={publicPaths.index(site.languages, language)}
      stylesheetHref={site.stylesheetHref}
      otherLanguages={otherLanguages(site, language, available, (code) =>
        publicPaths.alert(site.languages, notice.id, code),
      )}
      feeds={exercise ? [] : cityFeeds(site, language)}
      capHref={publicPaths.cap(notice.id)}
      {...(exercise ? { exercise } : {})}
    >
      {exercise ? (
        // Never the red "Active alert" of a live one under an exercise band.
        <strong class="herald-state herald-state--exercise">
          {text.exerciseTitle(exercise)} · {text.states[incident.state]}
        </strong>
      ) : (
        <strong class={`herald-state herald-state--${incident.state}`}>{text.states[incident.state]}</strong>
      )}
      {isLatest ? null : (
        <section class="govuk-notification-banner" aria-labelledby="latest-title">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="latest-title">
              {text.kinds[incident.current.kind]}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">{text.latestBanner}</p>
            <p class="govuk-body">
              <a
                class="govuk-notification-banner__link"
                href={publicPaths.alert(site.languages, incident.current.id, language)}
              >
                {text.readLatest}: {headlineIn(incident.current, language)}
              </a>
            </p>
          </div>
        </section>
      )}
      <article class="herald-article" lang={words.language}>
        {notice.kind === 'alert' ? null : <span class="govuk-caption-l">{text.kinds[notice.kind]}</span>}
        <h1>{words.headline}</h1>
        {/* Escaped by the renderer when the broadcast was composed: exactly the approved text. */}
        <div dangerouslySetInnerHTML={{ __html: words.bodyHtml }} />
        {words.instruction ? (
          <>
            <h2>{text.whatToDo}</h2>
            <p class="herald-instruction">{words.instruction}</p>
          </>
        ) : null}
      </article>
      <dl class="govuk-summary-list herald-meta">
        <MetaRow label={text.issued} value={time(first.sent)} />
        <MetaRow label={text.lastUpdated} value={time(incident.current.sent)} />
        <MetaRow label={text.areas} value={areasText(site, incident, language)} />
        <MetaRow label={text.expires} value={time(incident.current.expires)} />
      </dl>
      <ResourcesList resources={model.resources} language={language} />
      {incident.notices.length > 1 ? <FollowUps model={model} /> : null}
      <ul class="govuk-list">
        {exercise ? null : (
          <li>
            <a class="govuk-link" href={publicPaths.subscribe(site.languages, language)}>
              {text.signUp}
            </a>
          </li>
        )}
        <li>
          <a class="govuk-link" href={publicPaths.cap(notice.id)} type="application/cap+xml">
            {text.capDocument}
          </a>
        </li>
      </ul>
    </Layout>,
  );
}

function MetaRow(props: { label: string; value: string }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{props.label}</dt>
      <dd class="govuk-summary-list__value">{props.value}</dd>
    </div>
  );
}

function headlineIn(notice: PublicNotice, language: string): string {
  return (notice.languages.find((l) => l.language === language) ?? notice.languages[0])?.headline ?? '';
}

/** The chain, newest first: a correction is labelled a correction, and this page's own entry is marked. */
function FollowUps({ model }: { model: AlertPageModel }) {
  const { site, incident, notice, language } = model;
  const text = pageText(language);
  return (
    <section aria-labelledby="chain-heading">
      <h2 class="govuk-heading-m" id="chain-heading">
        {text.followUps}
      </h2>
      <ol class="herald-timeline" reversed>
        {[...incident.notices].reverse().map((entry) => (
          <li key={entry.id} class="herald-timeline__item">
            <span class="herald-timeline__kind">{text.kinds[entry.kind]}</span>
            {' · '}
            <time dateTime={entry.sent}>{formatTime(entry.sent, language, site.timeZone)}</time>
            <br />
            {entry.id === notice.id ? (
              <span aria-current="page">
                {headlineIn(entry, language)} ({text.thisMessage})
              </span>
            ) : (
              <a class="govuk-link" href={publicPaths.alert(site.languages, entry.id, language)}>
                {headlineIn(entry, language)}
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
