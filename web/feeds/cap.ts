import { create } from 'xmlbuilder2';
import type { PublicNotice, PublicNoticeLanguage } from '../../shared/domain/public-alert.js';
import type { Category, Registry } from '../../shared/domain/registry.js';
import {
  capDateTime,
  capIdentifier,
  capLanguage,
  capPolygon,
  capReference,
  earlierInChain,
} from './cap-values.js';
import { inLanguage, publicUrls } from './public-urls.js';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/**
 * SOREM's "broadcast immediately" flag asks Alert Ready to interrupt radio, television and phones.
 * Only authorised government issuers may set it to Yes; Herald is not one, so it always says No.
 */
const BROADCAST_IMMEDIATELY = { valueName: 'layer:SOREM:1.0:Broadcast_Immediately', value: 'No' };

/** CAP 1.2 asks that an exercise say so in `note`; a test gets the same plain warning. */
const EXERCISE_NOTES = {
  Exercise: 'Exercise: not a real alert. Take no action.',
  Test: 'Test message: not a real alert. Take no action.',
} as const;

/**
 * The CAP 1.2 document of one approved broadcast, following the Canadian Profile (CAP-CP): one
 * `info` per language of the broadcast, every non-text value (category, urgency, severity,
 * certainty, event code, expiry, parameters, geometry, geocodes) the same in each, and only the
 * approved texts. `chain` is the incident's notices (oldest first); those before `notice` become
 * `references`, so an update, correction, cancel or all-clear points at everything it follows.
 *
 * Built with xmlbuilder2: every text is escaped by the library, and characters XML cannot carry
 * (control characters) are dropped rather than producing a document no receiver can parse.
 *
 * @throws Error when the registry lacks the notice's category or one of its divisions.
 */
export function capDocument(notice: PublicNotice, chain: PublicNotice[], registry: Registry): string {
  const category = registry.categories.find((c) => c.id === notice.category);
  if (!category) throw new Error(`broadcast ${notice.id}: the registry has no category ${notice.category}`);
  const earlier = earlierInChain(notice, chain);
  const alert = {
    '@xmlns': CAP_NAMESPACE,
    identifier: capIdentifier(registry, notice.id),
    sender: registry.cap.senderId,
    sent: capDateTime(notice.sent),
    status: notice.status,
    msgType: notice.msgType,
    scope: 'Public',
    code: registry.cap.codes,
    ...(notice.status === 'Actual' ? {} : { note: EXERCISE_NOTES[notice.status] }),
    ...(earlier.length > 0 ? { references: earlier.map((n) => capReference(registry, n)).join(' ') } : {}),
    incidents: notice.incidentId,
    info: notice.languages.map((text) => info(notice, text, category, registry)),
  };
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }, { alert }).end({
    prettyPrint: true,
  });
}

/** One language's `info`, its elements in the order the schema requires. */
function info(notice: PublicNotice, text: PublicNoticeLanguage, category: Category, registry: Registry) {
  const { cap } = registry;
  return {
    language: capLanguage(text.language, cap.languageRegion),
    category: category.capCategory,
    event: inLanguage(category.name, text.language, registry),
    ...(notice.kind === 'all-clear' ? { responseType: 'AllClear' } : {}),
    urgency: notice.urgency,
    severity: notice.severity,
    certainty: notice.certainty,
    eventCode: { valueName: cap.eventCodeValueName, value: category.capEventCode },
    expires: capDateTime(notice.expires),
    senderName: inLanguage(cap.senderName, text.language, registry),
    headline: text.headline,
    description: text.description,
    ...(text.instruction ? { instruction: text.instruction } : {}),
    web: publicUrls.alert(registry, notice.id, text.language),
    parameter: [BROADCAST_IMMEDIATELY],
    area: areas(notice, text.language, registry),
  };
}

/**
 * City-wide is one area: the city, by its geocodes. Otherwise one area per division: its
 * description, its outline when the registry has one, and the city's geocodes (CAP-CP lists the
 * census subdivisions an area lies in, and every division lies in the city).
 */
function areas(notice: PublicNotice, language: string, registry: Registry) {
  const { city } = registry.cap;
  const geocode = city.geocodes.map(({ valueName, value }) => ({ valueName, value }));
  if (notice.citywide) return [{ areaDesc: inLanguage(city.description, language, registry), geocode }];
  if (notice.areas.length === 0) throw new Error(`broadcast ${notice.id} has no area and is not city-wide`);
  return notice.areas.map((id) => {
    const division = registry.divisions.find((d) => d.id === id);
    if (!division) throw new Error(`broadcast ${notice.id}: the registry has no division ${id}`);
    const { description, polygon } = division.capArea;
    return {
      areaDesc: inLanguage(description, language, registry),
      ...(polygon ? { polygon: capPolygon(polygon.points) } : {}),
      geocode,
    };
  });
}
