import { describe, expect, it } from 'vitest';
import {
  type ApprovalRequest,
  assertCanReject,
  decideApproval,
  returnedForEdit,
} from '../../../shared/domain/approval-policy.js';
import type { Broadcast } from '../../../shared/domain/broadcast.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  ValidationError,
} from '../../../shared/domain/errors.js';
import type { Incident } from '../../../shared/domain/incident.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { CapSeverity, CapUrgency } from '../../../shared/domain/vocabulary.js';

const HASH = `sha256:${'a'.repeat(64)}`;
const OTHER_HASH = `sha256:${'b'.repeat(64)}`;
const NOW = new Date('2026-11-22T10:00:00.000Z');

const author: Principal = { id: 'inspector.ada', roles: ['inspector'] };
const secondInspector: Principal = { id: 'inspector.ben', roles: ['inspector'] };
const commsOfficer: Principal = { id: 'comms.cleo', roles: ['comms'] };
const adminOnly: Principal = { id: 'admin.dan', roles: ['admin'] };
const nobody: Principal = { id: 'guest.eve', roles: [] };

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc_0000000000aaaaaaaaaaaaaaaa',
    category: 'weapons-call',
    status: 'Actual',
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Observed',
    areas: ['14'],
    citywide: false,
    languages: ['en'],
    facts: { location: 'Jane St and Finch Ave' },
    expiresAt: '2026-11-22T14:00:00.000Z',
    createdAt: '2026-11-22T09:55:00.000Z',
    createdBy: author.id,
    state: 'OPEN',
    ...overrides,
  };
}

function pendingBroadcast(overrides: Partial<Broadcast> = {}): Broadcast {
  const id = 'bc_0000000000aaaaaaaaaaaaaaaa';
  const link = `https://alerts.example.org/b/${id}`;
  return {
    id,
    incidentId: 'inc_0000000000aaaaaaaaaaaaaaaa',
    category: 'weapons-call',
    severity: 'Severe',
    kind: 'alert',
    msgType: 'Alert',
    status: 'PENDING_APPROVAL',
    authorId: author.id,
    createdAt: '2026-11-22T09:59:00.000Z',
    content: {
      status: 'Actual',
      msgType: 'Alert',
      kind: 'alert',
      link,
      xThread: [`Police at Jane St. Avoid the area. ${link}`],
      templates: [{ language: 'en', id: 'weapons-call', version: 1 }],
      resources: [],
      languages: {},
    },
    contentHash: HASH,
    audience: { accounts: ['div-14'], topics: ['area-14-en'], citywide: false, sandbox: false },
    targets: [
      { channel: 'x', target: 'div-14' },
      { channel: 'sns', target: 'area-14-en', language: 'en' },
    ],
    history: [],
    ...overrides,
  };
}

function approval(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    broadcast: pendingBroadcast(),
    incident: incident(),
    approver: secondInspector,
    contentHash: HASH,
    now: NOW,
    ...overrides,
  };
}

const breakGlassReason = 'shots fired, no second inspector reachable';
const extremeAndImmediate = incident({ severity: 'Extreme', urgency: 'Immediate' });

