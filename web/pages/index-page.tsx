import type { PublicIncident } from '../../shared/domain/public-alert.js';
import { publicPaths } from '../../shared/domain/public-paths.js';
import { AlertList } from './alert-list.js';
import { Layout, renderDocument } from './layout.js';
import { cityFeeds, otherLanguages, type SiteContext } from './site-context.js';
import { pageText } from './text.js';

export interface IndexPageModel {
  site: SiteContext;
  language: string;
  /** Live incidents a reader must still act on, newest first. */
  current: PublicIncident[];
  /** Live incidents that ended (cancelled, all clear, expired) in the last 30 days, newest first. */
  recent: PublicIncident[];
  /** Set for a division's page: its alerts, and the city-wide ones. */
  divisionId?: string;
}

/** The public site's front page, or one division's page: what is happening now, and how to hear of it. */
export function renderIndexPage(model: IndexPageModel): string {
  const { site, language, divisionId } = model;
  const text = pageText(language);
  const title = divisionId ? text.alertsFor(site.divisionName(divisionId, language)) : text.currentAlerts;
  const path = (code: string) =>
    divisionId
      ? publicPaths.division(site.languages, divisionId, code)
      : publicPaths.index(site.languages, code);
  const feeds = divisionId
    ? [
        {
          title: text.feedTitle(site.divisionName(divisionId, language)),
          href: publicPaths.feed({ divisionId }, language),
        },
        ...cityFeeds(site, language),
      ]
    : cityFeeds(site, language);
  return renderDocument(
    <Layout
      lang={language}
      title={title}
      serviceName={site.serviceName(language)}
      homeHref={publicPaths.index(site.languages, language)}
      stylesheetHref={site.stylesheetHref}
      otherLanguages={otherLanguages(site, language, site.languages.codes, path)}
      feeds={feeds}
    >
      {divisionId ? (
        <a class="govuk-back-link" href={publicPaths.index(site.languages, language)}>
          {text.home}
        </a>
      ) : null}
      <h1 class="govuk-heading-xl">{title}</h1>
      <AlertList site={site} incidents={model.current} language={language} empty={text.noCurrentAlerts} />
      <div class="govuk-inset-text">
        <p class="govuk-body">
          <a class="govuk-link" href={publicPaths.subscribe(site.languages, language)}>
            {text.signUp}
          </a>
        </p>
        <p class="govuk-body">{text.signUpPitch}</p>
      </div>
      <h2 class="govuk-heading-l">{text.recentAlerts}</h2>
      <AlertList site={site} incidents={model.recent} language={language} empty={text.noRecentAlerts} />
      {divisionId ? null : (
        <>
          <h2 class="govuk-heading-l">{text.divisions}</h2>
          <ul class="govuk-list">
            {site.divisions.map((division) => (
              <li key={division.id}>
                <a class="govuk-link" href={publicPaths.division(site.languages, division.id, language)}>
                  {division.name(language)}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <ul class="govuk-list">
        {feeds.map((feed) => (
          <li key={feed.href}>
            <a class="govuk-link" href={feed.href} type="application/atom+xml">
              {feed.title} ({text.feed})
            </a>
          </li>
        ))}
      </ul>
    </Layout>,
  );
}
