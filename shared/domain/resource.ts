import * as z from 'zod';
import type { AuditEntry } from './audit.js';
import { lazySchema } from './lazy-schema.js';
import { safeRecord } from './safe-record.js';
import { LanguageCode } from './vocabulary.js';

/**
 * The victim-resource library: hotlines, shelters, victim services, referral lines. Comms staff
 * keep it; every broadcast carries the active entries that match its category and area.
 */

const Localized = lazySchema(() =>
  safeRecord(LanguageCode, z.string().trim().min(1).max(500)).refine(
    (texts) => Object.keys(texts).length > 0,
    'at least one language',
  ),
);
/** E.164, or a short public service number such as 911, 211 or 988. */
const PhoneNumber = lazySchema(() =>
  z.string().regex(/^(\+[1-9]\d{7,14}|[2-9]11|988)$/, 'an E.164 number (+14165550100) or 211/311/911/988'),
);
const IsoDate = lazySchema(() => z.iso.date());

export const ResourceId = lazySchema(() =>
  z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
);

/** What comms staff write about a resource. */
export const ResourceContent = lazySchema(() =>
  z.strictObject({
    name: Localized,
    description: Localized,
    phone: PhoneNumber.optional(),
    textNumber: PhoneNumber.optional(),
    url: z
      .url({ protocol: /^https$/ })
      .max(500)
      .optional(),
    hours: Localized,
    languagesServed: z.array(LanguageCode).min(1).max(40),
    eligibility: Localized,
    /** Division ids, or `citywide`. */
    areas: z.array(z.string().min(1).max(32)).min(1).max(100),
    categories: z.array(z.string().min(1).max(64)).min(1).max(50),
    lastVerifiedAt: IsoDate,
    verifiedBy: z.string().min(1).max(100),
    active: z.boolean(),
    /** Shipped as an example: to be verified by the service before anyone relies on it. */
    sample: z.boolean().default(false),
  }),
);
export type ResourceContent = z.infer<typeof ResourceContent>;

export interface Resource extends ResourceContent {
  id: string;
  /** Grows with every change; writers send the revision they read. 0: the shipped sample, untouched. */
  revision: number;
  updatedAt?: string;
  /** The last saver's subject id: identity, compared, not shown alone. */
  updatedBy?: string;
  /** The last saver's display name (D36); absent on entries saved before names were kept. */
  updatedByName?: string;
  history: Pick<AuditEntry, 'at' | 'actor' | 'actorName' | 'from' | 'to' | 'reason'>[];
}

export const CITYWIDE = 'citywide';

/** A resource attached to a broadcast, with what the approver must know about it. */
export interface AttachedResource {
  resource: Resource;
  /** Not verified for longer than the library's limit: flagged wherever it appears. */
  stale: boolean;
}

export function isStale(
  resource: Pick<Resource, 'lastVerifiedAt'>,
  now: Date,
  staleAfterDays: number,
): boolean {
  const verified = Date.parse(`${resource.lastVerifiedAt}T00:00:00Z`);
  return now.getTime() - verified > staleAfterDays * 86_400_000;
}

/**
 * The resources a broadcast carries: active, for its category, and serving its area. An area
 * broadcast gets the city-wide entries and those of its divisions; a city-wide broadcast gets the
 * city-wide entries only (a local centre is not the answer for the whole city). Sorted by name.
 */
export function matchResources(
  library: readonly Resource[],
  target: { category: string; areaIds: readonly string[]; citywide: boolean },
  now: Date,
  staleAfterDays: number,
): AttachedResource[] {
  return library
    .filter((r) => r.active && r.categories.includes(target.category))
    .filter(
      (r) =>
        r.areas.includes(CITYWIDE) ||
        (!target.citywide && r.areas.some((area) => target.areaIds.includes(area))),
    )
    .sort((a, b) => (Object.values(a.name)[0] ?? a.id).localeCompare(Object.values(b.name)[0] ?? b.id))
    .map((resource) => ({ resource, stale: isStale(resource, now, staleAfterDays) }));
}

/** Every number a resource gives out: published numbers that the personal-data warnings must not flag. */
export function resourceNumbers(library: readonly Resource[]): string[] {
  return library.flatMap((r) => [r.phone, r.textNumber].filter((n): n is string => n !== undefined));
}
