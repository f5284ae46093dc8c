import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../shared/domain/errors.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { saveAfterActionNotes } from '../../../shared/use-cases/after-action-reports.js';
import { MemoryAfterActionStore } from '../../support/memory-after-action.js';
import { MemoryIncidentRepository } from '../../support/memory-repositories.js';
import { ManualClock } from '../../support/recording-ports.js';
import { INCIDENT } from './report-fixtures.js';

const chloe: Principal = { id: 'comms.chloe', roles: ['comms'] };
const ada: Principal = { id: 'inspector.ada', roles: ['inspector'] };
const notes = {
  incidentId: INCIDENT.id,
  strengths: 'The correction went out within the hour.',
  improvements: 'The first alert named the wrong street.',
  actions: [{ what: 'Add a street check to the template', owner: 'Comms lead', due: '2027-01-15' }],
};

async function deps() {
  const incidents = new MemoryIncidentRepository();
  const { history, ...incident } = INCIDENT;
  await incidents.create(incident, history[0] as never);
  return { incidents, afterAction: new MemoryAfterActionStore(), clock: new ManualClock() };
}

describe('saving after-action findings', () => {
  it('keeps what comms staff wrote as revision 1, with who and when in its history', async () => {
    const d = await deps();

    const saved = await saveAfterActionNotes(d, chloe, { ...notes, revision: 0 });

    expect(saved).toMatchObject({ revision: 1, updatedBy: 'comms.chloe', actions: notes.actions });
    expect(saved.history).toEqual([
      expect.objectContaining({ actor: 'comms.chloe', from: null, to: 'revision 1' }),
    ]);
  });

  it('refuses a save from a stale revision and keeps the first writer’s text', async () => {
    const d = await deps();
    await saveAfterActionNotes(d, chloe, { ...notes, revision: 0 });

    await expect(
      saveAfterActionNotes(d, chloe, { ...notes, strengths: 'Other', revision: 0 }),
    ).rejects.toThrow(ConflictError);
    expect((await d.afterAction.get(INCIDENT.id))?.strengths).toBe(notes.strengths);
  });

  it('refuses an inspector and stores nothing', async () => {
    const d = await deps();

    await expect(saveAfterActionNotes(d, ada, { ...notes, revision: 0 })).rejects.toThrow(ForbiddenError);
    expect(await d.afterAction.get(INCIDENT.id)).toBeUndefined();
  });

  it('refuses a phone number or an e-mail address in the findings, naming the field', async () => {
    const d = await deps();

    const refused = saveAfterActionNotes(d, chloe, {
      ...notes,
      improvements: 'Call the witness on 416-555-0199',
      actions: [{ what: 'Write to pat@example.org', owner: 'Comms', due: '2027-01-15' }],
      revision: 0,
    });

    await expect(refused).rejects.toThrow(ValidationError);
    const issues = await refused.catch((e: ValidationError) => e.issues.map((i) => i.path.join('.')));
    expect(issues).toEqual(['actions.0.what', 'improvements']);
    expect(await d.afterAction.get(INCIDENT.id)).toBeUndefined();
  });

  it('refuses an impossible due date and an action without an owner', async () => {
    const d = await deps();

    const refused = saveAfterActionNotes(d, chloe, {
      ...notes,
      actions: [{ what: 'Something', owner: ' ', due: '2027-02-30' }],
      revision: 0,
    });

    const issues = await refused.catch((e: ValidationError) => e.issues.map((i) => i.path.join('.')));
    expect(issues).toEqual(['actions.0.owner', 'actions.0.due']);
  });

  it('says the incident does not exist rather than keeping findings for nothing', async () => {
    const d = await deps();

    await expect(
      saveAfterActionNotes(d, chloe, { ...notes, incidentId: 'inc_0000000000zzzzzzzzzzzzzz', revision: 0 }),
    ).rejects.toThrow(NotFoundError);
  });
});
