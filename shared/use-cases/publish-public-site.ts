import { type PublicIncident, toPublicIncident } from '../domain/public-alert.js';
import { PUBLIC_WINDOW_DAYS, type PublicSiteJob } from '../domain/public-site.js';
import type { Logger } from '../ports/logger.js';
import type { PublicSiteRenderer, PublicSiteStore } from '../ports/public-site.js';
import type { BroadcastRepository, IncidentRepository } from '../ports/repositories.js';
import type { ResourceRepository } from '../ports/resources.js';
import type { Clock } from '../ports/system.js';

export interface PublishPublicSiteDeps {
  incidents: IncidentRepository;
  broadcasts: BroadcastRepository;
  resources: ResourceRepository;
  renderer: PublicSiteRenderer;
  site: PublicSiteStore;
  clock: Clock;
  log: Logger;
}

/** Incidents read per page of the newest-first index; the window is usually one or two pages. */
const PAGE = 50;
/** The most incidents one render reads: bounds a sweep's cost whatever the history holds. */
const MAX_INCIDENTS = 500;

/**
 * Renders the public site from the approved record and writes what changed.
 *
 * 1. Read the incidents of the window, newest first, and each one's broadcasts; keep the ones with
 *    an approved broadcast. Reads only: rendering twice writes the same files, so a redelivered
 *    job or a concurrent sweep is harmless, and a lost job is repaired by the next sweep.
 * 2. Render pages, feeds and CAP documents (only the changed incident's own pages for an approval;
 *    indexes and feeds always).
 * 3. Write the files whose content changed.
 */
export async function publishPublicSite(
  deps: PublishPublicSiteDeps,
  job: PublicSiteJob,
): Promise<{ incidents: number; written: number; unchanged: number }> {
  const now = deps.clock.now();
  const [incidents, resources] = await Promise.all([recentIncidents(deps, now), deps.resources.list()]);
  const files = deps.renderer.render({
    incidents,
    resources,
    now,
    ...(job.incidentId ? { changed: [job.incidentId] } : {}),
  });
  const result = await deps.site.write(files);
  deps.log.info('public site rendered', {
    reason: job.reason,
    incidents: incidents.length,
    files: files.length,
    ...result,
  });
  return { incidents: incidents.length, ...result };
}

async function recentIncidents(deps: PublishPublicSiteDeps, now: Date): Promise<PublicIncident[]> {
  const since = now.getTime() - PUBLIC_WINDOW_DAYS * 86_400_000;
  const found: PublicIncident[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.incidents.list({ limit: PAGE, ...(cursor ? { cursor } : {}) });
    // Newest first: once an incident was filed before the window, every later one was too.
    const inWindow = page.items.filter((incident) => Date.parse(incident.createdAt) >= since);
    const chains = await Promise.all(
      inWindow.map(async (incident) =>
        toPublicIncident(incident, await deps.broadcasts.listByIncident(incident.id), now),
      ),
    );
    found.push(...chains.filter((chain): chain is PublicIncident => chain !== undefined));
    read += page.items.length;
    cursor = inWindow.length === page.items.length ? page.cursor : undefined;
  } while (cursor && read < MAX_INCIDENTS);
  return found;
}
