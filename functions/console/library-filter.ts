import { CITYWIDE } from '../../shared/domain/resource.js';
import type { LibraryFilters } from '../../shared/http/workspace/library-routes.js';
import type { LibraryEntry } from '../../web/workspace/library/parts.js';

/**
 * The library list's filters. "Serves the area" keeps what a broadcast there would consider:
 * entries for that division and the city-wide ones (domain `matchResources`), or for the whole
 * city, the city-wide entries only.
 */
export function filterEntries(entries: readonly LibraryEntry[], f: LibraryFilters): LibraryEntry[] {
  return entries
    .filter((e) => !f.category || e.categories.includes(f.category))
    .filter((e) => !f.area || e.areas.includes(f.area) || e.areas.includes(CITYWIDE))
    .filter((e) => !f.language || e.languagesServed.includes(f.language))
    .filter((e) => !f.stale || e.stale === (f.stale === 'yes'))
    .filter((e) => !f.status || e.active === (f.status === 'active'));
}

const nameOf = (e: LibraryEntry) => e.name.en ?? Object.values(e.name)[0] ?? e.id;

export const byName = (a: LibraryEntry, b: LibraryEntry) => nameOf(a).localeCompare(nameOf(b));
