import { fileURLToPath } from 'node:url';
import { loadRegistry } from '../../../shared/config/load-registry.js';
import type {
  PublicIncident,
  PublicNotice,
  PublicNoticeLanguage,
} from '../../../shared/domain/public-alert.js';
import { publicState } from '../../../shared/domain/public-alert.js';
import type { BroadcastKind, CapStatus } from '../../../shared/domain/vocabulary.js';

/** Public notices and incidents for the feed tests, written by hand (no rendering, no store). */

export const registry = loadRegistry(
  fileURLToPath(new URL('../../../config/registry.json', import.meta.url)),
);

/** Texts with what XML must escape (&, <, quotes), accents and a CDATA terminator. */
const TEXTS: Record<string, Omit<PublicNoticeLanguage, 'language' | 'bodyHtml'>> = {
  en: {
    headline: 'Police at Queen & Bathurst: avoid the area',
    description: 'Officers are at Queen St W & Bathurst St <ongoing>. "Stay away" ]]> until further notice.',
    instruction: 'Avoid the area. Call 911 if you see the suspect.',
  },
  fr: {
    headline: 'Police à Queen et Bathurst : évitez le secteur',
    description:
      'Des agents sont à l’angle Queen & Bathurst <en cours>. « Restez à l’écart » ]]> jusqu’à nouvel ordre.',
    instruction: 'Évitez le secteur. Composez le 911 si vous voyez le suspect.',
  },
};

export function noticeText(language: string, suffix = ''): PublicNoticeLanguage {
  const text = TEXTS[language] ?? TEXTS.en!;
  return {
    language,
    headline: `${text.headline}${suffix}`,
    description: text.description,
    instruction: text.instruction,
    bodyHtml: `<article lang="${language}"><h1>${language}</h1></article>`,
  };
}

const MSG_TYPES: Record<BroadcastKind, PublicNotice['msgType']> = {
  alert: 'Alert',
  update: 'Update',
  correction: 'Update',
  cancel: 'Cancel',
  'all-clear': 'Update',
};

export interface NoticeOptions {
  id?: string;
  incidentId?: string;
  kind?: BroadcastKind;
  status?: CapStatus;
  category?: string;
  languages?: string[];
  areas?: string[];
  citywide?: boolean;
  sent?: string;
  expires?: string;
  follows?: string;
}

export function notice(options: NoticeOptions = {}): PublicNotice {
  const id = options.id ?? 'bc_0000000000aaaaaaaaaaaaaaaa';
  const kind = options.kind ?? 'alert';
  const citywide = options.citywide ?? false;
  return {
    id,
    incidentId: options.incidentId ?? 'inc_0000000000aaaaaaaaaaaaaaaa',
    kind,
    msgType: MSG_TYPES[kind],
    status: options.status ?? 'Actual',
    category: options.category ?? 'weapons-call',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    ...(options.follows ? { follows: options.follows } : {}),
    sent: options.sent ?? '2026-12-03T17:26:35.412Z',
    expires: options.expires ?? '2026-12-04T05:26:35.000Z',
    areas: citywide ? [] : (options.areas ?? ['14', '52']),
    citywide,
    link: `https://alerts.example.org/b/${id}`,
    languages: (options.languages ?? ['en', 'fr']).map((l) => noticeText(l)),
    resources: [],
  };
}

/**
 * An incident's chain: an alert, then each follow-up a minute after the one before, each following
 * the previous one. Ids end in the chain position so they sort like the chain.
 */
export function chain(kinds: BroadcastKind[], options: NoticeOptions = {}): PublicNotice[] {
  const start = Date.parse(options.sent ?? '2026-12-03T17:26:35.412Z');
  const incidentId = options.incidentId ?? 'inc_0000000000aaaaaaaaaaaaaaaa';
  const base = incidentId.replace(/^inc_/, 'bc_').slice(0, -2);
  return kinds.map((kind, i) =>
    notice({
      ...options,
      incidentId,
      kind,
      id: `${base}${String(i).padStart(2, '0')}`,
      sent: new Date(start + i * 60_000).toISOString(),
      ...(i > 0 ? { follows: `${base}${String(i - 1).padStart(2, '0')}` } : {}),
    }),
  );
}

/** The public incident of a chain, its state as of `now`. */
export function incident(notices: PublicNotice[], now: Date): PublicIncident {
  const current = notices.at(-1)!;
  const state = publicState(current, now);
  return {
    incidentId: current.incidentId,
    status: current.status,
    category: current.category,
    areas: current.areas,
    citywide: current.citywide,
    notices,
    current,
    state,
    updatedAt: state === 'expired' ? current.expires : current.sent,
  };
}
