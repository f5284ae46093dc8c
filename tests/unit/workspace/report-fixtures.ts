import { emptyNotes } from '../../../shared/domain/after-action-notes.js';
import type { ReportInput } from '../../../shared/domain/after-action-report.js';
import type { Broadcast, Delivery, DispatchSummary } from '../../../shared/domain/broadcast.js';
import { summarizeDeliveries } from '../../../shared/domain/dispatch.js';
import type { IncidentRecord } from '../../../shared/domain/incident.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';

/** An incident opened at 09:58, its alert filed at 09:59 and approved at 10:00 (tests/fixtures). */
export const INCIDENT: IncidentRecord = {
  id: 'inc_0000000000aaaaaaaaaaaaaaaa',
  category: 'weapons-call',
  status: 'Exercise',
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  areas: ['d14'],
  citywide: false,
  languages: ['en'],
  facts: { location: 'Main St' },
  expiresAt: '2026-11-22T14:00:00.000Z',
  createdAt: '2026-11-22T09:58:00.000Z',
  createdBy: 'inspector.ada',
  state: 'OPEN',
  history: [{ at: '2026-11-22T09:58:00.000Z', actor: 'inspector.ada', from: null, to: 'OPEN' }],
};

export function delivery(
  broadcastId: string,
  channel: 'x' | 'sns',
  target: string,
  over: Partial<Delivery> = {},
): Delivery {
  return {
    broadcastId,
    channel,
    target,
    status: 'SENT',
    attempts: 1,
    notBefore: 0,
    providerIds: ['p1'],
    history: [],
    ...over,
  };
}

export const alert = (over: Partial<Broadcast> = {}) =>
  approvedBroadcast({
    history: [
      { at: '2026-11-22T09:59:00.000Z', actor: 'inspector.ada', from: null, to: 'PENDING_APPROVAL' },
      { at: '2026-11-22T10:00:00.000Z', actor: 'inspector.ben', from: 'PENDING_APPROVAL', to: 'APPROVED' },
    ],
    ...over,
  });

export const correction = (over: Partial<Broadcast> = {}) =>
  approvedBroadcast({
    id: 'bc_0000000000cccccccccccccccc',
    kind: 'correction',
    msgType: 'Update',
    follows: 'bc_0000000000aaaaaaaaaaaaaaaa',
    createdAt: '2026-11-22T10:30:00.000Z',
    authorId: 'comms.chloe',
    approval: { by: 'inspector.ben', at: '2026-11-22T10:40:00.000Z', contentHash: 'sha256:test' },
    history: [
      { at: '2026-11-22T10:30:00.000Z', actor: 'comms.chloe', from: null, to: 'PENDING_APPROVAL' },
      { at: '2026-11-22T10:40:00.000Z', actor: 'inspector.ben', from: 'PENDING_APPROVAL', to: 'APPROVED' },
    ],
    ...over,
  });

export function entry(broadcast: Broadcast, deliveries: Delivery[]): ReportInput['broadcasts'][number] {
  const dispatch: DispatchSummary | undefined = deliveries.length
    ? summarizeDeliveries(deliveries)
    : undefined;
  return { broadcast, deliveries, dispatch };
}

export const input = (
  broadcasts: ReportInput['broadcasts'],
  generatedAt = '2026-11-22T12:00:00.000Z',
): ReportInput => ({
  incident: INCIDENT,
  broadcasts,
  notes: emptyNotes(INCIDENT.id),
  generatedAt,
});
