import { isCurrent, isLive, type PublicIncident } from '../shared/domain/public-alert.js';
import { contentTypes, publicPaths } from '../shared/domain/public-paths.js';
import type { PublicSnapshot, SiteFile } from '../shared/domain/public-site.js';
import type { Registry } from '../shared/domain/registry.js';
import type { Resource } from '../shared/domain/resource.js';
import { STYLESHEET_NAME } from './assets/stylesheet.js';
import { atomFeed, feedScopes } from './feeds/atom.js';
import { capDocument } from './feeds/cap.js';
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
    return [...pages, ...this.indexFiles(snapshot), ...this.feedFiles(snapshot)];
  }

  /** Every Atom feed: per language, city-wide, per division, and the test feed. */
  private feedFiles(snapshot: PublicSnapshot): SiteFile[] {
    return feedScopes(this.registry).map(({ scope, language }) => ({
      path: publicPaths.feed(scope, language),
      body: atomFeed(snapshot.incidents, { registry: this.registry, language, scope, now: snapshot.now }),
      contentType: contentTypes.atom,
      cacheControl: CACHE.feed,
    }));
  }

  /** One page per broadcast per language of that broadcast, and its CAP document. */
  private incidentFiles(incident: PublicIncident, library: Resource[]): SiteFile[] {
    return incident.notices.flatMap((notice) => {
      const cap: SiteFile = {
        path: publicPaths.cap(notice.id),
        body: capDocument(notice, incident.notices, this.registry),
        contentType: contentTypes.cap,
        cacheControl: CACHE.cap,
      };
      const wanted = new Set(notice.resources.map((r) => r.id));
      // The entries as they stand now: a corrected number reaches the page; a retired one leaves it.
      const resources = library.filter((r) => wanted.has(r.id) && r.active);
      const pages = notice.languages.map(({ language }) => ({
        path: publicPaths.alert(this.site.languages, notice.id, language),
        body: renderAlertPage({ site: this.site, incident, notice, language, resources }),
        contentType: contentTypes.html,
        cacheControl: CACHE.page,
      }));
      return [...pages, cap];
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
