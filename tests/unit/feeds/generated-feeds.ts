import type { PublicIncident, PublicNotice } from '../../../shared/domain/public-alert.js';
import type { Registry } from '../../../shared/domain/registry.js';
import type { BroadcastKind, CapStatus } from '../../../shared/domain/vocabulary.js';
import type { AtomFeedRequest } from '../../../web/feeds/atom.js';
import { chain, incident, registry } from './public-notices.js';

/**
 * Many CAP documents and Atom feeds from a seeded generator, for comparing two ways of writing
 * them byte for byte (tests/unit/feeds/xml-writer-parity.test.ts): random chains, statuses,
 * categories, languages, areas, scopes and render times, and texts made of what XML writers get
 * wrong (markup characters, quotes, a CDATA terminator, line breaks of every kind, tabs,
 * characters XML cannot carry, lone surrogates, emoji), and registries whose names carry markup
 * characters too. No text looks like an entity reference (`&amp;`, `&#65;`, `R&D;`): xmlbuilder2
 * wrote those unescaped, so a reader got another text or, for `R&D;`, no document at all, and
 * Herald's writer escapes them (xml-writer.test.ts), so there the two differ on purpose.
 */

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FRAGMENTS = [
  'Queen & Bathurst',
  '<b>bold</b>',
  '"quoted"',
  "l'apostrophe",
  ']]>',
  ']]',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '  ',
  ' ',
  'évitez le secteur',
  '🚨 emoji',
  '\u0000',
  '\u0007',
  '\u001f',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDC00x',
  '\u0085',
  '\u007F',
  '\u2028',
  '…',
  '>',
  '<',
  '&',
  "'",
  'Avoid the area.',
  '911',
  '«\u00a0Restez à l’écart\u00a0»',
];

const KINDS: BroadcastKind[] = ['alert', 'update', 'correction', 'cancel', 'all-clear'];
const STATUSES: CapStatus[] = ['Actual', 'Actual', 'Actual', 'Exercise', 'Test'];

const NAME_VARIANTS = [
  'Sample & Co "Police"',
  'Police <ville> d’exemple',
  "O'Neil's 'Division'",
  'Tab\there',
];

export interface Generated {
  cap: { notice: PublicNotice; chain: PublicNotice[]; registry: Registry }[];
  atom: { incidents: PublicIncident[]; request: AtomFeedRequest }[];
}

export function generatedFeeds(seed: number, capCount: number, atomCount: number): Generated {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const text = (max: number) =>
    Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(FRAGMENTS)).join('');
  const languages = () => {
    const codes = registry.languages.map((l) => l.code);
    const chosen = codes.filter(() => next() < 0.6);
    const some = chosen.length > 0 ? chosen : [pick(codes)];
    return next() < 0.3 ? some.reverse() : some;
  };
  const areas = () => registry.divisions.map((d) => d.id).filter(() => next() < 0.15);
  /** The test registry, or one whose service, sender and a division carry markup characters. */
  const aRegistry = (): Registry => {
    if (next() < 0.5) return registry;
    const name = pick(NAME_VARIANTS);
    const localized = { en: `${name} en`, fr: `${name} fr` };
    return {
      ...registry,
      service: { ...registry.service, name: localized },
      cap: { ...registry.cap, senderName: localized },
      divisions: registry.divisions.map((d, i) => (i === 0 ? { ...d, name: localized } : d)),
    };
  };
  const aChain = (incidentId: string, start: number) => {
    const kinds: BroadcastKind[] = [
      'alert',
      ...Array.from({ length: Math.floor(next() * 4) }, () => pick(KINDS.slice(1))),
    ];
    const citywide = next() < 0.3;
    const picked = areas();
    const notices = chain(kinds, {
      incidentId,
      status: pick(STATUSES),
      category: pick(registry.categories).id,
      languages: languages(),
      citywide,
      areas: picked.length > 0 ? picked : ['14'],
      sent: new Date(start).toISOString(),
      expires: new Date(start + (1 + Math.floor(next() * 48)) * 3_600_000).toISOString(),
    });
    return notices.map((n) => ({
      ...n,
      languages: n.languages.map((l) => ({
        ...l,
        headline: text(4),
        description: text(10),
        instruction: next() < 0.3 ? '' : text(5),
      })),
    }));
  };
  const id = (prefix: string, i: number) => `${prefix}_${String(i).padStart(26, '0')}`;
  const start = Date.parse('2026-12-03T17:26:35.412Z');

  const cap = Array.from({ length: capCount }, (_, i) => {
    const notices = aChain(id('inc', i), start + Math.floor(next() * 86_400_000));
    return { notice: pick(notices), chain: notices, registry: aRegistry() };
  });
  const atom = Array.from({ length: atomCount }, (_, i) => {
    const now = new Date(start + Math.floor(next() * 2 * 86_400_000));
    const incidents = Array.from({ length: Math.floor(next() * 9) }, (_, j) =>
      incident(aChain(id('inc', 10_000 + i * 10 + j), start + Math.floor(next() * 86_400_000)), now),
    );
    const scopes = [{}, { divisionId: pick(registry.divisions).id }, { test: true }];
    const request = {
      registry: aRegistry(),
      language: pick(registry.languages).code,
      scope: pick(scopes),
      now,
    };
    return { incidents, request };
  });
  return { cap, atom };
}

/** The feed tests' own documents (public-notices.ts): every kind, status and scope, city-wide or not. */
export function handWrittenFeeds(): Generated {
  const now = new Date('2026-12-03T18:00:00Z');
  const chains = [
    chain(['alert', 'update', 'correction', 'cancel']),
    chain(['alert', 'all-clear'], { incidentId: 'inc_0000000000bbbbbbbbbbbbbbbb', citywide: true }),
    chain(['alert'], { incidentId: 'inc_0000000000cccccccccccccccc', status: 'Exercise', languages: ['fr'] }),
    chain(['alert', 'update'], {
      incidentId: 'inc_0000000000dddddddddddddddd',
      status: 'Test',
      areas: ['52'],
    }),
    chain(['alert'], { incidentId: 'inc_0000000000eeeeeeeeeeeeeeee', languages: ['fr', 'en'] }),
  ];
  const cap = chains.flatMap((notices) => notices.map((notice) => ({ notice, chain: notices, registry })));
  const incidents = chains.map((notices) => incident(notices, now));
  const atom = registry.languages.flatMap(({ code: language }) =>
    [{}, { divisionId: '14' }, { divisionId: '52' }, { test: true }].map((scope) => ({
      incidents,
      request: { registry, language, scope, now },
    })),
  );
  return { cap, atom };
}
