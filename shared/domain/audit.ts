/**
 * One state change, appended to the changed item's own `history` in the same conditional write
 * (D1): incidents, broadcasts, deliveries, templates and resources each keep theirs.
 */
export interface AuditEntry {
  at: string;
  actor: string;
  from: string | null;
  to: string;
  reason?: string;
  /** Set when the author approved their own broadcast through break-glass. */
  breakGlass?: boolean;
  /** Set when a reviewer rejected the broadcast back to its author for edit (`reason` says what). */
  returned?: boolean;
}
