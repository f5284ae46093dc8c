import type { AuditEntry } from '../domain/broadcast.js';
import type { Resource, ResourceContent } from '../domain/resource.js';

/**
 * The resource library. The sample library Herald ships with is served as revision 0 until comms
 * staff change an entry; every write is conditional on the revision the writer read.
 */
export interface ResourceRepository {
  list(): Promise<Resource[]>;
  get(id: string): Promise<Resource | undefined>;
  /** Creates the entry (revision 0 seen, or a new id) or replaces it. */
  save(
    seen: Resource | { id: string; revision: 0 },
    content: ResourceContent,
    /** When and by whom (the id, and the display name beside it: D36). */
    change: Pick<AuditEntry, 'at' | 'actor' | 'actorName'>,
    audit: AuditEntry,
  ): Promise<Resource>;
}
