import type { AuditEntry } from './audit.js';
import type { Broadcast } from './broadcast.js';
import type { IncidentRecord } from './incident.js';
import type { BroadcastKind } from './vocabulary.js';

/** One change in an incident's life, from its own trail or one of its broadcasts'. */
export interface TimelineEntry extends AuditEntry {
  /** The broadcast the change belongs to; absent for the incident's own (opened, closed). */
  broadcast?: { id: string; kind: BroadcastKind };
}

/**
 * The audit trail of an incident in one list, oldest first: the incident's own entries and every
 * broadcast's (drafted, approved, rejected or returned), each saying which broadcast it belongs to.
 *
 * Changes written in the same instant keep their causal order: an incident is opened before its
 * first broadcast is drafted (both carry the filing time), and closed after the approval of the
 * cancel or all-clear that closed it (both carry the approval time). Otherwise, entries of the
 * same instant keep the order of `broadcasts`, then of each trail.
 */
export function incidentTimeline(
  incident: Pick<IncidentRecord, 'history'>,
  broadcasts: readonly Pick<Broadcast, 'id' | 'kind' | 'history'>[],
): TimelineEntry[] {
  const ranked: { entry: TimelineEntry; time: number; rank: number }[] = [];
  const add = (entry: TimelineEntry, rank: number) =>
    ranked.push({ entry, time: Date.parse(entry.at), rank });
  for (const entry of incident.history) add({ ...entry }, entry.from === null ? 0 : 2);
  for (const { id, kind, history } of broadcasts) {
    for (const entry of history) add({ ...entry, broadcast: { id, kind } }, 1);
  }
  // Array.prototype.sort is stable: ties of time and rank keep the order they were added in.
  return ranked.sort((a, b) => a.time - b.time || a.rank - b.rank).map(({ entry }) => entry);
}
