import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { PublicIncident } from '../../../shared/domain/public-alert.js';
import { publicPaths } from '../../../shared/domain/public-paths.js';
import type { BroadcastKind } from '../../../shared/domain/vocabulary.js';
import { atomFeed, FEED_BYTE_BUDGET, feedScopes, MAX_FEED_ENTRIES } from '../../../web/feeds/atom.js';
import type { FeedScope } from '../../../web/feeds/public-urls.js';
import { chain, incident, noticeText, registry } from './public-notices.js';
import { asArray, xmlObject } from './xml-objects.js';

const NOW = new Date('2026-12-03T20:00:00Z');
const BASE = 'https://alerts.example.org';

let serial = 0;
/** An incident of its own (fresh ids), its chain ending in `kinds`, its state as of `readAt`. */
function anIncident(
  kinds: BroadcastKind[] = ['alert'],
  options: Parameters<typeof chain>[1] = {},
  readAt: Date = NOW,
) {
  serial += 1;
  // The chain numbers its broadcasts in the last two characters, so the serial goes first.
  const incidentId = `inc_${String(serial).padStart(4, '0')}${'0'.repeat(22)}`;
  return incident(chain(kinds, { incidentId, ...options }), readAt);
}

function feedOf(incidents: PublicIncident[], scope: FeedScope = {}, language = 'en') {
  return atomFeed(incidents, { registry, language, scope, now: NOW });
}

function entriesOf(xml: string): any[] {
  return asArray(xmlObject(xml).feed.entry);
}

/** The incident ids a feed lists, from its entries' CAP links. */
function listed(xml: string, incidents: PublicIncident[]): string[] {
  const byCap = new Map(incidents.map((i) => [`${BASE}/cap/${i.current.id}.xml`, i.incidentId]));
  return entriesOf(xml).map((e) => byCap.get(e.id) ?? e.id);
}

const live = anIncident(['alert'], { areas: ['14'] });
const updated = anIncident(['alert', 'update'], { areas: ['52'], sent: '2026-12-03T18:00:00Z' });
const citywide = anIncident(['alert'], { citywide: true, sent: '2026-12-03T19:00:00Z' });
const exercise = anIncident(['alert'], { status: 'Exercise', areas: ['14'] });
const test = anIncident(['alert', 'correction'], { status: 'Test', citywide: true });
const cancelled = anIncident(['alert', 'cancel'], { areas: ['14'] });
const allClear = anIncident(['alert', 'all-clear'], { areas: ['14'] });
/** Read while it was active; expired by NOW. */
const expiring = anIncident(
  ['alert'],
  { areas: ['14'], expires: '2026-12-03T19:30:00Z' },
  new Date('2026-12-03T19:00:00Z'),
);
const everything = [live, updated, citywide, exercise, test, cancelled, allClear, expiring];

