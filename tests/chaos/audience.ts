// Who a chaos broadcast reaches (40 X accounts, 36 topics) and how a post names its broadcast.
import type { Herald } from '../support/herald.js';

/** A post's broadcast, from the link every post carries. */
export const BROADCAST_IN_LINK = /\/b\/(bc_[0-9a-z]+)/;

export interface Audience {
  accounts: string[];
  topics: string[];
}

/** The 40 accounts and 36 topics of a city-wide en+fr weapons call in the chaos registry. */
export function audienceOf(herald: Herald): Audience {
  const { registry } = herald.runtime;
  const category = registry.categories.find((c) => c.id === 'weapons-call');
  if (!category) throw new Error('the chaos registry has no weapons-call category');
  const accounts = [
    ...registry.divisions.map((d) => d.accountId),
    ...category.units.map((u) => registry.units.find((unit) => unit.id === u)?.accountId ?? `unit-${u}`),
    registry.headquarters.accountId,
  ];
  const topics = ['en', 'fr'].flatMap((lang) => [
    ...registry.divisions.map((d) => `area-${d.id}-${lang}`),
    `citywide-${lang}`,
  ]);
  return { accounts, topics };
}
