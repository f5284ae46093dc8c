import { isCurrent, isLive, type PublicIncident, publicState } from '../../shared/domain/public-alert.js';
import type { Registry } from '../../shared/domain/registry.js';
import { escapeHtml } from '../../shared/domain/rendering/resource-text.js';
import { type FeedScope, inLanguage, publicUrls } from './public-urls.js';
import { xmlSafe } from './xml-text.js';
import { cdata, element, textElement, xmlDocument } from './xml-writer.js';

/**
 * At most this many entries, newest first. Aggregators (Google Public Alerts, OASIS CAP feed
 * practice) want a feed well under 100 KB. An entry carries the approved headline and description
 * in full: about 0.7 KB at their usual length, 1.7 KB at 200 and 700 characters, so 30 entries
 * stay near 50 KB. A city rarely has more than a handful of current alerts at once; older ones
 * stay on the index pages, and every entry's CAP document stays at its own URL.
 */
export const MAX_FEED_ENTRIES = 30;

/**
 * The hard limit (64 KiB). Texts are never cut, so when unusually long ones would take a feed past
 * it, the oldest entries are left out instead until it fits.
 */
export const FEED_BYTE_BUDGET = 65_536;

export interface AtomFeedRequest {
  registry: Registry;
  /** The reader's language: the feed's titles and each entry's text, where the alert has it. */
  language: string;
  /** City-wide (no division), one division, or the test feed of Exercise and Test alerts. */
  scope: FeedScope;
  /** The render time: the feed's `updated`, and which alerts have expired by then. */
  now: Date;
}

/** The feed's own words; a language without them uses English. French puts a space before a colon. */
const LABELS: Record<string, { colon: string; current: string; test: string; testSubtitle: string }> = {
  en: {
    colon: ': ',
    current: 'current alerts',
    test: 'exercises and tests',
    testSubtitle: 'Exercise and test messages only. These are not real alerts.',
  },
  fr: {
    colon: ' : ',
    current: 'alertes en cours',
    test: 'exercices et tests',
    testSubtitle: 'Messages d’exercice et de test seulement. Ce ne sont pas de vraies alertes.',
  },
};

/**
 * The alerts a feed lists: current at `now` (active, updated or corrected, and not expired: the
 * state is worked out again at `now`, whatever it was when the incident was read); `Actual` only
 * in the public feeds and `Exercise` or `Test` only in the test feed; for a division, the alerts
 * naming it and the city-wide ones. The filter is here, not left to the caller, so no feed can
 * ever carry an exercise or an ended alert. Newest first.
 */
export function feedIncidents(incidents: PublicIncident[], scope: FeedScope, now: Date): PublicIncident[] {
  return incidents
    .map((incident) => ({ ...incident, state: publicState(incident.current, now) }))
    .filter(isCurrent)
    .filter((incident) => (scope.test ? !isLive(incident) : isLive(incident)))
    .filter(
      (incident) =>
        scope.test || !scope.divisionId || incident.citywide || incident.areas.includes(scope.divisionId),
    )
    .sort(
      (a, b) =>
        Date.parse(b.current.sent) - Date.parse(a.current.sent) || a.incidentId.localeCompare(b.incidentId),
    );
}

/** Every feed Herald publishes: per language, city-wide, each division's, and the test feed. */
export function feedScopes(registry: Registry): { scope: FeedScope; language: string }[] {
  return registry.languages.flatMap(({ code: language }) => [
    { scope: {}, language },
    ...registry.divisions.map((d) => ({ scope: { divisionId: d.id }, language })),
    { scope: { test: true }, language },
  ]);
}

/**
 * One Atom feed of current alerts (see `feedIncidents`), as XML for the caller to write. Each entry
 * is an incident's latest approved broadcast: its id is that broadcast's CAP document URL (a new
 * entry per update, as consumers deduplicate CAP on identifier and sent), with links to its page
 * (`text/html`) and its CAP document (`application/cap+xml`). The feed's id and self link are its
 * stable public URL (`publicPaths.feed`), so the test feed (`{ test: true }`) is city-wide.
 *
 * Written with Herald's XML writer (xml-writer.ts) in the shape the `feed` package gave it before
 * issue 17, with the typed links and languages Herald added to it, byte for byte.
 *
 * @throws Error for a division the registry does not have.
 */