describe('an Atom feed', () => {
  it('is well-formed XML to libxml2, every feed Herald publishes', async () => {
    const feeds = feedScopes(registry).map(({ scope, language }) => ({
      fileName: publicPaths.feed(scope, language).slice(1).replaceAll('/', '_'),
      contents: atomFeed(everything, { registry, language, scope, now: NOW }),
    }));

    const result = await validateXML({ xml: feeds, normalization: 'format' });

    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(feeds).toHaveLength((registry.divisions.length + 2) * registry.languages.length);
  });

  it('carries its stable URL as id and self link, a title, its update time and an author', () => {
    const feed = xmlObject(feedOf(everything, { divisionId: '14' }, 'fr')).feed;
    const self = `${BASE}/feeds/divisions/14.fr.atom`;

    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@xml:lang']).toBe('fr');
    expect(feed.id).toBe(self);
    expect(feed.title).toBe('Police de la ville exemple Herald, 14e Division : alertes en cours');
    expect(feed.updated).toBe(NOW.toISOString());
    expect(feed.author.name).toBe('Police de la ville exemple Herald');
    expect(feed.link).toEqual([
      { '@rel': 'alternate', '@href': `${BASE}/fr/divisions/14`, '@type': 'text/html', '#': '' },
      { '@rel': 'self', '@href': self, '@type': 'application/atom+xml', '#': '' },
    ]);
  });

  it("gives each entry an id, title, summary, author, times and links to the alert's page and CAP document", () => {
    const [entry] = entriesOf(feedOf([updated]));
    const current = updated.current;

    expect(entry.id).toBe(`${BASE}/cap/${current.id}.xml`);
    expect(entry.title).toEqual({ '@type': 'html', '#': 'Police at Queen &amp; Bathurst: avoid the area' });
    expect(entry.summary['#']).toContain('Queen St W &amp; Bathurst St &lt;ongoing&gt;');
    expect(entry.updated).toBe(new Date(current.sent).toISOString());
    expect(entry.published).toBe(new Date(updated.notices[0]!.sent).toISOString());
    expect(entry.author.name).toBe('Herald Sample City Police');
    expect(entry.link).toEqual([
      expect.objectContaining({
        '@rel': 'alternate',
        '@type': 'text/html',
        '@hreflang': 'en',
        '@href': `${BASE}/b/${current.id}`,
      }),
      expect.objectContaining({
        '@rel': 'alternate',
        '@type': 'application/cap+xml',
        '@href': `${BASE}/cap/${current.id}.xml`,
      }),
    ]);
  });

  it('lists the current live alerts, newest first', () => {
    expect(listed(feedOf(everything), everything)).toEqual([
      citywide.incidentId,
      updated.incidentId,
      live.incidentId,
    ]);
  });

  it('leaves out cancelled, all-clear and expired alerts, the last by its expiry at render time', () => {
    const ids = listed(feedOf(everything), everything);

    expect(expiring.state).toBe('active');
    for (const ended of [cancelled, allClear, expiring]) expect(ids).not.toContain(ended.incidentId);
  });

  it("lists a division's alerts and the city-wide ones in that division's feed, and no other division's", () => {
    expect(listed(feedOf(everything, { divisionId: '14' }), everything)).toEqual([
      citywide.incidentId,
      live.incidentId,
    ]);
    expect(listed(feedOf(everything, { divisionId: '52' }), everything)).toEqual([
      citywide.incidentId,
      updated.incidentId,
    ]);
  });

  it('never carries an exercise or test alert in a public feed, and carries them in the test feed', () => {
    const rehearsals = [exercise.incidentId, test.incidentId];
    for (const { scope, language } of feedScopes(registry)) {
      const ids = listed(atomFeed(everything, { registry, language, scope, now: NOW }), everything);
      if (scope.test) expect(ids.sort()).toEqual([...rehearsals].sort());
      else for (const id of rehearsals) expect(ids).not.toContain(id);
    }
  });

  it('says in the test feed that its messages are not real alerts', () => {
    const feed = xmlObject(feedOf(everything, { test: true }, 'fr')).feed;

    expect(feed.id).toBe(`${BASE}/feeds/test/alerts.fr.atom`);
    expect(feed.subtitle).toMatch(/pas de vraies alertes/);
  });

  it("gives an alert without the feed's language in its first language, marked with xml:lang", () => {
    const english = anIncident(['alert'], { languages: ['en'], areas: ['14'] });
    const [entry] = entriesOf(feedOf([english], {}, 'fr'));

    expect(entry['@xml:lang']).toBe('en');
    expect(entry.title['#']).toBe('Police at Queen &amp; Bathurst: avoid the area');
    expect(entry.link[0]['@href']).toBe(`${BASE}/b/${english.current.id}`);
  });

  it('is the same for the same alerts and time, so its ETag changes only when it does', () => {
    expect(feedOf(everything)).toBe(feedOf([...everything].reverse()));
  });

  it('refuses a division the registry does not have', () => {
    expect(() => feedOf(everything, { divisionId: '99' })).toThrow(/no division 99/);
  });
});

describe('the size of an Atom feed', () => {
  /** Texts at the upper end of what the templates produce: a 200-character headline, a 700-character description. */
  function longIncident(i: number): PublicIncident {
    const made = anIncident(['alert', 'update'], {
      citywide: true,
      sent: new Date(Date.parse('2026-12-03T10:00:00Z') + i * 60_000).toISOString(),
    });
    for (const text of made.current.languages) {
      Object.assign(text, noticeText(text.language), {
        headline: `${text.headline} `.repeat(6).slice(0, 200),
        description: `${text.description} `.repeat(8).slice(0, 700),
      });
    }
    return made;
  }

  it(`stays well under 100 KB with the most entries it takes (${MAX_FEED_ENTRIES})`, () => {
    const many = Array.from({ length: MAX_FEED_ENTRIES + 30 }, (_, i) => longIncident(i));
    const sizes = ['en', 'fr'].map((language) => {
      const xml = feedOf(many, {}, language);
      return { language, entries: entriesOf(xml).length, bytes: Buffer.byteLength(xml) };
    });
    const typical = Buffer.byteLength(feedOf(everything));

    console.info(
      `feed sizes: ${sizes.map((s) => `${s.language} ${s.entries} entries ${s.bytes} B`).join(', ')}; ` +
        `3 typical entries ${typical} B`,
    );
    for (const size of sizes) {
      expect(size.entries).toBe(MAX_FEED_ENTRIES);
      expect(size.bytes).toBeLessThan(FEED_BYTE_BUDGET);
    }
  });

  it('leaves out the oldest entries, never a text, when texts are long enough to pass the budget', () => {
    const huge = Array.from({ length: MAX_FEED_ENTRIES }, (_, i) => longIncident(i));
    for (const made of huge) {
      for (const text of made.current.languages) text.description = 'x'.repeat(4_000);
    }

    const xml = feedOf(huge);
    const entries = entriesOf(xml);

    expect(Buffer.byteLength(xml)).toBeLessThanOrEqual(FEED_BYTE_BUDGET);
    expect(entries.length).toBeLessThan(MAX_FEED_ENTRIES);
    expect(entries[0].id).toBe(`${BASE}/cap/${huge.at(-1)!.current.id}.xml`);
    for (const entry of entries) expect(entry.summary['#']).toBe('x'.repeat(4_000));
  });
});
