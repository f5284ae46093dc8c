import type { Broadcast, Delivery, DispatchSummary } from './broadcast.js';
import { isTerminal } from './dispatch.js';
import type { Channel } from './vocabulary.js';

/**
 * The key times of an incident's after-action report (FEMA HSEEP; the FCC's Hawaii review timed
 * each step to the minute, Ontario's the 108 minutes to the correcting message). Pure: the caller
 * gives each broadcast's dispatch summary, live from the ledger or as the reconciler stored it.
 */

export interface BroadcastTimesInput {
  broadcast: Pick<Broadcast, 'id' | 'kind' | 'status' | 'createdAt' | 'approval'>;
  dispatch?: DispatchSummary | undefined;
}

export interface CorrectionTimes {
  broadcastId: string;
  approvedAt: string;
  firstDeliveredAt?: string;
  /** From the original's first delivery (its approval when nothing was delivered) to this approval. */
  toApprovalMs: number;
  /** The same start to the correction's first delivery: when the public first saw the fix. */
  toDeliveryMs?: number;
}

export interface KeyTimes {
  /** The incident's first approved alert: the message every other time is measured against. */
  originalId?: string;
  approvedAt?: string;
  firstDeliveredAt?: string;
  lastDeliveredAt?: string;
  approveToFirstMs?: number;
  /** Only once the original's dispatch is over: until then its last delivery may still come. */
  approveToLastMs?: number;
  /** The original's dispatch is over (every delivery sent or failed). */
  settled: boolean;
  correction?: CorrectionTimes;
}

const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);
const SETTLED = new Set(['DELIVERED', 'PARTIALLY_DELIVERED', 'FAILED']);

export function keyTimes(broadcasts: readonly BroadcastTimesInput[]): KeyTimes {
  const approved = broadcasts
    .filter((b) => b.broadcast.status === 'APPROVED' && b.broadcast.approval)
    .sort((a, b) => a.broadcast.createdAt.localeCompare(b.broadcast.createdAt));
  const original = approved.find((b) => b.broadcast.kind === 'alert');
  const approval = original?.broadcast.approval;
  if (!original || !approval) return { settled: false };
  const first = original.dispatch?.firstDeliveredAt;
  const settled = SETTLED.has(original.dispatch?.status ?? '');
  const last = original.dispatch?.lastDeliveredAt;
  const times: KeyTimes = {
    originalId: original.broadcast.id,
    approvedAt: approval.at,
    settled,
    ...(first ? { firstDeliveredAt: first, approveToFirstMs: ms(approval.at, first) } : {}),
    ...(last ? { lastDeliveredAt: last } : {}),
    ...(last && settled ? { approveToLastMs: ms(approval.at, last) } : {}),
  };
  const start = first ?? approval.at;
  const correction = approved
    .filter((b) => b.broadcast.kind === 'correction' && (b.broadcast.approval?.at ?? '') >= start)
    .sort((a, b) => (a.broadcast.approval?.at ?? '').localeCompare(b.broadcast.approval?.at ?? ''))[0];
  const correctedAt = correction?.broadcast.approval?.at;
  if (correction && correctedAt) {
    const fixSeen = correction.dispatch?.firstDeliveredAt;
    times.correction = {
      broadcastId: correction.broadcast.id,
      approvedAt: correctedAt,
      toApprovalMs: ms(start, correctedAt),
      ...(fixSeen ? { firstDeliveredAt: fixSeen, toDeliveryMs: ms(start, fixSeen) } : {}),
    };
  }
  return times;
}

export interface ChannelTimes {
  channel: Channel;
  targets: number;
  sent: number;
  failed: number;
  /** Not yet final: pending, sending, or unknown (a send whose outcome is being checked). */
  open: number;
  firstDeliveredAt?: string;
  lastDeliveredAt?: string;
  approveToFirstMs?: number;
  approveToLastMs?: number;
}

/** First and last delivery on each channel of one broadcast, from its deliveries. */
export function channelTimes(
  approvedAt: string | undefined,
  deliveries: readonly Pick<Delivery, 'channel' | 'status' | 'sentAt'>[],
): ChannelTimes[] {
  const channels = [...new Set(deliveries.map((d) => d.channel))].sort();
  return channels.map((channel) => {
    const mine = deliveries.filter((d) => d.channel === channel);
    const sentTimes = mine.flatMap((d) => (d.sentAt ? [d.sentAt] : [])).sort();
    const first = sentTimes[0];
    const last = sentTimes.at(-1);
    const open = mine.filter((d) => !isTerminal(d.status)).length;
    return {
      channel,
      targets: mine.length,
      sent: mine.filter((d) => d.status === 'SENT').length,
      failed: mine.filter((d) => d.status === 'FAILED').length,
      open,
      ...(first ? { firstDeliveredAt: first } : {}),
      ...(last ? { lastDeliveredAt: last } : {}),
      ...(first && approvedAt ? { approveToFirstMs: ms(approvedAt, first) } : {}),
      ...(last && approvedAt && open === 0 ? { approveToLastMs: ms(approvedAt, last) } : {}),
    };
  });
}

/** "4 min 12 s", "1 h 48 min": a duration as the report prints it. */
export function durationText(milliseconds: number | undefined): string {
  if (milliseconds === undefined) return '';
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** The subscriber counts of a broadcast's SNS topics, kept with its approval for the report. */
export function reachAtApproval(
  targets: readonly Pick<Broadcast['targets'][number], 'channel' | 'target'>[],
  counts: readonly { topic: string; channel: string; subscribers: number }[],
): { topics: { topic: string; sms: number; email: number }[] } {
  const count = (topic: string, channel: string) =>
    counts.find((c) => c.topic === topic && c.channel === channel)?.subscribers ?? 0;
  return {
    topics: targets
      .filter((t) => t.channel === 'sns')
      .map((t) => ({ topic: t.target, sms: count(t.target, 'sms'), email: count(t.target, 'email') })),
  };
}
