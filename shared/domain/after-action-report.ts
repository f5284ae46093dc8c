// Over 250 lines: the report's documented JSON shape and the one builder that fills it stay together.
import { type AfterActionNotes, withoutContactDetails } from './after-action-notes.js';
import { type AuditEntry, nameIn } from './audit.js';
import type { Broadcast, Delivery, DispatchSummary } from './broadcast.js';
import type { IncidentRecord } from './incident.js';
import { type ChannelTimes, channelTimes, type KeyTimes, keyTimes } from './report-times.js';
import { incidentTimeline } from './timeline.js';
import type { BroadcastKind, Channel } from './vocabulary.js';

/**
 * An incident's after-action report, built from what Herald stored: the incident and its audit
 * trail, each broadcast with its deliveries, and the findings staff wrote. This is also the JSON
 * download, so its shape is the documented one (`format` and `version` name it; fields are only
 * ever added): docs/architecture.md D33. It holds no phone number or e-mail address: topics and
 * accounts are named, subscribers only counted, and provider errors have contact details removed.
 */
export const REPORT_FORMAT = 'herald.after-action-report';
export const REPORT_VERSION = 1;

export type ReportMode = 'live' | 'exercise' | 'test';

export interface TimelineRow {
  at: string;
  /** Staff id, or `system` for what Herald did by itself (deliveries, expiry). */
  actor: string;
  /** The staff member's display name, when the audit entry kept one (D36). */
  actorName?: string;
  event: string;
  broadcastId?: string;
  kind?: BroadcastKind;
  channel?: Channel;
  detail?: string;
}

export interface DeliveryProblem {
  broadcastId: string;
  kind: BroadcastKind;
  channel: Channel;
  /** The X account id or the SNS topic name: never a subscriber. */
  target: string;
  status: Delivery['status'];
  attempts: number;
  /** Attempts that waited for a rate-limit reset or the X budget rather than failed. */
  waits: number;
  lastError?: string;
  lastAttemptAt?: string;
}

export interface Reach {
  accounts: string[];
  topics: { topic: string; language?: string; sms?: number; email?: number }[];
  /** Subscriber counts as they were at approval; absent on broadcasts approved before they were kept. */
  subscribers?: { sms: number; email: number };
}

export interface BroadcastSection {
  id: string;
  kind: BroadcastKind;
  headline: string;
  /** The headline's language when it is not English (a French-only broadcast), for `lang`. */
  headlineLanguage?: string;
  status: Broadcast['status'];
  dispatchStatus?: DispatchSummary['status'];
  filedAt: string;
  filedBy: string;
  filedByName?: string;
  approvedAt?: string;
  approvedBy?: string;
  approvedByName?: string;
  breakGlass: boolean;
  channels: ChannelTimes[];
  reach: Reach;
}

export interface AfterActionReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  generatedAt: string;
  incident: {
    id: string;
    mode: ReportMode;
    category: string;
    severity: string;
    state: IncidentRecord['state'];
    citywide: boolean;
    areas: string[];
    languages: string[];
    openedAt: string;
    openedBy: string;
    openedByName?: string;
    expiresAt: string;
    closedAt?: string;
  };
  keyTimes: KeyTimes;
  broadcasts: BroadcastSection[];
  timeline: TimelineRow[];
  problems: DeliveryProblem[];
  /** Who did what, from the audit trail: each staff member and their actions in order. */
  participants: { actor: string; actorName?: string; actions: string[] }[];
  findings: { strengths: string; improvements: string };
  correctiveActions: { what: string; owner: string; due: string }[];
  notes: { revision: number; updatedAt?: string; updatedBy?: string; updatedByName?: string };
}

export interface ReportInput {
  incident: IncidentRecord;
  /** Oldest first; deliveries are empty before approval. */
  broadcasts: { broadcast: Broadcast; deliveries: Delivery[]; dispatch?: DispatchSummary | undefined }[];
  notes: AfterActionNotes;
  generatedAt: string;
}

export const modeOfStatus = (status: string): ReportMode =>
  status === 'Actual' ? 'live' : status === 'Exercise' ? 'exercise' : 'test';

const CHANNEL_NAME: Record<Channel, string> = { x: 'X', sns: 'SNS' };

