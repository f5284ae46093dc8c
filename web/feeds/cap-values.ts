import type { PublicNotice } from '../../shared/domain/public-alert.js';
import type { Registry } from '../../shared/domain/registry.js';

/**
 * The values a CAP 1.2 document is made of, each in the exact form the extended CAP schema
 * (`cap1.2-extended.xsd`) accepts. `references` repeats the sender, identifier and sent of earlier
 * messages, so each is computed here once and the same way for a message and for its follow-ups.
 */

/**
 * CAP date-time: seconds, an explicit offset, no fraction and no `Z` (CAP 1.2, 3.3.2: UTC is
 * written `-00:00`). Herald's times are UTC instants, so they are written in UTC.
 */
export function capDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a date-time: ${iso}`);
  return `${new Date(ms).toISOString().slice(0, 19)}-00:00`;
}

/** `en` becomes `en-CA`; a registry tag that already names a region is kept. */
export function capLanguage(language: string, region: string): string {
  return language.includes('-') ? language : `${language}-${region}`;
}

/** Unique per sender because broadcast ids never repeat; the prefix can make it a WMO-style OID. */
export function capIdentifier(registry: Registry, broadcastId: string): string {
  return `${registry.cap.identifierPrefix}${broadcastId}`;
}

/** One entry of `references`: `sender,identifier,sent`. */
export function capReference(registry: Registry, notice: PublicNotice): string {
  return [registry.cap.senderId, capIdentifier(registry, notice.id), capDateTime(notice.sent)].join(',');
}

/**
 * The notices a follow-up refers to: those of its chain before it. `chain` may be the incident's
 * whole chain (oldest first, as `PublicIncident.notices`); everything from `notice` on is dropped.
 */
export function earlierInChain(notice: PublicNotice, chain: PublicNotice[]): PublicNotice[] {
  const at = chain.findIndex((n) => n.id === notice.id);
  const earlier = at >= 0 ? chain.slice(0, at) : chain;
  const stranger = earlier.find((n) => n.incidentId !== notice.incidentId);
  if (stranger) {
    throw new Error(
      `broadcast ${stranger.id} belongs to incident ${stranger.incidentId}, not to ${notice.incidentId}`,
    );
  }
  return earlier;
}

/**
 * `lat,lon` pairs, at most 6 decimals (Google Public Alerts' limit; about 0.1 m), every number with
 * its sign: `+43.63,-79.43`. The schema's pattern allows the sign either way, but libxml2 (Debian's
 * xmllint 2.9.14 and xmllint-wasm's 2.13.8 alike) cannot match that pattern's counted repetition
 * when a pair starts with a digit, and rejects every such polygon, the CAP 1.2 specification's own
 * example included; with the signs it accepts them, and every decimal parser reads `+43.63`.
 */
export function capPolygon(points: readonly (readonly [number, number])[]): string {
  const degrees = (x: number) => {
    const rounded = Number(x.toFixed(6));
    return rounded < 0 ? String(rounded) : `+${Math.abs(rounded)}`;
  };
  return points.map(([lat, lon]) => `${degrees(lat)},${degrees(lon)}`).join(' ');
}
