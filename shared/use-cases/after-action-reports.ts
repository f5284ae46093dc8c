import { type AfterActionNotes, emptyNotes, parseNotes } from '../domain/after-action-notes.js';
import { type AfterActionReport, buildAfterActionReport } from '../domain/after-action-report.js';
import { auditActor } from '../domain/audit.js';
import type { Broadcast } from '../domain/broadcast.js';
import { NotFoundError } from '../domain/errors.js';
import type { IncidentRecord } from '../domain/incident.js';
import { Permissions, type Principal, requireRole } from '../domain/principal.js';
import { type BroadcastTimesInput, type KeyTimes, keyTimes } from '../domain/report-times.js';
import type { AfterActionStore } from '../ports/after-action.js';
import type { BroadcastRepository, DeliveryLedger, IncidentRepository } from '../ports/repositories.js';
import type { Clock } from '../ports/system.js';
import { getIncident, withDispatch } from './read-models.js';
import { type IncidentSearch, searchIncidents } from './search-incidents.js';

type ReportDeps = {
  incidents: IncidentRepository;
  broadcasts: BroadcastRepository;
  ledger: DeliveryLedger;
  afterAction: AfterActionStore;
  clock: Clock;
};

/** One incident's whole report: every broadcast with its deliveries (one incident, one read each). */
export async function readAfterActionReport(
  deps: ReportDeps,
  principal: Principal,
  incidentId: string,
): Promise<{ report: AfterActionReport; notes: AfterActionNotes }> {
  const { incident, broadcasts } = await getIncident(deps, principal, incidentId);
  const notes = (await deps.afterAction.get(incidentId)) ?? emptyNotes(incidentId);
  const report = buildAfterActionReport({
    incident,
    broadcasts,
    notes,
    generatedAt: deps.clock.now().toISOString(),
  });
  return { report, notes };
}

export interface ReportListItem {
  incident: IncidentRecord;
  keyTimes: KeyTimes;
  corrections: number;
}

/**
 * The reports list: each incident's key times, newest first. It reads no delivery of a settled
 * broadcast: the summary the reconciler stores when a dispatch settles (first and last delivery)
 * is on the broadcast item itself. Only a broadcast still dispatching (or not yet summarised) has
 * its deliveries read, so an old, quiet history costs one query per incident.
 */
export async function listReportTimes(
  deps: Omit<ReportDeps, 'afterAction' | 'clock'> & Parameters<typeof searchIncidents>[0],
  principal: Principal,
  search: IncidentSearch,
): Promise<{ items: ReportListItem[]; cursor?: string }> {
  const page = await searchIncidents(deps, principal, search);
  const items = await Promise.all(
    page.items.map(async (incident) => {
      const broadcasts = await deps.broadcasts.listByIncident(incident.id);
      const withDispatch = await Promise.all(broadcasts.map((b) => summaryOf(deps, b)));
      return {
        incident,
        keyTimes: keyTimes(withDispatch),
        corrections: broadcasts.filter((b) => b.kind === 'correction' && b.status === 'APPROVED').length,
      };
    }),
  );
  return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A settled broadcast's stored summary; the live one from its deliveries while it dispatches. */
async function summaryOf(
  deps: { ledger: DeliveryLedger },
  broadcast: Broadcast,
): Promise<BroadcastTimesInput> {
  if (broadcast.dispatch && broadcast.dispatch.status !== 'DISPATCHING')
    return { broadcast, dispatch: broadcast.dispatch };
  const { dispatch } = await withDispatch(deps, broadcast);
  return { broadcast, dispatch };
}

export interface SaveNotesCommand {
  incidentId: string;
  /** The revision the writer's form was built from. */
  revision: number;
  strengths: string;
  improvements: string;
  actions: { what: string; owner: string; due: string }[];
}

/**
 * Communications staff save the findings and corrective actions: role first, then the text
 * (no contact details), then the incident must exist, then one conditional write at the revision
 * the form was built from, with its audit entry (who, when, which revision).
 */
export async function saveAfterActionNotes(
  deps: Pick<ReportDeps, 'incidents' | 'afterAction' | 'clock'>,
  principal: Principal,
  command: SaveNotesCommand,
): Promise<AfterActionNotes> {
  requireRole(principal, Permissions.writeReports, 'writing after-action findings');
  const notes = parseNotes({
    strengths: command.strengths,
    improvements: command.improvements,
    actions: command.actions,
  });
  const incident = await deps.incidents.get(command.incidentId);
  if (!incident) throw new NotFoundError(`incident ${command.incidentId} not found`);
  const revision = command.revision + 1;
  return deps.afterAction.save(
    command.revision,
    { incidentId: incident.id, ...notes },
    {
      at: deps.clock.now().toISOString(),
      ...auditActor(principal),
      from: command.revision === 0 ? null : `revision ${command.revision}`,
      to: `revision ${revision}`,
      reason: `${notes.actions.length} corrective action${notes.actions.length === 1 ? '' : 's'}`,
    },
  );
}
