import { describe, expect, it } from 'vitest';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import {
  assertCanFollow,
  closesIncident,
  followUpFacts,
  followUpMsgType,
} from '../../../shared/domain/follow-up.js';
import type { Incident } from '../../../shared/domain/incident.js';
import type { FollowUpKind } from '../../../shared/domain/vocabulary.js';

const INCIDENT_ID = 'inc_0000000000aaaaaaaaaaaaaaaa';

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: INCIDENT_ID,
    category: 'missing-person',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    areas: ['14'],
    citywide: false,
    languages: ['en', 'fr'],
    facts: { name: 'Sam' },
    expiresAt: '2026-11-23T10:00:00.000Z',
    createdAt: '2026-11-22T09:55:00.000Z',
    createdBy: 'inspector.ada',
    state: 'OPEN',
    ...overrides,
  };
}

function broadcast(overrides: Partial<Broadcast> = {}): Broadcast {
  const id = 'bc_0000000000aaaaaaaaaaaaaaaa';
  const link = `https://alerts.example.org/b/${id}`;
  return {
    id,
    incidentId: INCIDENT_ID,
    category: 'missing-person',
    severity: 'Severe',
    kind: 'alert',
    msgType: 'Alert',
    status: 'APPROVED',
    authorId: 'inspector.ada',
    createdAt: '2026-11-22T09:59:00.000Z',
    content: {
      status: 'Actual',
      msgType: 'Alert',
      kind: 'alert',
      link,
      xThread: [`Missing: Sam. ${link}`],
      templates: [{ language: 'en', id: 'missing-person', version: 1 }],
      resources: [],
      languages: {},
    },
    contentHash: `sha256:${'a'.repeat(64)}`,
    audience: { accounts: ['div-14'], topics: ['area-14-en'], citywide: false, sandbox: false },
    targets: [{ channel: 'x', target: 'div-14' }],
    approval: {
      by: 'inspector.ben',
      at: '2026-11-22T10:00:00.000Z',
      contentHash: `sha256:${'a'.repeat(64)}`,
    },
    history: [],
    ...overrides,
  };
}

const ALL_KINDS: FollowUpKind[] = ['update', 'cancel', 'all-clear', 'correction'];

describe('the CAP message type of a follow-up', () => {
  it('is Cancel for a cancel', () => {
    expect(followUpMsgType('cancel')).toBe('Cancel');
  });

  it.each(['update', 'all-clear', 'correction'] as const)('is Update for %s', (kind) => {
    expect(followUpMsgType(kind)).toBe('Update');
  });
});

describe('closing an incident with a follow-up', () => {
  it.each(['cancel', 'all-clear'] as const)('closes the incident with %s', (kind) => {
    expect(closesIncident(kind)).toBe(true);
  });

  it.each(['update', 'correction'] as const)('keeps the incident open with %s', (kind) => {
    expect(closesIncident(kind)).toBe(false);
  });
});

describe('following up a broadcast', () => {
  it.each(ALL_KINDS)('accepts %s of an approved broadcast of an open incident', (kind) => {
    const original = broadcast();

    expect(assertCanFollow(incident(), original, kind)).toBe(original);
  });

  it.each(ALL_KINDS)('refuses %s when there is nothing to follow', (kind) => {
    expect(() => assertCanFollow(incident(), undefined, kind)).toThrow(ConflictError);
  });

  it.each(['PENDING_APPROVAL', 'REJECTED'] as const)('refuses to follow a broadcast that is %s', (status) => {
    const act = () => assertCanFollow(incident(), broadcast({ status }), 'update');

    expect(act).toThrow(ConflictError);
    expect(act).toThrow(status);
  });

  it('refuses to follow a broadcast of another incident', () => {
    const foreign = broadcast({ incidentId: 'inc_0000000000bbbbbbbbbbbbbbbb' });

    expect(() => assertCanFollow(incident(), foreign, 'correction')).toThrow(ConflictError);
  });

  describe('once the incident is closed', () => {
    const closed = incident({ state: 'CLOSED' });

    it('still accepts a correction', () => {
      const original = broadcast();

      expect(assertCanFollow(closed, original, 'correction')).toBe(original);
    });

    it.each(['update', 'cancel', 'all-clear'] as const)('refuses %s', (kind) => {
      expect(() => assertCanFollow(closed, broadcast(), kind)).toThrow(ConflictError);
    });

    it('refuses a correction of a broadcast that was never approved', () => {
      expect(() => assertCanFollow(closed, broadcast({ status: 'REJECTED' }), 'correction')).toThrow(
        ConflictError,
      );
    });
  });
});

describe('the facts a follow-up starts from', () => {
  const alert = incident({ facts: { name: 'Sam', age: '12', lastSeenLocation: 'High Park' } });
  const update = broadcast({
    kind: 'update',
    facts: { name: 'Sam', age: '12', lastSeenLocation: 'Bloor St W', note: { en: 'Seen on a bus.' } },
  });

  it('are those of the broadcast followed, overlaid by the changed ones', () => {
    const facts = followUpFacts(alert, update, 'correction', { facts: { age: '13' } });

    expect(facts).toMatchObject({ name: 'Sam', age: '13', lastSeenLocation: 'Bloor St W' });
  });

  it("are the incident's for a broadcast stored before broadcasts kept their facts", () => {
    const facts = followUpFacts(alert, broadcast(), 'update', { facts: { age: '13' } });

    expect(facts).toEqual({ name: 'Sam', age: '13', lastSeenLocation: 'High Park' });
  });

  it('keep the note of the message a correction corrects', () => {
    expect(followUpFacts(alert, update, 'correction', {}).note).toEqual({ en: 'Seen on a bus.' });
  });

  it.each(['update', 'cancel', 'all-clear'] as const)('leave the earlier note out of %s', (kind) => {
    expect(followUpFacts(alert, update, kind, {})).not.toHaveProperty('note');
  });

  it('take a new note in place of the earlier one', () => {
    const note = { en: 'Found safe.' };

    expect(followUpFacts(alert, update, 'correction', { note }).note).toEqual(note);
    expect(followUpFacts(alert, update, 'all-clear', { note }).note).toEqual(note);
  });
});
