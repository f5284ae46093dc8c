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
import { xmlSafe } from './xml-text.js';
import { element, textElement, type XmlElement, xmlDocument } from './xml-writer.js';

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
 * Written with Herald's XML writer (xml-writer.ts), which escapes every text; characters XML cannot
 * carry (control characters) are dropped rather than producing a document no receiver can parse.
 *
 * @throws Error when the registry lacks the notice's category or one of its divisions.
 */
export function capDocument(notice: PublicNotice, chain: PublicNotice[], registry: Registry): string {
  const category = registry.categories.find((c) => c.id === notice.category);
  if (!category) throw new Error(`broadcast ${notice.id}: the registry has no category ${notice.category}`);
  const earlier = earlierInChain(notice, chain);
  const alert = element(
    'alert',
    { xmlns: CAP_NAMESPACE },
    text('identifier', capIdentifier(registry, notice.id)),
    text('sender', registry.cap.senderId),
    text('sent', capDateTime(notice.sent)),
    text('status', notice.status),
    text('msgType', notice.msgType),
    text('scope', 'Public'),
    registry.cap.codes.map((code) => text('code', code)),
    notice.status !== 'Actual' && text('note', EXERCISE_NOTES[notice.status]),
    earlier.length > 0 && text('references', earlier.map((n) => capReference(registry, n)).join(' ')),
    text('incidents', notice.incidentId),
    notice.languages.map((language) => info(notice, language, category, registry)),
  );
  return xmlDocument(alert, { encoding: 'UTF-8' });
}

/** A text element; characters XML cannot carry are dropped. */
const text = (name: string, value: string): XmlElement => textElement(name, xmlSafe(value));

/** A `valueName` and `value` pair: event codes, parameters and geocodes. */
const pair = (name: string, { valueName, value }: { valueName: string; value: string }) =>
  element(name, {}, text('valueName', valueName), text('value', value));

/** One language's `info`, its elements in the order the schema requires. */
function info(
  notice: PublicNotice,
  language: PublicNoticeLanguage,
  category: Category,
  registry: Registry,
): XmlElement {
  const { cap } = registry;
  return element(
    'info',
    {},
    text('language', capLanguage(language.language, cap.languageRegion)),
    text('category', category.capCategory),
    text('event', inLanguage(category.name, language.language, registry)),
    notice.kind === 'all-clear' && text('responseType', 'AllClear'),
    text('urgency', notice.urgency),
    text('severity', notice.severity),
    text('certainty', notice.certainty),
    pair('eventCode', { valueName: cap.eventCodeValueName, value: category.capEventCode }),
    text('expires', capDateTime(notice.expires)),
    text('senderName', inLanguage(cap.senderName, language.language, registry)),
    text('headline', language.headline),
    text('description', language.description),
    language.instruction ? text('instruction', language.instruction) : undefined,
    text('web', publicUrls.alert(registry, notice.id, language.language)),
    pair('parameter', BROADCAST_IMMEDIATELY),
    areas(notice, language.language, registry),
  );
}

/**
 * City-wide is one area: the city, by its geocodes. Otherwise one area per division: its
 * description, its outline when the registry has one, and the city's geocodes (CAP-CP lists the
 * census subdivisions an area lies in, and every division lies in the city).
 */
function areas(notice: PublicNotice, language: string, registry: Registry): XmlElement[] {
  const { city } = registry.cap;
  const geocodes = city.geocodes.map((geocode) => pair('geocode', geocode));
  if (notice.citywide) {
    return [
      element('area', {}, text('areaDesc', inLanguage(city.description, language, registry)), geocodes),
    ];
  }
  if (notice.areas.length === 0) throw new Error(`broadcast ${notice.id} has no area and is not city-wide`);
  return notice.areas.map((id) => {
    const division = registry.divisions.find((d) => d.id === id);
    if (!division) throw new Error(`broadcast ${notice.id}: the registry has no division ${id}`);
    const { description, polygon } = division.capArea;
    return element(
      'area',
      {},
      text('areaDesc', inLanguage(description, language, registry)),
      polygon && text('polygon', capPolygon(polygon.points)),
      geocodes,
    );
  });
}
