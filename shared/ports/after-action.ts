import type { AfterActionNotes } from '../domain/after-action-notes.js';
import type { AuditEntry } from '../domain/audit.js';

/**
 * The findings and corrective actions of incidents' after-action reports, kept beside each
 * incident (docs/architecture.md D33). Writes are conditional on the revision the writer read:
 * someone else's save in between is a ConflictError, never a lost edit.
 */
export interface AfterActionStore {
  /** Undefined while nobody has written anything for this incident. */
  get(incidentId: string): Promise<AfterActionNotes | undefined>;
  /**
   * Writes `notes` as revision `seen + 1`, only while the stored revision is `seen` (0: none
   * stored yet), appending `audit` to its history in the same write.
   */
  save(
    seen: number,
    notes: Pick<AfterActionNotes, 'incidentId' | 'strengths' | 'improvements' | 'actions'>,
    audit: AuditEntry,
  ): Promise<AfterActionNotes>;
}
