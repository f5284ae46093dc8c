import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';
import type { PublicIncident } from './public-alert.js';
import type { Resource } from './resource.js';

/**
 * A request to render the public site again. `incidentId` names the incident whose pages changed
 * (an approval); without it every page of the window is rendered (the reconciler's sweep each
 * minute, which also turns alerts past their expiry into expired ones, and a resource edit).
 */
export const PublicSiteJob = lazySchema(() =>
  z.strictObject({
    reason: z.enum(['approval', 'sweep', 'resource']),
    incidentId: z.string().min(1).max(64).optional(),
  }),
);
export type PublicSiteJob = z.infer<typeof PublicSiteJob>;

/** One file of the public site: a page, a feed, a CAP document or the stylesheet. */
export interface SiteFile {
  /** The URL path, e.g. `/b/bc_...`, `/fr/`, `/feeds/alerts.en.atom`, `/cap/bc_....xml`. */
  path: string;
  body: string;
  contentType: string;
  /** Indexes and feeds change often and are cached briefly; an alert page can change too (follow-ups). */
  cacheControl: string;
}

/** Everything the public site is rendered from. */
export interface PublicSnapshot {
  /** Incidents with at least one approved broadcast, newest first, within the site's window. */
  incidents: PublicIncident[];
  /** The whole library, for the resources pages attach (retired ones are left out when rendering). */
  resources: Resource[];
  now: Date;
  /** Render the alert pages and CAP documents of only these incidents; undefined: all of them. */
  changed?: string[];
}

/** How far back indexes, feeds and sweeps look: alerts older than this keep their pages, unchanged. */
export const PUBLIC_WINDOW_DAYS = 30;
