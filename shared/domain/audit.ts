/**
 * One state change, appended to the changed item's own `history` in the same conditional write
 * (D1): incidents, broadcasts, deliveries, templates and resources each keep theirs.
 */
export interface AuditEntry {
  at: string;
  /** Who: the stable subject id (a Cognito `sub`), or a worker or `system:` name. Compared, never shown alone when a name is known. */
  actor: string;
  /**
   * The actor's display name when the entry was written (D36): what staff read beside the id.
   * Absent on entries written before names were kept, and for workers and the system.
   */
  actorName?: string;
  from: string | null;
  to: string;
  reason?: string;
  /** Set when the author approved their own broadcast through break-glass. */
  breakGlass?: boolean;
  /** Set when a reviewer rejected the broadcast back to its author for edit (`reason` says what). */
  returned?: boolean;
}

/** The actor fields of an audit entry for a staff member: the stable id, and the name beside it. */
export function auditActor(who: {
  id: string;
  name?: string | undefined;
}): Pick<AuditEntry, 'actor' | 'actorName'> {
  return { actor: who.id, ...(who.name && who.name !== who.id ? { actorName: who.name } : {}) };
}

/** What staff read for an entry's actor: its display name, else the id (older entries, workers). */
export function actorLabel(entry: Pick<AuditEntry, 'actor' | 'actorName'>): string {
  return entry.actorName ?? entry.actor;
}

/**
 * The display name a trail knows for a subject id (its latest entry by that id with a name), else
 * the id: for the author, approver or rejecter a broadcast names by id only.
 */
export function nameIn(history: readonly Pick<AuditEntry, 'actor' | 'actorName'>[], id: string): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    if (entry?.actor === id && entry.actorName) return entry.actorName;
  }
  return id;
}
