import * as z from 'zod';
import { type IssueDetail, ValidationError } from './errors.js';
import { type Incident, IncidentStatus } from './incident.js';
import { lazySchema } from './lazy-schema.js';
import type { Registry } from './registry.js';
import { unknownDivision } from './targeting.js';

/** Live incidents are `Actual`; exercises are `Exercise` and `Test`, which reach sandboxes only. */
export const IncidentMode = lazySchema(() => z.enum(['live', 'exercise']));
export type IncidentMode = z.infer<typeof IncidentMode>;

/**
 * The filters of incident history, as text arrives (a query string, a form): the JSON API's
 * `GET /incidents` and the console parse with these fields, then `checkIncidentFilters` checks
 * the names against the registry, so both refuse the same values with the same words. A function,
 * so the schemas are built where they are used (lazySchema).
 */
export const incidentFilterFields = () => ({
  state: IncidentStatus.optional(),
  category: z.string().min(1).max(64).optional().describe('a category id of the registry'),
  division: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('a division id: the incidents naming it, and every city-wide one'),
  mode: IncidentMode.optional().describe('live: Actual only; exercise: Exercise and Test'),
});

export interface IncidentFilters {
  state?: z.infer<typeof IncidentStatus> | undefined;
  category?: string | undefined;
  /** An area id: an incident matches when its areas include it or it is city-wide. */
  division?: string | undefined;
  mode?: IncidentMode | undefined;
}

/** At most this many incidents in one page of history. */
export const MAX_PAGE_SIZE = 100;

export function hasIncidentFilters(filters: IncidentFilters): boolean {
  return Boolean(filters.state ?? filters.category ?? filters.division ?? filters.mode);
}

/** Whether an incident is in the history these filters ask for; no filter matches everything. */
export function matchesIncidentFilters(incident: Incident, filters: IncidentFilters): boolean {
  if (filters.state && incident.state !== filters.state) return false;
  if (filters.category && incident.category !== filters.category) return false;
  if (filters.division && !incident.citywide && !incident.areas.includes(filters.division)) return false;
  if (filters.mode && (incident.status === 'Actual') !== (filters.mode === 'live')) return false;
  return true;
}

/**
 * Refuses a page size out of 1..100 and a category or division the registry does not know,
 * naming the ones it does, each issue at its field's path.
 * @throws ValidationError
 */
export function checkIncidentFilters(registry: Registry, search: IncidentFilters & { limit: number }): void {
  const issues: IssueDetail[] = [];
  if (!Number.isInteger(search.limit) || search.limit < 1 || search.limit > MAX_PAGE_SIZE) {
    issues.push({ path: ['limit'], message: `a whole number from 1 to ${MAX_PAGE_SIZE}` });
  }
  if (search.category !== undefined && !registry.categories.some((c) => c.id === search.category)) {
    const known = registry.categories.map((c) => c.id).join(', ');
    issues.push({
      path: ['category'],
      message: `unknown category ${search.category}; the categories are ${known}`,
    });
  }
  if (search.division !== undefined && !registry.divisions.some((d) => d.id === search.division)) {
    issues.push({ path: ['division'], message: unknownDivision(registry, search.division) });
  }
  if (issues.length > 0) throw new ValidationError('the history filters are invalid', issues);
}