/** The English headline, else the first language's (with its code, for `lang`), else the id. */
export function headlineOf(b: Pick<Broadcast, 'id' | 'content'>): { text: string; language?: string } {
  const english = b.content.languages.en?.headline;
  if (english !== undefined) return { text: english, language: 'en' };
  const [language, first] = Object.entries(b.content.languages)[0] ?? [];
  return language && first ? { text: first.headline, language } : { text: b.id };
}

export function buildAfterActionReport(input: ReportInput): AfterActionReport {
  const { incident, notes } = input;
  const closed = incident.history.find((e) => e.to === 'CLOSED');
  const sections = input.broadcasts.map(({ broadcast, deliveries, dispatch }) =>
    broadcastSection(broadcast, deliveries, dispatch),
  );
  const timeline = timelineRows(input, sections);
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: input.generatedAt,
    incident: {
      id: incident.id,
      mode: modeOfStatus(incident.status),
      category: incident.category,
      severity: incident.severity,
      state: incident.state,
      citywide: incident.citywide,
      areas: [...incident.areas],
      languages: [...incident.languages],
      openedAt: incident.createdAt,
      openedBy: incident.createdBy,
      ...named('openedByName', incident.history, incident.createdBy),
      expiresAt: incident.expiresAt,
      ...(closed ? { closedAt: closed.at } : {}),
    },
    keyTimes: keyTimes(input.broadcasts),
    broadcasts: sections,
    timeline,
    problems: input.broadcasts.flatMap(({ broadcast, deliveries }) => problemsOf(broadcast, deliveries)),
    // The report's own writes are audited too: who wrote the findings, after the incident's steps.
    participants: participantsOf([
      ...timeline,
      ...notes.history.map((e) => ({
        at: e.at,
        actor: e.actor,
        ...actorNameOf(e),
        event: `Findings saved (${e.to})`,
      })),
    ]),
    findings: { strengths: notes.strengths, improvements: notes.improvements },
    correctiveActions: notes.actions.map((a) => ({ what: a.what, owner: a.owner, due: a.due })),
    notes: {
      revision: notes.revision,
      ...(notes.updatedAt ? { updatedAt: notes.updatedAt } : {}),
      ...(notes.updatedBy
        ? { updatedBy: notes.updatedBy, ...named('updatedByName', notes.history, notes.updatedBy) }
        : {}),
    },
  };
}

function broadcastSection(
  broadcast: Broadcast,
  deliveries: Delivery[],
  dispatch: DispatchSummary | undefined,
): BroadcastSection {
  const counts = broadcast.approval?.reach?.topics;
  const totals = counts?.reduce((t, c) => ({ sms: t.sms + c.sms, email: t.email + c.email }), {
    sms: 0,
    email: 0,
  });
  const headline = headlineOf(broadcast);
  return {
    id: broadcast.id,
    kind: broadcast.kind,
    headline: headline.text,
    ...(headline.language && headline.language !== 'en' ? { headlineLanguage: headline.language } : {}),
    status: broadcast.status,
    ...(dispatch ? { dispatchStatus: dispatch.status } : {}),
    filedAt: broadcast.createdAt,
    filedBy: broadcast.authorId,
    ...named('filedByName', broadcast.history, broadcast.authorId),
    ...(broadcast.approval
      ? {
          approvedAt: broadcast.approval.at,
          approvedBy: broadcast.approval.by,
          ...named('approvedByName', broadcast.history, broadcast.approval.by),
        }
      : {}),
    breakGlass: Boolean(broadcast.approval?.breakGlassReason),
    channels: channelTimes(broadcast.approval?.at, deliveries),
    reach: {
      accounts: broadcast.targets.filter((t) => t.channel === 'x').map((t) => t.target),
      topics: broadcast.targets
        .filter((t) => t.channel === 'sns')
        .map((t) => {
          const count = counts?.find((c) => c.topic === t.target);
          return {
            topic: t.target,
            ...(t.language ? { language: t.language } : {}),
            ...(count ? { sms: count.sms, email: count.email } : {}),
          };
        }),
      ...(totals ? { subscribers: totals } : {}),
    },
  };
}