describe('approving a broadcast', () => {
  describe('by a second person', () => {
    it('lets a second inspector approve', () => {
      expect(decideApproval(approval({ approver: secondInspector }))).toEqual({ breakGlass: false });
    });

    it('lets a comms officer approve', () => {
      expect(decideApproval(approval({ approver: commsOfficer }))).toEqual({ breakGlass: false });
    });

    it('does not flag break-glass when someone else approves with a reason', () => {
      const decision = decideApproval(
        approval({ approver: secondInspector, incident: extremeAndImmediate, breakGlassReason }),
      );

      expect(decision).toEqual({ breakGlass: false });
    });

    it('refuses a user who is only an admin', () => {
      expect(() => decideApproval(approval({ approver: adminOnly }))).toThrow(ForbiddenError);
    });

    it('refuses a user with no role', () => {
      expect(() => decideApproval(approval({ approver: nobody }))).toThrow(ForbiddenError);
    });
  });

  describe('by the author', () => {
    it('refuses the author without break-glass', () => {
      expect(() => decideApproval(approval({ approver: author }))).toThrow(ForbiddenError);
    });

    it('knows the author by the subject id, whatever display name either carries (D36)', () => {
      const renamedAuthor: Principal = { ...author, name: 'Ada Okafor-Smith' };
      const namesake: Principal = { ...secondInspector, name: 'Ada Okafor-Smith' };
      const named = pendingBroadcast({
        history: [
          {
            at: NOW.toISOString(),
            actor: author.id,
            actorName: 'Ada Okafor-Smith',
            from: null,
            to: 'PENDING_APPROVAL',
          },
        ],
      });

      expect(() => decideApproval(approval({ broadcast: named, approver: renamedAuthor }))).toThrow(
        ForbiddenError,
      );
      expect(decideApproval(approval({ broadcast: named, approver: namesake }))).toEqual({
        breakGlass: false,
      });
    });

    it('refuses the author without a reason even for an Extreme and Immediate incident', () => {
      expect(() => decideApproval(approval({ approver: author, incident: extremeAndImmediate }))).toThrow(
        ForbiddenError,
      );
    });

    it('refuses the author with an empty reason', () => {
      expect(() =>
        decideApproval(approval({ approver: author, incident: extremeAndImmediate, breakGlassReason: '' })),
      ).toThrow(ForbiddenError);
    });

    it('lets the author break glass for an Extreme and Immediate incident, flagged for review', () => {
      const decision = decideApproval(
        approval({ approver: author, incident: extremeAndImmediate, breakGlassReason }),
      );

      expect(decision).toEqual({ breakGlass: true });
    });

    const notUrgentEnough: { severity: CapSeverity; urgency: CapUrgency }[] = [
      { severity: 'Extreme', urgency: 'Expected' },
      { severity: 'Extreme', urgency: 'Future' },
      { severity: 'Severe', urgency: 'Immediate' },
      { severity: 'Moderate', urgency: 'Immediate' },
      { severity: 'Minor', urgency: 'Unknown' },
    ];

    it.each(notUrgentEnough)(
      'refuses break-glass for a $severity and $urgency incident',
      ({ severity, urgency }) => {
        const request = approval({
          approver: author,
          incident: incident({ severity, urgency }),
          breakGlassReason,
        });

        expect(() => decideApproval(request)).toThrow(ForbiddenError);
      },
    );

    it('refuses break-glass to an author who may not approve at all', () => {
      const adminAuthor: Principal = { id: author.id, roles: ['admin'] };

      expect(() =>
        decideApproval(approval({ approver: adminAuthor, incident: extremeAndImmediate, breakGlassReason })),
      ).toThrow(ForbiddenError);
    });
  });

  describe('the exact content', () => {
    it('refuses a stale content hash as a conflict', () => {
      const act = () => decideApproval(approval({ contentHash: OTHER_HASH }));

      expect(act).toThrow(ConflictError);
      expect(act).not.toThrow(InvalidTransitionError);
    });

    it('refuses a stale content hash even for a break-glass author', () => {
      const request = approval({
        approver: author,
        incident: extremeAndImmediate,
        breakGlassReason,
        contentHash: OTHER_HASH,
      });

      expect(() => decideApproval(request)).toThrow(ConflictError);
    });
  });

  describe('the state of the broadcast', () => {
    it.each(['APPROVED', 'REJECTED'] as const)('refuses a broadcast already %s', (status) => {
      const act = () => decideApproval(approval({ broadcast: pendingBroadcast({ status }) }));

      expect(act).toThrow(InvalidTransitionError);
      expect(act).toThrow(
        status === 'APPROVED'
          ? 'this broadcast is already approved; nothing to do'
          : 'only a broadcast pending approval can be approved; this one is REJECTED',
      );
    });

    it('reports an invalid transition as a conflict', () => {
      let caught: unknown;
      try {
        decideApproval(approval({ broadcast: pendingBroadcast({ status: 'APPROVED' }) }));
      } catch (error) {
        caught = error;
      }

      expect(caught).toBeInstanceOf(ConflictError);
      expect(caught).toMatchObject({ from: 'APPROVED', to: 'APPROVED' });
    });
  });

  describe('the expiry of the incident', () => {
    it('refuses to approve for an incident that has expired', () => {
      const expired = incident({ expiresAt: '2026-11-22T09:00:00.000Z' });

      expect(() => decideApproval(approval({ incident: expired }))).toThrow(ConflictError);
    });

    it('treats an incident expiring this very millisecond as expired', () => {
      const expiring = incident({ expiresAt: NOW.toISOString() });

      expect(() => decideApproval(approval({ incident: expiring }))).toThrow(ConflictError);
    });

    it('approves for an incident expiring one millisecond later', () => {
      const stillOpen = incident({ expiresAt: new Date(NOW.getTime() + 1).toISOString() });

      expect(decideApproval(approval({ incident: stillOpen }))).toEqual({ breakGlass: false });
    });

    it('refuses break-glass for an expired incident', () => {
      const expired = incident({
        severity: 'Extreme',
        urgency: 'Immediate',
        expiresAt: '2026-11-22T09:00:00Z',
      });

      expect(() =>
        decideApproval(approval({ approver: author, incident: expired, breakGlassReason })),
      ).toThrow(ConflictError);
    });
  });
});