export function atomFeed(incidents: PublicIncident[], request: AtomFeedRequest): string {
  const { registry, scope } = request;
  if (scope.divisionId && !scope.test && !registry.divisions.some((d) => d.id === scope.divisionId)) {
    throw new Error(`the registry has no division ${scope.divisionId}`);
  }
  const selected = feedIncidents(incidents, scope, request.now);
  let count = Math.min(selected.length, MAX_FEED_ENTRIES);
  let xml = render(selected.slice(0, count), request);
  for (let bytes = byteLength(xml); bytes > FEED_BYTE_BUDGET && count > 1; bytes = byteLength(xml)) {
    count = Math.max(1, Math.min(count - 1, Math.floor((count * FEED_BYTE_BUDGET) / bytes)));
    xml = render(selected.slice(0, count), request);
  }
  return xml;
}

function render(incidents: PublicIncident[], { registry, language, scope, now }: AtomFeedRequest): string {
  const labels = LABELS[language] ?? (LABELS.en as (typeof LABELS)[string]);
  const service = inLanguage(registry.service.name, language, registry);
  const division = scope.test ? undefined : registry.divisions.find((d) => d.id === scope.divisionId);
  const place = division ? `${service}, ${inLanguage(division.name, language, registry)}` : service;
  const self = publicUrls.feed(registry, scope, language);
  const author = element(
    'author',
    {},
    textElement('name', xmlSafe(inLanguage(registry.cap.senderName, language, registry))),
  );
  const alternate = division
    ? publicUrls.division(registry, division.id, language)
    : publicUrls.index(registry, language);

  const entries = incidents.map((incident) => {
    const notice = incident.current;
    const text = notice.languages.find((l) => l.language === language) ?? notice.languages[0];
    if (!text) throw new Error(`broadcast ${notice.id} has no text`);
    // Titles and summaries are HTML in CDATA: escaping keeps them the approved plain text, and no
    // escaped text can contain the `]]>` that would end a CDATA section.
    const summary = escapeHtml(xmlSafe(text.description));
    return element(
      'entry',
      text.language === language ? {} : { 'xml:lang': text.language },
      element('title', { type: 'html' }, cdata(escapeHtml(xmlSafe(text.headline)))),
      textElement('id', normalUrl(publicUrls.cap(registry, notice.id))),
      element('link', {
        href: normalUrl(publicUrls.alert(registry, notice.id, text.language)),
        rel: 'alternate',
        type: 'text/html',
        hreflang: text.language,
      }),
      // Beside the page link, so the two alternates of an entry read together.
      element('link', { rel: 'alternate', type: CAP_MEDIA_TYPE, href: publicUrls.cap(registry, notice.id) }),
      textElement('updated', new Date(notice.sent).toISOString()),
      summary !== '' && element('summary', { type: 'html' }, cdata(summary)),
      author,
      textElement('published', new Date((incident.notices[0] ?? notice).sent).toISOString()),
    );
  });
  const feed = element(
    'feed',
    { xmlns: ATOM_NAMESPACE, 'xml:lang': language },
    textElement('id', self),
    textElement('title', xmlSafe(`${place}${labels.colon}${scope.test ? labels.test : labels.current}`)),
    textElement('updated', now.toISOString()),
    author,
    element('link', { rel: 'alternate', href: normalUrl(alternate), type: 'text/html' }),
    element('link', { rel: 'self', href: normalUrl(self), type: ATOM_MEDIA_TYPE }),
    scope.test && textElement('subtitle', labels.testSubtitle),
    entries,
  );
  return xmlDocument(feed, { encoding: 'utf-8' });
}

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
const CAP_MEDIA_TYPE = 'application/cap+xml';
const ATOM_MEDIA_TYPE = 'application/atom+xml';

/** A URL as the WHATWG parser writes it (what the feed package wrote): `https://host` gains its `/`. */
function normalUrl(url: string): string {
  return new URL(url).href;
}

function byteLength(xml: string): number {
  return new TextEncoder().encode(xml).byteLength;
}
