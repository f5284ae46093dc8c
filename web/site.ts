import { isCurrent, isLive, type PublicIncident } from '../shared/domain/public-alert.js';
import { contentTypes, publicPaths } from '../shared/domain/public-paths.js';
import type { PublicSnapshot, SiteFile } from '../shared/domain/public-site.js';
import type { Registry } from '../shared/domain/registry.js';
import type { Resource } from '../shared/domain/resource.js';
import { STYLESHEET_NAME } from './assets/stylesheet.js';
import { renderAlertPage } from './pages/alert-page.js';
import { renderIndexPage } from './pages/index-page.js';
import { type SiteContext, siteContext } from './pages/site-context.js';

/**
 * Cache lifetimes. CloudFront keeps a page this long, so a surge reaches S3 about once per edge
 * per lifetime and never a Lambda; a follow-up reaches every reader within it. `stale-if-error`
 * keeps pages up if the origin fails during the surge.
 */
export const CACHE = {
  page: 'public, max-age=30, stale-while-revalidate=30, stale-if-error=86400',
  feed: 'public, max-age=30, stale-while-revalidate=30, stale-if-error=86400',
  /** A broadcast's CAP document never changes once approved. */
  cap: 'public, max-age=3600, stale-if-error=86400',
} as const;

/** The public site as files: every page of the changed incidents, and every index. */
export class WebSiteRenderer {
  private readonly site: SiteContext;

  constructor(private readonly registry: Registry) {
    this.site = siteContext(registry, publicPaths.asset(STYLESHEET_NAME));
  }

  render(snapshot: PublicSnapshot): SiteFile[] {
    const changed = snapshot.changed ? new Set(snapshot.changed) : undefined;
    const pages = snapshot.incidents
      .filter((incident) => !changed || changed.has(incident.incidentId))
      .flatMap((incident) => this.incidentFiles(incident, snapshot.resources));
    return [...pages, ...this.indexFiles(snapshot)];
  }

  /** One page per broadcast per language of that broadcast. */
  private incidentFiles(incident: PublicIncident, library: Resource[]): SiteFile[] {
    return incident.notices.flatMap((notice) => {
      const wanted = new Set(notice.resources.map((r) => r.id));
      // The entries as they stand now: a corrected number reaches the page; a retired one leaves it.
      const resources = library.filter((r) => wanted.has(r.id) && r.active);
      return notice.languages.map(({ language }) => ({
        path: publicPaths.alert(this.site.languages, notice.id, language),
        body: renderAlertPage({ site: this.site, incident, notice, language, resources }),
        contentType: contentTypes.html,
        cacheControl: CACHE.page,
      }));
    });
  }

  /** The front page and each division's page, in every language of the site. */
  private indexFiles(snapshot: PublicSnapshot): SiteFile[] {
    const live = snapshot.incidents.filter(isLive);
    const scopes: (string | undefined)[] = [undefined, ...this.registry.divisions.map((d) => d.id)];
    return this.site.languages.codes.flatMap((language) =>
      scopes.map((divisionId) => {
        const inScope = live.filter((i) => !divisionId || i.citywide || i.areas.includes(divisionId));
        return {
          path: divisionId
            ? publicPaths.division(this.site.languages, divisionId, language)
            : publicPaths.index(this.site.languages, language),
          body: renderIndexPage({
            site: this.site,
            language,
            current: inScope.filter(isCurrent),
            recent: inScope.filter((i) => !isCurrent(i)),
            ...(divisionId ? { divisionId } : {}),
          }),
          contentType: contentTypes.html,
          cacheControl: CACHE.page,
        };
      }),
    );
  }
}
