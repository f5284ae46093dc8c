import { describe, expect, it } from 'vitest';
import { isCurrent, isLive, toPublicIncident } from '../../../shared/domain/public-alert.js';
import { approvedBroadcast } from '../../fixtures/broadcast.js';
import { bilingualBroadcast, incident } from '../../fixtures/public-alert.js';

const NOW = new Date('2026-11-22T12:00:00.000Z');

describe('the public record of an incident', () => {
  it('holds only approved broadcasts, oldest approval first, with the latest as current', () => {
    const chain = toPublicIncident(
      incident(),
      [
        bilingualBroadcast('bc_b', '2026-11-22T11:00:00.000Z', {
          kind: 'update',
          msgType: 'Update',
          follows: 'bc_a',
        }),
        bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z'),
        approvedBroadcast({ id: 'bc_pending', status: 'PENDING_APPROVAL' }),
        approvedBroadcast({ id: 'bc_rejected', status: 'REJECTED' }),
      ],
      NOW,
    );
    expect(chain?.notices.map((n) => n.id)).toEqual(['bc_a', 'bc_b']);
    expect(chain?.current.id).toBe('bc_b');
    expect(chain?.state).toBe('updated');
    expect(chain?.updatedAt).toBe('2026-11-22T11:00:00.000Z');
  });

  it('is absent while nothing has been approved', () => {
    expect(
      toPublicIncident(incident(), [approvedBroadcast({ status: 'PENDING_APPROVAL' })], NOW),
    ).toBeUndefined();
  });

  it('carries the approved text without its headline or resources section', () => {
    const chain = toPublicIncident(incident(), [bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z')], NOW);
    const fr = chain?.current.languages.find((l) => l.language === 'fr');
    expect(fr?.bodyHtml).toBe('<p>Police sur la rue Main &lt;b&gt;.</p>');
    expect(fr?.instruction).toBe('Évitez le secteur.');
  });

  it.each([
    ['correction', 'corrected'],
    ['cancel', 'cancelled'],
    ['all-clear', 'all-clear'],
  ] as const)('is %s -> %s by its latest broadcast', (kind, state) => {
    const chain = toPublicIncident(
      incident(),
      [
        bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z'),
        bilingualBroadcast('bc_b', '2026-11-22T11:00:00.000Z', { kind, follows: 'bc_a' }),
      ],
      NOW,
    );
    expect(chain?.state).toBe(state);
    expect(chain && isCurrent(chain)).toBe(kind === 'correction');
  });

  it('is expired once past its expiry, and no longer current', () => {
    const chain = toPublicIncident(
      incident({ expiresAt: '2026-11-22T11:30:00.000Z' }),
      [bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z')],
      NOW,
    );
    expect(chain?.state).toBe('expired');
    expect(chain?.updatedAt).toBe('2026-11-22T11:30:00.000Z');
    expect(chain && isCurrent(chain)).toBe(false);
  });

  it('is live only for Actual incidents', () => {
    const exercise = toPublicIncident(
      incident({ status: 'Exercise' }),
      [bilingualBroadcast('bc_a', '2026-11-22T10:00:00.000Z')],
      NOW,
    );
    expect(exercise && isLive(exercise)).toBe(false);
  });
});