describe('rejecting a broadcast', () => {
  it('lets the author withdraw their own draft', () => {
    expect(() => assertCanReject(pendingBroadcast(), author)).not.toThrow();
  });

  it('lets a second inspector reject', () => {
    expect(() => assertCanReject(pendingBroadcast(), secondInspector)).not.toThrow();
  });

  it('lets a comms officer reject', () => {
    expect(() => assertCanReject(pendingBroadcast(), commsOfficer)).not.toThrow();
  });

  it('refuses a user who is only an admin', () => {
    expect(() => assertCanReject(pendingBroadcast(), adminOnly)).toThrow(ForbiddenError);
  });

  it('refuses a user with no role', () => {
    expect(() => assertCanReject(pendingBroadcast(), nobody)).toThrow(ForbiddenError);
  });

  it.each(['APPROVED', 'REJECTED'] as const)('refuses a broadcast already %s', (status) => {
    const act = () => assertCanReject(pendingBroadcast({ status }), secondInspector);

    expect(act).toThrow(InvalidTransitionError);
    expect(act).toThrow(
      status === 'REJECTED'
        ? 'this broadcast is already rejected; nothing to do'
        : 'only a broadcast pending approval can be rejected; this one is APPROVED',
    );
  });

  it('refuses the author withdrawing a broadcast that is already approved', () => {
    expect(() => assertCanReject(pendingBroadcast({ status: 'APPROVED' }), author)).toThrow(
      InvalidTransitionError,
    );
  });
});

describe('returning a broadcast to its author for edit', () => {
  it('is open to a reviewer', () => {
    expect(() => assertCanReject(pendingBroadcast(), commsOfficer, { returnForEdit: true })).not.toThrow();
  });

  it('is refused to the author, at the returnForEdit field, who may still withdraw', () => {
    const act = () => assertCanReject(pendingBroadcast(), author, { returnForEdit: true });

    expect(act).toThrow(ValidationError);
    try {
      act();
    } catch (error) {
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual([['returnForEdit']]);
    }
    expect(() => assertCanReject(pendingBroadcast(), author, { returnForEdit: false })).not.toThrow();
  });

  it('is refused to an admin, as any rejection is', () => {
    expect(() => assertCanReject(pendingBroadcast(), adminOnly, { returnForEdit: true })).toThrow(
      ForbiddenError,
    );
  });
});

describe('telling whether a broadcast was returned for edit', () => {
  const at = '2026-11-22T10:05:00.000Z';

  it('gives who returned it, when and why', () => {
    const returned = pendingBroadcast({
      status: 'REJECTED',
      rejection: { by: commsOfficer.id, at, reason: 'name the cross street', returned: true },
    });

    expect(returnedForEdit(returned)).toEqual({ by: commsOfficer.id, at, reason: 'name the cross street' });
  });

  it('says nothing of a broadcast turned down or withdrawn', () => {
    const rejected = pendingBroadcast({
      status: 'REJECTED',
      rejection: { by: commsOfficer.id, at, reason: 'duplicate of another alert' },
    });

    expect(returnedForEdit(rejected)).toBeUndefined();
  });

  it('says nothing of a broadcast still pending', () => {
    expect(returnedForEdit(pendingBroadcast())).toBeUndefined();
  });
});
