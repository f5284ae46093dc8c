import type { AuditEntry, Broadcast, DispatchSummary } from '../../shared/domain/broadcast.js';
import { ConflictError, NotFoundError } from '../../shared/domain/errors.js';
import type { Incident, IncidentRecord } from '../../shared/domain/incident.js';
import type { BroadcastRepository, IncidentRepository, Page } from '../../shared/ports/repositories.js';

/**
 * The incident and broadcast repositories in memory, for use-case tests. They keep the DynamoDB
 * adapters' rules that use cases rely on: conditional transitions (a lost race is a ConflictError),
 * the audit entry appended with each change, and copies in and out, so a caller that edits what it
 * read changes nothing stored.
 */

const copy = <T>(value: T): T => structuredClone(value);

/** Newest first by (createdAt, id), as the incidents index returns them. */
const newestFirst = (a: Incident, b: Incident) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

export class MemoryIncidentRepository implements IncidentRepository {
  readonly items = new Map<string, IncidentRecord>();

  async create(incident: Incident, audit: AuditEntry): Promise<void> {
    if (this.items.has(incident.id)) throw new ConflictError(`incident ${incident.id} already exists`);
    this.items.set(incident.id, { ...copy(incident), history: [copy(audit)] });
  }

  async get(id: string): Promise<IncidentRecord | undefined> {
    const item = this.items.get(id);
    return item ? copy(item) : undefined;
  }

  /** The cursor is the position after which the next page starts: `<createdAt>#<id>`. */
  async list({ limit, cursor }: { limit: number; cursor?: string }): Promise<Page<IncidentRecord>> {
    const sorted = [...this.items.values()].sort(newestFirst);
    const start = cursor ? sorted.findIndex((i) => `${i.createdAt}#${i.id}` < cursor) : 0;
    const rest = start < 0 ? [] : sorted.slice(start);
    const items = rest.slice(0, limit).map(copy);
    const last = items.at(-1);
    return rest.length > limit && last ? { items, cursor: `${last.createdAt}#${last.id}` } : { items };
  }

  cursorAfter(incident: Incident): string {
    return `${incident.createdAt}#${incident.id}`;
  }

  async close(id: string, audit: AuditEntry): Promise<void> {
    const item = this.items.get(id);
    if (item?.state !== 'OPEN') return;
    item.state = 'CLOSED';
    item.history.push(copy(audit));
  }
}

export class MemoryBroadcastRepository implements BroadcastRepository {
  readonly items = new Map<string, Broadcast>();
  /** Ids on the reconciler's list (the DISPATCH#OPEN index). */
  private readonly open = new Set<string>();

  async create(broadcast: Broadcast): Promise<void> {
    if (this.items.has(broadcast.id)) throw new ConflictError(`broadcast ${broadcast.id} already exists`);
    this.items.set(broadcast.id, copy(broadcast));
  }

  async get(id: string): Promise<Broadcast | undefined> {
    const item = this.items.get(id);
    return item ? copy(item) : undefined;
  }

  async listByIncident(incidentId: string): Promise<Broadcast[]> {
    return [...this.items.values()]
      .filter((b) => b.incidentId === incidentId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map(copy);
  }

  async approve(id: string, approval: NonNullable<Broadcast['approval']>, audit: AuditEntry) {
    const item = this.pending(id, approval.contentHash);
    Object.assign(item, { status: 'APPROVED', approval: copy(approval) });
    item.history.push(copy(audit));
    this.open.add(id);
    return copy(item);
  }

  async reject(id: string, rejection: NonNullable<Broadcast['rejection']>, audit: AuditEntry) {
    const item = this.pending(id);
    Object.assign(item, { status: 'REJECTED', rejection: copy(rejection) });
    item.history.push(copy(audit));
    return copy(item);
  }

  async markPlanned(id: string, at: string): Promise<void> {
    const item = this.items.get(id);
    if (item?.status === 'APPROVED') item.plannedAt ??= at;
  }

  async recordDispatch(id: string, summary: DispatchSummary, open: boolean): Promise<void> {
    const item = this.items.get(id);
    if (!item || (item.dispatch && item.dispatch.settled > summary.settled)) return;
    item.dispatch = copy(summary);
    if (!open) this.open.delete(id);
  }

  async listDispatching(): Promise<Broadcast[]> {
    return [...this.open].flatMap((id) => {
      const item = this.items.get(id);
      return item ? [copy(item)] : [];
    });
  }

  async listAwaitingApproval(): Promise<Broadcast[]> {
    return [...this.items.values()]
      .filter((b) => b.status === 'PENDING_APPROVAL')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map(copy);
  }

  /** The stored item while it is pending (and has this hash): the adapter's write condition. */
  private pending(id: string, contentHash?: string): Broadcast {
    const item = this.items.get(id);
    if (!item) throw new NotFoundError(`broadcast ${id} not found`);
    if (item.status !== 'PENDING_APPROVAL') throw new ConflictError(`broadcast is already ${item.status}`);
    if (contentHash !== undefined && item.contentHash !== contentHash)
      throw new ConflictError('the content changed since it was previewed');
    return item;
  }
}