function problemsOf(broadcast: Broadcast, deliveries: Delivery[]): DeliveryProblem[] {
  return deliveries
    .filter((d) => d.status === 'FAILED' || d.status === 'UNKNOWN' || d.attempts > 1 || (d.waits ?? 0) > 0)
    .map((d) => {
      const lastError = [...d.history].reverse().find((e) => e.reason)?.reason ?? d.error;
      const lastAttemptAt = d.history.at(-1)?.at;
      return {
        broadcastId: broadcast.id,
        kind: broadcast.kind,
        channel: d.channel,
        target: d.target,
        status: d.status,
        attempts: d.attempts,
        waits: d.waits ?? 0,
        ...(lastError ? { lastError: withoutContactDetails(lastError) } : {}),
        ...(lastAttemptAt ? { lastAttemptAt } : {}),
      };
    });
}

const STEP: Record<string, string> = {
  PENDING_APPROVAL: 'filed for approval',
  APPROVED: 'approved',
  REJECTED: 'rejected',
};

function timelineRows(input: ReportInput, sections: BroadcastSection[]): TimelineRow[] {
  const rows: TimelineRow[] = incidentTimeline(
    input.incident,
    input.broadcasts.map((b) => b.broadcast),
  ).map((entry) => {
    if (!entry.broadcast) {
      const opened = entry.from === null;
      return {
        at: entry.at,
        actor: entry.actor,
        ...actorNameOf(entry),
        event: opened ? 'Incident opened (intake)' : entry.to === 'CLOSED' ? 'Incident closed' : entry.to,
        // Reasons are free text typed by staff: a phone number or e-mail in one must not reach the report.
        ...(entry.reason ? { detail: withoutContactDetails(entry.reason) } : {}),
      };
    }
    const step = entry.returned ? 'returned for edit' : (STEP[entry.to] ?? entry.to.toLowerCase());
    const reason = entry.reason ? withoutContactDetails(entry.reason) : '';
    const detail = [entry.breakGlass ? 'break-glass' : '', reason].filter(Boolean).join(': ');
    return {
      at: entry.at,
      actor: entry.actor,
      ...actorNameOf(entry),
      event: `${capitalised(entry.broadcast.kind)} ${step}`,
      broadcastId: entry.broadcast.id,
      kind: entry.broadcast.kind,
      ...(detail ? { detail } : {}),
    };
  });
  for (const section of sections) {
    for (const c of section.channels) {
      const reached = `${c.sent} of ${c.targets} ${c.channel === 'x' ? 'accounts' : 'topics'}`;
      const base = { actor: 'system', broadcastId: section.id, kind: section.kind, channel: c.channel };
      const name = `${capitalised(section.kind)}: `;
      if (c.firstDeliveredAt)
        rows.push({
          ...base,
          at: c.firstDeliveredAt,
          event: `${name}first delivery on ${CHANNEL_NAME[c.channel]}`,
        });
      if (c.lastDeliveredAt && c.open === 0)
        rows.push({
          ...base,
          at: c.lastDeliveredAt,
          event: `${name}last delivery on ${CHANNEL_NAME[c.channel]}`,
          detail: reached,
        });
    }
  }
  if (input.incident.expiresAt <= input.generatedAt)
    rows.push({ at: input.incident.expiresAt, actor: 'system', event: 'Incident expired' });
  // Stable: rows of the same instant keep the audit trail's causal order, then deliveries.
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => a.row.at.localeCompare(b.row.at) || a.i - b.i)
    .map(({ row }) => row);
}

/** Each staff member's actions, by stable id (two people may share a name), named by their latest name. */
function participantsOf(timeline: TimelineRow[]): AfterActionReport['participants'] {
  const byActor = new Map<string, { actorName?: string; actions: string[] }>();
  for (const row of timeline) {
    if (row.actor === 'system') continue;
    const participant = byActor.get(row.actor) ?? { actions: [] };
    participant.actions.push(row.event);
    if (row.actorName) participant.actorName = row.actorName;
    byActor.set(row.actor, participant);
  }
  return [...byActor].map(([actor, { actorName, actions }]) => ({
    actor,
    ...(actorName ? { actorName } : {}),
    actions,
  }));
}

/** An entry's display name as an optional field: older entries have none. */
function actorNameOf(entry: Pick<AuditEntry, 'actorName'>): { actorName?: string } {
  return entry.actorName ? { actorName: entry.actorName } : {};
}

/** `{ [key]: name }` when the trail knows a display name for the id, else nothing. */
function named<K extends string>(
  key: K,
  history: readonly AuditEntry[],
  id: string,
): Partial<Record<K, string>> {
  const name = nameIn(history, id);
  return name === id ? {} : ({ [key]: name } as Record<K, string>);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
