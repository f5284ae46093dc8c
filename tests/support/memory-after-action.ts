import type { AfterActionNotes } from '../../shared/domain/after-action-notes.js';
import type { AuditEntry } from '../../shared/domain/audit.js';
import { ConflictError } from '../../shared/domain/errors.js';
import type { AfterActionStore } from '../../shared/ports/after-action.js';

/** The after-action findings in memory, with the DynamoDB adapter's revision rule. */
export class MemoryAfterActionStore implements AfterActionStore {
  readonly items = new Map<string, AfterActionNotes>();

  async get(incidentId: string): Promise<AfterActionNotes | undefined> {
    const item = this.items.get(incidentId);
    return item ? structuredClone(item) : undefined;
  }

  async save(
    seen: number,
    notes: Pick<AfterActionNotes, 'incidentId' | 'strengths' | 'improvements' | 'actions'>,
    audit: AuditEntry,
  ): Promise<AfterActionNotes> {
    const stored = this.items.get(notes.incidentId);
    if ((stored?.revision ?? 0) !== seen)
      throw new ConflictError('someone else saved this report since you opened it');
    const saved: AfterActionNotes = {
      incidentId: notes.incidentId,
      strengths: notes.strengths,
      improvements: notes.improvements,
      actions: structuredClone(notes.actions),
      revision: seen + 1,
      updatedAt: audit.at,
      updatedBy: audit.actor,
      history: [...(stored?.history ?? []), structuredClone(audit)],
    };
    this.items.set(notes.incidentId, saved);
    return structuredClone(saved);
  }
}
