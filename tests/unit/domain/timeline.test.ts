import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/broadcast.js';
import { incidentTimeline } from '../../../shared/domain/timeline.js';

const at = (minute: number) => `2026-11-22T10:${String(minute).padStart(2, '0')}:00.000Z`;

function entry(minute: number, from: string | null, to: string, extra: Partial<AuditEntry> = {}): AuditEntry {
  return { at: at(minute), actor: 'inspector.ada', from, to, ...extra };
}

const ALERT = { id: 'bc_alert', kind: 'alert' as const };
const UPDATE = { id: 'bc_update', kind: 'update' as const };
const CANCEL = { id: 'bc_cancel', kind: 'cancel' as const };

describe("an incident's timeline", () => {
  it("merges the incident's and its broadcasts' entries, oldest first, each saying whose it is", () => {
    const incident = { history: [entry(0, null, 'OPEN'), entry(30, 'OPEN', 'CLOSED', { reason: 'cancel' })] };
    const broadcasts = [
      { ...ALERT, history: [entry(0, null, 'PENDING_APPROVAL'), entry(2, 'PENDING_APPROVAL', 'APPROVED')] },
      {
        ...UPDATE,
        history: [
          entry(10, null, 'PENDING_APPROVAL'),
          entry(12, 'PENDING_APPROVAL', 'REJECTED', { reason: 'name the street', returned: true }),
        ],
      },
      {
        ...CANCEL,
        history: [entry(20, null, 'PENDING_APPROVAL'), entry(30, 'PENDING_APPROVAL', 'APPROVED')],
      },
    ];

    const timeline = incidentTimeline(incident, broadcasts);

    expect(timeline.map((e) => [e.at.slice(11, 16), e.broadcast?.id ?? 'incident', e.to])).toEqual([
      ['10:00', 'incident', 'OPEN'],
      ['10:00', 'bc_alert', 'PENDING_APPROVAL'],
      ['10:02', 'bc_alert', 'APPROVED'],
      ['10:10', 'bc_update', 'PENDING_APPROVAL'],
      ['10:12', 'bc_update', 'REJECTED'],
      ['10:20', 'bc_cancel', 'PENDING_APPROVAL'],
      ['10:30', 'bc_cancel', 'APPROVED'],
      ['10:30', 'incident', 'CLOSED'],
    ]);
  });

  it('keeps who, when, from, to, the reason and the flags of every entry', () => {
    const approval = entry(5, 'PENDING_APPROVAL', 'APPROVED', {
      actor: 'inspector.ada',
      reason: 'nobody else on duty',
      breakGlass: true,
    });
    const returned = entry(6, 'PENDING_APPROVAL', 'REJECTED', {
      actor: 'comms.cleo',
      reason: 'name the street',
      returned: true,
    });

    const timeline = incidentTimeline({ history: [] }, [
      { ...ALERT, history: [approval] },
      { ...UPDATE, history: [returned] },
    ]);

    expect(timeline).toEqual([
      { ...approval, broadcast: ALERT },
      { ...returned, broadcast: UPDATE },
    ]);
  });

  it('orders by instant, not by the text of times written with another offset', () => {
    const timeline = incidentTimeline(
      { history: [{ ...entry(0, null, 'OPEN'), at: '2026-11-22T05:30:00-05:00' }] },
      [{ ...ALERT, history: [{ ...entry(0, null, 'PENDING_APPROVAL'), at: '2026-11-22T10:00:00.000Z' }] }],
    );

    expect(timeline.map((e) => e.to)).toEqual(['PENDING_APPROVAL', 'OPEN']);
  });

  it('changes neither trail it reads', () => {
    const history = [entry(0, null, 'PENDING_APPROVAL')];

    incidentTimeline({ history: [] }, [{ ...ALERT, history }]);

    expect(history).toEqual([entry(0, null, 'PENDING_APPROVAL')]);
  });

  it('is empty for an incident with no trail and no broadcasts', () => {
    expect(incidentTimeline({ history: [] }, [])).toEqual([]);
  });
});
