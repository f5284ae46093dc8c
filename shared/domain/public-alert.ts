import type { Broadcast } from './broadcast.js';
import type { Incident } from './incident.js';
import { articleBody } from './rendering/article.js';
import type {
  BroadcastKind,
  CapCertainty,
  CapMsgType,
  CapSeverity,
  CapStatus,
  CapUrgency,
} from './vocabulary.js';

/**
 * What the public sees of Herald: approved broadcasts only, with exactly the approved wording.
 * The alert pages, the indexes, the Atom feeds and the CAP documents are all rendered from these
 * shapes, so no public surface can show a pending, rejected or edited text.
 */

/** One approved broadcast, as published. */
export interface PublicNotice {
  /** The broadcast id; its page is `/b/{id}` and its CAP document `/cap/{id}.xml`. */
  id: string;
  incidentId: string;
  kind: BroadcastKind;
  msgType: CapMsgType;
  status: CapStatus;
  category: string;
  severity: CapSeverity;
  urgency: CapUrgency;
  certainty: CapCertainty;
  /** The broadcast this one follows, when it is a follow-up. */
  follows?: string;
  /** When it was approved: the moment it went out (CAP `sent`). */
  sent: string;
  /** The incident's expiry (CAP `expires`). */
  expires: string;
  /** Division ids; empty exactly when `citywide`. */
  areas: string[];
  citywide: boolean;
  /** The page every post and SMS linked to. */
  link: string;
  /** Languages in the broadcast's order. */
  languages: PublicNoticeLanguage[];
  /** The library entries attached when it was approved. */
  resources: { id: string; revision: number }[];
}

export interface PublicNoticeLanguage {
  language: string;
  headline: string;
  /** CAP `description` and `instruction`: plain text. */
  description: string;
  instruction: string;
  /** The approved page text as the renderer escaped it: paragraphs, without headline or resources. */
  bodyHtml: string;
}

/** Where an incident stands for the public, from its latest approved broadcast and the clock. */
export type PublicState = 'active' | 'updated' | 'corrected' | 'cancelled' | 'all-clear' | 'expired';

/** An incident's approved broadcasts, oldest first, and its current state. */
export interface PublicIncident {
  incidentId: string;
  status: CapStatus;
  category: string;
  areas: string[];
  citywide: boolean;
  /** Oldest first; never empty. */
  notices: PublicNotice[];
  /** The latest notice: what the page shows at the top. */
  current: PublicNotice;
  state: PublicState;
  /** When the public record last changed (the latest approval), or the expiry once expired. */
  updatedAt: string;
}

/** Approved broadcasts only, oldest approval first; undefined when none has been approved. */
export function toPublicIncident(
  incident: Incident,
  broadcasts: Broadcast[],
  now: Date,
): PublicIncident | undefined {
  const notices = broadcasts
    .filter((b) => b.status === 'APPROVED' && b.approval)
    .map((b) => toPublicNotice(incident, b))
    .sort((a, b) => a.sent.localeCompare(b.sent) || a.id.localeCompare(b.id));
  const current = notices.at(-1);
  if (!current) return undefined;
  const state = publicState(current, now);
  return {
    incidentId: incident.id,
    status: incident.status,
    category: incident.category,
    areas: incident.areas,
    citywide: incident.citywide,
    notices,
    current,
    state,
    updatedAt: state === 'expired' ? current.expires : current.sent,
  };
}

function toPublicNotice(incident: Incident, broadcast: Broadcast): PublicNotice {
  const approval = broadcast.approval as NonNullable<Broadcast['approval']>;
  return {
    id: broadcast.id,
    incidentId: incident.id,
    kind: broadcast.kind,
    msgType: broadcast.msgType,
    status: broadcast.content.status,
    category: broadcast.category,
    severity: broadcast.severity,
    urgency: incident.urgency,
    certainty: incident.certainty,
    ...(broadcast.follows ? { follows: broadcast.follows } : {}),
    sent: approval.at,
    expires: incident.expiresAt,
    areas: incident.areas,
    citywide: incident.citywide,
    link: broadcast.content.link,
    languages: Object.entries(broadcast.content.languages).map(([language, rendered]) => ({
      language,
      headline: rendered.headline,
      description: rendered.cap.description,
      instruction: rendered.cap.instruction,
      bodyHtml: articleBody(rendered.web),
    })),
    resources: broadcast.content.resources.map(({ id, revision }) => ({ id, revision })),
  };
}

/**
 * A cancel or all-clear ends the incident for good; otherwise it is expired once past its expiry,
 * else active, updated or corrected by its latest broadcast.
 */
export function publicState(current: PublicNotice, now: Date): PublicState {
  if (current.kind === 'cancel') return 'cancelled';
  if (current.kind === 'all-clear') return 'all-clear';
  if (Date.parse(current.expires) <= now.getTime()) return 'expired';
  if (current.kind === 'correction') return 'corrected';
  if (current.kind === 'update') return 'updated';
  return 'active';
}

/** Current alerts are the ones a reader must still act on. */
export function isCurrent(incident: PublicIncident): boolean {
  return incident.state === 'active' || incident.state === 'updated' || incident.state === 'corrected';
}

/** Exercise and Test broadcasts never reach a public index or feed (only the test feed). */
export function isLive(incident: PublicIncident): boolean {
  return incident.status === 'Actual';
}
