import type { IncidentRecord } from '../domain/incident.js';
import {
  checkIncidentFilters,
  hasIncidentFilters,
  type IncidentFilters,
  MAX_PAGE_SIZE,
  matchesIncidentFilters,
} from '../domain/incident-filters.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import type { Registry } from '../domain/registry.js';
import type { IncidentRepository, Page } from '../ports/repositories.js';

export interface IncidentSearch extends IncidentFilters {
  /** How many matching incidents to return, 1 to 100. */
  limit: number;
  /** From the previous page's answer, to continue. */
  cursor?: string | undefined;
}

export interface IncidentSearchPage extends Page<IncidentRecord> {
  /** How many incidents this page read to find its matches. */
  scanned: number;
}

/**
 * The most incidents one search reads. A rare filter over a long history could otherwise read the
 * whole table in one request; past this the answer has fewer matches than asked and a cursor.
 */
export const SEARCH_SCAN_CAP = 500;

/**
 * Incident history, newest first, filtered by state, category, division and live or exercise.
 *
 * 1. Check the reader's role, the page size and the filters against the registry (422 with the
 *    valid names, as filing refuses them).
 * 2. Read the incident list page by page, keeping the matches, until `limit` are found, the list
 *    ends, or `SEARCH_SCAN_CAP` incidents were read.
 * 3. Return a cursor that continues right after the last incident read, so stopping mid-page
 *    skips nothing. Without filters this is one page of the list, exactly as `listIncidents`.
 */
export async function searchIncidents(
  deps: { incidents: IncidentRepository; registry: Registry },
  principal: Principal,
  search: IncidentSearch,
): Promise<IncidentSearchPage> {
  requireRole(principal, Permissions.read, 'reading incidents');
  checkIncidentFilters(deps.registry, search);
  // A filter usually matches a fraction of incidents: full pages cost fewer round trips.
  const pageSize = hasIncidentFilters(search) ? MAX_PAGE_SIZE : search.limit;
  const items: IncidentRecord[] = [];
  let scanned = 0;
  let cursor = search.cursor;
  for (;;) {
    const page = await deps.incidents.list({
      limit: Math.min(pageSize, SEARCH_SCAN_CAP - scanned),
      ...(cursor ? { cursor } : {}),
    });
    for (const [i, incident] of page.items.entries()) {
      scanned += 1;
      if (!matchesIncidentFilters(incident, search)) continue;
      items.push(incident);
      if (items.length < search.limit) continue;
      const next = i === page.items.length - 1 ? page.cursor : deps.incidents.cursorAfter(incident);
      return { items, scanned, ...(next ? { cursor: next } : {}) };
    }
    if (!page.cursor) return { items, scanned };
    cursor = page.cursor;
    if (scanned >= SEARCH_SCAN_CAP || page.items.length === 0) return { items, scanned, cursor };
  }
}
